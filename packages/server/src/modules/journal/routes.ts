import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  JournalCorrection,
  JournalDraftCreate,
  JournalDraftUpdate,
  JournalEntryDetail,
  JournalEntryParams,
  JournalList,
  JournalListQuery,
  JournalParams,
  JournalPrintQuery,
  JournalSign,
} from '@huoma/contract'
import { todayInHelsinki } from '@huoma/domain'
import Type from 'typebox'
import type { ClientScope } from '../../access/client-access'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { renderJournal } from './pdf'
import { correctEntry, createDraft, deleteDraft, listEntries, printInput, readEntry, signDraft, updateDraft, type JournalTarget } from './repository'
import './messages'

const TAGS = ['journal']
const BASE = '/api/persons/:id/journal/:serviceTask'

/**
 * Journal (asiakaskertomus) routes. Every one goes through the client-data chokepoint with the journal's service
 * task: access is decided for that task only (a relationship in adult social work does not open child welfare
 * entries), and the audit row's data group is `<service task>/entry`.
 */
export const journalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const withJournal = <T>(ctx: AuthedContext, params: { id: string; serviceTask: string }, work: (t: JournalTarget) => Promise<T>) =>
    app.clientData.withClient(ctx, { personId: params.id, serviceTask: params.serviceTask }, (scope: ClientScope) =>
      work({ scope, serviceTask: params.serviceTask, userId: ctx.principal.userId }),
    )

  app.get(
    BASE,
    {
      config: { action: 'journal:read' },
      schema: {
        tags: TAGS,
        summary: 'A client\'s journal entries in a service task, newest first (keyset paging)',
        description: 'Signed entries and the user\'s own drafts; each with the summary of its versions.',
        params: JournalParams,
        querystring: JournalListQuery,
        response: { 200: JournalList },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => listEntries(t, { limit: request.query.limit ?? 20, cursor: request.query.cursor }))
    },
  )

  app.get(
    `${BASE}/entries/:entryId`,
    {
      config: { action: 'journal:read' },
      schema: { tags: TAGS, summary: 'One journal entry with every version', params: JournalEntryParams, response: { 200: JournalEntryDetail } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => readEntry(t, request.params.entryId))
    },
  )

  app.post(
    BASE,
    {
      config: { action: 'journal:write' },
      schema: { tags: TAGS, summary: 'Write a draft journal entry', params: JournalParams, body: JournalDraftCreate, response: { 201: JournalEntryDetail } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const entry = await withJournal(ctx, request.params, (t) => createDraft(t, request.body, new Date()))
      return reply.status(201).send(entry)
    },
  )

  app.put(
    `${BASE}/entries/:entryId`,
    {
      config: { action: 'journal:write' },
      schema: {
        tags: TAGS,
        summary: 'Edit one\'s own draft (optimistic locking: a stale version answers 409)',
        params: JournalEntryParams,
        body: JournalDraftUpdate,
        response: { 200: JournalEntryDetail },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => updateDraft(t, request.params.entryId, request.body, new Date()))
    },
  )

  app.delete(
    `${BASE}/entries/:entryId`,
    {
      config: { action: 'journal:delete-draft' },
      schema: { tags: TAGS, summary: 'Delete one\'s own draft (a signed entry is never deleted)', params: JournalEntryParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      await withJournal(ctx, request.params, (t) => deleteDraft(t, request.params.entryId))
      return reply.status(204).send(null)
    },
  )

  app.post(
    `${BASE}/entries/:entryId/sign`,
    {
      config: { action: 'journal:sign' },
      schema: {
        tags: TAGS,
        summary: 'Sign one\'s own draft: it becomes immutable',
        params: JournalEntryParams,
        body: JournalSign,
        response: { 200: JournalEntryDetail },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => signDraft(t, request.params.entryId, request.body.version))
    },
  )

  app.post(
    `${BASE}/entries/:entryId/corrections`,
    {
      config: { action: 'journal:correct' },
      schema: {
        tags: TAGS,
        summary: 'Correct a signed entry with a new signed version and a reason (the corrected version stays readable)',
        params: JournalEntryParams,
        body: JournalCorrection,
        response: { 201: JournalEntryDetail },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const entry = await withJournal(ctx, request.params, (t) => correctEntry(t, request.params.entryId, request.body, new Date()))
      return reply.status(201).send(entry)
    },
  )

  app.get(
    `${BASE}/print`,
    {
      config: { action: 'journal:print' },
      schema: {
        tags: TAGS,
        summary: 'Print the journal (or one entry) to PDF in Finnish or Swedish',
        description: 'Answers application/pdf with the signed entries; never an address. Audited as a print.',
        params: JournalParams,
        querystring: JournalPrintQuery,
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const now = new Date()
      const lang = request.query.lang ?? 'fi'
      const input = await withJournal(ctx, request.params, (t) => printInput(t, lang, request.query.entryId, ctx.principal.displayName, now))
      // Rendered after the commit, so the single embedded connection is not held while the PDF is laid out.
      const pdf = await renderJournal(input)
      const name = lang === 'sv' ? 'klientberattelse' : 'asiakaskertomus'
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${name}-${todayInHelsinki(now)}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  )
}
