import type { Generated } from 'kysely'
import type { DateString, Timestamp } from '../../db/schema'

/** The archive module's tables (migration 0046), merged into the database type. */
export interface ArchivePackageTable {
  id: Generated<string>
  number: Generated<number>
  created_by: string | null
  created_at: Timestamp
  register: string | null
  clients: number
  documents: number
  bytes: number
  sha256: string
  content: Uint8Array
}

export interface ArchiveTransferTable {
  package_id: string
  person_id: string
  register: string
  reason: 'sample' | 'archive_order'
  covers_until: DateString
  documents: number
}

declare module '../../db/schema' {
  interface DB {
    archive_package: ArchivePackageTable
    archive_transfer: ArchiveTransferTable
  }
}
