import Type, { type Static } from 'typebox'
import { FileBody, IsoDate, NoContent, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * Journal (asiakaskertomus): entries about a client in one service task. A draft is seen only by its author; a
 * signed entry never changes; a correction is a new signed version with a reason, and the corrected version stays
 * readable (marked superseded).
 */

export const JOURNAL_ENTRY_TYPES = ['meeting', 'home_visit', 'phone_call', 'measure', 'negotiation', 'other'] as const
export const JournalEntryType = Type.Union([
  Type.Literal('meeting'),
  Type.Literal('home_visit'),
  Type.Literal('phone_call'),
  Type.Literal('measure'),
  Type.Literal('negotiation'),
  Type.Literal('other'),
])
export type JournalEntryType = (typeof JOURNAL_ENTRY_TYPES)[number]

/** The shown state: a draft, a signed entry, or a signed entry that has been corrected (a later version exists or this is one). */
export const JournalEntryState = Type.Union([Type.Literal('draft'), Type.Literal('signed'), Type.Literal('corrected')])
export type JournalEntryState = Static<typeof JournalEntryState>

export const JournalParams = Type.Object({
  id: Uuid,
  serviceTask: Type.String({ pattern: '^[a-z_]{2,40}$', description: 'Service task code (palvelutehtävä)' }),
})
export type JournalParams = Static<typeof JournalParams>

export const JournalEntryParams = Type.Object({ ...JournalParams.properties, entryId: Uuid })
export type JournalEntryParams = Static<typeof JournalEntryParams>

export const JournalListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}\\.\\d{1,18}$', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
)
export type JournalListQuery = Static<typeof JournalListQuery>

export const JournalPrintQuery = Type.Object(
  {
    lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')], { default: 'fi' })),
    entryId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type JournalPrintQuery = Static<typeof JournalPrintQuery>

const JournalStaffRef = Type.Object({ id: Uuid, name: Type.String() })
export type JournalStaffRef = Static<typeof JournalStaffRef>

const EventTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time HH:MM (Europe/Helsinki)' })

/** One version of an entry, in full. */
export const JournalVersion = Type.Object({
  id: Uuid,
  entryId: Uuid,
  versionNo: Type.Integer({ minimum: 1 }),
  type: JournalEntryType,
  eventDate: IsoDate,
  eventTime: Type.Union([EventTime, Type.Null()]),
  staffParticipants: Type.Array(JournalStaffRef),
  otherParticipants: Type.Array(Type.String()),
  text: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('signed')]),
  author: JournalStaffRef,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  signedBy: Type.Union([JournalStaffRef, Type.Null()]),
  signedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Set on a correction (versionNo > 1): why the previous version was corrected; the corrector is `author`. */
  correctionReason: Type.Union([Type.String(), Type.Null()]),
  /** A later version corrects this one. */
  superseded: Type.Boolean(),
  /** Optimistic lock of a draft: send it back with an edit or a signature. */
  version: Type.Integer(),
})
export type JournalVersion = Static<typeof JournalVersion>

/** A line of an entry's version history. */
export const JournalVersionSummary = Type.Object({
  id: Uuid,
  versionNo: Type.Integer({ minimum: 1 }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('signed')]),
  authorName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  signedByName: Type.Union([Type.String(), Type.Null()]),
  signedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  correctionReason: Type.Union([Type.String(), Type.Null()]),
  superseded: Type.Boolean(),
})
export type JournalVersionSummary = Static<typeof JournalVersionSummary>

/** An entry in the list: its current version and the history of its versions (newest first). */
export const JournalListItem = Type.Object({
  entryId: Uuid,
  state: JournalEntryState,
  current: JournalVersion,
  history: Type.Array(JournalVersionSummary),
})
export type JournalListItem = Static<typeof JournalListItem>

export const JournalList = Type.Object({
  serviceTask: Type.String(),
  entries: Type.Array(JournalListItem),
  /** Pass as `cursor` for the next (older) page; null when there is none. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type JournalList = Static<typeof JournalList>

/** One entry with every version in full, newest first. */
export const JournalEntryDetail = Type.Object({
  entryId: Uuid,
  serviceTask: Type.String(),
  state: JournalEntryState,
  versions: Type.Array(JournalVersion),
})
export type JournalEntryDetail = Static<typeof JournalEntryDetail>

/** The most characters (Unicode code points, as JSON Schema counts them) of an entry's text. */
export const JOURNAL_TEXT_MAX = 20_000

const content = {
  type: JournalEntryType,
  eventDate: IsoDate,
  eventTime: Type.Optional(Type.Union([EventTime, Type.Null()])),
  staffParticipants: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
  otherParticipants: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
  text: Type.String({ minLength: 1, maxLength: JOURNAL_TEXT_MAX }),
}

export const JournalDraftCreate = Type.Object(content, { additionalProperties: false })
export type JournalDraftCreate = Static<typeof JournalDraftCreate>

export const JournalDraftUpdate = Type.Object({ ...content, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type JournalDraftUpdate = Static<typeof JournalDraftUpdate>

export const JournalSign = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type JournalSign = Static<typeof JournalSign>

export const JournalCorrection = Type.Object(
  {
    ...content,
    /** The version being corrected, as the user saw it: it must still be the current one (else 409). */
    basedOn: Uuid,
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type JournalCorrection = Static<typeof JournalCorrection>

const JOURNAL = '/api/persons/:id/journal/:serviceTask'

/** The journal's operations: every one reaches the client through the chokepoint with the journal's service task. */
export const journalEndpoints = endpoints({
  'journal.list': {
    method: 'GET',
    path: JOURNAL,
    action: 'journal:read',
    summary: 'A client\'s journal entries in a service task, newest first (keyset paging)',
    description: 'Signed entries and the user\'s own drafts; each with the summary of its versions.',
    params: JournalParams,
    query: JournalListQuery,
    response: { 200: JournalList },
  },
  'journal.read': {
    method: 'GET',
    path: `${JOURNAL}/entries/:entryId`,
    action: 'journal:read',
    summary: 'One journal entry with every version',
    params: JournalEntryParams,
    response: { 200: JournalEntryDetail },
  },
  'journal.createDraft': {
    method: 'POST',
    path: JOURNAL,
    action: 'journal:write',
    summary: 'Write a draft journal entry',
    params: JournalParams,
    body: JournalDraftCreate,
    response: { 201: JournalEntryDetail },
  },
  'journal.updateDraft': {
    method: 'PUT',
    path: `${JOURNAL}/entries/:entryId`,
    action: 'journal:write',
    summary: 'Edit one\'s own draft (optimistic locking: a stale version answers 409)',
    params: JournalEntryParams,
    body: JournalDraftUpdate,
    response: { 200: JournalEntryDetail },
    errors: [409],
  },
  'journal.deleteDraft': {
    method: 'DELETE',
    path: `${JOURNAL}/entries/:entryId`,
    action: 'journal:delete-draft',
    summary: 'Delete one\'s own draft (a signed entry is never deleted)',
    params: JournalEntryParams,
    response: { 204: NoContent },
    errors: [409],
  },
  'journal.sign': {
    method: 'POST',
    path: `${JOURNAL}/entries/:entryId/sign`,
    action: 'journal:sign',
    summary: 'Sign one\'s own draft: it becomes immutable',
    params: JournalEntryParams,
    body: JournalSign,
    response: { 200: JournalEntryDetail },
    errors: [409],
  },
  'journal.correct': {
    method: 'POST',
    path: `${JOURNAL}/entries/:entryId/corrections`,
    action: 'journal:correct',
    summary: 'Correct a signed entry with a new signed version and a reason (the corrected version stays readable)',
    params: JournalEntryParams,
    body: JournalCorrection,
    response: { 201: JournalEntryDetail },
    errors: [409],
  },
  'journal.print': {
    method: 'GET',
    path: `${JOURNAL}/print`,
    action: 'journal:print',
    summary: 'Print the journal (or one entry) to PDF in Finnish or Swedish',
    description: 'Answers application/pdf with the signed entries; never an address. Audited as a print.',
    params: JournalParams,
    query: JournalPrintQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
})
