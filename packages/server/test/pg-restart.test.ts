import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/access/audit'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * PostgreSQL restarted under load (`pg_ctl restart -m immediate`: every backend killed, crash recovery on start).
 * Runs on a throwaway cluster of its own (initdb into a temp folder, a free port, trust auth), never on the shared
 * one the other test files use.
 */
const binDir = (() => {
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    return versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => fs.existsSync(`${d}/initdb`) && fs.existsSync(`${d}/pg_ctl`))
  } catch {
    return undefined
  }
})()
const hasPostgres = (await databaseKinds()).includes('postgresql')
// initdb refuses to run as root: the cluster is then made and run as the postgres system user
const isRoot = process.getuid?.() === 0
if (hasPostgres && !binDir) console.warn('pg-restart: no initdb/pg_ctl under /usr/lib/postgresql/*/bin, skipped (CI installs PostgreSQL via .ci/run)')

function pgArgs(tool: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', `${binDir}/${tool}`, ...args]] : [`${binDir}/${tool}`, args]
}
/** Run a PostgreSQL tool without blocking the event loop (the server under test runs in this process). */
async function pgTool(tool: string, args: string[]) {
  const [cmd, all] = pgArgs(tool, args)
  await promisify(execFile)(cmd, all, { encoding: 'utf8', timeout: 120_000 })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

interface Outcome {
  kind: 'write' | 'read'
  at: number
  status: number | 'hung' | 'network'
  contentType: string | null
  id?: string
}

describe.skipIf(!hasPostgres || !binDir)('PostgreSQL restarted under load', () => {
  let dir: string
  let adminUrl: string
  let t: TestServer
  let personId: string
  let worker: Client

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-pgrestart-'))
    if (isRoot) execFileSync('chown', ['postgres', dir])
    const port = await freePort()
    await pgTool('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
    await pgTool('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start'])
    adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`
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
    if (dir) {
      try {
        await pgTool('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true })
    }
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
    // -l again: without it the restarted postmaster would write to (and hold open) pg_ctl's output
    await pgTool('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-m', 'immediate', '-w', 'restart'])
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
