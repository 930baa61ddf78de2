import type { WorkingDayMode } from '@huoma/domain'
import { appendAudit } from '../../access/audit'
import type { KelaForwardingClient } from '../../integrations/kela/types'
import { dailyAt, type JobDefinition } from '../../kernel/jobs'
import { importForwarded, kelaUnit } from './kela-import'
import { actionEvent } from '../../access/audit-events'
import { incomeSupportActions } from './actions'

/**
 * The applications Kela has forwarded, fetched into the unit's queue every working day (what the handlers' "Fetch from
 * Kela" button does, as the system). Idempotent on Kela's case reference; an application naming someone not in the
 * registry is refused and fetched again on a later day. The import writes client data as the system, with its audit
 * row in the same transaction (like the population-register sync).
 *
 * Kela publishes no interface specification, so the connector is a simulator: it forwards applications of the
 * registry's own households. Outside the demo (`demo: false`) the job therefore fetches nothing from it — a real
 * municipality's queue must not fill with simulated applications on a timer.
 */
export function kelaImportJob(opts: { kela: KelaForwardingClient; at: string; mode: WorkingDayMode; unitCode: string | undefined; demo: boolean }): JobDefinition {
  return {
    name: 'kela-import',
    title: { fi: 'Kelan siirtämien hakemusten nouto', sv: 'Hämtning av ansökningar som FPA överfört', en: 'Applications forwarded by Kela' },
    description: {
      fi: 'Hakee Kelan siirtämät toimeentulotukihakemukset yksikön jonoon.',
      sv: 'Hämtar de ansökningar om utkomststöd som FPA har överfört till enhetens kö.',
      en: 'Fetches the income support applications Kela has forwarded into the unit’s queue.',
    },
    schedule: dailyAt(opts.at, { workingDaysOnly: true }),
    maxAttempts: 3,
    backoff: { firstMs: 15 * 60_000, factor: 2, maxMs: 60 * 60_000 },
    run: async ({ db, clock }) => {
      if (opts.kela.kind === 'simulator' && !opts.demo) return { worked: false, summary: 'No connection to Kela (only the simulator, outside the demo): nothing fetched' }
      const now = clock.now()
      const forwarded = await opts.kela.forwarded(clock.today())
      return db.transaction().execute(async (trx) => {
        const unitId = await kelaUnit(trx, opts.unitCode)
        if (!unitId) throw new Error(opts.unitCode ? `HUOMA_KELA_UNIT (${opts.unitCode}) names no active unit` : 'No unit has income-support benefit handlers; set HUOMA_KELA_UNIT')
        const { result, clientIds } = await importForwarded(trx, forwarded, { unitId, userId: null, lang: 'fi', mode: opts.mode, now })
        if (clientIds.length) {
          await appendAudit(trx, {
            userId: null,
            event: actionEvent('income-support:kela-import', incomeSupportActions['income-support:kela-import']),
            basis: 'system',
            clientIds,
            outcome: 'success',
          })
        }
        return { summary: `${result.imported} imported, ${result.alreadyImported} imported before, ${result.refused.length} refused` }
      })
    },
  }
}
