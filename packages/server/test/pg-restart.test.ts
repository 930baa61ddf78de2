import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/access/audit'
import { databaseKinds } from './helpers/databases'
import { pgBinDir, startCluster, type Cluster } from './helpers/pg-cluster'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * PostgreSQL restarted under load (`pg_ctl restart -m immediate`: every backend killed, crash recovery on start).
 * Runs on a throwaway cluster of its own (helpers/pg-cluster.ts), never on the shared one the other test files use.
 */
const hasPostgres = (await databaseKinds()).includes('postgresql')
if (hasPostgres && !pgBinDir) console.warn('pg-restart: no initdb/pg_ctl under /usr/lib/postgresql/*/bin, skipped (CI installs PostgreSQL via .ci/run)')

interface Outcome {
  kind: 'write' | 'read'
  at: number
  status: number | 'hung' | 'network'
  contentType: string | null
  id?: string
}

describe.skipIf(!hasPostgres || !pgBinDir)('PostgreSQL restarted under load', () => {
  let cluster: Cluster
  let adminUrl: string
  let t: TestServer
  let personId: string
  let worker: Client

  beforeAll(async () => {
    cluster = await startCluster()
    adminUrl = cluster.adminUrl
    t = await startTestServer('postgresql', {}, { adminUrl })
    const secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    const res = await secretary.post('/api/persons', {
      firstNames: 'Kuormitus',
      lastName: 'Testinen',
      birthDate: '1980-02-03',
      addresses: [{ kind: 'permanent', street: 'Kuormakatu 1', postalCode: '00100', postOffice: 'Helsinki' }],
    })
    expect(res.status).toBe(201)
    personId = ((await res.json()) as { id: string }).id
    const me = await t.server.database.db.selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()
    const rel = await secretary.post(`/api/persons/${personId}/relationships`, { serviceTask: 'adult_social_work', userId: me.id, kind: 'team', startReason: 'other' })
    expect(rel.status).toBe(201)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
  }, 300_000)

  afterAll(async () => {
    await t?.stop().catch(() => undefined)
    await cluster?.remove()
  })

  it('the server reconnects on its own; every acknowledged write is kept; failures are problem+json, never hangs; the audit chain holds', { timeout: 300_000 }, async () => {
    const outcomes: Outcome[] = []
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())
    let stop = false
    let n = 0

    async function one(kind: Outcome['kind']) {
      const at = Date.now()
      let timer: NodeJS.Timeout | undefined
      const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('no answer in 30 s'), { name: 'TimeoutError' })), 30_000)))
      try {
        const res = await Promise.race([
          kind === 'write'
            ? worker.post(`/api/persons/${personId}/journal/adult_social_work`, { type: 'phone_call', eventDate: today, text: `Kuormitus ${++n}` })
            : worker.get(`/api/persons/${personId}`),
          hung,
        ])
        const o: Outcome = { kind, at, status: res.status, contentType: res.headers.get('content-type') }
        const body = (await res.json().catch(() => ({}))) as { entryId?: string }
        if (kind === 'write' && res.status === 201) o.id = body.entryId
        outcomes.push(o)
      } catch (e) {
        outcomes.push({ kind, at, status: (e as Error).name === 'TimeoutError' ? 'hung' : 'network', contentType: null })
      } finally {
        clearTimeout(timer)
      }
    }
    const loops = Array.from({ length: 4 }, async (_, i) => {
      while (!stop) await one(i % 2 ? 'read' : 'write')
    })

    const startTime = async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      const r = await c.query<{ t: string }>('SELECT pg_postmaster_start_time()::text AS t')
      await c.end()
      return r.rows[0]!.t
    }
    const startedBefore = await startTime()
    await new Promise((r) => setTimeout(r, 2000))
    const restartAt = Date.now()
    await cluster.restart('immediate')
    const restartedAt = Date.now()
    expect(await startTime()).not.toBe(startedBefore)
    // the server answers writes again within a bounded time, without being restarted
    const deadline = restartedAt + 60_000
    while (Date.now() < deadline && !outcomes.some((o) => o.at > restartedAt && o.status === 201)) await new Promise((r) => setTimeout(r, 200))
    await new Promise((r) => setTimeout(r, 1000))
    stop = true
    await Promise.all(loops)

    const after = outcomes.filter((o) => o.at > restartedAt)
    expect(after.filter((o) => o.kind === 'write' && o.status === 201).length).toBeGreaterThan(0)
    expect(after.filter((o) => o.kind === 'read' && o.status === 200).length).toBeGreaterThan(0)
    expect(outcomes.filter((o) => o.at < restartAt && o.status === 201).length).toBeGreaterThan(0)
    // no request hung or lost its connection; every failure is an outage told as problem+json
    const failed = outcomes.filter((o) => o.status !== 200 && o.status !== 201)
    for (const f of failed) {
      expect(f.status === 'hung' || f.status === 'network' ? f.status : 'answered').toBe('answered')
      // the database was away: a temporary outage, told so (503 with Retry-After), not an internal error
      expect(f.status).toBe(503)
      expect(f.contentType).toContain('application/problem+json')
    }
    // every write acknowledged with 201 is there
    const acked = outcomes.filter((o) => o.id).map((o) => o.id!)
    expect(acked.length).toBe(outcomes.filter((o) => o.kind === 'write' && o.status === 201).length)
    const kept = await t.server.database.db.selectFrom('journal_entry').select('id').where('id', 'in', acked).execute()
    expect(kept.length).toBe(acked.length)
    expect(await verifyAuditChain(t.server.database.db)).toMatchObject({ ok: true })
  })
})
