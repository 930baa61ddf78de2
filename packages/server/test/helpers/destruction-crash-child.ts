/**
 * The worker of the kill -9 test of destruction (destruction-crash.test.ts): a real Huoma server of its own over the
 * test's database, executing an approved destruction list with `executeList` — what the execute route and the
 * retention job run — in small batches, so a SIGKILL lands in the middle of a batch's deletes, as a crash would.
 * Prints `ready`, then `batch <destroyed so far>` after each committed batch, then `done` (at once for a finished list).
 */
import { loadConfig } from '../../src/config'
import { loadSecretKey } from '../../src/access/mfa'
import { createLogger } from '../../src/http/logger'
import { destructionKey, executeList } from '../../src/modules/retention/destruction'
import { startServer } from '../../src/server'
import { DEMO_PASSWORD } from './server'

const [url, dataDir, listId, batchSize] = process.argv.slice(2)
const base = loadConfig({ ...process.env, DATABASE_URL: url!, HUOMA_DATA_DIR: dataDir!, HUOMA_DEMO_PASSWORD: DEMO_PASSWORD, HUOMA_WEB_DIST: '' })
const config = { ...base, port: 0, host: '127.0.0.1', jobs: { ...base.jobs, run: [] } }
const server = await startServer(config, { demo: false, logger: createLogger('silent') })
const archivist = await server.database.db.selectFrom('staff_user').select('id').where('username', '=', 'arkistonhoitaja').executeTakeFirstOrThrow()
process.stdout.write('ready\n')
// a list an earlier (killed) run finished has nothing left to resume
const { state } = await server.database.db.selectFrom('destruction_list').select('state').where('id', '=', listId!).executeTakeFirstOrThrow()
if (state !== 'done') await executeList(server.database.db, listId!, {
  userId: archivist.id,
  today: server.app.clock.today(),
  now: () => server.app.clock.now(),
  key: destructionKey(loadSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir })),
  attachmentFolder: config.attachments.folder,
  forgetters: server.app.clientForgetters,
  registerRecords: server.app.registerRecords,
  batchSize: Number(batchSize),
  onBatch: (n) => process.stdout.write(`batch ${n}\n`),
})
process.stdout.write('done\n')
await server.close()
