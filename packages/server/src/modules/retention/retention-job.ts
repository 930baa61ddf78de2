import type { LocalDate } from '@huoma/domain'
import type { ClientForgetter } from '../../kernel/client-forget'
import type { RegisterRecords } from '../../kernel/register-records'
import type { Kysely } from 'kysely'
import { appendAudit } from '../../access/audit'
import type { DB } from '../../db/schema'
import { dailyAt, type JobDefinition } from '../../kernel/jobs'
import { executeList, executingLists, proposeList } from './destruction'
import { retentionEvents } from './events'
import { recomputeStale } from './state'

/**
 * The nightly retention round: recompute the clients whose facts changed (and those whose unknown-death fallback ran
 * out today), resume any destruction run that stopped (a server killed mid-run), and propose a destruction list of
 * the clients due — proposed by the system, so any archive officer may approve it.
 */
export function retentionJob(opts: { at: string; key: () => Buffer; attachmentFolder: string; forgetters: readonly ClientForgetter[]; registerRecords: RegisterRecords }): JobDefinition {
  return {
    name: 'retention',
    title: { fi: 'Säilytysajat ja hävitysehdotus', sv: 'Förvaringstider och gallringsförslag', en: 'Retention and the destruction proposal' },
    description: {
      fi: 'Laskee muuttuneiden asiakkaiden säilytysajat uudelleen, jatkaa keskeytyneen hävityksen ja ehdottaa hävitysluettelon asiakkaista, joiden säilytysaika on päättynyt.',
      sv: 'Räknar om förvaringstiderna för ändrade klienter, fortsätter en avbruten gallring och föreslår en gallringsförteckning över klienter vars förvaringstid har gått ut.',
      en: 'Recomputes the retention of changed clients, resumes a stopped destruction and proposes a destruction list of the clients whose retention has ended.',
    },
    schedule: dailyAt(opts.at),
    maxAttempts: 3,
    backoff: { firstMs: 5 * 60_000, factor: 2, maxMs: 60 * 60_000 },
    run: async ({ db, clock, signal }) => {
      const today = clock.today()
      const recomputed = await recomputeStale(db, today, { signal })
      let resumed = 0
      for (const listId of await executingLists(db)) {
        resumed += (await executeList(db, listId, { userId: null, today, now: () => clock.now(), key: opts.key(), attachmentFolder: opts.attachmentFolder, forgetters: opts.forgetters, registerRecords: opts.registerRecords, signal })).destroyed
      }
      const proposed = await proposeSystemList(db, today)
      return { summary: `${recomputed} clients recomputed, ${resumed} destroyed by a resumed run, ${proposed ? `list of ${proposed} proposed` : 'nobody due'}` }
    },
  }
}

async function proposeSystemList(db: Kysely<DB>, today: LocalDate) {
  return db.transaction().execute(async (trx) => {
    const out = await proposeList(trx, { proposedBy: null, today })
    if (!out) return 0
    await appendAudit(trx, { event: retentionEvents.listProposed, userId: null, basis: 'system', refId: out.listId, clientIds: out.clientIds, outcome: 'success' })
    return out.clientIds.length
  })
}
