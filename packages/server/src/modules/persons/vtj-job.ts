import type { VtjConnector } from '../../integrations/vtj'
import { dailyAt, type JobDefinition } from '../../kernel/jobs'
import { syncFromVtj } from './vtj-sync'

/**
 * The population register's nightly change feed as a scheduled job (`huoma vtj sync` does the same by hand). With the
 * X-Road adapter the feed's cursor is kept in `vtj_sync_state`; the simulator lives in the process, so its feed is
 * read from its start (applying a change twice changes nothing).
 */
export function vtjSyncJob(opts: { vtj: VtjConnector; at: string }): JobDefinition {
  return {
    name: 'vtj-sync',
    title: { fi: 'Väestötietojen päivitys', sv: 'Uppdatering av befolkningsuppgifter', en: 'Population register sync' },
    description: {
      fi: 'Päivittää asiakasrekisterin väestötietojärjestelmän muutostiedoista (muutostietopalvelu).',
      sv: 'Uppdaterar klientregistret med befolkningsdatasystemets ändringsuppgifter (ändringstjänsten).',
      en: "Updates the client registry from the population register's change feed.",
    },
    schedule: dailyAt(opts.at),
    maxAttempts: 3,
    backoff: { firstMs: 10 * 60_000, factor: 2, maxMs: 60 * 60_000 },
    run: async ({ db, clock, signal, log }) => {
      const r = await syncFromVtj(db, opts.vtj.client, clock, { persistCursor: opts.vtj.kind === 'xroad', signal, log: (s) => log.debug(s.trim()) })
      return { summary: `${r.changes} changes in ${r.pages} page(s), ${r.updatedPersons} clients updated (${r.changedFields} fields)` }
    },
  }
}
