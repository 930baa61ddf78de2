/* eslint-disable no-restricted-syntax -- the data protection officer reads and reviews the security tables (audit_log, audit_review, break_glass); every read that names a client is itself audited here, and the report reaches client data through app.clientData.list */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import {
  AccessReportRequest,
  AuditLogPage,
  AuditLogQuery,
  BreakGlassQueue,
  ReviewIdParams,
  ReviewStatusQuery,
  SampleDrawRequest,
  SampleDrawResult,
  SampleList,
  StaffOptions,
  VerdictRequest,
} from '@huoma/contract'
import { addMonths, todayInHelsinki, type LocalDate } from '@huoma/domain'
import { sql, type Generated, type Transaction } from 'kysely'
import { privacyActions } from './actions'
import { privacyEvents } from './events'
import { appendAudit, type Executor } from '../../access/audit'
import type { DB } from '../../db/schema'
import { grantsFor, requireAuthed, type AuthedContext } from '../../access/context'
import { requestLanguage } from '../../http/language'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { isMeaningfulReason, REASON_MIN_CHARS } from '../../access/reason'
import { renderReport, type ReportInput, type ReportRow } from './report'
import { mailingAddress } from '../../pdf/mailing-address'
import {
  closeBreakGlassReview,
  closeSampleReview,
  drawSample,
  identityIds,
  listBreakGlass,
  listSample,
  listStaff,
  searchAuditLog,
} from './repository'

/** The reason row for a report reaching beyond two years (migration 0005_privacy; not in the shared table types). */
type ReasonTables = {
  access_report_reason: {
    id: Generated<string>
    user_id: string
    person_id: string
    period_from: string
    period_until: string
    reason: string
    request_id: string | null
  }
}

/**
 * The data protection officer reading the log is processing the data of every client the answer names: one audit
 * row (event `audit:read`) with those client ids, the last step of the transaction that read them.
 */
async function auditRead(trx: Executor, ctx: AuthedContext, clientIds: Iterable<string>, dataGroup: string, action: 'search' | 'view') {
  await appendAudit(trx, {
    userId: ctx.principal.userId,
    roleCode: roleOf(ctx, 'audit:read'),
    clientIds: [...new Set(clientIds)],
    dataGroup,
    kind: action,
    event: privacyEvents.read,
    basis: 'log_monitoring',
    outcome: 'success',
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
  })
}

function roleOf(ctx: AuthedContext, action: keyof typeof privacyActions): string | null {
  return grantsFor(ctx.principal, privacyActions[action])[0]?.roleCode ?? null
}

function checkNote(note: string): FieldIssue[] {
  return note.trim() ? [] : [{ field: 'body.note', code: 'privacy.noteRequired' }]
}

const alreadyReviewed = () =>
  new HttpProblem(409, 'conflict', { issues: [{ field: 'body.verdict', code: 'privacy.alreadyReviewed' }] })

type Verdict = VerdictRequest['verdict']
/** Closes a review: `undefined` = no such item, `'closed'` = already reviewed, otherwise the clients it concerned. */
type CloseReview = (trx: Transaction<DB>, id: string, userId: string, verdict: Verdict, note: string) => Promise<undefined | 'closed' | string[]>

/**
 * A verdict on a reviewed access (break the glass or a sampled one): the note is checked, the review closed and an
 * `audit:review` row pointing to it appended in the same transaction.
 */
async function closeWithVerdict(
  request: FastifyRequest<{ Params: { id: string }; Body: VerdictRequest }>,
  dataGroup: string,
  close: CloseReview,
): Promise<void> {
  const ctx = requireAuthed(request)
  const { verdict, note } = request.body
  const issues = checkNote(note)
  if (issues.length) throw problems.validation(issues)
  const result = await request.server.database.db.transaction().execute(async (trx) => {
    const clientIds = await close(trx, request.params.id, ctx.principal.userId, verdict, note.trim())
    if (clientIds === undefined || clientIds === 'closed') return clientIds
    await appendAudit(trx, {
      userId: ctx.principal.userId,
      roleCode: roleOf(ctx, 'audit:review'),
      clientIds,
      dataGroup,
      event: privacyEvents.review,
      basis: 'log_monitoring',
      refId: request.params.id,
      outcome: 'success',
      requestId: ctx.requestId,
      clientAddress: ctx.clientAddress,
    })
    return 'ok' as const
  })
  if (result === undefined) throw problems.notFound()
  if (result === 'closed') throw alreadyReviewed()
}

export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db

  // ---- Audit log search ---------------------------------------------------------------------------------------

  app.get(
    '/api/privacy/audit-log',
    {
      config: { action: 'audit:read' },
      schema: {
        tags: ['privacy'],
        summary: 'Search the audit log by client, user, period, event, action kind and outcome; newest first, keyset paging',
        querystring: AuditLogQuery,
        response: { 200: AuditLogPage },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const q = request.query
      if (q.from && q.to && q.from > q.to) throw problems.validation([{ field: 'query.from', code: 'privacy.period' }])
      return db()
        .transaction()
        .execute(async (trx) => {
          // An event is found under its name and the names it was written under before the naming scheme.
          const known = q.event ? app.auditEvents.get(q.event) : undefined
          const page = await searchAuditLog(trx, { ...q, ...(q.event ? { events: [q.event, ...(known?.legacy ?? [])] } : {}) })
          // The clients of the log's own reads (`audit:*` rows) are not named again: each such row already names
          // what its read showed, and passing them on would grow every later read of the same client's log by the
          // clients of the one before (a 50 M-row benchmark saw one officer's read name 20 000 clients).
          const named = page.entries.filter((e) => !e.event.startsWith('audit:')).flatMap((e) => e.clientIds)
          await auditRead(trx, ctx, q.clientId ? [q.clientId, ...named] : named, 'privacy/audit-log', 'search')
          return page
        })
    },
  )

  app.get(
    '/api/privacy/staff',
    {
      config: { action: 'audit:read' },
      schema: { tags: ['privacy'], summary: 'Staff users, for the user filter of the log search', response: { 200: StaffOptions } },
    },
    async () => ({ users: await listStaff(db()) }),
  )

  // ---- Break-the-glass review queue ---------------------------------------------------------------------------

  app.get(
    '/api/privacy/break-glass',
    {
      config: { action: 'audit:read' },
      schema: {
        tags: ['privacy'],
        summary: 'Break-the-glass accesses: the unreviewed first (oldest first), then the reviewed (newest first)',
        querystring: ReviewStatusQuery,
        response: { 200: BreakGlassQueue },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const opts = { status: request.query.status ?? 'all', limit: request.query.limit ?? 100, lang: requestLanguage(request) }
      return db()
        .transaction()
        .execute(async (trx) => {
          const items = await listBreakGlass(trx, opts)
          await auditRead(trx, ctx, items.map((i) => i.personId), 'privacy/break-glass-review', 'view')
          return { items }
        })
    },
  )

  app.post(
    '/api/privacy/break-glass/:id/verdict',
    {
      config: { action: 'audit:review' },
      schema: {
        tags: ['privacy'],
        summary: 'Close a break-the-glass access with a verdict and a note',
        params: ReviewIdParams,
        body: VerdictRequest,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await closeWithVerdict(request, 'privacy/break-glass-review', async (trx, id, userId, verdict, note) => {
        const closed = await closeBreakGlassReview(trx, id, userId, verdict, note)
        return closed === undefined || closed === 'closed' ? closed : [closed.personId]
      })
      return reply.code(204).send(null)
    },
  )

  // ---- Random sample --------------------------------------------------------------------------------------------

  app.post(
    '/api/privacy/samples',
    {
      config: { action: 'audit:review' },
      schema: {
        tags: ['privacy'],
        summary: 'Draw a random sample of recent client-data accesses for review (size: the setting, or given)',
        body: SampleDrawRequest,
        response: { 200: SampleDrawResult },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const settings = app.config.security
      const size = request.body.size ?? settings.auditSampleSize
      return db()
        .transaction()
        .execute(async (trx) => {
          const drawn = await drawSample(trx, { userId: ctx.principal.userId, size, windowDays: settings.auditSampleWindowDays })
          const items = await listSample(trx, { status: 'open', limit: 200 })
          await auditRead(trx, ctx, items.flatMap((i) => i.entry.clientIds), 'privacy/sample-review', 'view')
          return { drawn, windowDays: settings.auditSampleWindowDays, items }
        })
    },
  )

  app.get(
    '/api/privacy/samples',
    {
      config: { action: 'audit:read' },
      schema: {
        tags: ['privacy'],
        summary: 'Sampled accesses: the unreviewed first, then the reviewed',
        querystring: ReviewStatusQuery,
        response: { 200: SampleList },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const opts = { status: request.query.status ?? 'all', limit: request.query.limit ?? 100 }
      return db()
        .transaction()
        .execute(async (trx) => {
          const items = await listSample(trx, opts)
          await auditRead(trx, ctx, items.flatMap((i) => i.entry.clientIds), 'privacy/sample-review', 'view')
          return { items }
        })
    },
  )

  app.post(
    '/api/privacy/samples/:id/verdict',
    {
      config: { action: 'audit:review' },
      schema: {
        tags: ['privacy'],
        summary: 'Close a sampled access with a verdict and a note',
        params: ReviewIdParams,
        body: VerdictRequest,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await closeWithVerdict(request, 'privacy/sample-review', async (trx, id, userId, verdict, note) => {
        const closed = await closeSampleReview(trx, id, userId, verdict, note)
        return closed === undefined || closed === 'closed' ? closed : closed.clientIds
      })
      return reply.code(204).send(null)
    },
  )

  // ---- The client's report ---------------------------------------------------------------------------------------

  app.post(
    '/api/privacy/access-report',
    {
      config: { action: 'audit:client-report' },
      schema: {
        tags: ['privacy'],
        summary: 'The report "who has processed my data" for a client, as a PDF in Finnish or Swedish',
        description:
          'Covers two years back by default; an earlier start needs `reason`, which is recorded (never in the audit log). ' +
          'Answers application/pdf. Printing is audited (action print, data group privacy/access-report).',
        body: AccessReportRequest,
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const body = request.body
      const today = todayInHelsinki(new Date())
      const twoYearsBack = addMonths(today, -24)
      const from = (body.from ?? twoYearsBack) as LocalDate
      const to = (body.to ?? today) as LocalDate
      const issues: FieldIssue[] = []
      if (from > to) issues.push({ field: 'body.from', code: 'privacy.period' })
      if (to > today) issues.push({ field: 'body.to', code: 'privacy.future' })
      const extended = from < twoYearsBack
      if (extended && !isMeaningfulReason(body.reason)) {
        issues.push({ field: 'body.reason', code: 'privacy.reasonRequired', params: { limit: REASON_MIN_CHARS } })
      }
      if (issues.length) throw problems.validation(issues)

      // The client's own access request is the basis here, not a client relationship: the officer must identify the
      // person whoever they are, so the chokepoint's visibility filter is deliberately not applied. The chokepoint
      // still writes the print row (client id, action print, privacy/access-report) in the same transaction.
      const [found] = await app.clientData.list(ctx, {}, async (trx) => {
        const person = await trx
          .selectFrom('person')
          .select(['id', 'first_names', 'last_name', 'hetu', 'temporary_id', 'turvakielto'])
          .where('id', '=', body.personId)
          .executeTakeFirst()
        if (!person) throw problems.notFound() // rolls back: nothing was processed, nothing is logged
        if (extended) {
          await trx
            .withTables<ReasonTables>()
            .insertInto('access_report_reason')
            .values({
              user_id: ctx.principal.userId,
              person_id: person.id,
              period_from: from,
              period_until: to,
              reason: body.reason!.trim(),
              request_id: ctx.requestId,
            })
            .execute()
        }
        // The address a letter to the client may print: the same rule as every document sent to the client.
        const address = await mailingAddress(trx, person.id, person.turvakielto)
        const lang = body.language
        // The person's own id and every identity merged into it (records written under a temporary id count), found
        // through the audit_client index by client and period.
        const rows = await trx
          .selectFrom('audit_client as c')
          .innerJoin('audit_log as a', 'a.id', 'c.audit_id')
          .leftJoin('staff_user as u', 'u.id', 'a.user_id')
          .leftJoin('role as ro', 'ro.code', 'a.role_code')
          .select(['a.occurred_at', 'u.display_name', 'a.data_group', 'a.action', 'a.event', 'a.basis'])
          .select(lang === 'sv' ? 'ro.name_sv as role_name' : 'ro.name_fi as role_name')
          .where('c.client_id', 'in', await identityIds(trx, person.id))
          .where('a.outcome', '=', 'success')
          .where('c.occurred_at', '>=', sql<Date>`(${from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`)
          .where('c.occurred_at', '<', sql<Date>`((${to}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')`)
          .distinctOn('a.id')
          .orderBy('a.id')
          .execute()
        const tasks = await trx.selectFrom('service_task').select(['code', 'name_fi', 'name_sv']).execute()
        const org = await trx.selectFrom('organisation').select('name').orderBy('created_at').executeTakeFirst()
        const input: ReportInput = {
          language: lang,
          organisation: org?.name ?? '',
          client: { name: `${person.first_names} ${person.last_name}`, hetu: person.hetu, temporaryId: person.temporary_id },
          address: address ? [address.street, `${address.postalCode} ${address.postOffice}`] : null,
          period: { from, to },
          extendedPeriod: extended,
          printedAt: new Date(),
          printedBy: ctx.principal.displayName,
          serviceTaskNames: Object.fromEntries(tasks.map((s) => [s.code, lang === 'sv' ? s.name_sv : s.name_fi])),
          rows: rows.map(
            (r): ReportRow => ({
              occurredAt: r.occurred_at,
              userName: r.display_name,
              roleName: r.role_name,
              dataGroup: r.data_group,
              action: r.action,
              event: r.event,
              basis: r.basis,
            }),
          ),
        }
        return [{ id: person.id, input }]
      })
      if (!found) throw problems.notFound()
      // Rendered after the commit, so the single embedded connection is not held while the PDF is laid out.
      const pdf = await renderReport(found.input)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="kasittelyselvitys-${today}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  )
}
