import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { deadlinesEndpoints as ep, type DeadlineList } from '@huoma/contract'
import { requireAuthed } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { deadlineQueue } from '../../kernel/deadlines'
import { unitNames } from '../../kernel/units'

/**
 * Määräajat: one worklist of the statutory deadlines of every service, read through the list chokepoint (the audit
 * row names the clients shown). The user's units and, in each, the service tasks of their grants decide the queue.
 */
export const deadlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['deadlines.list']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const today = app.clock.today()
      const { scope = 'mine', unitId, overdue = false, limit = 200 } = request.query
      // the user's units and the tasks of their grants in each (several grants in a unit add up)
      const byUnit = new Map<string, Set<string>>()
      for (const g of ctx.grants) {
        const tasks = byUnit.get(g.unitId) ?? new Set<string>()
        for (const t of g.serviceTasks) tasks.add(t)
        byUnit.set(g.unitId, tasks)
      }
      const units = [...byUnit].filter(([id]) => !unitId || id === unitId).map(([id, tasks]) => ({ unitId: id, serviceTasks: [...tasks] }))
      let result: Omit<DeadlineList, 'units'> = { today, items: [], total: 0, overdueCount: 0 }
      let names: DeadlineList['units'] = []
      await app.clientData.list(ctx, {}, async (trx, isVisible) => {
        const q = await deadlineQueue(trx, isVisible, { scope, userId: ctx.principal.userId, units, overdueOnly: overdue, limit, today, mode: app.config.workingDayMode, lang })
        result = { today, ...q }
        names = await unitNames(trx, [...byUnit.keys()], lang)
        return [...new Set(q.items.flatMap((i) => (i.person ? [i.person.id] : [])))].map((id) => ({ id }))
      })
      return { ...result, units: names }
    },
  })
}
