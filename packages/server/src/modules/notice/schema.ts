import type { Generated } from 'kysely'
import type { DateString, Defaulted, Timestamp } from '../../db/schema'

/** The controller's data protection parameters, one row per organisation (migration 0045). */
export interface DataProtectionSettingsTable {
  organisation_id: string
  controller_address: Defaulted<string>
  controller_email: Defaulted<string>
  controller_phone: Defaulted<string>
  dpo_name: Defaulted<string>
  dpo_email: Defaulted<string>
  dpo_phone: Defaulted<string>
  dpo_address: Defaulted<string>
  rights_contact_fi: Defaulted<string>
  rights_contact_sv: Defaulted<string>
  transfers_fi: Defaulted<string>
  transfers_sv: Defaulted<string>
  security_fi: Defaulted<string>
  security_sv: Defaulted<string>
  version: Defaulted<number>
  updated_by: string | null
  updated_at: Timestamp
}

/** A regular disclosure of a service task's register (migration 0045). */
export interface RegularDisclosureTable {
  id: Generated<string>
  service_task: string
  recipient_fi: string
  recipient_sv: string
  legal_basis_fi: string
  legal_basis_sv: string
  content_fi: string
  content_sv: string
  frequency: 'continuous' | 'daily' | 'monthly' | 'yearly' | 'on_request' | 'per_event'
  /** the output Huoma produces and runs for it (migration 0061); null: not produced by Huoma */
  producer: string | null
  active: Defaulted<boolean>
  version: Defaulted<number>
  created_by: string
  created_at: Timestamp
  updated_by: string | null
  updated_at: Timestamp
}

/** Where paper records of a service task are kept (migration 0045). */
export interface PaperRecordLocationTable {
  id: Generated<string>
  service_task: string
  unit_id: string | null
  place: string
  content: string
  period: string
  responsible: string
  active: Defaulted<boolean>
  version: Defaulted<number>
  created_by: string
  created_at: Timestamp
  updated_by: string | null
  updated_at: Timestamp
}

/** A generated version of the privacy notice (migration 0045; append-only). */
export interface PrivacyNoticeVersionTable {
  number: number
  content: unknown
  content_hash: string
  generated_at: Timestamp
  reason: string
}

/** That a client was informed of the processing (migration 0045). */
export interface ClientProcessingNoticeTable {
  id: Generated<string>
  person_id: string
  service_task: string
  informed_on: DateString
  method: 'in_person' | 'letter' | 'e_service'
  informed_by: string
  notice_version: number | null
  recorded_by: string
  recorded_at: Timestamp
}

declare module '../../db/schema' {
  interface DB {
    data_protection_settings: DataProtectionSettingsTable
    regular_disclosure: RegularDisclosureTable
    paper_record_location: PaperRecordLocationTable
    privacy_notice_version: PrivacyNoticeVersionTable
    client_processing_notice: ClientProcessingNoticeTable
  }
}
