import { spawn } from 'node:child_process'
import path from 'node:path'

/**
 * Runs a worker script under tsx (from the server package); kills it with SIGKILL `killAfterMs` after the first
 * output matching `armOn` (default: its first line; counting from the start would let a slow start-up on a loaded
 * machine eat the whole delay, and arming on the first unit of work done lets a loaded machine's slow first unit
 * not eat it either); undefined = let it finish. A worker that fails on its own rejects with its stderr.
 */
export function runChild(script: string, args: string[], killAfterMs?: number, armOn: RegExp = /./): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: path.join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      if (killAfterMs !== undefined && !timer && armOn.test(out)) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (code !== 0 && signal === null) reject(new Error(`worker failed (${code}): ${err}`))
      else resolve({ code, signal, out })
    })
  })
}
