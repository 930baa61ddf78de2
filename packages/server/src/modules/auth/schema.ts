import type { Generated } from 'kysely'

/** The auth module's own tables, merged into the database type. */
export interface StaffPasswordHistoryTable {
  id: Generated<number>
  user_id: string
  password_hash: string
  replaced_at: Generated<Date>
}

/** Attempts for user names that do not exist, counted like a real account's (by a hash of the name). */
export interface LoginUnknownAttemptTable {
  username_hash: Buffer
  failed_logins: Generated<number>
  locked_until: Date | null
  updated_at: Generated<Date>
}

declare module '../../db/schema' {
  interface DB {
    staff_password_history: StaffPasswordHistoryTable
    login_unknown_attempt: LoginUnknownAttemptTable
  }
}
