import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { personsEndpoints as ep } from '@huoma/contract'
import { visiblePersons } from '../../access/client-access'
import { asAction, grantsFor, requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { readLifeSituation, recordLifeSituation } from './life-situation'
import { addContact, endContact, listContacts, updateContact } from './contacts'
import { addHouseholdMember, addRelation, endHouseholdMember, endRelation, startHousehold } from './family'
import { MergeTargetHidden, mergePerson } from './merge'
import { cardArgs, cardRead, createPerson, endRelationship, openRelationship, readProtectedAddress, toCard, updatePerson } from './registry'
import { REFRESH_PURPOSE, refreshFromVtj } from './vtj-apply'
import { selfOpenedRelationships } from './self-opened'

/** Service tasks in which the user's grants for the route's action let them see or manage relationships. */
function grantTasks(ctx: AuthedContext): string[] {
  return [...new Set(ctx.grants.flatMap((g) => g.serviceTasks))]
}

export const registryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['persons.create']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const created = await app.clientData.create(ctx, async (trx) => {
        const p = await createPerson(trx, request.body, ctx.principal.userId, app.clock.now())
        return { personId: p.id, value: p }
      })
      return reply.status(201).send(created)
    },
  })

  app.route({
    ...endpoint(ep['persons.update']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return updatePerson(scope, request.body, ctx.principal.userId)
      })
    },
  })

  app.route({
    ...endpoint(ep['persons.card']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      // the registry's contact persons and life situation on the timeline, for a reader who may read them
      const events = {
        contacts: grantsFor(ctx.principal, app.actions['persons:contacts']).length > 0,
        lifeSituation: grantsFor(ctx.principal, app.actions['persons:life-situation']).length > 0,
      }
      const reader = {
        userId: ctx.principal.userId,
        grantTasks: grantTasks(ctx),
        supervisionTasks: [...new Set(ctx.grants.filter((g) => g.roleCode === 'supervisor').flatMap((g) => g.serviceTasks))],
      }
      // one statement: the access decision, the card and its audit row (naming the family and household shown)
      const read = async () => {
        const { value, basis } = await app.clientData.read(ctx, { personId: request.params.id }, cardRead(app.clientTimelineSources, events), cardArgs(reader))
        return toCard(value, request.params.id, basis, app.clientTimelineSources)
      }
      const card = await read()
      // Data older than the setting is refreshed from the population register on open, and the card says what changed.
      const staleBefore = app.clock.now().getTime() - app.config.vtjRefreshDays * 86_400_000
      if (card.person.hetu && (!card.vtjCheckedAt || Date.parse(card.vtjCheckedAt) < staleBefore)) {
        const refreshed = await refreshFromVtj(app.vtj, app.clientData, asAction(ctx, app.actions, 'persons:vtj-refresh'), request.params.id, REFRESH_PURPOSE)
        if (refreshed.status === 'updated') return { ...(await read()), vtjChanges: refreshed.changedFields }
      }
      return card
    },
  })

  app.route({
    ...endpoint(ep['persons.protectedAddress']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, readProtectedAddress)
    },
  })

  app.route({
    ...endpoint(ep['persons.openRelationship']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return openRelationship(
          scope,
          request.body,
          {
            userId: ctx.principal.userId,
            allowedTasks: grantTasks(ctx),
            unitIdsOfTask: (task) => ctx.grants.filter((g) => g.serviceTasks.includes(task)).map((g) => g.unitId),
          },
          app.clock.now(),
        )
      })
      return reply.status(201).send(r)
    },
  })

  app.route({
    ...endpoint(ep['persons.selfOpenedRelationships']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const serviceTasks = grantTasks(ctx)
      const relationships = await app.clientData.list(ctx, {}, async (trx, isVisible) =>
        (await selfOpenedRelationships(trx, isVisible, { serviceTasks, today: app.clock.today(), days: request.query.days ?? 90 })).map((r) => ({ ...r, id: r.person.id, item: r })),
      )
      return { relationships: relationships.map((r) => r.item) }
    },
  })

  app.route({
    ...endpoint(ep['persons.endRelationship']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
        endRelationship(scope, request.params.relationshipId, request.body, ctx.principal.userId, grantTasks(ctx), app.clock.now()),
      )
    },
  })

  app.route({
    ...endpoint(ep['persons.merge']),
    handler: async (request) => {
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
  })

  app.route({
    ...endpoint(ep['persons.addFamilyRelation']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return addRelation(scope, request.body, visiblePersons(ctx))
      })
      return reply.status(201).send(r)
    },
  })

  app.route({
    ...endpoint(ep['persons.endFamilyRelation']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return endRelation(scope, request.params.relationId, request.body.validUntil)
      })
    },
  })

  app.route({
    ...endpoint(ep['persons.startHousehold']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return startHousehold(scope, request.body.validFrom)
      })
      return reply.status(201).send(r)
    },
  })

  app.route({
    ...endpoint(ep['persons.addHouseholdMember']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const r = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return addHouseholdMember(scope, request.body, visiblePersons(ctx))
      })
      return reply.status(201).send(r)
    },
  })

  app.route({
    ...endpoint(ep['persons.endHouseholdMember']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return endHouseholdMember(scope, request.params.memberId, request.body.validUntil)
      })
    },
  })
  app.route({
    ...endpoint(ep['persons.contacts']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return listContacts(scope)
      })
    },
  })

  app.route({
    ...endpoint(ep['persons.addContact']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const contact = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return addContact(scope, request.body, ctx.principal.userId, visiblePersons(ctx))
      })
      return reply.status(201).send(contact)
    },
  })

  app.route({
    ...endpoint(ep['persons.updateContact']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return updateContact(scope, request.params.contactId, request.body, visiblePersons(ctx))
      })
    },
  })

  app.route({
    ...endpoint(ep['persons.endContact']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return endContact(scope, request.params.contactId, request.body, app.clock.now())
      })
    },
  })
  app.route({
    ...endpoint(ep['persons.lifeSituation']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return readLifeSituation(scope)
      })
    },
  })

  app.route({
    ...endpoint(ep['persons.recordLifeSituation']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const saved = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        return recordLifeSituation(scope, request.body, ctx.principal.userId)
      })
      return reply.status(201).send(saved)
    },
  })
}
