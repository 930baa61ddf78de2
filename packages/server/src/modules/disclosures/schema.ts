import type { Generated } from 'kysely'
import type { DateString, Defaulted, Timestamp } from '../../db/schema'

/** The disclosures module's own table (migration 0028), merged into the database type. */
export interface DisclosureRequestTable {
  id: Generated<string>
  number: Generated<number>
  person_id: string
  service_task: string
  requester_kind: string
  requester_name: string
  requester_organisation: string | null
  received_on: DateString
  basis: string
  basis_citation: string | null
  consent_id: string | null
  purpose: string
  requested: string
  registered_by: string
  outcome: 'disclose' | 'partly' | 'refuse' | null
  decision_reasons: string | null
  decided_on: DateString | null
  decided_by: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

declare module '../../db/schema' {
  interface DB {
    disclosure_request: DisclosureRequestTable
  }
}
