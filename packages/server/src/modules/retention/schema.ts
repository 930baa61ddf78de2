import type { Generated } from 'kysely'
import type { DateString, Defaulted, Timestamp } from '../../db/schema'

/** The retention module's tables (migration 0040), merged into the database type. */
export interface RetentionRuleTable {
  id: Generated<string>
  retention_class: string
  trigger: 'death' | 'closing' | 'last_closing' | 'birth' | 'document' | 'decision_end'
  years: number
  valid_from: DateString
  valid_until: DateString | null
  legal_source: string
  unverified: Defaulted<boolean>
  archive_ordered: Defaulted<boolean>
  version: Defaulted<number>
  updated_by: string | null
  updated_at: Timestamp
}

export interface RetentionRuleHistoryTable {
  id: Generated<number>
  rule_id: string
  version: number
  changed_by: string | null
  changed_at: Timestamp
  snapshot: string
}

export interface RetentionHoldTable {
  id: Generated<string>
  person_id: string
  service_task: string | null
  kind: 'appeal' | 'complaint' | 'other'
  reason: string
  placed_by: string
  placed_at: Timestamp
  lifted_by: string | null
  lifted_at: Date | null
  version: Defaulted<number>
}

export interface RetentionStateTable {
  person_id: string
  register: string
  retention_class: string
  status: 'permanent' | 'until' | 'running' | 'held'
  destroy_after: DateString | null
  permanent_reason: 'sample' | 'archive_order' | null
  waiting_for: string | null
  fallback: Defaulted<boolean>
  rule_id: string | null
  recheck_on: DateString | null
  computed_on: DateString
}

export interface RetentionStaleTable {
  person_id: string
}

export interface DestructionListTable {
  id: Generated<string>
  number: Generated<number>
  state: 'proposed' | 'approved' | 'executing' | 'done' | 'cancelled'
  proposed_by: string | null
  proposed_at: Timestamp
  due_on: DateString
  approved_by: string | null
  approved_at: Date | null
  executed_by: string | null
  started_at: Date | null
  finished_at: Date | null
  version: Defaulted<number>
}

export interface DestructionItemTable {
  id: Generated<string>
  list_id: string
  person_id: string
  /** the whole client, or only `registers` of a client whose other registers are kept */
  scope: Defaulted<'client' | 'registers'>
  label: string | null
  birth_date: DateString | null
  registers: string[]
  destroy_after: DateString
  basis: string
  state: Defaulted<'listed' | 'removed' | 'destroyed'>
  removed_by: string | null
  removed_at: Date | null
  removed_reason: string | null
  destroyed_at: Date | null
  pending_files: Defaulted<string[]>
}

export interface DestructionRecordTable {
  id: Generated<string>
  number: Generated<number>
  list_id: string
  item_id: string
  subject_key: string
  scope: Defaulted<'client' | 'registers'>
  registers: string[]
  destroy_after: DateString
  basis: string
  proposed_by: string | null
  approved_by: string
  executed_by: string | null
  destroyed_at: Timestamp
  counts: string
}

declare module '../../db/schema' {
  interface DB {
    retention_rule: RetentionRuleTable
    retention_rule_history: RetentionRuleHistoryTable
    retention_hold: RetentionHoldTable
    retention_state: RetentionStateTable
    retention_stale: RetentionStaleTable
    destruction_list: DestructionListTable
    destruction_item: DestructionItemTable
    destruction_record: DestructionRecordTable
  }
}
