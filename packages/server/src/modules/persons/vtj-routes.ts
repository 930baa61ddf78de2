import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  PersonCreated,
  PersonFromVtj,
  PersonIdParams,
  VtjQueryRequest,
  VtjQueryResponse,
  VtjRefreshRequest,
  VtjRefreshResult,
  type VtjPersonView,
} from '@huoma/contract'
import { parseHetu } from '@huoma/domain'
import type { Transaction } from 'kysely'
import { requireAuthed, type AuthedContext } from '../../access/context'
import type { ClientData } from '../../access/plugin'
import type { DB } from '../../db/schema'
import { HttpProblem, problems } from '../../http/problem'
import { redactForTurvakielto, type VtjClient, type VtjPerson, type VtjQueryResult } from '../../integrations/vtj'
import { createPerson } from './registry'
import { applyVtjPerson } from './vtj-apply'

declare module 'fastify' {
  interface FastifyInstance {
    /** The population register: the X-Road adapter when configured, otherwise the simulator. */
    vtj: VtjClient
  }
}

/** Purpose recorded for the automatic refresh when a client card is opened. */
export const REFRESH_PURPOSE = 'Asiakastietojen ajantasaisuuden tarkistus (asiakkaan kortin avaus)'

function view(p: VtjPerson): VtjPersonView {
  const r = redactForTurvakielto(p)
  return {
    hetu: r.hetu,
    firstNames: r.firstNames,
    lastName: r.lastName,
    birthDate: r.birthDate,
    sex: r.sex ?? null,
    deathDate: r.deathDate ?? null,
    nativeLanguage: r.nativeLanguage ?? null,
    turvakielto: r.turvakielto,
    addresses: r.addresses.filter((a) => !a.validUntil).map((a) => ({ kind: a.kind, street: a.street, postalCode: a.postalCode, postOffice: a.postOffice })),
    guardians: r.guardians.map((g) => ({ hetu: g.hetu ?? '', name: [g.firstNames, g.lastName].filter(Boolean).join(' ') })).filter((g) => g.hetu),
    children: r.children.map((g) => ({ hetu: g.hetu ?? '', name: [g.firstNames, g.lastName].filter(Boolean).join(' ') })).filter((g) => g.hetu),
  }
}

function outcome(r: VtjQueryResult): string {
  return r.status === 'error' ? `error:${r.code}` : r.status
}

async function logQuery(trx: Transaction<DB>, userId: string | null, personId: string | null, purpose: string, result: VtjQueryResult) {
  const row = await trx
    .insertInto('vtj_query')
    .values({ user_id: userId, person_id: personId, purpose: purpose.trim(), outcome: outcome(result) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

function canonical(hetu: string): string {
  const parsed = parseHetu(hetu)
  if (!parsed.ok) throw problems.validation([{ field: 'body.hetu', code: `hetu.${parsed.error}` }])
  return parsed.value.hetu
}

const unavailable = (code: string) =>
  new HttpProblem(502, 'unavailable', { type: 'https://huoma.fi/problems/population-register', extra: { code } })

export const vtjRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/vtj/query',
    {
      config: { action: 'vtj:query' },
      schema: { tags: ['population register'], summary: 'Query a person from the population register', body: VtjQueryRequest, response: { 200: VtjQueryResponse } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const hetu = canonical(request.body.hetu)
      const result = await app.vtj.queryPerson(hetu, { purpose: request.body.purpose, userId: ctx.principal.username, requestId: ctx.requestId })
      return app.clientData.roleEvent(ctx, async (trx) => {
        const existing = await trx.selectFrom('person').select('id').where('hetu', '=', hetu).executeTakeFirst()
        const refId = await logQuery(trx, ctx.principal.userId, existing?.id ?? null, request.body.purpose, result)
        const value =
          result.status === 'found'
            ? { status: 'found' as const, person: view(result.person), existingPersonId: existing?.id ?? null }
            : result.status === 'not_found'
              ? { status: 'not_found' as const }
              : { status: 'error' as const, code: result.code }
        return { value, clientIds: existing ? [existing.id] : [], refId }
      })
    },
  )

  app.post(
    '/api/persons/from-vtj',
    {
      config: { action: 'persons:create' },
      schema: { tags: ['persons'], summary: 'Register a client from the population register', body: PersonFromVtj, response: { 201: PersonCreated } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const hetu = canonical(request.body.hetu)
      const result = await app.vtj.queryPerson(hetu, { purpose: request.body.purpose, userId: ctx.principal.username, requestId: ctx.requestId })
      if (result.status === 'not_found') throw problems.validation([{ field: 'body.hetu', code: 'vtj.not_found' }])
      if (result.status === 'error') throw unavailable(result.code)
      const p = result.person
      const created = await app.clientData.create(ctx, async (trx) => {
        const org = await trx.selectFrom('organisation').select('oid').orderBy('created_at').executeTakeFirst()
        const c = await createPerson(
          trx,
          {
            hetu,
            firstNames: p.firstNames,
            lastName: p.lastName,
            ...(p.sex ? { sex: p.sex } : {}),
            ...(p.nativeLanguage ? { nativeLanguage: p.nativeLanguage } : {}),
            serviceLanguage: p.nativeLanguage === 'sv' ? 'sv' : 'fi',
            turvakielto: p.turvakielto,
            ...(request.body.relationship ? { relationship: request.body.relationship } : {}),
          },
          ctx.principal.userId,
          org?.oid ?? '1.2.246.10.0',
          new Date(),
        )
        await applyVtjPerson(trx, c.id, p, ctx.principal.userId)
        await logQuery(trx, ctx.principal.userId, c.id, request.body.purpose, result)
        // Family links to persons already in the registry.
        const related = await trx.selectFrom('person').select(['id', 'hetu']).where('hetu', 'in', [...p.guardians, ...p.children].map((r) => r.hetu ?? '').filter(Boolean).concat([''])).execute()
        const idOf = (h: string | undefined) => related.find((r) => r.hetu === h)?.id
        const links = [
          ...p.guardians.map((g) => ({ person_id: c.id, related_id: idOf(g.hetu), kind: 'guardian' as const })),
          ...p.children.map((ch) => ({ person_id: idOf(ch.hetu), related_id: c.id, kind: 'parent' as const })),
        ].filter((l): l is { person_id: string; related_id: string; kind: 'guardian' | 'parent' } => !!l.person_id && !!l.related_id)
        if (links.length) await trx.insertInto('person_relation').values(links).execute()
        return { personId: c.id, value: c, touched: related.map((r) => r.id) }
      })
      return reply.status(201).send(created)
    },
  )

  app.post(
    '/api/persons/:id/vtj-refresh',
    {
      config: { action: 'persons:vtj-refresh' },
      schema: { tags: ['persons'], summary: 'Refresh from the population register', params: PersonIdParams, body: VtjRefreshRequest, response: { 200: VtjRefreshResult } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return refreshFromVtj(app.vtj, app.clientData, ctx, request.params.id, request.body.purpose ?? REFRESH_PURPOSE)
    },
  )
}

/**
 * Refreshes one client from the register: the register is asked outside any transaction (a network call must
 * not hold the database), then the change is applied and logged through the client-access chokepoint.
 */
export async function refreshFromVtj(
  vtj: VtjClient,
  clientData: ClientData,
  ctx: AuthedContext,
  personId: string,
  purpose: string,
): Promise<VtjRefreshResult> {
  const target = await clientData.withClient(ctx, { personId }, async (scope) =>
    scope.trx.selectFrom('person').select(['hetu']).where('id', '=', personId).executeTakeFirstOrThrow(),
  )
  if (!target.hetu) return { status: 'not_found', changedFields: [] }
  const result = await vtj.queryPerson(target.hetu, { purpose, userId: ctx.principal.username, requestId: ctx.requestId })
  return clientData.withClient(ctx, { personId }, async (scope) => {
    await logQuery(scope.trx, ctx.principal.userId, personId, purpose, result)
    if (result.status !== 'found') return { status: result.status === 'not_found' ? 'not_found' : 'error', changedFields: [] } as VtjRefreshResult
    const changes = await applyVtjPerson(scope.trx, personId, result.person, ctx.principal.userId)
    return { status: changes.length ? 'updated' : 'unchanged', changedFields: changes.map((c) => c.field) } as VtjRefreshResult
  })
}
