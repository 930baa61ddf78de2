import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { vtjEndpoints as ep, type VtjPersonView } from '@huoma/contract'
import { parseHetu } from '@huoma/domain'
import { requireAuthed } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { HttpProblem, problems } from '../../http/problem'
import { redactForTurvakielto, type VtjClient, type VtjPerson } from '../../integrations/vtj'
import { logVtjQuery, personIdByHetu, REFRESH_PURPOSE, refreshFromVtj, registerFromVtj } from './vtj-apply'

declare module 'fastify' {
  interface FastifyInstance {
    /** The population register: the X-Road adapter when configured, otherwise the simulator. */
    vtj: VtjClient
  }
}

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

function canonical(hetu: string): string {
  const parsed = parseHetu(hetu)
  if (!parsed.ok) throw problems.validation([{ field: 'body.hetu', code: `hetu.${parsed.error}` }])
  return parsed.value.hetu
}

const unavailable = (code: string) =>
  new HttpProblem(502, 'unavailable', { type: 'https://huoma.fi/problems/population-register', extra: { code } })

/**
 * The population register over HTTP. The register is asked before any transaction (a network call must not hold
 * the database); its answer is then applied and logged through the client-access chokepoint (vtj-apply.ts).
 */
export const vtjRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['vtj.query']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const hetu = canonical(request.body.hetu)
      const result = await app.vtj.queryPerson(hetu, { purpose: request.body.purpose, userId: ctx.principal.username, requestId: ctx.requestId })
      return app.clientData.roleEvent(ctx, async (trx) => {
        const existingId = await personIdByHetu(trx, hetu)
        const refId = await logVtjQuery(trx, ctx.principal.userId, existingId ?? null, request.body.purpose, result)
        const value =
          result.status === 'found'
            ? { status: 'found' as const, person: view(result.person), existingPersonId: existingId ?? null }
            : result.status === 'not_found'
              ? { status: 'not_found' as const }
              : { status: 'error' as const, code: result.code }
        return { value, clientIds: existingId ? [existingId] : [], refId }
      })
    },
  })

  app.route({
    ...endpoint(ep['persons.fromVtj']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const hetu = canonical(request.body.hetu)
      const result = await app.vtj.queryPerson(hetu, { purpose: request.body.purpose, userId: ctx.principal.username, requestId: ctx.requestId })
      if (result.status === 'not_found') throw problems.validation([{ field: 'body.hetu', code: 'vtj.not_found' }])
      if (result.status === 'error') throw unavailable(result.code)
      const created = await app.clientData.create(ctx, async (trx) => {
        const { person, touched } = await registerFromVtj(trx, hetu, result.person, request.body, result, ctx.principal.userId, app.clock.now())
        return { personId: person.id, value: person, touched }
      })
      return reply.status(201).send(created)
    },
  })

  app.route({
    ...endpoint(ep['persons.refreshFromVtj']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return refreshFromVtj(app.vtj, app.clientData, ctx, request.params.id, request.body.purpose ?? REFRESH_PURPOSE)
    },
  })
}
