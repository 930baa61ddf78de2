// The provider register is the organisation's data: no client data is reached through these queries.
import type { Provider, ProviderHistory, ProviderInput, ProviderList, ProviderQuery, ProviderUpdate } from '@huoma/contract'
import { bicForFinnishIban, validateBusinessId, type LocalDate } from '@huoma/domain'
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Executor } from '../../access/audit'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import type { ProviderTable } from '../../kernel/schema'
import { finnishSortKey, pageRequest } from '../../kernel/paging'

// eslint-disable-next-line no-restricted-syntax -- the provider register is the organisation's data, never client data
export const providerDb = (app: { database: Database }): Kysely<DB> => app.database.db

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim())

/** Checks and normalises what finance entered: the Y-tunnus's check digit, the IBAN, the BIC against it, dates. */
export function checkProvider(input: ProviderInput): { values: Omit<Selectable<ProviderTable>, 'id' | 'number' | 'version' | 'created_by' | 'created_at' | 'updated_at'> } {
  const issues: FieldIssue[] = []
  let businessId = blank(input.businessId)
  if (businessId) {
    const r = validateBusinessId(businessId)
    if (r.ok) businessId = r.value
    else issues.push({ field: 'businessId', code: 'provider.businessId' })
  }
  let iban = blank(input.iban)
  if (iban) {
    iban = electronicFormatIBAN(iban) ?? ''
    if (!isValidIBAN(iban)) issues.push({ field: 'iban', code: 'provider.iban' })
  }
  let bic = blank(input.bic)?.toUpperCase() ?? null
  if (bic && !isValidBIC(bic)) issues.push({ field: 'bic', code: 'provider.bic' })
  if (iban?.startsWith('FI') && isValidIBAN(iban)) {
    const derived = bicForFinnishIban(iban)
    if (derived.ok) {
      if (bic && bic.slice(0, 8) !== derived.value.bic.slice(0, 8)) issues.push({ field: 'bic', code: 'provider.bic' })
      bic ??= derived.value.bic
    }
  }
  const postalCode = blank(input.postalCode)
  if (postalCode && !/^\d{5}$/.test(postalCode)) issues.push({ field: 'postalCode', code: 'pattern' })
  const validUntil = input.validUntil ?? null
  if (validUntil && validUntil < input.validFrom) issues.push({ field: 'validUntil', code: 'provider.validity' })
  if (!input.serviceTypes.length) issues.push({ field: 'serviceTypes', code: 'provider.serviceTypes' })
  if (issues.length) throw problems.validation(issues)
  return {
    values: {
      name: input.name.trim(),
      business_id: businessId,
      iban,
      bic,
      street: blank(input.street),
      postal_code: postalCode,
      post_office: blank(input.postOffice),
      email: blank(input.email),
      phone: blank(input.phone),
      service_types: [...input.serviceTypes],
      valid_from: input.validFrom,
      valid_until: validUntil,
    },
  }
}

function toProvider(r: Selectable<ProviderTable>, today: LocalDate): Provider {
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    businessId: r.business_id,
    iban: r.iban,
    bic: r.bic,
    street: r.street,
    postalCode: r.postal_code,
    postOffice: r.post_office,
    email: r.email,
    phone: r.phone,
    serviceTypes: r.service_types as Provider['serviceTypes'],
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    active: r.valid_from <= today && (r.valid_until === null || r.valid_until >= today),
    version: r.version,
  }
}

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505'
const businessIdTaken = () => problems.validation([{ field: 'businessId', code: 'provider.businessIdTaken' }])

/** The register's page when the query names none (the pickers of child welfare and payments take the first page). */
const PROVIDER_PAGE = 200

/** A page of the register by name (Finnish order), with the total matching the search. */
export async function listProviders(db: Executor, q: ProviderQuery, today: LocalDate): Promise<ProviderList> {
  const page = pageRequest(q, { sort: 'name', limit: PROVIDER_PAGE })
  let query = db.selectFrom('provider')
  const text = q.q?.trim()
  if (text) {
    const id = validateBusinessId(text)
    query = id.ok ? query.where('business_id', '=', id.value) : query.where(sql<boolean>`lower(name) LIKE ${`%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`)
  }
  if (q.serviceType) query = query.where(sql<boolean>`${q.serviceType} = ANY(service_types)`)
  if (!q.all) query = query.where('valid_from', '<=', today).where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]))
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow()
  const rows = await query
    .selectAll()
    .orderBy(finnishSortKey(sql<string>`name`), page.order)
    .orderBy('id', page.order)
    .offset(page.offset)
    .limit(page.limit)
    .execute()
  return { providers: rows.map((r) => toProvider(r, today)), offset: page.offset, limit: page.limit, total }
}

export async function readProvider(db: Executor, id: string, today: LocalDate): Promise<ProviderHistory> {
  const row = await db.selectFrom('provider').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw problems.notFound()
  const changes = await db
    .selectFrom('provider_history as h')
    .leftJoin('staff_user as u', 'u.id', 'h.changed_by')
    .select(['h.version', 'h.changed_at', 'u.display_name', 'h.snapshot'])
    .where('h.provider_id', '=', id)
    .orderBy('h.version', 'desc')
    .execute()
  return {
    provider: toProvider(row, today),
    changes: changes.map((c) => ({ version: c.version, changedAt: c.changed_at.toISOString(), changedBy: c.display_name, snapshot: c.snapshot as Record<string, unknown> })),
  }
}

async function keepHistory(trx: Executor, row: Selectable<ProviderTable>, userId: string) {
  const { id, created_at, updated_at, ...snapshot } = row
  void created_at
  void updated_at
  await trx.insertInto('provider_history').values({ provider_id: id, version: row.version, snapshot: JSON.stringify(snapshot), changed_by: userId }).execute()
}

/** Enters a provider (its first history row with it); the business id is unique. */
export async function createProvider(trx: Executor, input: ProviderInput, userId: string, today: LocalDate): Promise<Provider> {
  const { values } = checkProvider(input)
  try {
    const row = await trx.insertInto('provider').values({ ...values, created_by: userId }).returningAll().executeTakeFirstOrThrow()
    await keepHistory(trx, row, userId)
    return toProvider(row, today)
  } catch (e) {
    if (isUniqueViolation(e)) throw businessIdTaken()
    throw e
  }
}

/** Changes a provider at the version the user saw; the new version goes to the history. */
export async function updateProvider(trx: Executor, id: string, input: ProviderUpdate, userId: string, today: LocalDate): Promise<Provider> {
  const { values } = checkProvider(input)
  const current = await trx.selectFrom('provider').select(['version']).where('id', '=', id).forUpdate().executeTakeFirst()
  if (!current) throw problems.notFound()
  if (current.version !== input.version) throw new HttpProblem(409, 'conflict', { type: 'https://huoma.fi/problems/stale-version' })
  try {
    const row = await trx
      .updateTable('provider')
      .set({ ...values, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await keepHistory(trx, row, userId)
    return toProvider(row, today)
  } catch (e) {
    if (isUniqueViolation(e)) throw businessIdTaken()
    throw e
  }
}
