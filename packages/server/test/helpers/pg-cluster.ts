import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

/**
 * Throwaway PostgreSQL clusters for the tests that must restart, crash or recover a server (pg-restart, pitr): initdb
 * into a temp folder, a free port, trust auth — never the shared cluster the other test files use. Needs the server
 * binaries (`initdb`, `pg_ctl`, … under /usr/lib/postgresql/<version>/bin, Debian's layout); without them the tests
 * that need them are skipped (CI installs PostgreSQL through .ci/run).
 */
export const pgBinDir: string | undefined = (() => {
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    return versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => fs.existsSync(`${d}/initdb`) && fs.existsSync(`${d}/pg_ctl`))
  } catch {
    return undefined
  }
})()

/** Whether the cluster tools named (besides initdb and pg_ctl) are there too. */
export function hasPgTools(...tools: string[]): boolean {
  return !!pgBinDir && tools.every((t) => fs.existsSync(`${pgBinDir}/${t}`))
}

// initdb refuses to run as root: the cluster is then made and run as the postgres system user
const isRoot = process.getuid?.() === 0

/** Run a PostgreSQL tool (as postgres when we are root) without blocking the event loop (a server under test may run in this process). */
export async function pgTool(tool: string, args: string[], opts: { timeoutMs?: number } = {}): Promise<{ stdout: string; stderr: string }> {
  if (!pgBinDir) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin')
  const [cmd, all] = isRoot ? ['runuser', ['-u', 'postgres', '--', `${pgBinDir}/${tool}`, ...args]] : [`${pgBinDir}/${tool}`, args]
  return promisify(execFile)(cmd, all, { encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000 })
}

/** A folder the cluster's user may write (a data directory, a WAL archive): created, and given to postgres when we are root. */
export function clusterFolder(folder: string, mode = 0o700): string {
  fs.mkdirSync(folder, { recursive: true, mode })
  fs.chmodSync(folder, mode)
  if (isRoot) execFileSync('chown', ['-R', 'postgres', folder])
  return folder
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

export interface Cluster {
  /** the temp folder holding the data directory, the socket and the log (and whatever the test puts there) */
  dir: string
  dataDir: string
  port: number
  /** the superuser's URL of its `postgres` database */
  adminUrl: string
  start(): Promise<void>
  /** `pg_ctl stop -m <mode>` (fast by default); nothing when it is not running */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>
  restart(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>
  /** stop it (immediate) and remove its folder */
  remove(): Promise<void>
}

/**
 * A cluster over `dataDir` (made by initdb into a new temp folder unless given, e.g. a restored base backup), started
 * on a free port with `settings` appended to its postgresql.conf.
 */
export async function startCluster(opts: { dir?: string; dataDir?: string; settings?: Record<string, string | number> } = {}): Promise<Cluster> {
  const dir = opts.dir ?? clusterFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-pgcluster-')))
  const dataDir = opts.dataDir ?? `${dir}/data`
  if (!opts.dataDir) await pgTool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  if (opts.settings && Object.keys(opts.settings).length) {
    const lines = Object.entries(opts.settings).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v.replace(/'/g, "''")}'`}`)
    fs.appendFileSync(`${dataDir}/postgresql.conf`, `\n# test settings\n${lines.join('\n')}\n`)
  }
  const port = await freePort()
  const log = `${dir}/log-${path.basename(dataDir)}`
  // -l also on restart: without it the postmaster would write to (and hold open) pg_ctl's output
  const options = ['-D', dataDir, '-l', log, '-w', '-t', '120', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`]
  const cluster: Cluster = {
    dir,
    dataDir,
    port,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      try {
        await pgTool('pg_ctl', [...options, 'start'], { timeoutMs: 180_000 })
      } catch (e) {
        const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : ''
        throw new Error(`${(e as Error).message}\n--- ${log}:\n${tail}`)
      }
    },
    stop: async (mode = 'fast') => {
      try {
        await pgTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop'])
      } catch {
        // not running
      }
    },
    restart: async (mode = 'fast') => {
      await pgTool('pg_ctl', [...options, '-m', mode, 'restart'], { timeoutMs: 180_000 })
    },
    remove: async () => {
      await cluster.stop('immediate')
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  await cluster.start()
  return cluster
}
