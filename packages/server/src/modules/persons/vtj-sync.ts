import type { Kysely } from 'kysely'
import { appendAudit } from '../../access/audit'
import { vtjEvents } from './events'
import type { DB } from '../../db/schema'
import type { VtjClient } from '../../integrations/vtj'
import type { Clock } from '../../kernel/clock'
import { applyVtjPerson, logVtjQuery } from './vtj-apply'

export const SYNC_PURPOSE = 'Asiakasrekisterin yöllinen ajantasaistus (muutostietopalvelu)'

export interface SyncResult {
  pages: number
  changes: number
  updatedPersons: number
  changedFields: number
  cursor: string | null
}

/**
 * The nightly batch: reads the register's change feed from the stored cursor; for each changed person who is in
 * the client registry, fetches the current record and applies it. Each page is one transaction together with its
 * cursor and its audit row, so a crash never skips or half-applies a page. Runs as the system (no user); the time
 * stored with the cursor is the given clock's (`systemClock` from the CLI, the job's clock when scheduled). An
 * aborted `signal` (the server stopping) ends the sync between pages.
 */
export async function syncFromVtj(
  db: Kysely<DB>,
  vtj: VtjClient,
  clock: Clock,
  opts: { persistCursor: boolean; pageSize?: number; log?: (s: string) => void; signal?: AbortSignal },
): Promise<SyncResult> {
  const state = opts.persistCursor ? await db.selectFrom('vtj_sync_state').select('cursor').where('id', '=', 1).executeTakeFirst() : undefined
  let cursor: string | null = state?.cursor ?? null
  const result: SyncResult = { pages: 0, changes: 0, updatedPersons: 0, changedFields: 0, cursor }
  for (;;) {
    opts.signal?.throwIfAborted()
    const page = await vtj.changesSince(cursor, opts.pageSize ?? 500)
    result.pages++
    result.changes += page.changes.length
    const hetus = [...new Set(page.changes.map((c) => c.hetu))]
    const known = hetus.length ? await db.selectFrom('person').select(['id', 'hetu']).where('hetu', 'in', hetus).execute() : []
    // The register is asked outside the transaction; the page is applied in one.
    const fetched = await Promise.all(known.map(async (p) => ({ p, r: await vtj.queryPerson(p.hetu!, { purpose: SYNC_PURPOSE, userId: 'huoma-vtj-sync' }) })))
    await db.transaction().execute(async (trx) => {
      const touched: string[] = []
      for (const { p, r } of fetched) {
        await logVtjQuery(trx, null, p.id, SYNC_PURPOSE, r)
        if (r.status !== 'found') continue
        const changes = await applyVtjPerson(trx, p.id, r.person, null)
        if (changes.length) {
          touched.push(p.id)
          result.changedFields += changes.length
        }
      }
      result.updatedPersons += touched.length
      if (opts.persistCursor) {
        const syncedAt = clock.now()
        await trx
          .insertInto('vtj_sync_state')
          .values({ id: 1, cursor: page.nextCursor, synced_at: syncedAt })
          .onConflict((oc) => oc.column('id').doUpdateSet({ cursor: page.nextCursor, synced_at: syncedAt }))
          .execute()
      }
      if (touched.length) {
        await appendAudit(trx, { userId: null, clientIds: touched, event: vtjEvents.sync, basis: 'statutory', outcome: 'success' })
      }
    })
    cursor = page.nextCursor
    result.cursor = cursor
    opts.log?.(`  page ${result.pages}: ${page.changes.length} changes, ${result.updatedPersons} persons updated so far`)
    if (page.upToDate || page.changes.length === 0) break
  }
  return result
}
