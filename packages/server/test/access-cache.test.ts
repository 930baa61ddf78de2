import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { statements } from './helpers/statements'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessCache, loadAccess } from '../src/access/access-cache'
import { verifyAuditChain } from '../src/access/audit'
import { tokenHash } from '../src/access/session'
import { loadConfig, type Config } from '../src/config'
import { createLogger } from '../src/http/logger'
import { JobBusyError, every, type JobDefinition } from '../src/kernel/jobs'
import { startServer, type RunningServer } from '../src/server'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

/** Polls until `ok` holds; answers the milliseconds it took, or throws after `limitMs`. */
async function within(limitMs: number, what: string, ok: () => Promise<boolean>): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await ok()) return performance.now() - started
    if (performance.now() - started > limitMs) throw new Error(`${what}: not within ${limitMs} ms`)
    await sleep(10)
  }
}


/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as { port: number }).port
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** `huoma serve` as a process of its own (src/main.ts under tsx) over the given database; resolves when it answers health. */
async function serverProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(import.meta.dirname, '..'),
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', HUOMA_WEB_DIST: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  child.stdout!.resume()
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const started = performance.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second server exited (${child.exitCode}): ${err}`)
    if ((await fetch(`${url}/api/health`).catch(() => undefined))?.ok) break
    if (performance.now() - started > 60_000) {
      child.kill('SIGKILL')
      throw new Error(`the second server did not answer in 60 s: ${err}`)
    }
    await sleep(100)
  }
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

describe.each(kinds)('the session and principal cache on %s', (kind) => {
  let t: TestServer
  const db = () => t.server.database.db
  const cache = () => t.server.app.accessCache
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const signedIn = async (username: string) => {
    const c = new Client(t.url)
    await c.login(username)
    return c
  }

  beforeAll(async () => {
    // no scheduled jobs, so that only the requests' own statements are counted
    t = await startTestServer(kind, { jobs: { ...loadConfig(process.env).jobs, run: [] } })
  })
  afterAll(async () => {
    await t?.stop()
  })

  it('serves a signed-in user from the cache: no session, user or grant reads after the first request', async () => {
    const c = await signedIn('etuuskasittelija')
    expect((await c.get('/api/persons?name=virtanen')).status).toBe(200)
    const before = cache().stats()
    const cached = await statements(() => c.get('/api/persons?name=virtanen'))
    expect(cache().stats().hits).toBe(before.hits + 1)
    expect(cached.access).toBe(0)
    cache().invalidate('*')
    const uncached = await statements(() => c.get('/api/persons?name=virtanen'))
    // the miss reads the session, the user, the grants and the commitment gate in one statement
    expect(uncached.access).toBe(1)
    // and nothing else: the miss does no other statement the hit does not (the hit may do one more now and then, e.g.
    // sliding the session's idle timeout, which made an exact difference flaky under load)
    expect(uncached.all - uncached.access).toBeLessThanOrEqual(cached.all - cached.access)
    expect(cache().stats().listening).toBe(true)
  })

  it('refuses at once after the grant is ended, the user deactivated, or the session signed out', async () => {
    const admin = await signedIn('paakayttaja')
    const worker = await signedIn('etuuskasittelija')
    const other = await signedIn('etuuskasittelija')
    expect((await worker.get('/api/persons?name=virtanen')).status).toBe(200)
    expect((await other.get('/api/persons?name=virtanen')).status).toBe(200)
    const id = await userId('etuuskasittelija')
    const grants = (await (await admin.get(`/api/admin/users/${id}/grants`)).json()).grants as { id: string; endedAt?: string | null }[]
    for (const g of grants) expect((await admin.post(`/api/admin/grants/${g.id}/end`)).status).toBe(200)
    // the very next request of the same user, on a session the cache held a moment ago
    expect((await worker.get('/api/persons?name=virtanen')).status).toBe(403)
    expect((await other.get('/api/persons?name=virtanen')).status).toBe(403)

    expect((await other.post('/api/auth/logout')).status).toBe(204)
    expect((await other.get('/api/auth/me')).status).toBe(401)
    expect((await worker.get('/api/auth/me')).status).toBe(200)

    const { version } = await (await admin.get(`/api/admin/users/${id}`)).json()
    expect((await admin.post(`/api/admin/users/${id}/deactivate`, { version })).status).toBe(200)
    expect((await worker.get('/api/auth/me')).status).toBe(401)
  })

  it('sees a change made by hand in SQL (no code path of the server): a trigger notifies it', async () => {
    const c = await signedIn('sosiaaliohjaaja')
    expect((await c.get('/api/auth/me')).status).toBe(200)
    expect((await c.get('/api/auth/me')).status).toBe(200)
    await db()
      .updateTable('staff_session')
      .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
      .where('user_id', '=', await userId('sosiaaliohjaaja'))
      .execute()
    // PGlite delivers the notification before the UPDATE returns; PostgreSQL's listener gets it a moment later
    await within(1000, 'the idle session refused', async () => (await c.get('/api/auth/me')).status === 401)
  })

  it('slides the idle timeout once a minute without dropping any cache entry; moved back by hand, it does', async () => {
    const c = await signedIn('sosiaalityontekija')
    const uid = await userId('sosiaalityontekija')
    const slides = (n: { texts: string[] }) => n.texts.filter((x) => /^update "staff_session" set "last_seen_at"/i.test(x)).length
    // last seen two minutes ago, set by hand: a change backwards, which drops the entry at once
    await db().updateTable('staff_session').set({ last_seen_at: sql<Date>`now() - interval '2 minutes'` }).where('user_id', '=', uid).execute()
    await cache().settle()
    const invalidations = cache().stats().invalidations
    // the next request slides it forward (one UPDATE) and notifies no one
    expect(slides(await statements(async () => expect((await c.get('/api/auth/me')).status).toBe(200)))).toBe(1)
    await cache().settle()
    expect(cache().stats().invalidations).toBe(invalidations)
    // and the cached session knows it: the next requests within the minute write nothing and read nothing
    const after = await statements(async () => {
      expect((await c.get('/api/persons?name=virtanen')).status).toBe(200)
      expect((await c.get('/api/persons?name=korhonen')).status).toBe(200)
    })
    expect(slides(after)).toBe(0)
    expect(after.access).toBe(0)
    // any other change to the session still notifies
    await db().updateTable('staff_session').set({ stage: 'active' }).where('user_id', '=', uid).execute()
    await within(1000, 'a notification of an unchanged-looking update', async () => cache().stats().invalidations > invalidations)
  })

  it('gates everyone at once when a new user commitment is published', async () => {
    const c = await signedIn('toimistosihteeri')
    expect((await c.get('/api/persons?name=virtanen')).status).not.toBe(403)
    await db().insertInto('user_commitment_version').values({ number: 999, text_fi: 'Sitoudun noudattamaan testiä.', text_sv: 'Jag förbinder mig att följa testet.', published_by: null }).execute()
    await within(1000, 'the commitment gate', async () => (await c.get('/api/persons?name=virtanen')).status === 403)
    const res = await c.get('/api/persons?name=virtanen')
    expect((await res.json()).type).toBe('https://huoma.fi/problems/commitment-required')
  })

  it('bounds a lost notification by the TTL; an entry never outlives the day in Helsinki (grants are valid by date)', async () => {
    const c = await signedIn('talous')
    const token = (c as unknown as { cookies: Map<string, string> }).cookies.get('huoma-session')!
    const id = await userId('talous')
    // a cache whose listener never hears anything: only its TTL limits what it keeps
    const deaf = new AccessCache(
      { db: db(), listen: async (_channel, handlers) => (handlers.up(), { listening: true, sync: async () => true, close: async () => undefined }) },
      t.config.security,
      { ttlMs: 400 },
    )
    await deaf.start()
    const granted = (await deaf.resolve(token))!.principal.grants.length
    expect(granted).toBeGreaterThan(0)
    await db().updateTable('staff_grant').set({ ended_at: sql<Date>`now()` }).where('user_id', '=', id).where('ended_at', 'is', null).execute()
    expect((await deaf.resolve(token))!.principal.grants).toHaveLength(granted)
    await sleep(450)
    expect((await deaf.resolve(token))!.principal.grants).toEqual([])
    await deaf.close()

    // a session whose timeouts lie days ahead is held until midnight in Helsinki at the latest
    await db()
      .updateTable('staff_session')
      .set({ last_seen_at: sql<Date>`now() + interval '2 days'`, expires_at: sql<Date>`now() + interval '3 days'` })
      .where('id', '=', tokenHash(token))
      .execute()
    const loaded = (await loadAccess(db(), t.config.security, tokenHash(token)))!
    const [h, m, sec] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .format(new Date())
      .split(':')
      .map(Number) as [number, number, number]
    const untilMidnight = 86_400_000 - ((h * 60 + m) * 60 + sec) * 1000
    expect(loaded.holdsMs).toBeGreaterThan(0)
    expect(loaded.holdsMs).toBeLessThanOrEqual(untilMidnight + 3_600_000 + 1000) // an hour's slack for a DST day
  })

  it('does not keep a load that overlapped an invalidation (it may have read the state before the change)', async () => {
    const c = await signedIn('sosiaalityontekija')
    const token = (c as unknown as { cookies: Map<string, string> }).cookies.get('huoma-session')!
    const own = new AccessCache(
      { db: db(), listen: async (_channel, handlers) => (handlers.up(), { listening: true, sync: async () => true, close: async () => undefined }) },
      t.config.security,
      { ttlMs: 30_000 },
    )
    await own.start()
    const uid = await userId('sosiaalityontekija')
    const loading = own.resolve(token)
    own.invalidate(`u:${uid}`) // while the load is on its way
    expect((await loading)?.principal.username).toBe('sosiaalityontekija')
    expect(own.stats().entries).toBe(0)
    await own.resolve(token)
    expect(own.stats().entries).toBe(1)
    await own.resolve(token)
    expect(own.stats()).toMatchObject({ hits: 1, misses: 2 })
    await own.close()
  })

  it.runIf(kind === 'postgresql')('turns itself off while the listener is down, reads the database meanwhile, and comes back', async () => {
    const c = await signedIn('sosiaalityontekija')
    expect((await c.get('/api/auth/me')).status).toBe(200)
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'huoma-listen' AND datname = current_database()`.execute(db())
    await within(2000, 'the cache off', async () => !cache().stats().listening)
    expect(cache().stats().entries).toBe(0)
    const misses = cache().stats().misses
    expect((await c.get('/api/auth/me')).status).toBe(200)
    expect((await c.get('/api/auth/me')).status).toBe(200)
    // both read the database (or the listener was already back: then the second one may hit)
    expect(cache().stats().misses).toBeGreaterThan(misses)
    await within(10_000, 'the listener back', async () => cache().stats().listening)
    expect((await c.get('/api/auth/me')).status).toBe(200)
    const hits = cache().stats().hits
    expect((await c.get('/api/auth/me')).status).toBe(200)
    expect(cache().stats().hits).toBe(hits + 1)
  })
})

// PostgreSQL only: PGlite serves one process by design (its data folder is locked), so there is no second server.
describe.runIf(kinds.includes('postgresql'))('two server processes over one PostgreSQL (skipped without PostgreSQL: PGlite is one process by design)', () => {
  const servers: RunningServer[] = []
  let seed: TestServer | undefined
  let other: Awaited<ReturnType<typeof serverProcess>> | undefined
  const runs: string[] = []
  const once: JobDefinition = {
    name: 'test-once',
    title: { fi: 'Testi', sv: 'Test', en: 'Test' },
    description: { fi: 'Testi', sv: 'Test', en: 'Test' },
    schedule: every(3_600_000),
    run: async () => {
      runs.push('ran')
      await sleep(200)
      return { summary: 'ran' }
    },
  }

  beforeAll(async () => {
    // the first server seeds the demo municipality, then both serve it: two processes' worth of pools, listeners,
    // caches and job runners, sharing nothing but the database
    seed = await startTestServer('postgresql', {}, { extraJobs: [once] })
    const config: Config = { ...seed.config, port: 0 }
    servers.push(seed.server, await startServer(config, { demo: false, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), extraJobs: [once] }))
    // …and a third in a process of its own, as production runs them, with the audit sealer on its schedule
    other = await serverProcess({ DATABASE_URL: seed.scratch.databaseUrl ?? '', HUOMA_DATA_DIR: seed.scratch.dataDir, HUOMA_JOBS: 'audit-sealer' })
  }, 120_000)
  afterAll(async () => {
    await other?.stop()
    await servers[1]?.close()
    await seed?.stop()
  })

  it('a session signed in on one process works on another; a revocation on either is refused by the other within a second', { timeout: 60_000 }, async () => {
    const a = servers[0]!
    const b = other!
    const elsewhere = (c: Client, url: string) => Object.assign(Object.create(Object.getPrototypeOf(c)), c, { baseUrl: url }) as Client
    const onA = new Client(a.url)
    await onA.login('etuuskasittelija')
    const onB = elsewhere(onA, b.url)
    expect((await onB.get('/api/persons?name=virtanen')).status).toBe(200)
    expect((await onB.get('/api/persons?name=virtanen')).status).toBe(200)
    // signed out on A: refused on B
    expect((await onA.post('/api/auth/logout')).status).toBe(204)
    const signedOutMs = await within(1000, 'the signed-out session refused by the other process', async () => (await onB.get('/api/auth/me')).status === 401)

    // a grant ended through B (the other process): refused on A
    const adminOnB = new Client(b.url)
    await adminOnB.login('paakayttaja')
    const worker = new Client(a.url)
    await worker.login('sosiaaliohjaaja')
    expect((await worker.get('/api/persons?name=virtanen')).status).toBe(200)
    expect((await worker.get('/api/persons?name=virtanen')).status).toBe(200)
    const id = (await a.database.db.selectFrom('staff_user').select('id').where('username', '=', 'sosiaaliohjaaja').executeTakeFirstOrThrow()).id
    const { grants } = (await (await adminOnB.get(`/api/admin/users/${id}/grants`)).json()) as { grants: { id: string }[] }
    for (const g of grants) expect((await adminOnB.post(`/api/admin/grants/${g.id}/end`)).status).toBe(200)
    const endedMs = await within(1000, 'the ended grant refused by the other process', async () => (await worker.get('/api/persons?name=virtanen')).status === 403)
    console.warn(`two processes: refused by the other after ${signedOutMs.toFixed(0)} ms (signed out), ${endedMs.toFixed(0)} ms (grant ended)`)
  })

  it('a session signed in on one works on the other; a revocation on one is refused by the other within a second', { timeout: 60_000 }, async () => {
    const [a, b] = servers as [RunningServer, RunningServer]
    const onA = new Client(a.url)
    await onA.login('etuuskasittelija')
    const onB = Object.assign(Object.create(Object.getPrototypeOf(onA)), onA, { baseUrl: b.url }) as Client
    expect((await onB.get('/api/persons?name=virtanen')).status).toBe(200)
    expect((await onB.get('/api/persons?name=virtanen')).status).toBe(200)
    expect(b.app.accessCache.stats().entries).toBeGreaterThan(0)

    const admin = new Client(a.url)
    await admin.login('paakayttaja')
    const id = (await a.database.db.selectFrom('staff_user').select('id').where('username', '=', 'etuuskasittelija').executeTakeFirstOrThrow()).id
    const { grants } = (await (await admin.get(`/api/admin/users/${id}/grants`)).json()) as { grants: { id: string }[] }
    for (const g of grants) expect((await admin.post(`/api/admin/grants/${g.id}/end`)).status).toBe(200)
    const refusedMs = await within(1000, 'the ended grant refused on b', async () => (await onB.get('/api/persons?name=virtanen')).status === 403)
    console.warn(`two servers: an ended grant was refused by the other server after ${refusedMs.toFixed(0)} ms`)

    const { version } = await (await admin.get(`/api/admin/users/${id}`)).json()
    expect((await onB.get('/api/auth/me')).status).toBe(200)
    expect((await admin.post(`/api/admin/users/${id}/deactivate`, { version })).status).toBe(200)
    const deactivatedMs = await within(1000, 'the deactivated user refused on b', async () => (await onB.get('/api/auth/me')).status === 401)
    console.warn(`two servers: a deactivated user was refused by the other server after ${deactivatedMs.toFixed(0)} ms`)
  })

  it('a job run by two servers at once runs once; the sealers of three seal one chain that verifies', { timeout: 60_000 }, async () => {
    const [a, b] = servers as [RunningServer, RunningServer]
    const results = await Promise.allSettled([a.jobs.runNow('test-once'), b.jobs.runNow('test-once')])
    const started = results.filter((r) => r.status === 'fulfilled')
    expect(started).toHaveLength(1)
    expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(JobBusyError)
    await (started[0] as PromiseFulfilledResult<{ done: Promise<unknown> }>).value.done
    expect(runs).toEqual(['ran'])

    // audit rows through all three servers, then two sealers at the same moment (the third seals on its schedule)
    for (const url of [...servers.map((s) => s.url), other!.url]) {
      const c = new Client(url)
      await c.login('sosiaalityontekija')
      expect((await c.get('/api/persons?name=virtanen')).status).toBe(200)
    }
    const sealed = await Promise.all(servers.map(async (s) => (await s.jobs.runNow('audit-sealer')).done))
    expect(sealed.every((r) => (r as { outcome: string }).outcome === 'success')).toBe(true)
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_pending`.execute(a.database.db)
    expect(pending.rows[0]?.n).toBe(0)
    const verified = await verifyAuditChain(a.database.db)
    expect(verified.ok).toBe(true)
  })
})
