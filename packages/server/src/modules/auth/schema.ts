import type { Generated } from 'kysely'

/** The auth module's own tables, merged into the database type. */
export interface StaffPasswordHistoryTable {
  id: Generated<number>
  user_id: string
  password_hash: string
  replaced_at: Generated<Date>
}

declare module '../../db/schema' {
  interface DB {
    staff_password_history: StaffPasswordHistoryTable
  }
}
