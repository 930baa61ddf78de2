import type { ColumnType, Generated } from 'kysely'
import type { AttachmentDocumentType } from '@huoma/domain'

/** Columns the database fills in (defaults); optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** A calendar date as `YYYY-MM-DD` (the pg driver is configured not to turn dates into JS Dates). */
export type DateString = string

/**
 * The tables. Core tables are declared here; the kernel and modules add theirs by declaration merging
 * (`declare module '../db/schema' { interface DB { … } }` in their own schema.ts), so a new module does not
 * edit this file.
 */

export interface OrganisationTable {
  id: Generated<string>
  name: string
  business_id: string
  oid: string | null
  municipality_code: string | null
  created_at: Timestamp
  administrative_court: Defaulted<string>
  administrative_court_sv: Defaulted<string>
  administrative_court_address: Defaulted<string>
}

export interface UnitTable {
  id: Generated<string>
  organisation_id: string
  code: string
  name_fi: string
  name_sv: string
  oid: string | null
  cost_centre: string | null
  active: Defaulted<boolean>
}

export interface ServiceTaskTable {
  code: string
  name_fi: string
  name_sv: string
  name_en: string
  sort_order: number
}

export interface RoleTable {
  code: string
  name_fi: string
  name_sv: string
  name_en: string
  client_content: boolean
}

export interface StaffUserTable {
  id: Generated<string>
  username: string
  display_name: string
  email: string | null
  language: Defaulted<'fi' | 'sv' | 'en'>
  password_hash: string | null
  password_changed_at: Date | null
  active: Defaulted<boolean>
  deactivated_at: Date | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Defaulted<number>
  failed_logins: Defaulted<number>
  locked_until: Date | null
  totp_secret: string | null
  totp_enabled_at: Date | null
  mfa_exempt: Defaulted<boolean>
  oidc_subject: string | null
  /** professional qualification recorded by the main user (a decision type may require one) */
  qualification: 'licensed_social_worker' | 'licensed_social_counsellor' | null
  /** the number in Valvira's register of social welfare professionals */
  qualification_register_no: string | null
  /** the main user who created the account (NULL: installation and seed accounts) */
  created_by: string | null
}

export interface StaffGrantTable {
  id: Generated<string>
  user_id: string
  role_code: string
  unit_id: string
  service_tasks: Defaulted<string[]>
  valid_from: DateString
  valid_until: DateString | null
  requested_by: string | null
  granted_by: string | null
  ended_at: Date | null
  created_at: Timestamp
}

export interface PersonTable {
  id: Generated<string>
  hetu: string | null
  temporary_id: string | null
  first_names: string
  last_name: string
  calling_name: string | null
  birth_date: DateString | null
  sex: 'male' | 'female' | null
  death_date: DateString | null
  native_language: string | null
  service_language: Defaulted<'fi' | 'sv' | 'other'>
  marital_status: string | null
  municipality_code: string | null
  turvakielto: Defaulted<boolean>
  phone: string | null
  email: string | null
  iban: string | null
  bic: string | null
  search_name: string
  vtj_checked_at: Date | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Defaulted<number>
  merged_into: string | null
  protected_municipality_code: string | null
}

export interface PersonHistoryTable {
  id: Generated<number>
  person_id: string
  changed_at: Timestamp
  changed_by: string | null
  source: 'user' | 'vtj' | 'merge' | 'create'
  changes: ColumnType<FieldChange[], string, string>
  /** Why (a merge's stated reason); null for ordinary changes. */
  reason: ColumnType<string | null, string | null | undefined, string | null>
}

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}

export interface PersonAddressTable {
  id: Generated<string>
  person_id: string
  kind: 'permanent' | 'temporary' | 'postal' | 'contact'
  street: string
  postal_code: string
  post_office: string
  municipality_code: string | null
  country: Defaulted<string>
  valid_from: DateString | null
  valid_until: DateString | null
}

export interface PersonRelationTable {
  id: Generated<string>
  person_id: string
  related_id: string
  kind: 'parent' | 'guardian' | 'spouse' | 'cohabitant'
  valid_from: DateString | null
  valid_until: DateString | null
}

export interface PersonContactTable {
  id: Generated<string>
  person_id: string
  kind: 'relative' | 'contact_person' | 'edunvalvoja' | 'other_representative'
  name: string
  relation: string | null
  phone: string | null
  email: string | null
  address: string | null
  matters: string | null
  valid_from: DateString | null
  valid_until: DateString | null
  linked_person_id: string | null
  version: Defaulted<number>
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface PersonLifeSituationTable {
  id: Generated<string>
  person_id: string
  housing_kind: 'rental' | 'owner' | 'right_of_occupancy' | 'supported_housing' | 'institution' | 'with_relatives' | 'homeless' | 'other'
  household: string | null
  income_source: 'employment' | 'pension' | 'unemployment_benefit' | 'sickness_benefit' | 'studies' | 'income_support' | 'other' | 'none'
  notes: string | null
  recorded_by: string | null
  recorded_at: Timestamp
}

export interface HouseholdTable {
  id: Generated<string>
  created_at: Timestamp
}

export interface HouseholdMemberTable {
  household_id: string
  person_id: string
  valid_from: DateString
  valid_until: DateString | null
}

export interface StaffRecoveryCodeTable {
  id: Generated<string>
  user_id: string
  code_hash: string
  used_at: Date | null
  created_at: Timestamp
}

export interface StaffSessionTable {
  id: Buffer
  user_id: string
  csrf_token: string
  stage: 'mfa_pending' | 'password_change' | 'active'
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Date
  revoked_at: Date | null
  client_address: string | null
  user_agent: string | null
}

/** A staff user's identity at an OpenID Connect provider (migration 0010). */
export interface StaffUserIdentityTable {
  issuer: string
  subject: string
  user_id: string
  created_at: Timestamp
  last_login_at: Date | null
}

/** A started OpenID Connect sign-in: state, nonce and PKCE verifier, used once (migration 0010). */
export interface OidcLoginFlowTable {
  id: Buffer
  state: string
  nonce: string
  code_verifier: string
  redirect_uri: string
  created_at: Timestamp
  expires_at: Date
}

export interface ClientRelationshipTable {
  id: Generated<string>
  person_id: string
  user_id: string
  service_task: string
  kind: 'responsible' | 'team' | 'task'
  start_date: DateString
  end_date: DateString | null
  opened_by: string | null
  created_at: Timestamp
  start_reason: Defaulted<RelationshipStartReason>
  end_reason: RelationshipEndReason | null
  ended_by: string | null
  /** why a worker opened the relationship for themselves outside their unit's intake (their supervisor sees it) */
  self_reason: string | null
  /** the person's folded name key, kept by triggers (migration 0069): a worker's name search matches it here */
  search_name: Generated<string>
}

export type RelationshipStartReason = 'application' | 'notification' | 'referral' | 'own_initiative' | 'kela_forward' | 'transfer' | 'other'
export type RelationshipEndReason = 'needs_met' | 'moved_away' | 'client_declined' | 'transferred' | 'deceased' | 'age_limit' | 'other'

export interface BreakGlassTable {
  id: Generated<string>
  user_id: string
  person_id: string
  service_task: string
  reason: string
  created_at: Timestamp
  expires_at: Date
  reviewed_by: string | null
  reviewed_at: Date | null
  verdict: 'justified' | 'unjustified' | 'needs_follow_up' | null
  review_note: string | null
}

export type AuditActionKind = 'view' | 'insert' | 'update' | 'delete' | 'print' | 'export' | 'disclose' | 'search' | 'security'

export interface AuditLogTable {
  /** From the sequence audit_log_id_seq. */
  id: ColumnType<number, never, never>
  occurred_at: ColumnType<Date, Date | undefined, never>
  user_id: string | null
  role_code: string | null
  unit_id: string | null
  client_ids: ColumnType<string[], string[] | undefined, never>
  data_group: string
  action: AuditActionKind
  event: string
  basis: string | null
  ref_id: string | null
  outcome: 'success' | 'denied' | 'failure'
  request_id: string | null
  client_address: string | null
}

export interface AuditChainHeadTable {
  id: number
  /** The last sealed position of the chain (audit_seal). */
  last_position: number
  last_hash: Buffer
}

/** One client an audit row names (filled by the insert trigger; the "who processed client X" index). */
export interface AuditClientTable {
  client_id: string
  audit_id: number
  occurred_at: Date
}

/** The hash chain: position n holds sha256(canonical(audit row) || hash of position n-1). Written by the sealer. */
export interface AuditSealTable {
  position: number
  audit_id: number
  hash: Buffer
}

export interface AuditPendingTable {
  audit_id: number
  /** The row's time (0058): the sealer reads only the months of the rows it seals. */
  occurred_at: Date
}

/** A month of the audit log detached for cold storage (0058; access/audit-partitions.ts). Append-only. */
export interface AuditDetachedTable {
  /** The month's first day. */
  month: Date
  log_table: string
  client_table: string
  range_from: Date
  range_to: Date
  row_count: number
  client_rows: number
  first_position: number | null
  last_position: number | null
  last_hash: Buffer | null
  min_audit_id: number | null
  max_audit_id: number | null
  forced: boolean
  detached_at: Date
  detached_by: string
}

/** A seal round's head, signed with the key outside the database (0022; access/audit-anchor.ts). Append-only. */
export interface AuditAnchorTable {
  seq: number
  first_position: number
  last_position: number
  last_audit_id: number
  last_hash: Buffer
  row_count: number
  sealed_at: Date
  key_id: string
  signature: Buffer
}

export interface GrantRequestTable {
  id: Generated<string>
  user_id: string
  role_code: string
  unit_id: string
  service_tasks: Defaulted<string[]>
  valid_from: DateString
  valid_until: DateString | null
  justification: string
  requested_by: string
  requested_at: Timestamp
  decided_by: string | null
  decided_at: Date | null
  decision: 'granted' | 'refused' | null
  grant_id: string | null
}

export interface AuditReviewTable {
  id: Generated<string>
  audit_id: number
  sampled_by: string
  sampled_at: Timestamp
  reviewed_by: string | null
  reviewed_at: Date | null
  verdict: 'justified' | 'unjustified' | 'needs_follow_up' | null
  note: string | null
}

export interface VtjQueryTable {
  id: Generated<string>
  user_id: string | null
  person_id: string | null
  purpose: string
  outcome: string
  queried_at: Timestamp
}

export interface VtjSyncStateTable {
  id: number
  cursor: string | null
  synced_at: Date | null
}

export type JournalEntryType = 'meeting' | 'home_visit' | 'phone_call' | 'measure' | 'negotiation' | 'other'

/** One version of a journal entry (migration 0006_journal): signed rows are immutable (database trigger). */
export interface JournalEntryTable {
  id: Generated<string>
  /** The first version's id; set by the trigger. */
  entry_id: Generated<string>
  /** Paging key of the entry; set by the trigger. */
  entry_no: Generated<number>
  version_no: Generated<number>
  previous_id: string | null
  person_id: string
  service_task: string
  type: JournalEntryType
  event_date: DateString
  event_time: string | null
  staff_participants: Defaulted<string[]>
  other_participants: Defaulted<string[]>
  body: string
  status: Defaulted<'draft' | 'signed'>
  author_id: string
  created_at: Timestamp
  updated_at: Timestamp
  signed_by: string | null
  signed_at: Date | string | null
  correction_reason: string | null
  version: Defaulted<number>
}

export type AttachmentContentType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | 'text/plain'

/** An uploaded file of a client in a service task (migrations 0008_attachments, 0060_attachment_document_type). */
export interface AttachmentTable {
  id: Generated<string>
  person_id: string
  service_task: string
  journal_entry_id: string | null
  file_name: string
  content_type: AttachmentContentType
  /** What the document is (domain ATTACHMENT_DOCUMENT_TYPES; migration 0060). */
  document_type: AttachmentDocumentType
  size_bytes: number
  sha256: Buffer
  storage: 'database' | 'folder'
  content: Buffer | null
  storage_key: string | null
  uploaded_by: string
  uploaded_at: Timestamp
}

export type AppointmentPlace = 'office' | 'home_visit' | 'phone' | 'video'
export type AppointmentCancelReason = 'client_cancelled' | 'worker_unavailable' | 'rescheduled' | 'no_longer_needed' | 'other'

/** A booked or cancelled appointment (migration 0007_appointments): no overlapping booked rows per worker (trigger). */
export interface AppointmentTable {
  id: Generated<string>
  person_id: string
  worker_id: string
  unit_id: string
  service_task: string
  start_at: Date | string
  end_at: Date | string
  place: AppointmentPlace
  status: Defaulted<'booked' | 'cancelled'>
  cancel_reason: AppointmentCancelReason | null
  cancelled_by: string | null
  cancelled_at: Date | string | null
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
  version: Defaulted<number>
}

/** Income support (migration 0009). JSON columns hold contract-shaped documents validated at the edge. */
export type Json<T> = ColumnType<T, string, string>

export interface IncomeSupportParameterSetTable {
  id: Generated<string>
  valid_from: DateString
  valid_until: DateString | null
  body: Json<unknown>
  source: Defaulted<string>
  version: Defaulted<number>
  updated_by: string | null
  updated_at: Timestamp
}

export interface IncomeSupportParameterHistoryTable {
  id: Generated<number>
  set_id: string
  version: number
  change: 'create' | 'update' | 'delete'
  valid_from: DateString
  valid_until: DateString | null
  body: Json<unknown>
  source: string
  changed_by: string | null
  changed_at: Timestamp
}

export interface IncomeSupportApplicationTable {
  id: Generated<string>
  number: Generated<number>
  person_id: string
  unit_id: string
  channel: 'paper' | 'eform' | 'kela'
  kela_case_ref: string | null
  received_on: DateString
  urgent: Defaulted<boolean>
  period_start: DateString
  period_end: DateString
  state: Defaulted<'received' | 'in_preparation' | 'decided' | 'notified'>
  handler_id: string | null
  completion_requested_on: DateString | null
  completion_due_on: DateString | null
  completion_answered_on: DateString | null
  completion_request: string | null
  housing_capped: Defaulted<boolean>
  claims: Json<unknown>
  kela_basic: Json<unknown> | null
  version: Defaulted<number>
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface IncomeSupportMemberTable {
  application_id: string
  person_id: string
  role: 'applicant' | 'spouse' | 'child' | 'adult_child'
  alternating_residence: Defaulted<boolean>
  reduction_percent: Defaulted<number>
  reduction_ground: Defaulted<'refused_work' | 'repeated_refusal' | 'primary_benefit_not_applied' | 'not_registered_jobseeker' | 'unemployment_sanction' | 'integration_plan' | null>
  sanction_month: Defaulted<number | null>
  position: number
}

/** A view: the kernel's decision row and income support's details, read as before (never written). */
export interface IncomeSupportDecisionTable {
  id: string
  number: number
  application_id: string
  person_id: string
  corrects_id: string | null
  decided_on: DateString
  decided_at: Timestamp
  decision_maker_id: string
  language: 'fi' | 'sv'
  period_start: DateString
  period_end: DateString
  calculation: Json<unknown>
  items: Json<unknown>
  reasons: string
  granted_cents: number
  outcome: 'granted' | 'partly_granted' | 'refused'
}

/** Income support's own columns of a decision (the kernel's `decision` row holds the rest). */
export interface IncomeSupportDecisionDetailTable {
  id: string
  application_id: string
  period_start: DateString
  period_end: DateString
  calculation: Json<unknown>
  granted_cents: number
}

export interface PaymentCommitmentTable {
  id: Generated<string>
  number: Generated<number>
  decision_id: string
  person_id: string
  provider_kind: 'pharmacy' | 'funeral' | 'landlord' | 'energy' | 'other'
  provider_name: string
  /** the provider from the register, when the commitment names one */
  provider_id: string | null
  service_task: string
  purpose: string
  valid_from: DateString
  valid_until: DateString
  max_cents: number
  created_at: Timestamp
}

export interface PayableTable {
  id: Generated<string>
  number: Generated<number>
  /** what created the payable: a decision type's source kind (`income_support_decision`, …) or `client_account` */
  source_kind: string
  source_id: string
  source_key: string
  person_id: string
  service_task: string
  unit_id: string
  payee_kind: 'client' | 'provider'
  payee_name: string
  iban: string
  bic: string | null
  amount_cents: number
  due_on: DateString
  reference: string | null
  message: string | null
  state: Defaulted<'open' | 'cancelled' | 'in_batch' | 'paid' | 'returned'>
  /** state = 'open', stored (migration 0073): the open list's index names this, so later state changes are HOT */
  is_open: ColumnType<boolean, never, never>
  cancelled_by_source: string | null
  /** the registered provider paid (payee_kind provider) */
  provider_id: string | null
  /** the payment commitment a provider's bill is paid against */
  commitment_id: string | null
  created_by: string | null
  created_at: Timestamp
}

export type PaymentBatchState = 'draft' | 'approved' | 'sent' | 'accepted' | 'partly_accepted' | 'rejected' | 'closed' | 'cancelled'
export type PaymentItemState = 'pending' | 'accepted' | 'rejected' | 'settled' | 'returned'

export interface PaymentBatchTable {
  id: Generated<string>
  number: Generated<number>
  state: Defaulted<PaymentBatchState>
  version: Defaulted<number>
  unit_id: string | null
  due_from: DateString
  due_to: DateString
  item_count: number
  total_cents: number
  created_by: string
  created_at: Timestamp
  approved_by: string | null
  approved_at: Date | null
  cancelled_by: string | null
  cancelled_at: Date | null
  pain_version: '001.001.09' | '001.001.03' | null
  msg_id: string | null
  file_created_at: Date | null
  sent_at: Date | null
  sent_by: string | null
  bank_status: string | null
}

export interface PaymentItemTable {
  id: Generated<string>
  number: Generated<number>
  batch_id: string
  payable_id: string
  amount_cents: number
  end_to_end_id: string
  execution_on: DateString | null
  state: Defaulted<PaymentItemState>
  cancelled: Defaulted<boolean>
  reason_code: string | null
  reason_text: string | null
  bank_ref: string | null
  settled_on: DateString | null
  returned_on: DateString | null
  updated_at: Timestamp
}

export interface BankImportTable {
  id: Generated<string>
  kind: 'pain002' | 'camt054'
  message_id: string
  sha256: string
  summary: unknown
  imported_by: string
  imported_at: Timestamp
}

export interface BankEntryTable {
  acct_svcr_ref: string
  import_id: string
  payment_item_id: string | null
  effect: 'settled' | 'returned' | 'reversal' | 'unrelated'
  amount_cents: number
  booked_on: DateString | null
}

export interface PaymentAccountTable {
  source_kind: string
  service_task: string
  account: string
  description: string
}

export interface DB {
  organisation: OrganisationTable
  unit: UnitTable
  service_task: ServiceTaskTable
  role: RoleTable
  staff_user: StaffUserTable
  staff_grant: StaffGrantTable
  person: PersonTable
  person_address: PersonAddressTable
  person_relation: PersonRelationTable
  person_contact: PersonContactTable
  person_life_situation: PersonLifeSituationTable
  /** every word of the persons' folded names, once (migration 0057): the vocabulary typo-tolerant search looks up */
  person_name_word: { word: string }
  household: HouseholdTable
  household_member: HouseholdMemberTable
  staff_recovery_code: StaffRecoveryCodeTable
  staff_session: StaffSessionTable
  staff_user_identity: StaffUserIdentityTable
  oidc_login_flow: OidcLoginFlowTable
  client_relationship: ClientRelationshipTable
  break_glass: BreakGlassTable
  audit_log: AuditLogTable
  audit_chain_head: AuditChainHeadTable
  audit_client: AuditClientTable
  audit_seal: AuditSealTable
  audit_pending: AuditPendingTable
  audit_detached: AuditDetachedTable
  audit_anchor: AuditAnchorTable
  grant_request: GrantRequestTable
  audit_review: AuditReviewTable
  person_history: PersonHistoryTable
  vtj_query: VtjQueryTable
  vtj_sync_state: VtjSyncStateTable
  journal_entry: JournalEntryTable
  appointment: AppointmentTable
  attachment: AttachmentTable
  client_account: ClientAccountTable
  client_account_entry: ClientAccountEntryTable
  client_account_reconciliation: ClientAccountReconciliationTable
  income_support_parameter_set: IncomeSupportParameterSetTable
  income_support_parameter_history: IncomeSupportParameterHistoryTable
  income_support_application: IncomeSupportApplicationTable
  income_support_member: IncomeSupportMemberTable
  income_support_decision: IncomeSupportDecisionTable
  income_support_decision_detail: IncomeSupportDecisionDetailTable
  payment_commitment: PaymentCommitmentTable
  payable: PayableTable
  payment_batch: PaymentBatchTable
  payment_item: PaymentItemTable
  bank_import: BankImportTable
  bank_entry: BankEntryTable
  payment_account: PaymentAccountTable
  job: JobTable
  job_run: JobRunTable
}

export type JobTrigger = 'schedule' | 'retry' | 'manual'
export type JobOutcome = 'running' | 'success' | 'failure' | 'abandoned'

/** A scheduled job's state, shared by every server process (migration 0017; kernel/jobs/runner.ts). */
export interface JobTable {
  name: string
  schedule: string
  quiet: Defaulted<boolean>
  /** The scheduled time the next run serves (retries keep it); null for quiet jobs. */
  slot_at: Date | null
  next_run_at: Date | null
  /** Attempts of slot_at made so far. */
  attempt: Defaulted<number>
  consecutive_failures: Defaulted<number>
  running_run_id: string | null
  lease_owner: string | null
  lease_until: Date | null
  last_run_id: string | null
  last_trigger: JobTrigger | null
  last_started_at: Date | null
  last_finished_at: Date | null
  last_outcome: Exclude<JobOutcome, 'running'> | null
  last_summary: string | null
  last_error: string | null
  last_error_at: Date | null
  last_success_at: Date | null
}

export interface JobRunTable {
  id: Generated<string>
  job_name: string
  trigger: JobTrigger
  slot_at: Date | null
  attempt: number
  worker: string
  requested_by: string | null
  started_at: Date
  finished_at: Date | null
  outcome: Defaulted<JobOutcome>
  summary: string | null
  error: string | null
}

export type ClientAccountKind = 'intermediary' | 'after_care_fund'
export type ClientAccountEntryKind = 'deposit' | 'bill' | 'payout' | 'interest' | 'adjustment' | 'reversal'

export interface ClientAccountTable {
  id: Generated<string>
  number: number
  person_id: string
  service_task: string
  unit_id: string
  kind: ClientAccountKind
  reference: string
  opened_on: DateString
  closed_on: DateString | null
  responsible_user_id: string | null
  version: Defaulted<number>
  created_by: string | null
  created_at: Timestamp
}

export interface ClientAccountEntryTable {
  id: Generated<string>
  number: Generated<number>
  account_id: string
  kind: ClientAccountEntryKind
  entry_on: DateString
  amount_cents: number
  description: string
  bank_ref: string | null
  payable_id: string | null
  reverses_id: string | null
  created_by: string | null
  created_at: Timestamp
}

export interface ClientAccountReconciliationTable {
  id: Generated<string>
  month: DateString
  ledger_cents: number
  bank_cents: number
  difference_cents: Generated<number>
  account_count: number
  note: string | null
  reconciled_by: string
  reconciled_at: Timestamp
}
