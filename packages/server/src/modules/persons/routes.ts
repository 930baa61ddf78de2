import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PersonDetails, PersonIdParams, PersonSearchQuery, PersonSearchResult } from '@huoma/contract'
import { compareFinnish, foldForSearch, parseHetu } from '@huoma/domain'
import { requireAuthed } from '../../access/context'
import { problems } from '../../http/problem'
import { countHidden, readPerson, searchVisible } from './repository'
import { breakGlassRoutes, hiddenHetuMatch } from './break-glass'
import { assertNotMerged } from './merge'

export const personRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/persons',
    {
      config: { action: 'persons:search' },
      schema: {
        tags: ['persons'],
        summary: 'Search persons by name, henkilötunnus or birth date',
        querystring: PersonSearchQuery,
        response: { 200: PersonSearchResult },
      },
    },
    async (request) => {
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
      let hidden = 0
      let hiddenMatchId: string | undefined
      const persons = await app.clientData.list(ctx, {}, async (trx, isVisible) => {
        const found = await searchVisible(trx, c, isVisible)
        hidden = await countHidden(trx, c, isVisible)
        if (hetu && hidden === 1) hiddenMatchId = await hiddenHetuMatch(ctx, trx, hetu, isVisible)
        return found
      })
      if (!c.nameKey) persons.sort((a, b) => compareFinnish(a.sortKey, b.sortKey))
      return { persons: persons.map(({ sortKey: _, ...p }) => p), hiddenMatches: hidden, ...(hiddenMatchId ? { hiddenMatchId } : {}) }
    },
  )

  app.get(
    '/api/persons/:id',
    {
      config: { action: 'persons:read' },
      schema: { tags: ['persons'], summary: 'A person\'s basic data', params: PersonIdParams, response: { 200: PersonDetails } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return readPerson(scope)
      })
    },
  )

  await app.register(breakGlassRoutes)
}
