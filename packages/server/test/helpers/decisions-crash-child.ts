/**
 * The worker of the kill -9 test (decisions-crash.test.ts): a real Huoma server of its own over the test's
 * database, deciding income support applications through its HTTP API (POST …/decisions: the decision, its detail,
 * a payment commitment, the client's payable, the application's state, the deadline met and the audit row, all in
 * the request's one transaction) — so a SIGKILL lands in the middle of the server's writes, as a crash would.
 * Whatever an earlier, killed run left undecided is decided; decided ones are skipped.
 * Prints `ready`, then one line per decision, then `done`, so the parent can kill it at a random point.
 */
import fs from 'node:fs'
import { loadConfig } from '../../src/config'
import { startServer } from '../../src/server'
import { createLogger } from '../../src/http/logger'
import { Client, DEMO_PASSWORD } from './server'

export interface CrashPlanItem {
  personId: string
  applicationId: string
  decision: Record<string, unknown>
}

const [url, dataDir, planFile] = process.argv.slice(2)
const plan = JSON.parse(fs.readFileSync(planFile!, 'utf8')) as CrashPlanItem[]
const base = loadConfig({ ...process.env, DATABASE_URL: url!, HUOMA_DATA_DIR: dataDir!, HUOMA_DEMO_PASSWORD: DEMO_PASSWORD, HUOMA_WEB_DIST: '' })
const server = await startServer(
  { ...base, port: 0, host: '127.0.0.1', security: { ...base.security, loginRateLimitPerMinute: 100_000 }, jobs: { ...base.jobs, run: [] } },
  { demo: false, logger: createLogger('silent') },
)
const handler = new Client(server.url)
await handler.login('etuuskasittelija')
process.stdout.write('ready\n')

for (const p of plan) {
  const path = `/api/persons/${p.personId}/income-support/applications/${p.applicationId}`
  const app = await handler.get(path)
  if (app.status !== 200) throw new Error(`application ${p.applicationId}: ${app.status} ${await app.text()}`)
  const { state, version } = (await app.json()) as { state: string; version: number }
  if (state !== 'received' && state !== 'in_preparation') continue
  const res = await handler.post(`${path}/decisions`, { ...p.decision, version })
  if (res.status !== 201) throw new Error(`decision of ${p.applicationId}: ${res.status} ${await res.text()}`)
  process.stdout.write(`decided ${p.applicationId}\n`)
}
process.stdout.write('done\n')
await server.close()
