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

export interface CwAssessmentTable {
  matter_id: string
  person_id: string
  child_views: string
  guardian_views: string
  summary: string
  conclusion: 'client' | 'not_client'
  completed_on: DateString
  completed_by: string
  created_at: Timestamp
}

export type PlacementFormColumn = 'family_care' | 'professional_family_home' | 'institution' | 'kinship_care' | 'other'

export interface CwPlacementTable {
  id: Generated<string>
  person_id: string
  basis: 'open_care' | 'urgent' | 'care_order' | 'after_care'
  decision_id: string
  form: PlacementFormColumn
  provider_id: string | null
  place_name: string | null
  reasons: Defaulted<string[]>
  starts_on: DateString
  ends_on: DateString | null
  extension_decision_id: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

export interface CwCourtApplicationTable {
  id: Generated<string>
  number: Generated<number>
  person_id: string
  unit_id: string
  prepared_on: DateString
  prepared_by: string
  positions: Json<{ personId: string; role: 'guardian' | 'child'; position: 'consent' | 'objection' | 'not_heard'; heardOn: string | null; note: string | null }[]>
  reasons: string
  form: PlacementFormColumn
  provider_id: string | null
  place_name: string | null
  language: 'fi' | 'sv'
  filed_on: DateString | null
  created_at: Timestamp
}

declare module '../../db/schema' {
  interface DB {
    cw_assessment: CwAssessmentTable
    cw_placement: CwPlacementTable
    cw_court_application: CwCourtApplicationTable
  }
}

export interface CwPlanTable {
  id: Generated<string>
  person_id: string
  kind: 'child' | 'parents'
  replaces_id: string | null
  goals: string
  measures: string
  child_views: string | null
  parent_views: string | null
  made_on: DateString
  made_by: string
  review_by: DateString
  created_at: Timestamp
}

declare module '../../db/schema' {
  interface DB {
    cw_plan: CwPlanTable
  }
}

export interface CwSupportMeasureTable {
  id: Generated<string>
  person_id: string
  phase: 'open_care' | 'after_care'
  decision_id: string
  code: string
  granted: boolean
  description: string
  starts_on: DateString
  ends_on: DateString | null
  placement_id: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

declare module '../../db/schema' {
  interface DB {
    cw_support_measure: CwSupportMeasureTable
  }
}
