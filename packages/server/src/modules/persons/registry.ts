import type {
  AddressInput,
  ClientCard,
  PersonCreate,
  PersonUpdate,
  ProtectedAddress,
  Relationship,
  RelationshipEnd,
  RelationshipOpen,
} from '@huoma/contract'
import { helsinkiInstant } from '../../kernel/jobs/schedule'
import { timelineJson, toTimeline, type TimelineJson, type TimelineReader, type TimelineSource } from '../../kernel/client-timeline'
import { bicForFinnishIban, foldForSearch, parseHetu, parseLocalDate, todayInHelsinki, validateFinnishIban } from '@huoma/domain'
import { sql, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { AccessBasis, ClientRead, ClientScope, ReadContext } from '../../access/client-access'
import type { DB, FieldChange } from '../../db/schema'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { personRead, readPerson, toPersonDetails } from './repository'
import { CASE_WORKERS } from '../../access/actions'

type Trx = Transaction<DB>

/** Client data that fails a domain rule: every issue at once, with field paths of the request body. */
function invalid(issues: FieldIssue[]): never {
  throw problems.validation(issues)
}

function checkIban(iban: string | null | undefined, issues: FieldIssue[]): { iban: string | null; bic: string | null } {
  if (!iban) return { iban: null, bic: null }
  const v = validateFinnishIban(iban)
  if (!v.ok) {
    issues.push({ field: 'body.iban', code: `iban.${v.error}` })
    return { iban: null, bic: null }
  }
  const bank = bicForFinnishIban(v.value)
  if (!bank.ok) issues.push({ field: 'body.iban', code: `iban.${bank.error}` })
  return { iban: v.value, bic: bank.ok ? bank.value.bic : null }
}

function checkAddresses(addresses: AddressInput[] | undefined, issues: FieldIssue[]): void {
  addresses?.forEach((a, i) => {
    if (a.validFrom && a.validUntil && a.validUntil < a.validFrom) issues.push({ field: `body.addresses.${i}.validUntil`, code: 'date.before_start' })
  })
}

async function insertAddresses(trx: Trx, personId: string, addresses: AddressInput[] | undefined) {
  if (!addresses?.length) return
  await trx
    .insertInto('person_address')
    .values(
      addresses.map((a) => ({
        person_id: personId,
        kind: a.kind,
        street: a.street.trim(),
        postal_code: a.postalCode,
        post_office: a.postOffice.trim(),
        municipality_code: a.municipalityCode ?? null,
        valid_from: a.validFrom ?? null,
        valid_until: a.validUntil ?? null,
      })),
    )
    .execute()
}

async function assertWorkerCanHold(trx: Trx, userId: string, serviceTask: string, field: string): Promise<void> {
  const grant = await trx
    .selectFrom('staff_grant as g')
    .innerJoin('staff_user as u', 'u.id', 'g.user_id')
    .innerJoin('role as r', 'r.code', 'g.role_code')
    .select('g.id')
    .where('g.user_id', '=', userId)
    .where('u.active', '=', true)
    .where('r.client_content', '=', true)
    // only case work holds clients: not finance, the office secretary or the data protection officer
    .where('g.role_code', 'in', CASE_WORKERS)
    .where('g.ended_at', 'is', null)
    .where(sql<boolean>`${serviceTask} = ANY(g.service_tasks)`)
    .where(sql<boolean>`g.valid_from <= (now() AT TIME ZONE 'Europe/Helsinki')::date`)
    .where(sql<boolean>`(g.valid_until IS NULL OR g.valid_until >= (now() AT TIME ZONE 'Europe/Helsinki')::date)`)
    .executeTakeFirst()
  if (!grant) invalid([{ field, code: 'relationship.user_without_grant' }])
}

async function insertRelationship(
  trx: Trx,
  personId: string,
  actorId: string,
  r: { serviceTask: string; userId: string; kind: 'responsible' | 'team' | 'task'; startDate: string; startReason: string; selfReason?: string | null },
): Promise<string> {
  try {
    const row = await trx
      .insertInto('client_relationship')
      .values({
        person_id: personId,
        user_id: r.userId,
        service_task: r.serviceTask,
        kind: r.kind,
        start_date: r.startDate,
        start_reason: r.startReason as never,
        opened_by: actorId,
        self_reason: r.selfReason ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  } catch (e) {
    if ((e as { code?: string }).code === '23505') invalid([{ field: 'body.kind', code: 'relationship.responsible_exists' }])
    throw e
  }
}

async function history(trx: Trx, personId: string, by: string | null, source: 'user' | 'vtj' | 'merge' | 'create', changes: FieldChange[]) {
  if (source !== 'create' && changes.length === 0) return
  await trx.insertInto('person_history').values({ person_id: personId, changed_by: by, source, changes: JSON.stringify(changes) }).execute()
}

/** The organisation's OID, the root of temporary identities (`<OID>.99.<n>`). */
async function organisationOid(trx: Trx): Promise<string> {
  const org = await trx.selectFrom('organisation').select('oid').orderBy('created_at').executeTakeFirst()
  return org?.oid ?? '1.2.246.10.0'
}

/** Registers a person. Returns the new id, or refuses a duplicate with a pointer to the existing person. */
export async function createPerson(trx: Trx, input: PersonCreate, actorId: string, now: Date) {
  const issues: FieldIssue[] = []
  const today = todayInHelsinki(now)
  let hetu: string | null = null
  let birthDate = input.birthDate ?? null
  let sex = input.sex ?? null
  if (input.hetu !== undefined) {
    const parsed = parseHetu(input.hetu)
    if (!parsed.ok) issues.push({ field: 'body.hetu', code: `hetu.${parsed.error}` })
    else {
      hetu = parsed.value.hetu
      if (birthDate && birthDate !== parsed.value.birthDate) issues.push({ field: 'body.birthDate', code: 'birthDate.mismatch' })
      birthDate = parsed.value.birthDate
      sex ??= parsed.value.sexHint
    }
  } else if (!birthDate) issues.push({ field: 'body.birthDate', code: 'birthDate.required' })
  if (birthDate && parseLocalDate(birthDate) && birthDate > today) issues.push({ field: hetu ? 'body.hetu' : 'body.birthDate', code: 'birthDate.future' })
  const { iban, bic } = checkIban(input.iban, issues)
  checkAddresses(input.addresses, issues)
  if (issues.length) invalid(issues)

  if (hetu) {
    const existing = await trx.selectFrom('person').select('id').where('hetu', '=', hetu).executeTakeFirst()
    if (existing) {
      throw new HttpProblem(409, 'conflict', {
        type: 'https://huoma.fi/problems/duplicate-person',
        issues: [{ field: 'body.hetu', code: 'person.duplicate', params: { id: existing.id } }],
        extra: { existingPersonId: existing.id },
      })
    }
  }
  const temporaryId = hetu
    ? null
    : `${await organisationOid(trx)}.99.${(await sql<{ n: number }>`SELECT nextval('person_temporary_id_seq') AS n`.execute(trx)).rows[0]!.n}`
  const person = await trx
    .insertInto('person')
    .values({
      hetu,
      temporary_id: temporaryId,
      first_names: input.firstNames.trim(),
      last_name: input.lastName.trim(),
      calling_name: input.callingName?.trim() || null,
      birth_date: birthDate,
      sex,
      native_language: input.nativeLanguage ?? null,
      service_language: input.serviceLanguage ?? 'fi',
      phone: input.phone ?? null,
      email: input.email ?? null,
      iban,
      bic,
      turvakielto: input.turvakielto ?? false,
      search_name: foldForSearch(`${input.lastName} ${input.firstNames}`),
    })
    .returning(['id', 'hetu', 'temporary_id'])
    .executeTakeFirstOrThrow()
  await insertAddresses(trx, person.id, input.addresses)
  await history(trx, person.id, actorId, 'create', [])
  if (input.relationship) {
    const worker = input.relationship.userId ?? actorId
    await assertWorkerCanHold(trx, worker, input.relationship.serviceTask, 'body.relationship.userId')
    await insertRelationship(trx, person.id, actorId, {
      serviceTask: input.relationship.serviceTask,
      userId: worker,
      kind: input.relationship.kind ?? 'responsible',
      startDate: today,
      startReason: input.relationship.startReason ?? 'other',
    })
  }
  return { id: person.id, hetu: person.hetu, temporaryId: person.temporary_id }
}

const UPDATABLE = {
  firstNames: 'first_names',
  lastName: 'last_name',
  callingName: 'calling_name',
  nativeLanguage: 'native_language',
  serviceLanguage: 'service_language',
  phone: 'phone',
  email: 'email',
} as const

/** Changes a client's basic data under optimistic locking; every changed field goes to the history. */
export async function updatePerson(scope: ClientScope, input: PersonUpdate, actorId: string) {
  const { trx, personId } = scope
  const issues: FieldIssue[] = []
  const ibanChange = input.iban !== undefined ? checkIban(input.iban, issues) : undefined
  checkAddresses(input.addresses, issues)
  const current = await trx.selectFrom('person').selectAll().where('id', '=', personId).forUpdate().executeTakeFirstOrThrow()
  // Under turvakielto the card shows and edits only the contact address: the protected ones are never sent to the
  // browser, so a replacement must leave them alone (they come from the population register).
  if (current.turvakielto) {
    input.addresses?.forEach((a, i) => {
      if (a.kind !== 'contact') issues.push({ field: `body.addresses.${i}.kind`, code: 'address.protected' })
    })
  }
  if (issues.length) invalid(issues)
  if (current.version !== input.version) {
    throw problems.conflict((l) =>
      ({
        fi: 'Joku muu on muuttanut tietoja sillä välin. Lataa sivu uudelleen ja tee muutoksesi sitten.',
        sv: 'Någon annan har ändrat uppgifterna under tiden. Ladda om sidan och gör sedan dina ändringar.',
        en: 'Someone else changed the data meanwhile. Reload and then make your changes.',
      })[l],
    )
  }
  const set: Record<string, unknown> = {}
  const changes: FieldChange[] = []
  for (const [key, column] of Object.entries(UPDATABLE) as [keyof typeof UPDATABLE, (typeof UPDATABLE)[keyof typeof UPDATABLE]][]) {
    const value = input[key]
    if (value === undefined) continue
    const next = typeof value === 'string' ? value.trim() || null : value
    if (next !== current[column]) {
      set[column] = next
      changes.push({ field: key, from: current[column], to: next })
    }
  }
  if (ibanChange && ibanChange.iban !== current.iban) {
    set.iban = ibanChange.iban
    set.bic = ibanChange.bic
    changes.push({ field: 'iban', from: current.iban, to: ibanChange.iban })
  }
  if (set.first_names !== undefined || set.last_name !== undefined) {
    set.search_name = foldForSearch(`${(set.last_name as string) ?? current.last_name} ${(set.first_names as string) ?? current.first_names}`)
  }
  if (input.addresses) {
    const visibleOnly = current.turvakielto ? (['contact'] as const) : undefined
    let beforeQuery = trx.selectFrom('person_address').select(['kind', 'street', 'postal_code', 'post_office']).where('person_id', '=', personId)
    let deletion = trx.deleteFrom('person_address').where('person_id', '=', personId)
    if (visibleOnly) {
      beforeQuery = beforeQuery.where('kind', 'in', visibleOnly)
      deletion = deletion.where('kind', 'in', visibleOnly)
    }
    const before = await beforeQuery.execute()
    await deletion.execute()
    await insertAddresses(trx, personId, input.addresses)
    changes.push({ field: 'addresses', from: before.length, to: input.addresses.length })
  }
  if (changes.length) {
    await trx
      .updateTable('person')
      .set({ ...set, version: current.version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', personId)
      .execute()
    await history(trx, personId, actorId, 'user', changes)
  }
  return readPerson(scope)
}

/** The client card. Family and household members' names are their data too: they are added to the audit row. */
/**
 * The service tasks whose relationships clerical access (the office secretary's registry basis) sees by name: the
 * benefit and fee work that office staff do. In every other task a current relationship shows only that the person
 * is a client and who to contact (the worker), its task as `confidential`; ended ones are not shown.
 */
export const CLERICAL_TASKS: ReadonlySet<string> = new Set(['income_support', 'child_maintenance', 'client_fees'])
export const CONFIDENTIAL_TASK = 'confidential'

type RelationshipRow = Parameters<typeof toRelationship>[0]

/** A relationship as clerical access sees it: by name in the clerical tasks, else as a contact only (or not at all). */
function clerically(r: RelationshipRow): RelationshipRow[] {
  if (CLERICAL_TASKS.has(r.service_task)) return [r]
  if (r.end_date !== null) return []
  return [{ ...r, service_task: CONFIDENTIAL_TASK, start_reason: CONFIDENTIAL_TASK }]
}

/** Which registry events a card shows on its timeline: the reader's grants decide (contacts, life situation). */
export interface CardEvents {
  contacts: boolean
  lifeSituation: boolean
}

/** The reader's values the card's timeline needs: `readClientData`'s arguments of {@link cardRead}. */
export function cardArgs(reader: TimelineReader): Record<string, unknown> {
  return { readerId: reader.userId, grantTasks: [...reader.grantTasks], supervisionTasks: [...reader.supervisionTasks, ''] }
}

/**
 * The client card as ONE select from the client's `person` row (`readClientData` runs it with the access decision
 * and the audit row): each part a JSON subquery. The registry basis (office secretary) sees every current
 * relationship (without a sensitive service's task, see `toCard`) and no register's records; any other basis sees
 * the relationships of the reader's grants' tasks and the registers' records where the reader has a basis
 * (`kernel/client-timeline`). `events` adds the registry's contact persons (added, changed) and life situation
 * (recorded) as events — only the event, for a reader who may read them. The audit row names the family and the
 * household shown (`touched`). Timestamps arrive as ISO strings, dates as the same 'YYYY-MM-DD' strings as elsewhere.
 */
export function cardRead(sources: readonly TimelineSource[], events: CardEvents): ClientRead<CardRow> {
  return {
    // the compiled statement is kept by this name (with the action and the scopes' shape)
    name: `persons.card|${+events.contacts}${+events.lifeSituation}|${sources.map((s) => s.kind).join(',')}`,
    touched: (personId) => sql<string[]>`ARRAY(
      SELECT CASE WHEN r.person_id = ${personId} THEN r.related_id ELSE r.person_id END FROM person_relation r
       WHERE r.person_id = ${personId} OR r.related_id = ${personId}
      UNION
      SELECT m.person_id FROM household_member me JOIN household_member m ON m.household_id = me.household_id
       WHERE me.person_id = ${personId} AND me.valid_until IS NULL AND m.person_id <> ${personId} AND m.valid_until IS NULL)`,
    select: (person, on) => cardSelect(person, on, sources, events),
  }
}

function cardSelect(person: SelectQueryBuilder<DB, 'person', object>, on: ReadContext, sources: readonly TimelineSource[], events: CardEvents) {
  const none = sql<never[]>`'[]'::json`
  const personId = on.personId
  const registry = sql<SqlBool>`${on.basis} = 'registry'`
  const reader = { userId: on.arg<string>('readerId'), grantTasks: on.arg<string[]>('grantTasks'), supervisionTasks: on.arg<string[]>('supervisionTasks') }
  return person.select((eb) => [
    jsonObjectFrom(personRead.select(eb.selectFrom('person').where('person.id', '=', personId), on)).as('person'),
    'person.vtj_checked_at',
    jsonArrayFrom(
      eb
        .selectFrom('person_relation as r')
        .innerJoin('person as p', (j) => j.on(sql<boolean>`p.id = CASE WHEN r.person_id = ${personId} THEN r.related_id ELSE r.person_id END`))
        .select(['p.id', 'r.id as relation_id', 'p.first_names', 'p.last_name', 'p.birth_date', 'p.death_date', 'r.kind', 'r.person_id', 'r.valid_from', 'r.valid_until'])
        .where((w) => w.or([w('r.person_id', '=', personId), w('r.related_id', '=', personId)])),
    ).as('relations'),
    jsonArrayFrom(
      eb
        .selectFrom('household_member as me')
        .innerJoin('household_member as m', 'm.household_id', 'me.household_id')
        .innerJoin('person as p', 'p.id', 'm.person_id')
        .select(['p.id', 'm.household_id', 'p.first_names', 'p.last_name', 'p.birth_date', 'm.valid_from', 'm.valid_until'])
        .where('me.person_id', '=', personId)
        .where('me.valid_until', 'is', null)
        .where('m.person_id', '!=', personId)
        .where('m.valid_until', 'is', null)
        .orderBy('p.birth_date'),
    ).as('household'),
    jsonObjectFrom(
      eb.selectFrom('household_member').select(['household_id', 'valid_from']).where('person_id', '=', personId).where('valid_until', 'is', null).limit(1),
    ).as('own'),
    jsonArrayFrom(
      eb
        .selectFrom('client_relationship as cr')
        .innerJoin('staff_user as u', 'u.id', 'cr.user_id')
        .select(['cr.id', 'cr.service_task', 'cr.kind', 'cr.user_id', 'u.display_name', 'cr.start_date', 'cr.end_date', 'cr.start_reason', 'cr.end_reason'])
        .where('cr.person_id', '=', personId)
        .where(sql<SqlBool>`(${registry} OR cr.service_task = ANY(${reader.grantTasks}::text[]))`)
        .orderBy('cr.start_date', 'desc'),
    ).as('relationships'),
    jsonArrayFrom(
      eb
        .selectFrom('person_history as h')
        .leftJoin('staff_user as u', 'u.id', 'h.changed_by')
        .select(['h.changed_at', 'h.source', 'h.changes', 'u.display_name'])
        .where('h.person_id', '=', personId)
        .orderBy('h.changed_at', 'desc')
        .limit(100),
    ).as('changes'),
    events.contacts
      ? jsonArrayFrom(
          eb
            .selectFrom('person_contact as c')
            .leftJoin('staff_user as u', 'u.id', 'c.created_by')
            .select(['c.created_at', 'c.updated_at', 'u.display_name'])
            .where('c.person_id', '=', personId)
            .orderBy('c.updated_at', 'desc')
            .limit(100),
        ).as('contacts')
      : none.as('contacts'),
    events.lifeSituation
      ? jsonArrayFrom(
          eb
            .selectFrom('person_life_situation as s')
            .leftJoin('staff_user as u', 'u.id', 's.recorded_by')
            .select(['s.recorded_at', 'u.display_name'])
            .where('s.person_id', '=', personId)
            .orderBy('s.recorded_at', 'desc')
            .limit(100),
        ).as('life')
      : none.as('life'),
    sql<TimelineJson[]>`CASE WHEN ${registry} THEN '[]'::json ELSE ${timelineJson(sources, personId, reader)} END`.as('records'),
  ])
}

/** The row of {@link cardRead}. */
export type CardRow = Awaited<ReturnType<ReturnType<typeof cardSelect>['executeTakeFirstOrThrow']>>

/** The card from its row: the family from both sides of each relation, the registers' records and the registry's events on one timeline. */
export function toCard(all: CardRow, personId: string, basis: AccessBasis, sources: readonly TimelineSource[]): ClientCard {
  const person = toPersonDetails(all.person!)
  const relations = all.relations
  // person_relation reads "person_id has <kind> related_id" (related_id is the parent/guardian/spouse of person_id).
  // A spouse is recorded from both sides (the population register gives each their own row): the card shows the
  // relation once, from the client's own row when there is one.
  const seen = new Set<string>()
  const family = [...relations]
    .sort((a, b) => Number(b.person_id === personId) - Number(a.person_id === personId))
    .filter((r) => {
      if (r.kind !== 'spouse') return true
      const key = `${r.id}|${String(r.valid_from)}|${String(r.valid_until)}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .map((r) => {
      const mine = r.person_id === personId
      const relation =
        r.kind === 'parent' ? (mine ? 'parent' : 'child') : r.kind === 'guardian' ? (mine ? 'guardian' : 'ward') : r.kind
      return {
        id: r.id,
        relationId: r.relation_id,
        relation: relation as ClientCard['family'][number]['relation'],
        firstNames: r.first_names,
        lastName: r.last_name,
        birthDate: r.birth_date,
        deathDate: r.death_date,
        validFrom: r.valid_from,
        validUntil: r.valid_until,
      }
    })
  const household = all.household
  const rows = all.relationships
  const relationships = basis === 'registry' ? rows.flatMap(clerically) : rows
  const changes = all.changes
  const contactEvents = all.contacts.flatMap((c) => [
        { at: new Date(c.created_at).toISOString(), kind: 'contact.added', by: c.display_name ?? null, serviceTask: null, fields: [] },
        // a change keeps no author of its own: the event says only when
        ...(new Date(c.updated_at).getTime() > new Date(c.created_at).getTime()
          ? [{ at: new Date(c.updated_at).toISOString(), kind: 'contact.changed', by: null, serviceTask: null, fields: [] }]
          : []),
      ])
  const lifeSituationEvents = all.life.map((s) => ({ at: new Date(s.recorded_at).toISOString(), kind: 'life_situation.recorded', by: s.display_name ?? null, serviceTask: null, fields: [] }))
  const timeline: ClientCard['timeline'] = [
    ...changes.map((c) => ({
      at: new Date(c.changed_at).toISOString(),
      kind: `person.${c.source === 'user' ? 'changed' : c.source === 'create' ? 'created' : c.source}`,
      by: c.display_name ?? null,
      serviceTask: null,
      // A merge's moved-row counts stay in the history; the timeline names the fields people read.
      fields: (c.changes ?? []).map((x) => x.field).filter((f) => !f.startsWith('moved.')),
    })),
    ...relationships.flatMap((r) => [
      {
        // a day without a time: the start of that day in Helsinki, so that it sorts with the day's timed events
        at: helsinkiInstant(r.start_date, 0, 0).toISOString(),
        kind: 'relationship.opened',
        by: r.display_name,
        serviceTask: r.service_task === CONFIDENTIAL_TASK ? null : r.service_task,
        fields: [],
      },
      ...(r.end_date ? [{ at: helsinkiInstant(r.end_date, 0, 0).toISOString(), kind: 'relationship.ended', by: r.display_name, serviceTask: r.service_task, fields: [] }] : []),
    ]),
    ...contactEvents,
    ...lifeSituationEvents,
    ...toTimeline(sources, all.records),
  ].sort((a, b) => b.at.localeCompare(a.at))
  const own = all.own
  return {
    vtjCheckedAt: all.vtj_checked_at ? new Date(all.vtj_checked_at).toISOString() : null,
    vtjChanges: [],
    person,
    family,
    ownHousehold: own ? { householdId: own.household_id, validFrom: own.valid_from } : null,
    household: household.map((h) => ({ id: h.id, householdId: h.household_id, firstNames: h.first_names, lastName: h.last_name, birthDate: h.birth_date, validFrom: h.valid_from, validUntil: h.valid_until })),
    relationships: relationships.map(toRelationship),
    timeline,
    accessBasis: basis,
  }
}

function toRelationship(r: {
  id: string
  service_task: string
  kind: 'responsible' | 'team' | 'task'
  user_id: string
  display_name: string
  start_date: string
  end_date: string | null
  start_reason: string
  end_reason: string | null
}): Relationship {
  return {
    id: r.id,
    serviceTask: r.service_task,
    kind: r.kind,
    userId: r.user_id,
    userName: r.display_name,
    startDate: r.start_date,
    endDate: r.end_date,
    startReason: r.start_reason,
    endReason: r.end_reason,
  }
}

/** The protected address and municipality (turvakielto): its own action and data group, so each view is logged. */
export async function readProtectedAddress(scope: ClientScope): Promise<ProtectedAddress> {
  const p = await scope.trx.selectFrom('person').select(['municipality_code', 'protected_municipality_code']).where('id', '=', scope.personId).executeTakeFirstOrThrow()
  const rows = await scope.trx
    .selectFrom('person_address')
    .select(['kind', 'street', 'postal_code', 'post_office', 'valid_from', 'valid_until'])
    .where('person_id', '=', scope.personId)
    .orderBy('kind')
    .execute()
  return {
    municipalityCode: p.protected_municipality_code ?? p.municipality_code,
    addresses: rows.map((a) => ({ kind: a.kind, street: a.street, postalCode: a.postal_code, postOffice: a.post_office, validFrom: a.valid_from, validUntil: a.valid_until })),
  }
}

/** Whether an open intake of the service task, in one of these units, names the person (a matter waiting for a worker). */
async function inIntake(trx: Trx, personId: string, serviceTask: string, unitIds: readonly string[]): Promise<boolean> {
  if (!unitIds.length) return false
  const row = await trx
    .selectFrom('intake as i')
    .innerJoin('intake_person as ip', 'ip.intake_id', 'i.id')
    .select('i.id')
    .where('ip.person_id', '=', personId)
    .where('i.state', '=', 'open')
    .where('i.service_task', '=', serviceTask)
    .where('i.unit_id', 'in', unitIds)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Opens a relationship naming a worker who holds a live case-work grant in the service task. A worker who names
 * themselves widens their own access, so outside their unit's intake (an open matter about the person in a unit
 * where their grant covers the task) they state why; the reason is kept with the relationship and the task's
 * supervisors see it (`selfOpened`).
 */
export async function openRelationship(
  scope: ClientScope,
  input: RelationshipOpen,
  actor: { userId: string; allowedTasks: readonly string[]; unitIdsOfTask: (task: string) => string[] },
  now: Date,
): Promise<Relationship> {
  if (!actor.allowedTasks.includes(input.serviceTask)) invalid([{ field: 'body.serviceTask', code: 'relationship.task_not_granted' }])
  await assertWorkerCanHold(scope.trx, input.userId, input.serviceTask, 'body.userId')
  const reason = input.selfReason?.trim() || null
  if (input.userId === actor.userId && !(await inIntake(scope.trx, scope.personId, input.serviceTask, actor.unitIdsOfTask(input.serviceTask)))) {
    if (!reason || reason.length < 10) invalid([{ field: 'body.selfReason', code: 'relationship.self_reason_required' }])
  }
  const selfReason = input.userId === actor.userId ? reason : null
  const id = await insertRelationship(scope.trx, scope.personId, actor.userId, { ...input, selfReason, startDate: input.startDate ?? todayInHelsinki(now) })
  return readRelationship(scope, id)
}

export async function endRelationship(scope: ClientScope, relationshipId: string, input: RelationshipEnd, actorId: string, allowedTasks: readonly string[], now: Date): Promise<Relationship> {
  const current = await scope.trx
    .selectFrom('client_relationship')
    .select(['id', 'start_date', 'service_task'])
    .where('id', '=', relationshipId)
    .where('person_id', '=', scope.personId)
    .where('end_date', 'is', null)
    .executeTakeFirst()
  if (!current || !allowedTasks.includes(current.service_task)) throw problems.notFound()
  const endDate = input.endDate ?? todayInHelsinki(now)
  if (endDate < current.start_date) invalid([{ field: 'body.endDate', code: 'date.before_start' }])
  await scope.trx
    .updateTable('client_relationship')
    .set({ end_date: endDate, end_reason: input.endReason as never, ended_by: actorId })
    .where('id', '=', relationshipId)
    .execute()
  return readRelationship(scope, relationshipId)
}

async function readRelationship(scope: ClientScope, id: string): Promise<Relationship> {
  const r = await scope.trx
    .selectFrom('client_relationship as cr')
    .innerJoin('staff_user as u', 'u.id', 'cr.user_id')
    .select(['cr.id', 'cr.service_task', 'cr.kind', 'cr.user_id', 'u.display_name', 'cr.start_date', 'cr.end_date', 'cr.start_reason', 'cr.end_reason'])
    .where('cr.id', '=', id)
    .executeTakeFirstOrThrow()
  return toRelationship(r)
}
