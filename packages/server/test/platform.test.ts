import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/http/logger'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

describe.each(kinds)('platform over HTTP on %s', (kind) => {
  let t: TestServer
  const logLines: string[] = []
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk))
        cb()
      },
    })
    t = await startTestServer(kind, { bodyLimit: 4096 }, { logger: createLogger('info', sink) })
  })
  afterAll(() => t?.stop())

  it('answers health with the database kind and the latest migration', async () => {
    const res = await fetch(`${t.url}/api/health`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ status: 'ok', database: kind, migration: expect.stringMatching(/^\d{4}_/) })
    const { rows } = await t.server.database.db.selectFrom('kysely_migration' as never).select('name' as never).execute().then((r) => ({ rows: r as { name: string }[] }))
    expect(body.migration).toBe(rows.map((r) => r.name).sort().at(-1))
  })

  it('runs the transactional pool without JIT and keeps its warm connections (PostgreSQL)', async () => {
    if (kind !== 'postgresql') return
    const { rows } = await sql<{ jit: string }>`SHOW jit`.execute(t.server.database.db)
    expect(rows[0]?.jit).toBe('off')
    const { rows: sessions } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'huoma'`.execute(t.server.database.db)
    expect(sessions[0]?.n).toBeGreaterThanOrEqual(2)
  })

  it('compiles every route\'s schemas (validators, serializers, response validators are otherwise compiled on first use)', () => {
    // Some were compiled by the requests above; the rest must compile too, or a route would fail on its first request.
    expect(t.server.app.lazySchemas.compileAll()).toBeGreaterThan(500)
    expect(t.server.app.lazySchemas.compileAll()).toBe(0)
  })

  it('answers unknown API routes with a problem in the requested language', async () => {
    const res = await new Client(t.url, 'sv').get('/api/no-such-thing')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const p = await res.json()
    expect(p).toMatchObject({ status: 404, title: 'Hittades inte', instance: '/api/no-such-thing' })
    expect(p.requestId).toBe(res.headers.get('x-request-id'))
  })

  it('refuses malformed JSON with a 400 problem, not a stack trace', async () => {
    const res = await new Client(t.url, 'en').post('/api/auth/login', '{"username": "x", ', { 'content-type': 'application/json' })
    expect(res.status).toBe(400)
    const p = await res.json()
    expect(p.detail).toBe('The request body is not valid JSON.')
    expect(JSON.stringify(p)).not.toMatch(/at .*\.ts:\d+/)
  })

  it('refuses an oversized body with 413', async () => {
    const res = await new Client(t.url).post('/api/auth/login', { username: 'x', password: 'y'.repeat(10_000) })
    expect(res.status).toBe(413)
    expect((await res.json()).title).toBe('Pyyntö on liian suuri')
  })

  it('says the body limit in a 413, as a size and in bytes, in the language of the request', async () => {
    const body = { username: 'x', password: 'y'.repeat(10_000) }
    const detail = async (lang: 'fi' | 'sv' | 'en') => (await (await new Client(t.url, lang).post('/api/auth/login', body)).json()).detail
    // The server's limit here is 4096 bytes (HUOMA_BODY_LIMIT); never "?".
    expect(await detail('fi')).toBe('Pyynnön enimmäiskoko on 4 kt (4\u00a0096 tavua).')
    expect(await detail('sv')).toBe('Begärans maximala storlek är 4 kB (4\u00a0096 byte).')
    expect(await detail('en')).toBe('The largest accepted request is 4 kB (4,096 bytes).')
  })

  it('refuses an unsupported content type with 415', async () => {
    const res = await new Client(t.url).post('/api/auth/login', 'username=x', { 'content-type': 'text/csv' })
    expect(res.status).toBe(415)
  })

  it('gives field-level messages for wrong types, in Finnish and Swedish', async () => {
    const fi = await new Client(t.url, 'fi').post('/api/auth/login', { username: 42, extra: true })
    expect(fi.status).toBe(400)
    const p = await fi.json()
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.username', code: 'type', message: 'Arvon pitää olla tyyppiä string.' },
        { field: 'body.password', code: 'required', message: 'Pakollinen tieto puuttuu.' },
        { field: 'body', code: 'additionalProperties', message: 'Tuntematon kenttä extra.' },
      ]),
    )
    const sv = await (await new Client(t.url, 'sv').post('/api/auth/login', { username: 'a' })).json()
    expect(sv.errors).toContainEqual({ field: 'body.password', code: 'required', message: 'Obligatorisk uppgift saknas.' })
  })

  it('publishes OpenAPI 3.1 and a docs page', async () => {
    const doc = await (await fetch(`${t.url}/api/openapi.json`)).json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/persons', '/api/persons/{id}']))
    const docs = await fetch(`${t.url}/api/docs/`)
    expect(docs.status).toBe(200)
  })

  it('sends security headers and echoes a request id', async () => {
    const res = await fetch(`${t.url}/api/health`, { headers: { 'x-request-id': 'test-request-12345' } })
    expect(res.headers.get('x-request-id')).toBe('test-request-12345')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBeTruthy()
  })

  it('logs one line a request when it is answered: method, URL, status and time', async () => {
    const id = `one-line-${Date.now()}`
    await fetch(`${t.url}/api/health`, { headers: { 'x-request-id': id } })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const lines = logLines.join('').split('\n').filter((l) => l.includes(id)).map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ msg: 'request completed', reqId: id, req: { method: 'GET', url: '/api/health' }, res: { statusCode: 200 } })
    expect(typeof lines[0]!.responseTime).toBe('number')
  })

  it('masks any henkilötunnus in the log, wherever it appears', async () => {
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    await c.get('/api/persons?hetu=010190-999W')
    await c.get('/api/persons?hetu=010190Y999W&name=' + encodeURIComponent('131052-308T'))
    await c.get('/api/no/311299+1236/here')
    const all = logLines.join('')
    expect(all).toContain('[hetu]')
    expect(all).not.toMatch(/010190-999W|010190Y999W|131052-308T|311299\+1236|311299%2B1236/i)
  })
})

describe.runIf(kinds.includes('postgresql'))('PostgreSQL statements prepared by name (HUOMA_PG_NAMED_STATEMENTS=on)', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer('postgresql', { pgNamedStatements: true })
  })
  afterAll(() => t?.stop())

  it('prepares a parameterised statement once per connection and serves the API as before', async () => {
    // One connection of the pool, so the session that prepared the statement is the one asked about it.
    const prepared = await t.server.database.db.connection().execute(async (conn) => {
      for (const username of ['sosiaalityontekija', 'paakayttaja', 'no-such-user']) {
        await conn.selectFrom('staff_user').select(['id', 'display_name']).where('username', '=', username).execute()
      }
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'huoma\_%' AND statement LIKE '%"display_name" from "staff_user" where "username" = $1'`.execute(conn)
      return rows[0]?.n
    })
    expect(prepared).toBe(1)
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200)
    expect((await new Client(t.url).login('sosiaalityontekija')).status).toBe(200)
  })
})
