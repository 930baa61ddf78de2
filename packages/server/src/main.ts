import closeWithGrace from 'close-with-grace'
import { loadConfig } from './config'
import { banner, demoLogins, startServer } from './server'
import { describeStartupError } from './startup-errors'

/** `huoma serve`: the HTTP server. `--demo` seeds Demola into an empty database (what `npm start` does). */
export async function serve(opts: { demo: boolean }): Promise<void> {
  const config = loadConfig()
  let server
  try {
    server = await startServer(config, { demo: opts.demo })
  } catch (e) {
    process.stderr.write(`\n${describeStartupError(e)}\n\n`)
    process.exit(1)
  }
  const logins = opts.demo ? await demoLogins(server.database.db) : []
  process.stdout.write(banner(server, config, opts.demo, logins) + '\n')
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) server.logger.error({ err }, 'shutting down after an error')
    else server.logger.info({ signal }, 'shutting down')
    await server.close()
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve({ demo: process.argv.includes('--demo') })
}
