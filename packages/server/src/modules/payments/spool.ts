import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { problems } from '../../http/problem'

/**
 * A bank file as the import routes receive it: the request body written to a private temporary file while it
 * arrives (hashed and size-checked on the way), so that neither the upload nor the import holds the file in memory,
 * and the import's transaction starts only once the whole file is there (a slow upload holds no locks).
 */
export interface SpooledFile {
  readonly kind: 'spooled-file'
  /** SHA-256 of the bytes, hex: the duplicate-file key. */
  readonly sha256: string
  readonly bytes: number
  /** Nothing but whitespace (or nothing at all). */
  readonly blank: boolean
  /** The bytes again, in chunks (a new stream each call). */
  read(): AsyncIterable<Uint8Array>
  /** The whole file as text (for small files: pain.002). */
  text(): Promise<string>
  /** Removes the file (idempotent). */
  dispose(): Promise<void>
}

export const isSpooled = (body: unknown): body is SpooledFile => typeof body === 'object' && body !== null && (body as SpooledFile).kind === 'spooled-file'

const tooLarge = (limit: number) => problems.tooLarge(limit)

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d])

/** Writes `body` to a new file in a private (0700) temporary folder, refusing more than `limit` bytes (413). */
export async function spool(body: AsyncIterable<Uint8Array> & NodeJS.ReadableStream, limit: number, declaredLength?: number): Promise<SpooledFile> {
  if (declaredLength !== undefined && declaredLength > limit) throw tooLarge(limit)
  const dir = await mkdtemp(join(tmpdir(), 'huoma-import-'))
  const path = join(dir, 'body.xml')
  const dispose = () => rm(dir, { recursive: true, force: true })
  const hash = createHash('sha256')
  let bytes = 0
  let blank = true
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      if (bytes > limit) return done(tooLarge(limit))
      hash.update(chunk)
      if (blank) {
        for (const b of chunk) {
          if (!WHITESPACE.has(b)) {
            blank = false
            break
          }
        }
      }
      done(null, chunk)
    },
  })
  try {
    await pipeline(body, count, createWriteStream(path, { mode: 0o600 }))
  } catch (e) {
    await dispose()
    throw e
  }
  return {
    kind: 'spooled-file',
    sha256: hash.digest('hex'),
    bytes,
    blank,
    read: () => createReadStream(path, { highWaterMark: 64 * 1024 }),
    text: async () => {
      const parts: Buffer[] = []
      for await (const c of createReadStream(path)) parts.push(c as Buffer)
      return Buffer.concat(parts).toString('utf8')
    },
    dispose,
  }
}
