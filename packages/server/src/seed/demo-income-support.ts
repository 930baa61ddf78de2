import { todayInHelsinki } from '@huoma/domain'
import type { Logger } from 'pino'
import { appendAudit } from '../access/audit'
import type { Config } from '../config'
import type { Database } from '../db/database'
import type { KelaForwardingClient } from '../integrations/kela/types'
import { assign } from '../modules/income-support/applications'
import { importForwarded, kelaUnit } from '../modules/income-support/kela-import'

/**
 * Demo: the applications the simulated Kela has forwarded over the last three weeks are in the benefit unit's queue
 * (some already overdue, some urgent), and the demo benefit handler has taken two of them. Written as the system,
 * with audit rows like every other write.
 */
export async function importDemoKelaApplications(database: Database, kela: KelaForwardingClient, config: Config, logger: Logger, now = new Date()) {
  const forwarded = await kela.forwarded(todayInHelsinki(now))
  await database.db.transaction().execute(async (trx) => {
    const unitId = await kelaUnit(trx, process.env.HUOMA_KELA_UNIT)
    if (!unitId) return
    const { result, clientIds } = await importForwarded(trx, forwarded, { unitId, userId: null, lang: 'fi', mode: config.workingDayMode, now })
    await appendAudit(trx, {
      userId: null,
      dataGroup: 'income_support/application',
      action: 'insert',
      event: 'income-support:kela-import',
      basis: 'system',
      clientIds,
      outcome: 'success',
    })
    const handler = await trx.selectFrom('staff_user').select('id').where('username', '=', 'etuuskasittelija').executeTakeFirst()
    if (handler) {
      // the handler's own worklist: the two most recent applications that are not yet overdue
      const taken = result.applications.slice(-2)
      for (const a of taken) {
        const personId = await assign(trx, a.id, 1, {
          userId: handler.id,
          handlerId: handler.id,
          units: [unitId],
          mayAssignOthers: false,
          today: todayInHelsinki(now),
          assignable: async () => true,
        })
        await appendAudit(trx, {
          userId: null,
          dataGroup: 'income_support/application',
          action: 'update',
          event: 'income-support:assign',
          basis: 'system',
          refId: a.id,
          clientIds: [personId],
          outcome: 'success',
        })
      }
    }
    logger.info({ imported: result.imported, refused: result.refused.length }, 'demo: Kela-forwarded income support applications in the queue')
  })
}
