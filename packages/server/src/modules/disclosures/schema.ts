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

/** An outgoing information request to another authority (migration 0030). */
export interface InformationRequestTable {
  id: Generated<string>
  person_id: string
  service_task: string
  authority: string
  basis: 'client_act_20' | 'child_welfare_act_41' | 'consent' | 'other_act'
  basis_citation: string | null
  asked: string
  sent_on: DateString
  sent_by: string
  answered_on: DateString | null
  obtained: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

/** A run of a regular disclosure (migration 0061): one per definition and period, with the file it produced. */
export interface RegularDisclosureRunTable {
  id: Generated<string>
  number: Generated<number>
  regular_disclosure_id: string
  producer: string
  period_start: DateString
  period_end: DateString
  trigger: 'job' | 'manual'
  run_by: string | null
  ran_at: Timestamp
  included: number
  records: number
  left_out_restricted: number
  left_out_banned: number
  left_out_no_identity: number
  file_name: string
  media_type: string
  file: Buffer
  file_sha256: string
  /** lines of destroyed clients taken out of the kept file (0066) */
  destroyed_rows: Generated<number>
}

declare module '../../db/schema' {
  interface DB {
    regular_disclosure_run: RegularDisclosureRunTable
    information_request: InformationRequestTable
    disclosure_request: DisclosureRequestTable
  }
}
