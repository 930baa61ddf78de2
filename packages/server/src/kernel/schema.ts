import type { Generated } from 'kysely'
import type { DateString, Defaulted, Json, Timestamp } from '../db/schema'

/** The case kernel's tables (migration 0018), merged into the database type. */

export type AppealRouteColumn = 'review_request' | 'administrative_court' | 'none'
export type NotificationMethodColumn = 'post' | 'in_person' | 'electronic'

export interface DecisionTable {
  id: Generated<string>
  number: Generated<number>
  decision_type: string
  service_task: string
  person_id: string
  unit_id: string
  subject_id: string | null
  corrects_id: string | null
  decided_on: DateString
  decided_at: Timestamp
  decision_maker_id: string
  maker_qualification: string | null
  language: 'fi' | 'sv'
  appeal_route: AppealRouteColumn
  appeal_days: number | null
  outcome: string
  reasons: string
  items: Json<unknown>
}

export interface DecisionNotificationTable {
  decision_id: string
  method: NotificationMethodColumn
  sent_on: DateString | null
  notified_on: DateString
  recorded_by: string
  recorded_at: Timestamp
}

export interface ProviderTable {
  id: Generated<string>
  number: Generated<number>
  name: string
  business_id: string | null
  iban: string | null
  bic: string | null
  street: string | null
  postal_code: string | null
  post_office: string | null
  email: string | null
  phone: string | null
  service_types: string[]
  valid_from: DateString
  valid_until: DateString | null
  version: Defaulted<number>
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ProviderHistoryTable {
  id: Generated<number>
  provider_id: string
  version: number
  snapshot: Json<unknown>
  changed_by: string | null
  changed_at: Timestamp
}

export type DeadlineStateColumn = 'open' | 'paused' | 'met' | 'cancelled'
export type DeadlineEventKind = 'started' | 'moved' | 'paused' | 'resumed' | 'met' | 'missed' | 'cancelled' | 'assigned'

export interface DeadlineTable {
  id: Generated<string>
  kind: string
  service_task: string
  unit_id: string
  person_id: string | null
  responsible_user_id: string | null
  subject_id: string
  legal_basis: string
  start_event: string
  started_on: DateString
  due_on: DateString
  rule: string
  urgent: Defaulted<boolean>
  state: Defaulted<DeadlineStateColumn>
  met_on: DateString | null
  missed_on: DateString | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface DeadlineEventTable {
  id: Generated<number>
  deadline_id: string
  event: DeadlineEventKind
  on_date: DateString
  due_before: DateString | null
  due_after: DateString | null
  reason: string | null
  by_user: string | null
  at: Timestamp
}

export interface DeadlineReminderTable {
  id: Generated<number>
  deadline_id: string
  kind: 'upcoming' | 'overdue'
  due_on: DateString
  user_id: string | null
  created_at: Timestamp
  read_at: Date | null
}

export interface IntakeTable {
  id: Generated<string>
  number: Generated<number>
  kind: string
  service_task: string
  unit_id: string
  received_at: Timestamp
  state: Defaulted<'open' | 'closed'>
  closed_on: DateString | null
  created_by: string | null
  created_at: Timestamp
}

export interface IntakePersonTable {
  intake_id: string
  person_id: string
  role: string
}

/** A minor's prohibition to disclose to a guardian (asiakaslaki 11 §; migration 0027). */
export interface MinorDisclosureBanTable {
  id: Generated<string>
  person_id: string
  service_task: string | null
  guardian_id: string | null
  scope: 'all' | 'child_views'
  child_statement: string
  maturity_assessment: string
  recorded_on: DateString
  recorded_by: string
  lifted_on: DateString | null
  lifted_by: string | null
  lift_reason: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

/** The client's consents and bans (migration 0028). */
export interface ConsentTable {
  id: Generated<string>
  person_id: string
  kind: 'consent' | 'ban'
  recipient: string | null
  purpose: string
  data_scope: string | null
  ban_purpose: 'genealogy' | 'register_research' | null
  service_tasks: Defaulted<string[]>
  given_by: string | null
  form: 'written' | 'oral' | 'electronic'
  given_on: DateString
  valid_until: DateString | null
  recorded_by: string
  revoked_on: DateString | null
  revoked_by: string | null
  revoke_note: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

/** The disclosure log (migration 0028): every disclosure of a client's data, requested or regular. */
export interface DisclosureLogTable {
  id: Generated<string>
  person_id: string
  service_task: string
  request_id: string | null
  recipient: string
  basis: string
  basis_citation: string | null
  what: string
  method: 'secure_email' | 'post' | 'in_person' | 'interface' | 'phone'
  disclosed_on: DateString
  disclosed_by: string | null
  /** the run of a regular disclosure that sent it (migration 0061); null: a decided request or by hand */
  regular_run_id: string | null
  created_at: Timestamp
}

/** A restriction of processing (migration 0031): outputs of the client's data are refused while it stands. */
export interface ProcessingRestrictionTable {
  id: Generated<string>
  person_id: string
  service_tasks: Defaulted<string[]>
  grounds: string
  request_id: string | null
  restricted_on: DateString
  restricted_by: string
  lifted_on: DateString | null
  lifted_by: string | null
  lift_note: string | null
  version: Defaulted<number>
  created_at: Timestamp
}

declare module '../db/schema' {
  interface DB {
    processing_restriction: ProcessingRestrictionTable
    consent: ConsentTable
    disclosure_log: DisclosureLogTable
    minor_disclosure_ban: MinorDisclosureBanTable
    decision: DecisionTable
    decision_notification: DecisionNotificationTable
    provider: ProviderTable
    provider_history: ProviderHistoryTable
    deadline: DeadlineTable
    deadline_event: DeadlineEventTable
    deadline_reminder: DeadlineReminderTable
    intake: IntakeTable
    intake_person: IntakePersonTable
  }
}
