import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from './target'

export interface StartedServer {
  url: string
  logFile: string
  /** The server's process id (for /proc readings). */
  pid: number
  /** From spawning the process to the first 200 of GET /api/health, in ms. */
  healthyAfterMs: number
  /** CPU time (user + system) the process had used by then, in ms; null where /proc is not there. */
  cpuMs: number | null
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/**
 * How the server is run: `dist` (default) is the production build `npm start` runs (`packages/server/dist/main.js`,
 * built first when missing or older than the sources); `source` runs the TypeScript through tsx's loader.
 */
export type ServerEntry = 'dist' | 'source'

export function serverCommand(entry: ServerEntry, nodeArgs: readonly string[] = []): string[] {
  if (entry === 'source') return ['--import', 'tsx', ...nodeArgs, 'packages/server/src/main.ts', '--demo']
  // A probe written in TypeScript (soak's) still needs the loader; the server itself is plain JavaScript.
  const loader = nodeArgs.some((a) => a.endsWith('.ts')) ? ['--import', 'tsx'] : []
  return [...loader, ...nodeArgs, 'packages/server/dist/main.js', '--demo']
}

/** Builds the server when its build is missing or stale (scripts/build-server.mjs); a no-op otherwise. */
export function ensureServerBuild(): void {
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error(`Building the server failed (exit ${r.status})`)
}

/**
 * Starts the server (`serverCommand`: by default `node [nodeArgs] packages/server/dist/main.js --demo`) on a free
 * port with the given environment, waits until GET /api/health answers 200 and returns its URL. The server's
 * output goes to a log file in the temp folder.
 */
export async function startHuomaServer(
  env: Record<string, string>,
  opts: { timeoutMs?: number; nodeArgs?: readonly string[]; entry?: ServerEntry; pollMs?: number } = {},
): Promise<StartedServer> {
  const timeoutMs = opts.timeoutMs ?? 180_000
  const entry = opts.entry ?? 'dist'
  if (entry === 'dist') ensureServerBuild()
  const port = await freePort()
  const logFile = path.join(os.tmpdir(), `huoma-bench-server-${port}.log`)
  const out = fs.openSync(logFile, 'w')
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, serverCommand(entry, opts.nodeArgs), {
    cwd: REPO_ROOT,
    // as in production (responses not validated again against their schemas; see the server's config)
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), HUOMA_WEB_DIST: '', ...env },
    stdio: ['ignore', out, out],
  })
  fs.closeSync(out)
  const url = `http://127.0.0.1:${port}`
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    if (!(await waitForExit(child, 15_000))) {
      child.kill('SIGKILL')
      await waitForExit(child, 5_000)
    }
  }

  const deadline = Date.now() + timeoutMs
  let healthyAfterMs = 0
  let cpuMs: number | null = null
  for (;;) {
    if (exited) throw new Error(`The Huoma server exited during start-up. Its log (${logFile}):\n${tail(logFile)}`)
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })
      if (res.status === 200) {
        healthyAfterMs = performance.now() - spawnedAt
        cpuMs = processCpuMs(child.pid)
        break
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`The Huoma server did not answer /api/health within ${timeoutMs / 1000} s. Its log (${logFile}):\n${tail(logFile)}`)
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 250))
  }
  return { url, logFile, pid: child.pid as number, healthyAfterMs, cpuMs, stop }
}

/** User + system CPU time of a process so far, from /proc/<pid>/stat (Linux), in ms; null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command; in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}
