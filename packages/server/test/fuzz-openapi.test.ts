import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Fuzzing from the OpenAPI document (issue 15): every operation the server serves, with inputs generated from its
 * own JSON Schemas (valid ones, and invalid ones made by breaking a valid one), sent as each demo role and as
 * nobody. The server never answers 5xx; every refusal is application/problem+json with `type`, `title` and `status`,
 * a 400 names each offending field with a code and a message; and a refused write changes the row count of no table.
 *
 * Generator: fast-check with a small converter of the JSON Schema subset the contract emits (object with
 * required/additionalProperties, string with format/pattern/length, integer/number with bounds, boolean, null,
 * enum/const, anyOf, array with item counts and uniqueItems). A keyword it does not know fails the test instead of
 * being ignored, so the converter cannot silently generate from less than the schema says. (No maintained
 * JSON-Schema-to-fast-check library exists on the npm registry; the subset here is small.)
 *
 * Both database kinds, as the other API tests: a 500 can come from either (an integer overflow, a text function).
 * The seed is fixed, so a run is reproducible: HUOMA_FUZZ_RUNS raises the inputs per operation and identity
 * (default 1 valid + 1 invalid, which keeps a run near 1.5 minutes per database kind on a busy 2-core machine), HUOMA_FUZZ_SEED changes them.
 */
const kinds = await databaseKinds()

const RUNS = Number(process.env.HUOMA_FUZZ_RUNS ?? 1)
const SEED = Number(process.env.HUOMA_FUZZ_SEED ?? 15_2026)
const ROLES = ['sosiaalityontekija', 'toimistosihteeri', 'esihenkilo', 'paakayttaja', 'tietosuojavastaava', 'talous', 'tilastot'] as const
type Identity = (typeof ROLES)[number] | 'anonymous'
const IDENTITIES: Identity[] = [...ROLES, 'anonymous']

/**
 * Operations not fuzzed blindly, each with its reason. Everything else in the document is.
 */
const SKIP: Record<string, string> = {
  'auth.logout': 'ends the session the rest of the run signs in with; it takes no input to fuzz',
  'auth.logoutAll': 'ends every session of the user, including those of the other identities of the run; no input',
  'auth.changePassword': "a valid change replaces the demo user's password the run signs in with",
  'jobs.run': 'runs a scheduled job (register sync, Kela import) by name: it rewrites demo data wholesale and takes only a job name',
}

/**
 * Tables whose row count may change on a refused request by design, left out of the comparison:
 * the audit trail (a refusal is itself audited: audit_log, audit_client, audit_pending) and the audit sealer that
 * runs beside the requests (audit_seal, audit_chain_head, audit_anchor, job, job_run); sessions (a failed sign-in
 * from a signed-in client may end its session) and refused sign-ins of unknown user names (login_unknown_attempt,
 * counted towards a lockout like real accounts). Every other table, audit_review included, is compared.
 */
const COUNT_EXEMPT = new Set(['audit_log', 'audit_client', 'audit_pending', 'audit_seal', 'audit_chain_head', 'audit_anchor', 'job', 'job_run', 'staff_session', 'login_unknown_attempt'])
/** The audit log's monthly and default partitions (migration 0058) grow with it. */
const AUDIT_PARTITION = /^audit_(log|client)_(y\d{4}m\d{2}|default)$/

// ---------------------------------------------------------------------------------------------------------------
// JSON Schema → fast-check

interface Schema {
  type?: string | string[]
  anyOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  items?: Schema
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
}
const KNOWN = new Set([...'type anyOf enum const format pattern minLength maxLength minimum maximum exclusiveMinimum exclusiveMaximum items minItems maxItems uniqueItems properties required additionalProperties'.split(' '), 'description', 'default', 'title', 'examples'])

/** Real ids of the database (and service task codes), so that valid inputs also reach past "not found". */
interface Pools {
  uuids: string[]
  serviceTasks: string[]
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const dateArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
const isoDate = dateArb.map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`)
const isoDateTime = dateArb.map((d) => d.toISOString())
const text = (minLength: number, maxLength: number) => fc.oneof(fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }), fc.string({ minLength, maxLength, unit: 'grapheme' }))

function checkKeywords(s: Schema): void {
  const unknown = Object.keys(s).filter((k) => !KNOWN.has(k))
  if (unknown.length) throw new Error(`the fuzz generator does not know the keyword(s) ${unknown.join(', ')} in ${JSON.stringify(s).slice(0, 200)}`)
}

/** Values the schema accepts. */
function valid(s: Schema, pools: Pools, name?: string): fc.Arbitrary<unknown> {
  checkKeywords(s)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  if (s.anyOf) return fc.oneof(...s.anyOf.map((b) => valid(b, pools, name)))
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => valid({ ...s, type }, pools, name)))
  switch (s.type) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : Number.MIN_SAFE_INTEGER)
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Number.MAX_SAFE_INTEGER)
      return fc.integer({ min, max })
    }
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum ?? -1e15
      const max = s.maximum ?? s.exclusiveMaximum ?? 1e15
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter((n) => (s.exclusiveMinimum === undefined || n > s.exclusiveMinimum) && (s.exclusiveMaximum === undefined || n < s.exclusiveMaximum))
    }
    case 'string': {
      const minLength = s.minLength ?? 0
      const maxLength = s.maxLength ?? 300
      const fits = (v: string) => [...v].length >= minLength && [...v].length <= maxLength
      if (s.format === 'uuid') return pools.uuids.length ? fc.oneof(fc.constantFrom(...pools.uuids), fc.uuid()) : fc.uuid()
      if (s.format === 'date') return isoDate
      if (s.format === 'date-time') return isoDateTime
      if (s.format === 'email') return fc.emailAddress().filter(fits)
      if (s.format !== undefined && s.format !== 'binary') throw new Error(`the fuzz generator does not know the string format ${s.format}`)
      const base = s.pattern ? fc.stringMatching(new RegExp(s.pattern)).filter(fits) : text(minLength, Math.min(maxLength, minLength + 300))
      return name === 'serviceTask' && pools.serviceTasks.length ? fc.oneof(fc.constantFrom(...pools.serviceTasks), base) : base
    }
    case 'array': {
      const items = valid(s.items ?? {}, pools)
      const constraints = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, (s.minItems ?? 0) + 5) }
      return s.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints)
    }
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, valid(v, pools, k)]))
      const record = fc.record(props, { requiredKeys: s.required ?? [] })
      if (typeof s.additionalProperties === 'object') {
        return fc.tuple(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), valid(s.additionalProperties, pools), { maxKeys: 3 })).map(([r, extra]) => ({ ...extra, ...r }))
      }
      return record
    }
    case undefined:
      return fc.jsonValue({ maxDepth: 2 })
    default:
      throw new Error(`the fuzz generator does not know the type ${String(s.type)}`)
  }
}

const CONTROL_STRINGS = ['a\u0000b', 'x\u001b[31m', '\u0007', 'del\u007f']
const HUGE = 'Ä'.repeat(70_000)
const NOT_UUIDS = ['1', 'null', 'undefined', '00000000-0000-0000-0000-00000000000g', '0000000000000000000000000000000', "' OR '1'='1", '..', 'ä', 'x'.repeat(500), '-1', '{}']
const NOT_DATES = ['2026-02-30', '2026-13-01', '26-01-01', '', '2026-01-01T25:00:00Z', '0000-00-00', '99999-01-01', 'yesterday']
/** A path segment sent as it is, not percent-encoded: broken percent-encoding, an encoded NUL, a dot segment. */
class RawSegment {
  constructor(readonly raw: string) {}
  toJSON() {
    return this.raw
  }
}
const RAW_SEGMENTS = ['%zz', '%E0%A4%A', '%00', '%2e%2e', ';x=1'].map((raw) => new RawSegment(raw))
const WRONG_TYPES: unknown[] = [null, 0, -1, 1.5, 1e308, true, 'x', '', [], {}, [null], { a: 1 }]

/**
 * Values the schema refuses (mostly: a value of another anyOf branch may slip through, which only costs a run):
 * another type, a broken format or pattern, out of bounds, a control character, a huge string, a missing required
 * or an extra property, or one property broken in these ways.
 */
function invalid(s: Schema, pools: Pools): fc.Arbitrary<unknown> {
  checkKeywords(s)
  const wrongType = fc.constantFrom(...WRONG_TYPES).filter((v) => !matchesType(s, v))
  const options: fc.Arbitrary<unknown>[] = [wrongType]
  if (s.enum || s.const !== undefined) options.push(fc.constantFrom('not-one-of-them', 'FI', ' meeting'))
  if (s.anyOf) options.push(...s.anyOf.filter((b) => b.type !== 'null').map((b) => invalid(b, pools)))
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : []
  if (types.includes('string')) {
    options.push(fc.constantFrom(...CONTROL_STRINGS), fc.constant(HUGE))
    if (s.format === 'uuid') options.push(fc.constantFrom(...NOT_UUIDS))
    if (s.format === 'date' || s.format === 'date-time') options.push(fc.constantFrom(...NOT_DATES))
    if (s.format === 'email') options.push(fc.constantFrom('@', 'no-at-sign', 'a@', 'a b@c.fi'))
    if (s.pattern) options.push(fc.constantFrom('!', ' ', 'Ö'.repeat(3), '12345678901234567890123456789012345678901234567890'))
    if (s.minLength) options.push(fc.constant(''))
    if (s.maxLength !== undefined) options.push(fc.constant('a'.repeat(s.maxLength + 1)))
  }
  if (types.includes('integer') || types.includes('number')) {
    const bounds: unknown[] = [1e300, -1e300, 2 ** 31, 2 ** 63, -(2 ** 63), '12', 'NaN']
    if (types.includes('integer')) bounds.push(0.5, 1.000001)
    if (s.minimum !== undefined) bounds.push(s.minimum - 1)
    if (s.maximum !== undefined) bounds.push(s.maximum + 1)
    options.push(fc.constantFrom(...bounds))
  }
  if (types.includes('array')) {
    const items = s.items ?? {}
    options.push(fc.array(invalid(items, pools), { minLength: 1, maxLength: 3 }))
    if (s.maxItems !== undefined) options.push(fc.array(valid(items, pools), { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }))
  }
  if (types.includes('object')) {
    const props = s.properties ?? {}
    const required = s.required ?? []
    const whole = valid(s, pools) as fc.Arbitrary<Record<string, unknown>>
    if (required.length) {
      options.push(fc.tuple(whole, fc.constantFrom(...required)).map(([v, k]) => omit(v, k)))
    }
    if (s.additionalProperties === false) options.push(whole.map((v) => ({ ...v, unexpectedField: 'x' })))
    const keys = Object.keys(props)
    if (keys.length) {
      options.push(
        fc.tuple(whole, fc.constantFrom(...keys)).chain(([v, k]) => invalid(props[k]!, pools).map((bad) => ({ ...v, [k]: bad }))),
      )
    }
  }
  return fc.oneof(...options)
}

function omit(v: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _, ...rest } = v
  return rest
}

function matchesType(s: Schema, v: unknown): boolean {
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : (s.anyOf ?? []).flatMap((b) => (Array.isArray(b.type) ? b.type : b.type ? [b.type] : []))
  const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v
  return types.includes(t) || (t === 'integer' && types.includes('number'))
}

// ---------------------------------------------------------------------------------------------------------------
// The document's operations

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema: Schema
}
interface Operation {
  operationId: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> }
}
interface Request {
  path: string
  query: Record<string, unknown>
  body?: { contentType: string; raw: string }
}
interface Case {
  method: string
  template: string
  op: Operation
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

function queryString(query: Record<string, unknown>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue
    if (Array.isArray(v)) for (const item of v) q.append(k, asText(item))
    else q.append(k, asText(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

function objectOf(params: Parameter[]): Schema {
  return { type: 'object', properties: Object.fromEntries(params.map((p) => [p.name, p.schema])), required: params.filter((p) => p.required).map((p) => p.name) }
}

/** A body of a media type that is not JSON (multipart upload, XML import): text made for it, or garbage. */
function rawBody(contentType: string, broken: boolean): fc.Arbitrary<{ contentType: string; raw: string }> {
  const garbage = fc.string({ maxLength: 200, unit: 'binary' })
  if (contentType.startsWith('multipart/')) {
    const part = fc.tuple(fc.string({ maxLength: 40 }), garbage).map(([name, content]) =>
      ['--fuzz', `Content-Disposition: form-data; name="file"; filename="${name}"`, 'Content-Type: application/pdf', '', content, '--fuzz--', ''].join('\r\n'),
    )
    return (broken ? garbage : part).map((raw) => ({ contentType: 'multipart/form-data; boundary=fuzz', raw }))
  }
  const xml = fc.tuple(fc.constantFrom('Document', 'CstmrPmtStsRpt', 'BkToCstmrDbtCdtNtfctn'), garbage).map(([root, inner]) => `<?xml version="1.0" encoding="UTF-8"?><${root}>${inner.replace(/[<&]/g, '')}</${root}>`)
  return (broken ? fc.oneof(garbage, fc.constantFrom('<a>', '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>', '')) : xml).map((raw) => ({ contentType, raw }))
}

/** Requests for one operation: valid, or with its path, query or body broken (or the body not JSON at all). */
function requests(c: Case, pools: Pools, broken: boolean): fc.Arbitrary<Request> {
  const params = c.op.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const queryParams = params.filter((p) => p.in === 'query')
  const validPath = valid(objectOf(pathParams), pools) as fc.Arbitrary<Record<string, unknown>>
  const validQuery = valid(objectOf(queryParams), pools) as fc.Arbitrary<Record<string, unknown>>
  const content = c.op.requestBody?.content ?? {}
  const json = content['application/json']
  const other = Object.keys(content).find((t) => t !== 'application/json')
  const validBody: fc.Arbitrary<Request['body']> = json?.schema
    ? valid(json.schema, pools).map((v) => ({ contentType: 'application/json', raw: JSON.stringify(v) }))
    : other
      ? rawBody(other, false)
      : fc.constant(undefined)
  const fill = (path: Record<string, unknown>) =>
    c.template.replace(/\{(\w+)\}/g, (_, n: string) => {
      const v = path[n]
      return v instanceof RawSegment ? v.raw : encodeURIComponent(asText(v))
    })
  const build = (path: fc.Arbitrary<Record<string, unknown>>, query: fc.Arbitrary<Record<string, unknown>>, body: fc.Arbitrary<Request['body']>) =>
    fc.record({ path: path.map(fill), query, body })
  if (!broken) return build(validPath, validQuery, validBody)

  const breakings: fc.Arbitrary<Request>[] = []
  if (pathParams.length) {
    const badPath = fc.tuple(validPath, fc.constantFrom(...pathParams)).chain(([v, p]) =>
      fc.oneof(fc.constantFrom(...NOT_UUIDS, ...CONTROL_STRINGS, ...RAW_SEGMENTS), invalid(p.schema, pools)).map((bad) => ({ ...v, [p.name]: bad })),
    )
    breakings.push(build(badPath, validQuery, validBody))
  }
  if (queryParams.length) {
    const badQuery = fc.tuple(validQuery, fc.constantFrom(...queryParams)).chain(([v, p]) => invalid(p.schema, pools).map((bad) => ({ ...v, [p.name]: bad })))
    breakings.push(build(validPath, badQuery, validBody))
    if (queryParams.some((p) => p.required)) breakings.push(build(validPath, validQuery.map(() => ({})), validBody))
  }
  if (json?.schema) {
    breakings.push(build(validPath, validQuery, invalid(json.schema, pools).map((v) => ({ contentType: 'application/json', raw: JSON.stringify(v) }))))
    breakings.push(build(validPath, validQuery, fc.constantFrom('{', '{"a":', 'null', '', '[', '"\\ud800"', '{"__proto__":{"x":1}}').map((raw) => ({ contentType: 'application/json', raw }))))
    breakings.push(build(validPath, validQuery, valid(json.schema, pools).map((v) => ({ contentType: 'text/plain', raw: JSON.stringify(v) }))))
  } else if (other) {
    breakings.push(build(validPath, validQuery, rawBody(other, true)))
  } else if (c.method !== 'get') {
    // An operation without a body, sent one anyway.
    breakings.push(build(validPath, validQuery, fc.constantFrom({ contentType: 'application/json', raw: '{"x":1}' }, { contentType: 'application/json', raw: '{' })))
  }
  // An unknown query parameter, with a control character or a huge value.
  breakings.push(build(validPath, fc.tuple(validQuery, fc.constantFrom(...CONTROL_STRINGS, HUGE)).map(([v, bad]) => ({ ...v, unexpected: bad })), validBody))
  return fc.oneof(...breakings)
}

/**
 * The valid request with a NUL after every string of its query and JSON body: a control character in every free
 * text at once, so that the refusal of control characters is tried on each operation and identity every run (a
 * random invalid input breaks one field only, usually one the schema refuses anyway).
 */
function poisoned(r: Request): Request | undefined {
  const poison = (v: unknown): unknown =>
    typeof v === 'string' ? `${v}\u0000` : Array.isArray(v) ? v.map(poison) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x)])) : v
  const query = poison(r.query) as Record<string, unknown>
  const body = r.body?.contentType === 'application/json' ? { ...r.body, raw: JSON.stringify(poison(JSON.parse(r.body.raw))) } : r.body
  const out = { ...r, query, body }
  return JSON.stringify(out) === JSON.stringify(r) ? undefined : out
}

/** A stable seed per operation, so that adding an operation does not change the inputs of the others. */
function seedOf(text: string): number {
  let h = SEED | 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
  return h
}

// ---------------------------------------------------------------------------------------------------------------

interface Failure {
  operation: string
  identity: Identity
  request: string
  status: number
  problem: string
  body: string
}

describe.each(kinds)('fuzzing every operation of the OpenAPI document on %s', (kind) => {
  let t: TestServer
  let doc: { paths: Record<string, Record<string, Operation>> }
  const clients = new Map<Identity, Client>()
  let pools: Pools
  let countSql: string

  const db = () => t.server.database.db

  /** Row counts of every compared table, in one statement. */
  async function rowCounts(): Promise<Record<string, number>> {
    const rows = (await sql.raw<{ t: string; n: string | number }>(countSql).execute(db())).rows
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]))
  }

  /** Identities whose session a request may have ended (a 401 or 423 answer, or any sign-in operation). */
  const unsure = new Set<Identity>()

  /** The identity's client, signed in again if a fuzzed request ended its session or locked its account. */
  async function clientOf(identity: Identity): Promise<Client> {
    const existing = clients.get(identity)
    if (existing && (identity === 'anonymous' || !unsure.has(identity) || (await existing.get('/api/auth/me')).status === 200)) {
      unsure.delete(identity)
      return existing
    }
    const c = new Client(t.url, 'en')
    if (identity !== 'anonymous') {
      // wrong passwords sent to the password-confirming operations count towards the lockout: undo it
      await db().updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('username', '=', identity).execute()
      await c.login(identity)
    }
    clients.set(identity, c)
    unsure.delete(identity)
    return c
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as typeof doc

    const tables = (
      await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db())
    ).rows.map((r) => r.name)
    const compared = tables.filter((name) => !COUNT_EXEMPT.has(name) && !AUDIT_PARTITION.test(name))
    expect(compared.length).toBeGreaterThan(40)
    countSql = compared.map((name) => `SELECT '${name}' AS t, count(*) AS n FROM "${name}"`).join(' UNION ALL ')

    // A few real ids of every table with a uuid id, but not of the identities' own accounts and grants, which a
    // valid deactivation or an ended grant would take from the rest of the run.
    const withUuidId = (
      await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND data_type = 'uuid' ORDER BY 1`.execute(db())
    ).rows.map((r) => r.name)
    const uuids: string[] = []
    const own = `(SELECT id FROM staff_user WHERE username IN (${ROLES.map((r) => `'${r}'`).join(', ')}))`
    for (const name of withUuidId) {
      const where = name === 'staff_user' ? `WHERE id NOT IN ${own}` : name === 'staff_grant' ? `WHERE user_id NOT IN ${own}` : name === 'staff_session' ? 'WHERE false' : ''
      const rows = (await sql.raw<{ id: string }>(`SELECT id FROM "${name}" ${where} ORDER BY id LIMIT 3`).execute(db())).rows
      uuids.push(...rows.map((r) => r.id))
    }
    const serviceTasks = (await db().selectFrom('service_task').select('code').orderBy('code').execute()).map((r) => r.code)
    pools = { uuids, serviceTasks }
    for (const identity of IDENTITIES) await clientOf(identity)
  })
  afterAll(() => t?.stop())

  it('answers no 5xx, refuses in problem+json with field messages and writes nothing when it refuses', { timeout: 30 * 60_000 }, async () => {
    const cases: Case[] = []
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (['get', 'put', 'post', 'patch', 'delete'].includes(method) && !(op.operationId in SKIP)) cases.push({ method, template, op })
      }
    }
    const failures: Failure[] = []
    const statuses = new Map<string, number>()
    let sent = 0
    // Row counts as last seen: taken again after every answer that was not a refusal (which may have written), so a
    // refused write is compared with the state just before it without a count before every request.
    let counts = await rowCounts()

    for (const c of cases) {
      for (const identity of IDENTITIES) {
        const seed = seedOf(`${c.op.operationId} ${identity}`)
        const valids = fc.sample(requests(c, pools, false), { seed, numRuns: RUNS })
        const inputs = [...valids, ...fc.sample(requests(c, pools, true), { seed: seed + 1, numRuns: RUNS }), ...valids.slice(0, 1).flatMap((r) => poisoned(r) ?? [])]
        for (const input of inputs) {
          const client = await clientOf(identity)
          const write = c.method !== 'get'
          const url = input.path + queryString(input.query)
          const res = await client.request(c.method.toUpperCase(), url, input.body?.raw, input.body ? { 'content-type': input.body.contentType } : {})
          const body = await res.text()
          sent++
          if (res.status === 401 || res.status === 423 || c.op.operationId.startsWith('auth.')) unsure.add(identity)
          const klass = `${String(res.status)[0]}xx`
          statuses.set(klass, (statuses.get(klass) ?? 0) + 1)
          const fail = (problem: string) =>
            failures.push({
              operation: `${c.op.operationId} (${c.method.toUpperCase()} ${c.template})`,
              identity,
              request: `${c.method.toUpperCase()} ${url.slice(0, 300)} ${input.body ? `${input.body.contentType} ${input.body.raw.slice(0, 300)}` : ''}`.trim(),
              status: res.status,
              problem,
              body: body.slice(0, 500),
            })
          if (res.status >= 500) {
            fail('server error')
            counts = await rowCounts()
            continue
          }
          if (res.status < 400) {
            counts = await rowCounts()
            continue
          }
          if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
            fail(`refusal is ${res.headers.get('content-type')}, not application/problem+json`)
            continue
          }
          const problem = JSON.parse(body) as { type?: unknown; title?: unknown; status?: unknown; detail?: unknown; errors?: { field?: unknown; code?: unknown; message?: unknown }[] }
          if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || !problem.title || problem.status !== res.status) fail('problem lacks type, title or status')
          if (res.status === 400 && problem.type === 'https://huoma.fi/problems/validation') {
            const errors = problem.errors
            if (!Array.isArray(errors) || !errors.length) fail('validation answer without field messages')
            else if (!errors.every((e) => typeof e.field === 'string' && e.field && typeof e.code === 'string' && e.code && typeof e.message === 'string' && e.message.trim())) fail('a field message lacks field, code or message')
          } else if (res.status === 400 && !(typeof problem.detail === 'string' && problem.detail.trim())) {
            // A body that is not JSON at all, or missing, has no fields to name: it says what is wrong in `detail`.
            fail('400 with neither field messages nor a detail')
          }
          if (write) {
            const before = counts
            const after = await rowCounts()
            const changed = Object.keys(before).filter((name) => before[name] !== after[name])
            if (changed.length) fail(`row counts changed since the last check (refused write): ${changed.map((n) => `${n} ${before[n]}→${after[n]}`).join(', ')}`)
            counts = after
          }
        }
      }
    }

    process.stdout.write(
      `fuzz on ${kind}: ${cases.length} operations (${Object.keys(SKIP).length} skipped) × ${IDENTITIES.length} identities × (${RUNS} valid + ${RUNS} invalid + 1 with control characters) inputs = ${sent} requests; ` +
        `${[...statuses].sort().map(([k, n]) => `${k} ${n}`).join(', ')}; ${failures.length} failures\n`,
    )
    expect(failures).toEqual([])
  })
})
