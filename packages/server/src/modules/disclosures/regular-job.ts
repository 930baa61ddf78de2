import { appendAudit } from '../../access/audit'
import { dailyAt, type JobDefinition } from '../../kernel/jobs'
import { disclosuresEvents } from './events'
import { duePeriods, runnableDefinitions, runRegularDisclosure } from './regular'

/**
 * The regular disclosures' morning round: every live regular disclosure Huoma produces runs for each day since its
 * latest run up to yesterday (at most a week back), one day per run, each run in its own transaction with its
 * `disclose` audit row naming the clients the file carries. A day that ran is not run again.
 */
export function regularDisclosuresJob(opts: { at: string }): JobDefinition {
  return {
    name: 'regular-disclosures',
    title: { fi: 'Säännönmukaiset luovutukset', sv: 'Regelbundna utlämnanden', en: 'Regular disclosures' },
    description: {
      fi: 'Tuottaa säännönmukaisten luovutusten aineistot edellisiltä päiviltä (esim. toimeentulotukipäätökset Kelalle) ja kirjaa jokaisen asiakkaan luovutuslokiin.',
      sv: 'Tar fram materialet för de regelbundna utlämnandena för de föregående dagarna (t.ex. beslut om utkomststöd till FPA) och för in varje klient i utlämnandeloggen.',
      en: 'Produces the files of the regular disclosures for the previous days (e.g. income support decisions to Kela) and writes each client into the disclosure log.',
    },
    schedule: dailyAt(opts.at),
    maxAttempts: 3,
    backoff: { firstMs: 5 * 60_000, factor: 2, maxMs: 60 * 60_000 },
    run: async ({ db, clock, signal }) => {
      const today = clock.today()
      let runs = 0
      let clients = 0
      for (const def of await runnableDefinitions(db)) {
        for (const day of await duePeriods(db, def.id, today)) {
          if (signal.aborted) break
          const out = await db.transaction().execute(async (trx) => {
            const o = await runRegularDisclosure(trx, { definitionId: def.id, periodStart: day, periodEnd: day, trigger: 'job', runBy: null })
            if (!o.alreadyRan) await appendAudit(trx, { event: disclosuresEvents.regularJobRun, userId: null, basis: 'system', refId: o.run.id, clientIds: o.clientIds, outcome: 'success' })
            return o
          })
          if (!out.alreadyRan) {
            runs++
            clients += out.clientIds.length
          }
        }
      }
      return { summary: `${runs} runs, ${clients} clients disclosed` }
    },
  }
}
