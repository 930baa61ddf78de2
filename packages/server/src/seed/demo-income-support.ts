import { todayInHelsinki } from '@huoma/domain'
import type { Logger } from 'pino'
import { appendAudit } from '../access/audit'
import { actionEvent } from '../access/audit-events'
import { ACTIONS } from '../catalogue'
import type { Config } from '../config'
import type { Database } from '../db/database'
import type { KelaForwardingClient } from '../integrations/kela/types'
import { ibanFromFinnishBban } from '@huoma/domain'
import type { DecisionInput } from '@huoma/contract'
import { assign, readApplication } from '../modules/income-support/applications'
import { makeDecision } from '../modules/income-support/decisions'
import { importForwarded, kelaUnit } from '../modules/income-support/kela-import'

/**
 * Demo: the applications the simulated Kela has forwarded over the last three weeks are in the benefit unit's queue
 * (some already overdue, some urgent), and the demo benefit handler has taken two of them. Written as the system,
 * with audit rows like every other write. `now` is the server's clock (the system's, or a test's).
 */
export async function importDemoKelaApplications(database: Database, kela: KelaForwardingClient, config: Config, logger: Logger, now: Date) {
  const forwarded = await kela.forwarded(todayInHelsinki(now))
  await database.db.transaction().execute(async (trx) => {
    const unitId = await kelaUnit(trx, config.kelaUnitCode)
    if (!unitId) return
    const { result, clientIds } = await importForwarded(trx, forwarded, { unitId, userId: null, lang: 'fi', mode: config.workingDayMode, now })
    await appendAudit(trx, {
      userId: null,
      event: actionEvent('income-support:kela-import', ACTIONS['income-support:kela-import']),
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
          event: actionEvent('income-support:assign', ACTIONS['income-support:assign']),
          basis: 'system',
          refId: a.id,
          clientIds: [personId],
          outcome: 'success',
        })
      }
    }
    // Three older applications already decided by the handler (so payments has open payables to batch): each
    // supplementary item granted while the calculation allows it, the rest refused; preventive items granted.
    let decided = 0
    if (handler) {
      const today = todayInHelsinki(now)
      for (const a of result.applications.slice(0, 3)) {
        const personId = await assign(trx, a.id, 1, { userId: handler.id, handlerId: handler.id, units: [unitId], mayAssignOthers: false, today, assignable: async () => true })
        const scope = { trx, personId, basis: 'relationship' as const, touch: () => undefined }
        const app = await readApplication(scope, a.id, 'fi', now)
        if (!app.calculation.ok) continue
        let room = app.calculation.calculation.supplementaryCents
        const items: DecisionInput['items'] = [
          ...app.claims.supplementary.map((c, index) => {
            const amount = c.acceptedCents ?? c.amountCents
            const granted = amount > 0 && amount <= room
            if (granted) room -= amount
            return granted
              ? { kind: 'supplementary' as const, index, outcome: 'granted' as const, grantedCents: amount, reason: 'Välttämätön meno, jota perustoimeentulotuki ei kata.' }
              : { kind: 'supplementary' as const, index, outcome: 'refused' as const, grantedCents: 0, reason: 'Laskelman mukaan tuloilla ja perustoimeentulotuella voi kattaa menon.' }
          }),
          ...app.claims.preventive.map((c, index) => ({ kind: 'preventive' as const, index, outcome: 'granted' as const, grantedCents: c.acceptedCents ?? c.amountCents, reason: 'Edistää omatoimista suoriutumista.' })),
        ]
        const decision: DecisionInput = {
          version: app.version,
          decidedOn: today < app.receivedOn ? app.receivedOn : today,
          reasons: 'Täydentävä toimeentulotuki myönnetään hyväksyttyihin erityismenoihin laskelman mukaisesti (TTTL 7 c §, 13 §).',
          iban: demoIban(personId),
          items,
        }
        await makeDecision(scope, a.id, decision, handler.id, 'fi', now)
        await appendAudit(trx, { userId: null, event: actionEvent('income-support:decide', ACTIONS['income-support:decide']), basis: 'system', refId: a.id, clientIds: [personId], outcome: 'success' })
        decided++
      }
    }
    logger.info({ imported: result.imported, refused: result.refused.length, decided }, 'demo: Kela-forwarded income support applications in the queue')
  })
}

/** A valid (fictional) Finnish account for a demo client, the same on every run: bank 1234 56, digits from the id. */
function demoIban(personId: string): string {
  const digits = personId.replace(/\D/g, '').padEnd(7, '0').slice(0, 7)
  for (let check = 0; check <= 9; check++) {
    const iban = ibanFromFinnishBban(`123456-${digits}${check}`)
    if (iban.ok) return iban.value
  }
  throw new Error('no Luhn digit')
}
