/**
 * The worker of the kill -9 tests of income support decisions (decisions-crash.test.ts, corrections-crash.test.ts):
 * a real Huoma server of its own over the test's database, deciding income support applications through its HTTP API
 * (POST …/decisions: the decision, its detail, payment commitments, the client's payable — for a correction the
 * corrected decision's open payables cancelled and the difference paid —, the application's state, the deadline and
 * the audit row, all in the request's one transaction), so a SIGKILL lands in the middle of the server's writes, as
 * a crash would.
 *
 * Each application of the plan has a sequence of decisions: the first decision, then corrections, each correcting the
 * decision then in force. Whatever an earlier, killed run left is resumed from the application as it is: an
 * application with k decisions gets the plan's decision k. The work goes round by round (every application's next
 * decision, then again), so a kill can find applications at every step. Prints `ready`, then
 * `decided <application> <decision>` after each 201, then `done`.
 */
import fs from 'node:fs'
import { loadConfig } from '../../src/config'
import { startServer } from '../../src/server'
import { createLogger } from '../../src/http/logger'
import { Client, DEMO_PASSWORD } from './server'

export interface CrashPlanItem {
  personId: string
  applicationId: string
  /** the body of the first decision, then of each correction (`version` and `correctsId` are filled in) */
  decisions: Record<string, unknown>[]
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

for (let progressed = true; progressed; ) {
  progressed = false
  for (const p of plan) {
    const path = `/api/persons/${p.personId}/income-support/applications/${p.applicationId}`
    const app = await handler.get(path)
    if (app.status !== 200) throw new Error(`application ${p.applicationId}: ${app.status} ${await app.text()}`)
    const { version, decisions } = (await app.json()) as { version: number; decisions: { id: string; correctedById: string | null }[] }
    const next = p.decisions[decisions.length]
    if (!next) continue
    const inForce = decisions.find((d) => d.correctedById === null)
    const res = await handler.post(`${path}/decisions`, { ...next, version, ...(inForce ? { correctsId: inForce.id } : {}) })
    if (res.status !== 201) throw new Error(`decision ${decisions.length} of ${p.applicationId}: ${res.status} ${await res.text()}`)
    process.stdout.write(`decided ${p.applicationId} ${((await res.json()) as { id: string }).id}\n`)
    progressed = true
  }
}
process.stdout.write('done\n')
await server.close()
