import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { adminEndpoints as ep } from '@huoma/contract'
import { appendAudit } from '../../access/audit'
import { requireAuthed } from '../../access/context'
import { hashPassword } from '../../access/passwords'
import { endpoint } from '../../http/endpoint'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { actorAudit } from '../../access/actor-audit'
import { refuseSelf } from './audit'
import { adminEvents } from './events'
import { approveGrantRequest, createGrant, endGrant, fileGrantRequest, refuseGrantRequest, requestedFor } from './grants.queries'
import { adminDetail } from './messages'
import { requireSeparation } from './separation'
import { normaliseUsername, oneTimePassword, passwordIssues, usernameIssues } from './policy'
import { activeUnitIds, grantFieldIssues, grantsOf, listRequests, listUsers, organisationStructure, readGrant, readRequest, readUserOrThrow, staffDirectory } from './repository'
import { adminDb, createUser, deactivateUser, reactivateUser, resetSecondFactor, updateUser, userExists, usernameTaken } from './users.queries'

/*
 * Käyttäjät ja oikeudet: the main user's administration of staff accounts and grants, and the supervisors' grant
 * requests. Every change is a security event in the audit log, written in the same transaction as the change,
 * with the affected user's id in ref_id and never free text. No response carries client data.
 */

export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = adminDb(app)

  // ---- Organisation and request options (for the forms) -------------------------------------------------------

  app.route({
    ...endpoint(ep['admin.organisation']),
    handler: async () => organisationStructure(db),
  })

  app.route({
    ...endpoint(ep['admin.grantRequestOptions']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      // A main user may ask in any unit (another main user decides); a supervisor in the units they supervise.
      const unitIds = ctx.principal.roles.includes('main_user')
        ? await activeUnitIds(db)
        : [...new Set(ctx.principal.grants.filter((g) => g.roleCode === 'supervisor').map((g) => g.unitId))]
      return { users: await staffDirectory(db), unitIds }
    },
  })

  // ---- Users -------------------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['admin.listUsers']),
    handler: async (request) => {
      const q = request.query
      return listUsers(db, { q: q.q?.trim() || undefined, status: q.status ?? 'active', limit: q.limit ?? 200 })
    },
  })

  app.route({
    ...endpoint(ep['admin.readUser']),
    handler: async (request) => readUserOrThrow(db, request.params.id),
  })

  app.route({
    ...endpoint(ep['admin.createUser']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const body = request.body
      const username = normaliseUsername(body.username)
      const issues: FieldIssue[] = [...usernameIssues(username)]
      if (body.password !== undefined) issues.push(...passwordIssues(body.password, username, app.config.security.passwordMinLength))
      if (issues.length) throw problems.validation(issues)
      const taken = () => problems.validation([{ field: 'body.username', code: 'admin.username.taken' }])
      if (await usernameTaken(db, username)) throw taken()

      const generated = body.password === undefined ? oneTimePassword() : undefined
      const passwordHash = await hashPassword(body.password ?? generated!)
      const id = await createUser(db, ctx, { username, body, passwordHash })
      if (id === 'taken') throw taken()
      const user = await readUserOrThrow(db, id)
      reply.status(201)
      return generated ? { user, initialPassword: generated } : { user }
    },
  })

  app.route({
    ...endpoint(ep['admin.updateUser']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await updateUser(db, ctx, request.params.id, request.body)
      return readUserOrThrow(db, request.params.id)
    },
  })

  app.route({
    ...endpoint(ep['admin.deactivateUser']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await deactivateUser(db, ctx, request.params.id, request.body.version)
      return readUserOrThrow(db, request.params.id)
    },
  })

  app.route({
    ...endpoint(ep['admin.reactivateUser']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await reactivateUser(db, ctx, request.params.id, request.body.version)
      return readUserOrThrow(db, request.params.id)
    },
  })

  app.route({
    ...endpoint(ep['admin.resetMfa']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      // One's own second factor is replaced through one's own MFA settings, never by the main-user shortcut.
      if (id === ctx.principal.userId) await refuseSelf(db, ctx, adminEvents.mfaReset)
      await resetSecondFactor(db, ctx, id, request.body.version)
      return readUserOrThrow(db, id)
    },
  })

  // ---- Grants ------------------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['admin.userGrants']),
    handler: async (request) => {
      const { id } = request.params
      if (!(await userExists(db, id))) throw problems.notFound()
      return { grants: (await grantsOf(db, [id], false)).get(id) ?? [] }
    },
  })

  app.route({
    ...endpoint(ep['admin.createGrant']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      // Nobody grants rights to themselves: a main user who needs client access asks another main user.
      if (id === ctx.principal.userId) await refuseSelf(db, ctx, adminEvents.grantCreated)
      // The fields first (the form's messages), then: a right to client content is never given by one person.
      const issues = await grantFieldIssues(db, request.body, app.clock.today())
      if (issues.length) throw problems.validation(issues)
      await requireSeparation(db, ctx, { userId: id, roleCode: request.body.roleCode, requestedBy: ctx.principal.userId, direct: true }, {
        event: adminEvents.grantCreated,
        form: { prefix: 'body' },
      })
      const grantId = await createGrant(db, ctx, id, request.body, app.clock.today())
      reply.status(201)
      return (await readGrant(db, grantId))!
    },
  })

  app.route({
    ...endpoint(ep['admin.endGrant']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await endGrant(db, ctx, request.params.id)
      return (await readGrant(db, request.params.id))!
    },
  })

  // ---- Grant requests ----------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['admin.listGrantRequests']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const all = ctx.principal.roles.includes('main_user')
      return {
        requests: await listRequests(db, { status: request.query.status ?? 'open', requestedBy: all ? undefined : ctx.principal.userId }),
      }
    },
  })

  app.route({
    ...endpoint(ep['admin.fileGrantRequest']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const body = request.body
      // A supervisor asks for workers of the units they supervise; a main user may ask too (another one decides).
      const supervises = ctx.principal.grants.some((g) => g.roleCode === 'supervisor' && g.unitId === body.unitId)
      if (!supervises && !ctx.principal.roles.includes('main_user')) {
        await appendAudit(db, actorAudit(ctx, { event: adminEvents.grantRequestFiled, refId: body.userId, outcome: 'denied' }))
        throw new HttpProblem(403, 'forbidden', { detail: adminDetail('notSupervisorOfUnit') })
      }
      await requireSeparation(db, ctx, { userId: body.userId, roleCode: body.roleCode, requestedBy: ctx.principal.userId }, {
        event: adminEvents.grantRequestFiled,
        form: { prefix: 'body' },
      })
      const id = await fileGrantRequest(db, ctx, body, app.clock.today())
      reply.status(201)
      return (await readRequest(db, id))!
    },
  })

  app.route({
    ...endpoint(ep['admin.approveGrantRequest']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      const req = await requestedFor(db, id)
      if (req?.userId === ctx.principal.userId) await refuseSelf(db, ctx, adminEvents.grantRequestGranted)
      if (req) {
        await requireSeparation(db, ctx, { userId: req.userId, roleCode: req.roleCode, requestedBy: req.requestedBy, grantedBy: ctx.principal.userId }, {
          event: adminEvents.grantRequestGranted,
        })
      }
      await approveGrantRequest(db, ctx, id, app.clock.today())
      return (await readRequest(db, id))!
    },
  })

  app.route({
    ...endpoint(ep['admin.refuseGrantRequest']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await refuseGrantRequest(db, ctx, request.params.id)
      return (await readRequest(db, request.params.id))!
    },
  })
}
