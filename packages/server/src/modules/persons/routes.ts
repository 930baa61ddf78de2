import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { personsEndpoints as ep } from '@huoma/contract'
import { compareFinnish, foldForSearch, parseHetu } from '@huoma/domain'
import { requireAuthed } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { HIDDEN_COUNT_CAP, personByHetu, personRead, searchPersons, toPersonDetails, toSummary } from './repository'
import { hiddenHetuMatch } from './break-glass'

export const personRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['persons.search']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const q = request.query
      if (!q.name && !q.hetu && !q.birthDate) throw problems.validation([{ field: 'query.name', code: 'required' }])
      let hetu: string | undefined
      if (q.hetu) {
        const parsed = parseHetu(q.hetu)
        if (!parsed.ok) throw problems.validation([{ field: 'query.hetu', code: `hetu.${parsed.error}` }])
        hetu = parsed.value.hetu
      }
      const c = { nameKey: q.name ? foldForSearch(q.name) : undefined, hetu, birthDate: q.birthDate, limit: q.limit ?? 50 }
      // by henkilötunnus alone: one statement when the person is visible (or nobody has it), else the search below
      if (hetu && !c.nameKey && !c.birthDate) {
        const rows = await app.clientData.find(ctx, {}, personByHetu, { hetu })
        if (rows) return { persons: rows.map(toSummary), hiddenMatches: 0 }
      }
      let hidden = 0
      let hiddenMatchId: string | undefined
      const persons = await app.clientData.list(ctx, {}, async (trx, isVisible, reach) => {
        const found = await searchPersons(trx, c, isVisible, reach)
        hidden = found.hidden
        if (hetu && hidden === 1) hiddenMatchId = await hiddenHetuMatch(ctx, trx, hetu, isVisible)
        return found.persons
      })
      if (!c.nameKey) persons.sort((a, b) => compareFinnish(a.sortKey, b.sortKey))
      const capped = hidden > HIDDEN_COUNT_CAP
      return {
        persons: persons.map(({ sortKey: _, ...p }) => p),
        hiddenMatches: Math.min(hidden, HIDDEN_COUNT_CAP),
        ...(capped ? { hiddenMatchesCapped: true as const } : {}),
        ...(hiddenMatchId ? { hiddenMatchId } : {}),
      }
    },
  })

  app.route({
    ...endpoint(ep['persons.read']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return toPersonDetails((await app.clientData.read(ctx, { personId: request.params.id }, personRead)).value)
    },
  })
}
