import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { privacyEndpoints as ep, type VerdictRequest } from '@huoma/contract'
import { addMonths, type LocalDate } from '@huoma/domain'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { isMeaningfulReason, REASON_MIN_CHARS } from '../../access/reason'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { renderReport } from './report'
import { accessReportInput } from './report.queries'
import {
  closeBreakGlassReview,
  closeSampleReview,
  closeWithVerdict,
  drawSample,
  listBreakGlass,
  listSample,
  listStaff,
  readLogged,
  searchAuditLog,
  securityTables,
  type CloseReview,
} from './repository'

function checkNote(note: string): FieldIssue[] {
  return note.trim() ? [] : [{ field: 'body.note', code: 'privacy.noteRequired' }]
}

const alreadyReviewed = () =>
  new HttpProblem(409, 'conflict', { issues: [{ field: 'body.verdict', code: 'privacy.alreadyReviewed' }] })

/**
 * The data protection officer's tools (lokivalvonta): the log search, the review queues, the sample and the client's
 * access report. Every read that names clients is itself audited (`readLogged`), every verdict too.
 */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = securityTables(app)

  /** A verdict: the note is checked, then the review closed with its audit row (404 unknown, 409 already closed). */
  async function verdict(ctx: AuthedContext, id: string, body: VerdictRequest, dataGroup: string, close: CloseReview) {
    const issues = checkNote(body.note)
    if (issues.length) throw problems.validation(issues)
    const result = await closeWithVerdict(db, ctx, { id, dataGroup, verdict: body.verdict, note: body.note.trim() }, close)
    if (result === undefined) throw problems.notFound()
    if (result === 'closed') throw alreadyReviewed()
  }

  // ---- Audit log search ---------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['privacy.searchLog']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const q = request.query
      if (q.from && q.to && q.from > q.to) throw problems.validation([{ field: 'query.from', code: 'privacy.period' }])
      // An event is found under its name and the names it was written under before the naming scheme.
      const known = q.event ? app.auditEvents.get(q.event) : undefined
      return readLogged(db, ctx, { dataGroup: 'privacy/audit-log', kind: 'search' }, async (trx) => {
        const page = await searchAuditLog(trx, { ...q, ...(q.event ? { events: [q.event, ...(known?.legacy ?? [])] } : {}) })
        // The clients of the log's own reads (`audit:*` rows) are not named again: each such row already names
        // what its read showed, and passing them on would grow every later read of the same client's log by the
        // clients of the one before (a 50 M-row benchmark saw one officer's read name 20 000 clients).
        const named = page.entries.filter((e) => !e.event.startsWith('audit:')).flatMap((e) => e.clientIds)
        return { value: page, clientIds: q.clientId ? [q.clientId, ...named] : named }
      })
    },
  })

  app.route({
    ...endpoint(ep['privacy.staff']),
    handler: async () => ({ users: await listStaff(db) }),
  })

  // ---- Break-the-glass review queue ---------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['privacy.breakGlassQueue']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const opts = { status: request.query.status ?? 'all', limit: request.query.limit ?? 100, lang: requestLanguage(request) }
      return readLogged(db, ctx, { dataGroup: 'privacy/break-glass-review', kind: 'view' }, async (trx) => {
        const items = await listBreakGlass(trx, opts)
        return { value: { items }, clientIds: items.map((i) => i.personId) }
      })
    },
  })

  app.route({
    ...endpoint(ep['privacy.reviewBreakGlass']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await verdict(ctx, request.params.id, request.body, 'privacy/break-glass-review', async (trx, id, userId, verdict, note) => {
        const closed = await closeBreakGlassReview(trx, id, userId, verdict, note)
        return closed === undefined || closed === 'closed' ? closed : [closed.personId]
      })
      return reply.code(204).send(null)
    },
  })

  // ---- Random sample --------------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['privacy.drawSample']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const settings = app.config.security
      const size = request.body.size ?? settings.auditSampleSize
      return readLogged(db, ctx, { dataGroup: 'privacy/sample-review', kind: 'view' }, async (trx) => {
        const drawn = await drawSample(trx, { userId: ctx.principal.userId, size, windowDays: settings.auditSampleWindowDays })
        const items = await listSample(trx, { status: 'open', limit: 200 })
        return { value: { drawn, windowDays: settings.auditSampleWindowDays, items }, clientIds: items.flatMap((i) => i.entry.clientIds) }
      })
    },
  })

  app.route({
    ...endpoint(ep['privacy.samples']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const opts = { status: request.query.status ?? 'all', limit: request.query.limit ?? 100 }
      return readLogged(db, ctx, { dataGroup: 'privacy/sample-review', kind: 'view' }, async (trx) => {
        const items = await listSample(trx, opts)
        return { value: { items }, clientIds: items.flatMap((i) => i.entry.clientIds) }
      })
    },
  })

  app.route({
    ...endpoint(ep['privacy.reviewSample']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await verdict(ctx, request.params.id, request.body, 'privacy/sample-review', async (trx, id, userId, verdict, note) => {
        const closed = await closeSampleReview(trx, id, userId, verdict, note)
        return closed === undefined || closed === 'closed' ? closed : closed.clientIds
      })
      return reply.code(204).send(null)
    },
  })

  // ---- The client's report ---------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['privacy.accessReport']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const body = request.body
      const today = app.clock.today()
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
      // A guardian receiving the report is named in the same audit row (their name and address are printed).
      const [found] = await app.clientData.list(ctx, {}, async (trx) => {
        const r = await accessReportInput(trx, {
          personId: body.personId,
          language: body.language,
          from,
          to,
          extended,
          reason: body.reason,
          userId: ctx.principal.userId,
          requestId: ctx.requestId,
          printedAt: app.clock.now(),
          printedBy: ctx.principal.displayName,
          guardianId: body.guardianId,
          today,
        })
        return r.guardianId ? [r, { ...r, id: r.guardianId }] : [r]
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
  })
}
