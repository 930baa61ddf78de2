import type { PersonContact, PersonContactAdd, PersonContactEnd, PersonContactUpdate } from '@huoma/contract'
import { todayInHelsinki } from '@huoma/domain'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Selectable } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { DB, PersonContactTable } from '../../db/schema'
import { problems, type FieldIssue } from '../../http/problem'

type PersonEB = ExpressionBuilder<DB, 'person'>
type IsVisible = (eb: PersonEB) => Expression<SqlBool>

const REPRESENTATIVES: ReadonlySet<string> = new Set(['edunvalvoja', 'other_representative'])

function toContact(r: Selectable<PersonContactTable>): PersonContact {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    relation: r.relation,
    phone: r.phone,
    email: r.email,
    address: r.address,
    matters: r.matters,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    linkedPersonId: r.linked_person_id,
    version: r.version,
  }
}

const text = (s: string | null | undefined) => (s == null ? null : s.trim() || null)

/** The rules of one contact that the schema cannot say, each at its field; the linked person must be one the user sees. */
async function check(scope: ClientScope, input: PersonContactAdd, isVisible: IsVisible) {
  const issues: FieldIssue[] = []
  if (!input.name.trim()) issues.push({ field: 'body.name', code: 'contact.name_required' })
  if (REPRESENTATIVES.has(input.kind) && !text(input.matters)) issues.push({ field: 'body.matters', code: 'contact.matters_required' })
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom) issues.push({ field: 'body.validUntil', code: 'date.before_start' })
  if (input.linkedPersonId) {
    if (input.linkedPersonId === scope.personId) issues.push({ field: 'body.linkedPersonId', code: 'contact.self' })
    else {
      const found = await scope.trx
        .selectFrom('person')
        .select('id')
        .where('id', '=', input.linkedPersonId)
        .where('merged_into', 'is', null)
        .where(isVisible)
        .executeTakeFirst()
      if (!found) issues.push({ field: 'body.linkedPersonId', code: 'family.person_not_found' })
    }
  }
  if (issues.length) throw problems.validation(issues)
}

function columns(input: PersonContactAdd) {
  return {
    kind: input.kind,
    name: input.name.trim(),
    relation: text(input.relation),
    phone: text(input.phone),
    email: text(input.email),
    address: text(input.address),
    matters: text(input.matters),
    valid_from: input.validFrom ?? null,
    valid_until: input.validUntil ?? null,
    linked_person_id: input.linkedPersonId ?? null,
  }
}

/** The client's contacts: current ones first (representatives before others), then the ended, newest first. */
export async function listContacts(scope: ClientScope): Promise<{ contacts: PersonContact[] }> {
  const rows = await scope.trx
    .selectFrom('person_contact')
    .selectAll()
    .where('person_id', '=', scope.personId)
    .orderBy(sql`valid_until IS NOT NULL`)
    .orderBy(sql`CASE kind WHEN 'edunvalvoja' THEN 0 WHEN 'other_representative' THEN 1 WHEN 'relative' THEN 2 ELSE 3 END`)
    .orderBy('valid_until', 'desc')
    .orderBy('name')
    .execute()
  return { contacts: rows.map(toContact) }
}

export async function addContact(scope: ClientScope, input: PersonContactAdd, actorId: string, isVisible: IsVisible): Promise<PersonContact> {
  await check(scope, input, isVisible)
  const row = await scope.trx
    .insertInto('person_contact')
    .values({ person_id: scope.personId, ...columns(input), created_by: actorId })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toContact(row)
}

/** The contact of this client, locked for the change; a contact of another client is not found. */
async function lockContact(scope: ClientScope, contactId: string, version: number) {
  const current = await scope.trx.selectFrom('person_contact').selectAll().where('id', '=', contactId).where('person_id', '=', scope.personId).forUpdate().executeTakeFirst()
  if (!current) throw problems.notFound()
  if (current.version !== version) {
    throw problems.conflict((l) =>
      ({
        fi: 'Joku muu on muuttanut yhteyshenkilön tietoja sillä välin. Lataa sivu uudelleen ja tee muutoksesi sitten.',
        sv: 'Någon annan har ändrat kontaktpersonens uppgifter under tiden. Ladda om sidan och gör sedan dina ändringar.',
        en: 'Someone else changed the contact meanwhile. Reload and then make your changes.',
      })[l],
    )
  }
  return current
}

export async function updateContact(scope: ClientScope, contactId: string, input: PersonContactUpdate, isVisible: IsVisible): Promise<PersonContact> {
  await check(scope, input, isVisible)
  const current = await lockContact(scope, contactId, input.version)
  const row = await scope.trx
    .updateTable('person_contact')
    .set({ ...columns(input), version: current.version + 1, updated_at: sql<Date>`now()` })
    .where('id', '=', contactId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toContact(row)
}

export async function endContact(scope: ClientScope, contactId: string, input: PersonContactEnd, now: Date): Promise<PersonContact> {
  const current = await lockContact(scope, contactId, input.version)
  const validUntil = input.validUntil ?? todayInHelsinki(now)
  const issues: FieldIssue[] = []
  if (current.valid_until !== null) issues.push({ field: 'body.validUntil', code: 'contact.already_ended' })
  else if (current.valid_from && validUntil < current.valid_from) issues.push({ field: 'body.validUntil', code: 'date.before_start' })
  if (issues.length) throw problems.validation(issues)
  const row = await scope.trx
    .updateTable('person_contact')
    .set({ valid_until: validUntil, version: current.version + 1, updated_at: sql<Date>`now()` })
    .where('id', '=', contactId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toContact(row)
}
