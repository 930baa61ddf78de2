import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ClientCard,
  FamilyRelationAdd,
  FamilyRelationEnd,
  FamilyRelationParams,
  HouseholdMemberAdd,
  HouseholdMemberEnd,
  HouseholdMemberParams,
  HouseholdStart,
  PersonMerge,
  PersonMergeResult,
  PersonCreate,
  PersonCreated,
  PersonDetails,
  PersonIdParams,
  PersonUpdate,
  ProtectedAddress,
  Relationship,
  RelationshipEnd,
  RelationshipOpen,
  Uuid,
} from '@huoma/contract'
import Type from 'typebox'
import type { ActionDef } from '../../access/actions'
import { visiblePersons } from '../../access/client-access'
import { asAction, grantsFor, requireAuthed, type AuthedContext } from '../../access/context'
import { problems } from '../../http/problem'
import { addHouseholdMember, addRelation, endHouseholdMember, endRelation, startHousehold } from './family'
import { assertNotMerged, MergeTargetHidden, mergePerson } from './merge'
import { createPerson, endRelationship, openRelationship, readCard, readProtectedAddress, updatePerson } from './registry'
import { REFRESH_PURPOSE, refreshFromVtj } from './vtj-routes'

/** Service tasks in which the user's grants for the route's action let them see or manage relationships. */
function grantTasks(ctx: AuthedContext): string[] {
  const def: ActionDef = ctx.def
  return [...new Set(grantsFor(ctx.principal, def).flatMap((g) => g.serviceTasks))]
}

export const registryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const organisationOid = async () => {
    // eslint-disable-next-line no-restricted-syntax -- the organisation row, no client data
    const org = await app.database.db.selectFrom('organisation').select('oid').orderBy('created_at').executeTakeFirst()
    return org?.oid ?? '1.2.246.10.0'
  }

  app.post(
    '/api/persons',
    {
      config: { action: 'persons:create' },
      schema: { tags: ['persons'], summary: 'Register a person as a client', body: PersonCreate, response: { 201: PersonCreated } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const oid = await organisationOid()
      const created = await app.clientData.create(ctx, async (trx) => {
        const p = await createPerson(trx, request.body, ctx.principal.userId, oid, new Date())
        return { personId: p.id, value: p }
      })
      return reply.status(201).send(created)
    },
  )

  app.patch(
    '/api/persons/:id',
    {
      config: { action: 'persons:update' },
      schema: { tags: ['persons'], summary: 'Change a client\'s basic data', params: PersonIdParams, body: PersonUpdate, response: { 200: PersonDetails } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return updatePerson(scope, request.body, ctx.principal.userId)
      })
    },
  )

  app.get(
    '/api/persons/:id/card',
    {
      config: { action: 'persons:card' },
      schema: { tags: ['persons'], summary: 'The client card', params: PersonIdParams, response: { 200: ClientCard } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const read = () =>
        app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
          // The registry basis (office secretary) sees every relationship: assigning workers is their task.
          readCard(scope, scope.basis === 'registry' ? 'all' : grantTasks(ctx)),
        )
      const card = await read()
      // Data older than the setting is refreshed from the population register on open, and the card says what changed.
      const staleBefore = Date.now() - app.config.vtjRefreshDays * 86_400_000
      if (card.person.hetu && (!card.vtjCheckedAt || Date.parse(card.vtjCheckedAt) < staleBefore)) {
        const refreshed = await refreshFromVtj(app.vtj, app.clientData, asAction(ctx, app.actions, 'persons:vtj-refresh'), request.params.id, REFRESH_PURPOSE)
        if (refreshed.status === 'updated') return { ...(await read()), vtjChanges: refreshed.changedFields }
      }
      return card
    },
  )

  app.get(
    '/api/persons/:id/protected-address',
    {
      config: { action: 'persons:protected-address' },
      schema: { tags: ['persons'], summary: 'The address and municipality under turvakielto', params: PersonIdParams, response: { 200: ProtectedAddress } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, readProtectedAddress)
    },
  )

  app.post(
    '/api/persons/:id/relationships',
    {
      config: { action: 'relationships:open' },
      schema: { tags: ['persons'], summary: 'Open a client relationship', params: PersonIdParams, body: RelationshipOpen, response: { 201: Relationship } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return openRelationship(scope, request.body, ctx.principal.userId, grantTasks(ctx), new Date())
      })
      return reply.status(201).send(r)
    },
  )

  app.post(
    '/api/persons/:id/relationships/:relationshipId/end',
    {
      config: { action: 'relationships:end' },
      schema: {
        tags: ['persons'],
        summary: 'End a client relationship',
        params: Type.Object({ id: Uuid, relationshipId: Uuid }),
        body: RelationshipEnd,
        response: { 200: Relationship },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
        endRelationship(scope, request.params.relationshipId, request.body, ctx.principal.userId, grantTasks(ctx), new Date()),
      )
    },
  )

  app.post(
    '/api/persons/:id/merge',
    {
      config: { action: 'persons:merge' },
      schema: {
        tags: ['persons'],
        summary: 'Merge a temporary identity into the real henkilötunnus',
        description:
          'Sets the henkilötunnus on this (temporary) person when nobody has it; otherwise moves every record of this ' +
          'person to its holder in one transaction and marks this person merged. Reads of a merged person answer 404 ' +
          'with type https://huoma.fi/problems/person-merged and `mergedInto`.',
        params: PersonIdParams,
        body: PersonMerge,
        response: { 200: PersonMergeResult },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      try {
        return await app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
          mergePerson(scope, request.body, ctx.principal.userId, visiblePersons(ctx)),
        )
      } catch (e) {
        if (!(e instanceof MergeTargetHidden)) throw e
        // Both persons must be reachable: the refusal for the holder of the henkilötunnus is decided and logged by the
        // chokepoint like any other (and answers 404).
        await app.clientData.withClient(ctx, { personId: e.targetId }, async () => undefined)
        throw problems.notFound()
      }
    },
  )

  const created = Type.Object({ relationId: Uuid })
  app.post(
    '/api/persons/:id/family',
    {
      config: { action: 'persons:family' },
      schema: { tags: ['persons'], summary: 'Add a family relation', params: PersonIdParams, body: FamilyRelationAdd, response: { 201: created } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return addRelation(scope, request.body, visiblePersons(ctx))
      })
      return reply.status(201).send(r)
    },
  )

  app.post(
    '/api/persons/:id/family/:relationId/end',
    {
      config: { action: 'persons:family' },
      schema: { tags: ['persons'], summary: 'End a family relation', params: FamilyRelationParams, body: FamilyRelationEnd, response: { 200: created } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return endRelation(scope, request.params.relationId, request.body.validUntil)
      })
    },
  )

  const household = Type.Object({ householdId: Uuid })
  app.post(
    '/api/persons/:id/household',
    {
      config: { action: 'persons:household' },
      schema: { tags: ['persons'], summary: 'Start a household (ruokakunta) with this person', params: PersonIdParams, body: HouseholdStart, response: { 201: household } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return startHousehold(scope, request.body.validFrom)
      })
      return reply.status(201).send(r)
    },
  )

  app.post(
    '/api/persons/:id/household/members',
    {
      config: { action: 'persons:household' },
      schema: { tags: ['persons'], summary: 'Add a member to this person\'s household', params: PersonIdParams, body: HouseholdMemberAdd, response: { 201: household } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return addHouseholdMember(scope, request.body, visiblePersons(ctx))
      })
      return reply.status(201).send(r)
    },
  )

  app.post(
    '/api/persons/:id/household/members/:memberId/end',
    {
      config: { action: 'persons:household' },
      schema: { tags: ['persons'], summary: 'End a household membership', params: HouseholdMemberParams, body: HouseholdMemberEnd, response: { 200: household } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await assertNotMerged(scope)
        return endHouseholdMember(scope, request.params.memberId, request.body.validUntil)
      })
    },
  )
}
