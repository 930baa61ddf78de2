import type { Generated } from 'kysely'
import type { DateString, Defaulted, Timestamp } from '../../db/schema'

/** The client's requests about their data (migration 0031), merged into the database type. */
export interface RightsRequestTable {
  id: Generated<string>
  number: Generated<number>
  person_id: string
  kind: 'access' | 'rectification' | 'restriction' | 'erasure' | 'log'
  requester_kind: 'client' | 'guardian' | 'representative'
  requester_id: string | null
  channel: 'in_person' | 'letter' | 'e_service' | 'secure_email'
  identity_check: 'identity_document' | 'strong_electronic' | 'signed_letter_verified' | 'known_in_person'
  identity_checked_by: string
  received_on: DateString
  due_on: DateString
  extended_to: DateString | null
  extension_reason: string | null
  extension_notice_on: DateString | null
  service_tasks: Defaulted<string[]>
  period_from: DateString | null
  period_to: DateString | null
  details: string
  language: 'fi' | 'sv'
  registered_by: string
  state: Defaulted<'open' | 'decided' | 'withdrawn'>
  decision_id: string | null
  withdrawn_on: DateString | null
  version: Defaulted<number>
  created_at: Timestamp
}

declare module '../../db/schema' {
  interface DB {
    rights_request: RightsRequestTable
  }
}
