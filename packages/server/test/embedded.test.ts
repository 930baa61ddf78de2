import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseOpenError, openDatabase } from '../src/db/database'
import { DataDirLockedError } from '../src/db/lock'
import { migrateToLatest, migrationStatus } from '../src/db/migrate'

const run = promisify(execFile)
const CLI = path.join(import.meta.dirname, '../src/cli.ts')
const dirs: string[] = []
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-embedded-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function cli(dataDir: string, ...args: string[]) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, DATABASE_URL: '', HUOMA_DATA_DIR: dataDir } })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, out: err.stdout + err.stderr }
  }
}

describe('the embedded database folder', () => {
  it('keeps data across a close and reopen', async () => {
    const dir = tmp()
    const a = await openDatabase({ dataDir: dir })
    await migrateToLatest(a.db)
    await a.db.insertInto('organisation').values({ name: 'Testila', business_id: '7654321-0' }).execute()
    await a.close()
    const b = await openDatabase({ dataDir: dir })
    expect(await b.db.selectFrom('organisation').select('name').execute()).toEqual([{ name: 'Testila' }])
    await b.close()
  })

  it('refuses a second opener in the same process and in another process, with a clear message', async () => {
    const dir = tmp()
    const a = await openDatabase({ dataDir: dir })
    await migrateToLatest(a.db)
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError)
    const other = await cli(dir, 'db', 'status')
    expect(other.code).toBe(1)
    expect(other.out).toMatch(/already in use by another Huoma process \(pid \d+/)
    await a.close()
    const after = await cli(dir, 'db', 'status')
    expect(after.code).toBe(0)
    expect(after.out).toMatch(/applied .* 0001_platform/)
  })

  it('takes over the lock of a process that died', async () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'huoma.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: '2026-01-01' }))
    const a = await openDatabase({ dataDir: dir })
    await a.close()
    expect(fs.existsSync(path.join(dir, 'huoma.lock'))).toBe(false)
  })

  it('refuses a folder that is not a database and changes nothing in it', async () => {
    const dir = tmp()
    fs.mkdirSync(path.join(dir, 'pglite'))
    fs.writeFileSync(path.join(dir, 'pglite', 'important.txt'), 'do not touch')
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DatabaseOpenError)
    expect(fs.readdirSync(path.join(dir, 'pglite'))).toEqual(['important.txt'])
    const r = await cli(dir, 'db', 'migrate')
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/is not an embedded Huoma database/)
    expect(fs.existsSync(path.join(dir, 'huoma.lock'))).toBe(false)
  })

  it('migrates from the CLI and reports status', async () => {
    const dir = tmp()
    const first = await cli(dir, 'db', 'migrate')
    expect(first).toMatchObject({ code: 0 })
    expect(first.out).toMatch(/Applied: 0001_platform, 0002_access/)
    expect((await cli(dir, 'db', 'migrate')).out).toMatch(/up to date/)
    const d = await openDatabase({ dataDir: dir })
    expect((await migrationStatus(d.db)).every((m) => m.executedAt)).toBe(true)
    await d.close()
  })
})
