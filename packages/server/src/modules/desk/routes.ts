import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { deskEndpoints as ep, type Desk } from '@huoma/contract'
import { addDays, dayOfWeek } from '@huoma/domain'
import { CASE_WORKERS, INCOME_SUPPORT_HANDLERS, type RoleCode } from '../../access/actions'
import { requireAuthed } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { deadlineQueue } from '../../kernel/deadlines'
import { batchesToApprove, grantRequestsToDecide, myAppointments, myClients, myDrafts, reviewsToDo } from './queries'

/** Deadlines due within this many working days are "due soon" on the desk. */
export const SOON_WORKING_DAYS = 5

const has = (roles: readonly RoleCode[], of: readonly RoleCode[]) => roles.some((r) => of.includes(r))

/**
 * Työpöytä: the desk of the signed-in user, one request and one transaction of the list chokepoint, whose audit row
 * names every client the desk shows. The sections follow the user's roles; a section the roles do not have is null.
 */
export const deskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['desk.read']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const today = app.clock.today()
      const weekEnd = addDays(today, 7 - dayOfWeek(today))
      const userId = ctx.principal.userId
      const caseGrants = ctx.grants.filter((g) => (CASE_WORKERS as readonly RoleCode[]).includes(g.roleCode))
      const roles = ctx.grants.map((g) => g.roleCode)
      const caseWork = caseGrants.length > 0
      const byUnit = new Map<string, Set<string>>()
      for (const g of caseGrants) {
        const tasks = byUnit.get(g.unitId) ?? new Set<string>()
        for (const t of g.serviceTasks) tasks.add(t)
        byUnit.set(g.unitId, tasks)
      }
      const units = [...byUnit].map(([unitId, tasks]) => ({ unitId, serviceTasks: [...tasks] }))
      const tasks = [...new Set(caseGrants.flatMap((g) => g.serviceTasks))]
      let desk: Desk = { today, weekEnd, clients: null, appointments: null, drafts: null, deadlines: null, waiting: null }
      await app.clientData.list(ctx, {}, async (trx, isVisible) => {
        const waiting: NonNullable<Desk['waiting']> = []
        if (caseWork) {
          const clients = await myClients(trx, isVisible, { userId, tasks, today })
          const appointments = await myAppointments(trx, isVisible, { userId, from: today, until: weekEnd })
          const drafts = await myDrafts(trx, isVisible, { userId, incomeSupport: has(roles, INCOME_SUPPORT_HANDLERS) && tasks.includes('income_support') })
          const mine = await deadlineQueue(trx, isVisible, { scope: 'mine', userId, units, overdueOnly: false, limit: 500, today, mode: app.config.workingDayMode, lang })
          const queue = await deadlineQueue(trx, isVisible, { scope: 'unit', userId, units, overdueOnly: false, limit: 1, today, mode: app.config.workingDayMode, lang })
          if (queue.total > 0) waiting.push({ kind: 'deadline_queue', count: queue.total, overdueCount: queue.overdueCount })
          const items = mine.items
            .filter((i) => i.standing === 'overdue' || i.standing === 'due_today' || (i.standing === 'upcoming' && i.workingDaysLeft <= SOON_WORKING_DAYS))
            .map((i) => ({
              id: i.id,
              kind: i.kind,
              serviceTask: i.serviceTask,
              client: i.person ? { id: i.person.id, name: i.person.name } : null,
              dueOn: i.dueOn,
              urgent: i.urgent,
              standing: i.standing,
              workingDaysLeft: i.workingDaysLeft,
            }))
          desk = { ...desk, clients, appointments, drafts, deadlines: { items, overdueCount: mine.overdueCount, total: mine.total, soonDays: SOON_WORKING_DAYS } }
        }
        if (roles.includes('finance')) waiting.push(...(await batchesToApprove(trx, userId)))
        if (roles.includes('main_user')) waiting.push(...(await grantRequestsToDecide(trx, userId)))
        if (roles.includes('data_protection_officer')) waiting.push(...(await reviewsToDo(trx)))
        if (caseWork || has(roles, ['finance', 'main_user', 'data_protection_officer'])) desk = { ...desk, waiting }
        const shown = [
          ...(desk.clients ?? []).map((c) => c.id),
          ...(desk.appointments ?? []).flatMap((a) => (a.client ? [a.client.id] : [])),
          ...(desk.drafts ?? []).map((d) => d.client.id),
          ...(desk.deadlines?.items ?? []).flatMap((d) => (d.client ? [d.client.id] : [])),
        ]
        return [...new Set(shown)].map((id) => ({ id }))
      })
      return desk
    },
  })
}
