import type { Generated } from 'kysely'
import type { DateString, Defaulted, Json, Timestamp } from '../../db/schema'

/** Child welfare's own tables (migration 0024), merged into the database type. */

export interface CwNotificationTable {
  id: Generated<string>
  intake_id: string
  receipt: string
  kind: 'notification' | 'anticipatory' | 'assessment_request' | 'other'
  channel: 'eform' | 'phone' | 'letter' | 'email' | 'in_person' | 'other'
  reporter_type: string
  reporter_duty: boolean
  reporter_name: string | null
  reporter_organisation: string | null
  reporter_phone: string | null
  reporter_email: string | null
  withhold_identity: Defaulted<boolean>
  received_at: Timestamp
  received_on: DateString
  content: string
  reported_children: Json<{ name: string; birthDate?: string | null; details?: string | null }[]>
  family: string | null
  urgency: 'urgent' | 'not_urgent' | null
  urgency_reason: string | null
  urgency_by: string | null
  urgency_at: Date | null
  closed_reason: string | null
  registered_by: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

export interface CwMatterTable {
  id: Generated<string>
  notification_id: string
  person_id: string
  pending_on: DateString
  state: Defaulted<'pending' | 'assessment' | 'closed'>
  start_decision: 'start' | 'no_assessment' | 'already_client' | null
  start_decided_on: DateString | null
  start_reasons: string | null
  start_decided_by: string | null
  responsible_user_id: string | null
  informed_on: DateString | null
  informed_method: 'letter' | 'in_person' | 'phone' | 'electronic' | null
  informed_note: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

declare module '../../db/schema' {
  interface DB {
    cw_notification: CwNotificationTable
    cw_matter: CwMatterTable
  }
}
