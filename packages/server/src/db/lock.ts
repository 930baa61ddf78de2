import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * An exclusive lock on the embedded database folder.
 *
 * PGlite takes no lock of its own: a second process that opens the same folder sees diverging data and one
 * side's committed writes are lost when both close. Huoma therefore creates `huoma.lock` with O_EXCL and keeps
 * it for the life of the process. A lock left by a process that no longer runs on this host (crash, kill -9)
 * is taken over; a live holder makes the second opener fail with a clear message.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `The data folder is already in use by another Huoma process (pid ${holderPid}, lock file ${lockFile}). ` +
        'Stop that process first, or point HUOMA_DATA_DIR at another folder.',
    )
    this.name = 'DataDirLockedError'
  }
}

interface LockContent {
  pid: number
  host: string
  startedAt: string
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface DataDirLock {
  readonly file: string
  release(): void
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'huoma.lock')
  const content: LockContent = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600)
      fs.writeSync(fd, JSON.stringify(content))
      fs.closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent
          if (current.pid === process.pid) fs.unlinkSync(file)
        } catch {
          /* already gone */
        }
      }
      process.once('exit', release)
      return { file, release }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      let holder: LockContent | undefined
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent
      } catch {
        holder = undefined // half-written or garbage: the writer died before finishing
      }
      const sameHost = holder?.host === os.hostname()
      if (holder && (!sameHost || (holder.pid !== process.pid && processAlive(holder.pid)))) {
        throw new DataDirLockedError(file, holder.pid)
      }
      if (holder && holder.pid === process.pid) throw new DataDirLockedError(file, holder.pid)
      // Stale lock from a dead process on this host: remove and retry once.
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not take the lock ${file}`)
}
