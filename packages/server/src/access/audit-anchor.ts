import { execFile } from 'node:child_process'
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { promisify } from 'node:util'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { AuditAnchorSettings } from '../config'
import type { DB } from '../db/schema'

/*
 * The audit chain's anchor outside the database (issue 15).
 *
 * The hash chain (audit_seal) shows an edited row only to someone who cannot recompute the later hashes, and the
 * database's owner can: the chain function is in the database. So every seal round's head — the round's number,
 * the positions it sealed, the last row's id and the chain hash after it, when — is signed with an Ed25519 key that
 * the database never holds (a file beside it: HUOMA_AUDIT_SIGNING_KEY_FILE), stored in audit_anchor in the same
 * transaction as the seals, and appended after commit to a witness outside the database (an append-only file of
 * JSON lines, fsync'd; optionally syslog). `audit verify` checks every signature against the public key, that
 * each signed head still matches the chain, that the heads follow one another over every sealed position, and that
 * the heads in the database and in the witness are the same ones: an owner who rewrites rows and recomputes the
 * chain breaks a signature; one who deletes heads (or rolls the database back) leaves them in the witness.
 */

/** One seal round's head as signed: what the database's audit_anchor row and the witness line both hold. */
export interface SignedHead {
  /** The round's number: 1, 2, 3… without gaps. */
  seq: number
  /** The chain positions this round signs: the one after the previous head's last, to the chain head. */
  firstPosition: number
  lastPosition: number
  /** The audit row at lastPosition. */
  lastAuditId: number
  /** The chain hash at lastPosition (hex). */
  lastHash: string
  /** lastPosition − firstPosition + 1. */
  rows: number
  /** When the round was signed (ISO 8601, UTC, milliseconds). */
  sealedAt: string
  /** Fingerprint of the public key: `ed25519:` and the first 16 bytes of the SHA-256 of its DER (SPKI), hex. */
  keyId: string
  /** Ed25519 signature of headMessage(head) (base64). */
  signature: string
}

/** The bytes that are signed: every field but the signature, in a fixed order and format. */
export function headMessage(h: Omit<SignedHead, 'signature'>): Buffer {
  return Buffer.from(
    ['huoma-audit-head/1', h.seq, h.firstPosition, h.lastPosition, h.lastAuditId, h.lastHash, h.rows, h.sealedAt, h.keyId].join('|'),
    'utf8',
  )
}

/** The witness line of a head: JSON with the fields in a fixed order (the verifier compares lines as text). */
export function witnessLine(h: SignedHead): string {
  return JSON.stringify({
    seq: h.seq,
    firstPosition: h.firstPosition,
    lastPosition: h.lastPosition,
    lastAuditId: h.lastAuditId,
    lastHash: h.lastHash,
    rows: h.rows,
    sealedAt: h.sealedAt,
    keyId: h.keyId,
    signature: h.signature,
  })
}

// ---- Keys ------------------------------------------------------------------------------------------------------------

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 32)}`
}

function requireEd25519(key: KeyObject, source: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${source} holds a ${key.asymmetricKeyType ?? key.type} key; the audit log is signed with Ed25519 (\`openssl genpkey -algorithm ed25519\`)`)
  }
  return key
}

/** The public key file written beside a generated signing key, for verifiers on other machines. */
export function publicKeyFileBeside(signingKeyFile: string): string {
  return signingKeyFile.replace(/(\.key|\.pem)?$/, '.pub')
}

/**
 * Creates `file` with a new Ed25519 private key (PKCS#8 PEM, mode 600) unless it exists, and its public key beside
 * it (`.pub`, mode 644). Atomic: of two processes starting at once one key wins and both use it.
 */
function createSigningKey(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  fs.writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' })
  try {
    fs.linkSync(tmp, file)
    fs.writeFileSync(publicKeyFileBeside(file), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/** The private key that signs the heads (created on first use when the file is the default one). */
export function loadSigningKey(settings: AuditAnchorSettings, opts: { create: boolean }): KeyObject {
  const file = settings.signingKeyFile
  if (!fs.existsSync(file)) {
    if (!settings.signingKeyIsDefault) {
      throw new Error(`HUOMA_AUDIT_SIGNING_KEY_FILE names ${file}, which does not exist (create it with \`openssl genpkey -algorithm ed25519 -out ${file}\`)`)
    }
    if (!opts.create) throw new Error(`The audit signing key ${file} does not exist (the server creates it on first start)`)
    createSigningKey(file)
  }
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by other users: run \`chmod 600 ${file}\` (it signs the audit log)`)
  }
  let key: KeyObject
  try {
    key = createPrivateKey(fs.readFileSync(file))
  } catch (e) {
    throw new Error(`${file} is not a PEM private key: ${(e as Error).message}`)
  }
  return requireEd25519(key, file)
}

/**
 * The public keys `audit verify` trusts: every PEM block of HUOMA_AUDIT_PUBLIC_KEY_FILE (the current key and any
 * earlier ones); else the one derived from the signing key file, or — when this user may not read that — the `.pub`
 * written beside it. None when none of these exists: then every signed head fails verification, naming the missing key.
 */
export function loadVerifyingKeys(settings: AuditAnchorSettings): { keys: KeyObject[]; source: string } {
  const fromPem = (file: string) => {
    const text = fs.readFileSync(file, 'utf8')
    const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? []
    if (!blocks.length) throw new Error(`${file} holds no PEM key`)
    return { keys: blocks.map((b) => requireEd25519(createPublicKey(b), file)), source: file }
  }
  if (settings.publicKeyFile) return fromPem(settings.publicKeyFile)
  const file = settings.signingKeyFile
  const beside = publicKeyFileBeside(file)
  try {
    return { keys: [createPublicKey(requireEd25519(createPrivateKey(fs.readFileSync(file)), file))], source: file }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'EACCES') throw e
    if (fs.existsSync(beside)) return fromPem(beside)
    return { keys: [], source: `${file} (${code === 'ENOENT' ? 'missing' : 'not readable'})` }
  }
}

// ---- The witness -----------------------------------------------------------------------------------------------------

const run = promisify(execFile)

/** The last complete line of a file (reads backwards from the end in blocks), or undefined when it has none. */
function lastLine(file: string): string | undefined {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw e
  }
  try {
    const size = fs.fstatSync(fd).size
    let end = size
    let tail = Buffer.alloc(0)
    while (end > 0) {
      const start = Math.max(0, end - 4096)
      const chunk = Buffer.alloc(end - start)
      fs.readSync(fd, chunk, 0, chunk.length, start)
      tail = Buffer.concat([chunk, tail])
      end = start
      const text = tail.toString('utf8').replace(/\n+$/, '')
      const nl = text.lastIndexOf('\n')
      if (nl >= 0 || end === 0) return text.slice(nl + 1) || undefined
    }
    return undefined
  } finally {
    fs.closeSync(fd)
  }
}

/** The seq of a witness line, or an error naming the file when the line is not a signed head. */
function seqOf(line: string, file: string): number {
  try {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq
    if (typeof seq === 'number' && Number.isInteger(seq) && seq > 0) return seq
  } catch {
    // reported below
  }
  throw new Error(`The last line of the audit witness ${file} is not a signed head; the witness needs a look before sealing goes on`)
}

/** Appends lines to the witness file: one write, then fsync (the file and, when it is new, its folder). */
async function appendDurably(file: string, text: string): Promise<void> {
  const isNew = !fs.existsSync(file)
  if (isNew) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const handle = await fs.promises.open(file, 'a', 0o640)
  try {
    await handle.write(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  if (isNew) {
    const dir = await fs.promises.open(path.dirname(file), 'r')
    try {
      await dir.sync()
    } finally {
      await dir.close()
    }
  }
}

/**
 * Key of the transaction-level advisory lock under which the witness is brought up to date ("AUDT", "WITN"; the
 * jobs' locks start with "HUOM").
 */
const WITNESS_LOCK = [0x41554454, 0x5749544e] as const

// ---- The anchor: signing in the sealer, witnessing after commit -----------------------------------------------------

export interface HeadRow {
  seq: number
  first_position: number
  last_position: number
  last_audit_id: number
  last_hash: Buffer
  row_count: number
  sealed_at: Date
  key_id: string
  signature: Buffer
}

export function headFromRow(r: HeadRow): SignedHead {
  return {
    seq: Number(r.seq),
    firstPosition: Number(r.first_position),
    lastPosition: Number(r.last_position),
    lastAuditId: Number(r.last_audit_id),
    lastHash: r.last_hash.toString('hex'),
    rows: Number(r.row_count),
    sealedAt: r.sealed_at.toISOString(),
    keyId: r.key_id,
    signature: r.signature.toString('base64'),
  }
}

/**
 * What the sealer signs with and witnesses to. One per process (its memory of how far the witness is written saves
 * idle rounds from reading the file).
 */
export class AuditAnchor {
  readonly keyId: string
  /** The public half of the signing key (what verifiers need). */
  readonly publicKey: KeyObject
  /** The last seq known to be in the witness; -1 until the file was read. */
  private witnessedSeq = -1

  constructor(
    private readonly key: KeyObject,
    readonly settings: AuditAnchorSettings,
  ) {
    this.publicKey = createPublicKey(key)
    this.keyId = keyIdOf(this.publicKey)
  }

  /** True when nothing signed waits for the witness as far as this process knows (`lastSeq`: the database's last head). */
  witnessed(lastSeq: number): boolean {
    return this.witnessedSeq >= 0 && lastSeq <= this.witnessedSeq
  }

  /**
   * In the sealer's transaction, after `audit_seal_pending`: signs the chain from the position after the last signed
   * head to the chain head, if there is any, and stores the head. Sealing and signing commit together, so no seal
   * of this sealer is ever unsigned; seals made by calling the SQL function directly are signed by the next round
   * (and reported by `audit verify` until then). Returns the new head, or undefined when there was nothing to sign
   * or another sealer holds the chain.
   */
  async signHead(trx: Transaction<DB>, now: Date): Promise<SignedHead | undefined> {
    // The chain head locked and the positions to sign (audit_head_to_sign, migration 0022: the application role may
    // not lock the head itself).
    const next = (await sql<{ seq: number; first_position: number; last_position: number; last_audit_id: number; last_hash: Buffer }>`
      SELECT seq, first_position, last_position, last_audit_id, last_hash FROM audit_head_to_sign()`.execute(trx)).rows[0]
    if (!next) return undefined
    const seq = Number(next.seq)
    // Before the database gets a head with this number: a witness that already has it means heads were removed from
    // the database (or it was rolled back), and signing a new one in their place would hide that.
    if (this.witnessTail() >= seq) {
      throw new Error(
        `The audit witness ${this.settings.witnessFile} already holds signed head ${seq}, which the database does not: ` +
          'signed heads were removed from the database (or it was restored from an older backup). Sealing stops until this is looked into (`huoma audit verify`).',
      )
    }
    const from = Number(next.first_position)
    const to = Number(next.last_position)
    const unsigned = {
      seq,
      firstPosition: from,
      lastPosition: to,
      lastAuditId: Number(next.last_audit_id),
      lastHash: next.last_hash.toString('hex'),
      rows: to - from + 1,
      sealedAt: now.toISOString(),
      keyId: this.keyId,
    }
    const signature = sign(null, headMessage(unsigned), this.key)
    const signed: SignedHead = { ...unsigned, signature: signature.toString('base64') }
    await sql`
      INSERT INTO audit_anchor (seq, first_position, last_position, last_audit_id, last_hash, row_count, sealed_at, key_id, signature)
      VALUES (${seq}, ${from}, ${to}, ${signed.lastAuditId}, ${next.last_hash}, ${signed.rows}, ${now}, ${this.keyId}, ${signature})`.execute(trx)
    return signed
  }

  /** The seq of the witness file's last line (0: no file or an empty one). */
  private witnessTail(): number {
    const line = lastLine(this.settings.witnessFile)
    return line === undefined ? 0 : seqOf(line, this.settings.witnessFile)
  }

  /**
   * Writes to the witness every head of the database it lacks, in order, under an advisory lock (so that servers
   * and `huoma audit seal` sharing a witness never write a head twice or out of order). Throws when the witness
   * cannot be written: the sealer's job then fails and retries, and `audit verify` reports the missing heads.
   * A missing witness while the database has heads is refused rather than recreated from the database.
   */
  async catchUp(db: Kysely<DB>): Promise<number> {
    const file = this.settings.witnessFile
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${WITNESS_LOCK[0]}::int, ${WITNESS_LOCK[1]}::int)`.execute(trx)
      const tail = this.witnessTail()
      if (tail < this.witnessedSeq) {
        throw new Error(
          `The audit witness ${file} ends at head ${tail}, but this server had written heads up to ${this.witnessedSeq} to it: it was truncated or replaced. ` +
            'Restore it from its backup or its syslog copy; it is not rewritten from the database',
        )
      }
      const { rows } = await sql<HeadRow>`
        SELECT seq, first_position, last_position, last_audit_id, last_hash, row_count, sealed_at, key_id, signature
          FROM audit_anchor WHERE seq > ${tail} ORDER BY seq`.execute(trx)
      if (!rows.length) {
        this.witnessedSeq = tail
        return 0
      }
      const heads = rows.map(headFromRow)
      if (heads[0]!.seq !== tail + 1) {
        throw new Error(`The audit witness ${file} ends at head ${tail} and the database's next head is ${heads[0]!.seq}: signed heads are missing from the database`)
      }
      const lines = heads.map(witnessLine)
      let text = lines.join('\n') + '\n'
      // A line cut short by a crash must not swallow the next one (`audit verify` reports it).
      if (tail > 0 || fs.existsSync(file)) {
        const size = fs.statSync(file).size
        if (size > 0) {
          const fd = fs.openSync(file, 'r')
          const lastByte = Buffer.alloc(1)
          fs.readSync(fd, lastByte, 0, 1, size - 1)
          fs.closeSync(fd)
          if (lastByte[0] !== 0x0a) text = '\n' + text
        }
      }
      try {
        await appendDurably(file, text)
      } catch (e) {
        throw new Error(`The audit witness ${file} cannot be written (${(e as Error).message}); the signed heads from ${heads[0]!.seq} wait for it`)
      }
      if (this.settings.witnessSyslog) {
        for (const line of lines) {
          try {
            await run('logger', ['-t', 'huoma-audit', '-p', 'authpriv.notice', '--', line])
          } catch (e) {
            throw new Error(`The audit witness's syslog copy failed (\`logger\`: ${(e as Error).message}); set HUOMA_AUDIT_WITNESS_SYSLOG=0 or mend syslog`)
          }
        }
      }
      this.witnessedSeq = heads.at(-1)!.seq
      return heads.length
    })
  }
}

/** The anchor of a server or command-line process: its signing key (created on first start when it is the default). */
export function openAuditAnchor(settings: AuditAnchorSettings, opts: { create: boolean } = { create: true }): AuditAnchor {
  return new AuditAnchor(loadSigningKey(settings, opts), settings)
}

// ---- Verification ----------------------------------------------------------------------------------------------------

export type AnchorProblem =
  | { reason: 'signature'; seq: number; keyId: string }
  | { reason: 'anchor'; seq: number; position: number; id: number }
  | { reason: 'anchor-gap'; seq: number; position: number }
  | { reason: 'witness-missing'; seq: number }
  | { reason: 'witness-extra'; seq: number }
  | { reason: 'witness-differs'; seq: number }
  | { reason: 'witness-unreadable'; line: number }

export interface VerifyingKeys {
  /** The public keys trusted to have signed heads (HUOMA_AUDIT_PUBLIC_KEY_FILE, or derived from the signing key). */
  keys: KeyObject[]
  /** The witness file the database's heads are compared with. */
  witnessFile: string
}

/** Whether the head's signature holds under the key it names, if that key is trusted. */
function signatureHolds(h: SignedHead, keys: Map<string, KeyObject>): boolean {
  const key = keys.get(h.keyId)
  if (!key) return false
  const { signature, ...rest } = h
  return verify(null, headMessage(rest), key, Buffer.from(signature, 'base64'))
}

export interface WitnessEntry {
  line: string
  seq: number
  lineNo: number
}

class WitnessUnreadable extends Error {
  constructor(readonly lineNo: number) {
    super(`witness line ${lineNo}`)
  }
}

/** The witness file's heads in order; a line that is not a head, or one out of order, stops the reading. */
async function* witnessEntries(file: string): AsyncGenerator<WitnessEntry> {
  if (!fs.existsSync(file)) return
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let lineNo = 0
  let last = 0
  try {
    for await (const line of rl) {
      lineNo++
      let seq: unknown
      try {
        seq = (JSON.parse(line) as { seq?: unknown }).seq
      } catch {
        seq = undefined
      }
      if (typeof seq !== 'number' || !Number.isInteger(seq) || seq <= last) throw new WitnessUnreadable(lineNo)
      last = seq
      yield { line, seq, lineNo }
    }
  } finally {
    rl.close()
  }
}

/** What the walk over the signed heads found, in the verifier's snapshot. */
export interface HeadsWalk {
  /** Signed heads verified. */
  heads: number
  /** The first problem found, if any. */
  problem?: AnchorProblem
  /** Witness heads after the database's last one (in the snapshot): the caller looks them up again after it. */
  trailing: WitnessEntry[]
  /** The first sealed position no head signs (seals made past the sealer, or before the first round). */
  unsignedFrom?: number
}

const MAX_TRAILING = 1000

/**
 * Walks audit_anchor in seq order inside the verifier's snapshot, after the chain itself has verified: heads follow
 * one another without gaps over positions 1… (each begins after the previous one ends), each signature holds under a
 * trusted key, each head's position still holds the signed audit id and hash, and the witness holds the same heads,
 * line for line, in the same order.
 */
export async function walkSignedHeads(trx: Transaction<DB>, verifying: VerifyingKeys, chainHeadPosition: number, batchSize: number): Promise<HeadsWalk> {
  const keys = new Map(verifying.keys.map((k) => [keyIdOf(k), k]))
  const witness = witnessEntries(verifying.witnessFile)
  let heads = 0
  const done = (problem?: AnchorProblem, extra: Partial<HeadsWalk> = {}): HeadsWalk => ({ heads, trailing: [], ...(problem ? { problem } : {}), ...extra })
  try {
    let w = (await witness.next()).value as WitnessEntry | undefined
    let seq = 0
    let lastPosition = 0
    for (;;) {
      const { rows } = await sql<HeadRow & { seal_audit_id: number | null; seal_hash: Buffer | null }>`
        SELECT a.seq, a.first_position, a.last_position, a.last_audit_id, a.last_hash, a.row_count, a.sealed_at, a.key_id,
               a.signature, s.audit_id AS seal_audit_id, s.hash AS seal_hash
          FROM (SELECT * FROM audit_anchor WHERE seq > ${seq} ORDER BY seq LIMIT ${batchSize}) a
          LEFT JOIN audit_seal s ON s.position = a.last_position
         ORDER BY a.seq`.execute(trx)
      for (const r of rows) {
        const h = headFromRow(r)
        if (h.seq !== seq + 1 || h.firstPosition !== lastPosition + 1) return done({ reason: 'anchor-gap', seq: seq + 1, position: lastPosition + 1 })
        if (!signatureHolds(h, keys)) return done({ reason: 'signature', seq: h.seq, keyId: h.keyId })
        if (!r.seal_hash || !r.seal_hash.equals(r.last_hash) || Number(r.seal_audit_id) !== h.lastAuditId) {
          return done({ reason: 'anchor', seq: h.seq, position: h.lastPosition, id: h.lastAuditId })
        }
        if (!w || w.seq > h.seq) return done({ reason: 'witness-missing', seq: h.seq })
        if (w.seq < h.seq) return done({ reason: 'witness-extra', seq: w.seq })
        if (w.line !== witnessLine(h)) return done({ reason: 'witness-differs', seq: h.seq })
        w = (await witness.next()).value as WitnessEntry | undefined
        seq = h.seq
        lastPosition = h.lastPosition
        heads++
      }
      if (rows.length < batchSize) break
    }
    const trailing: WitnessEntry[] = []
    while (w && trailing.length < MAX_TRAILING) {
      trailing.push(w)
      w = (await witness.next()).value as WitnessEntry | undefined
    }
    return done(undefined, { trailing, ...(lastPosition < chainHeadPosition ? { unsignedFrom: lastPosition + 1 } : {}) })
  } catch (e) {
    if (e instanceof WitnessUnreadable) return done({ reason: 'witness-unreadable', line: e.lineNo })
    throw e
  } finally {
    await witness.return(undefined)
  }
}

/**
 * The witness heads the snapshot did not have, looked up again now (the sealer may have signed them since): the
 * first that the database does not hold as written is a head removed from the database.
 */
export async function checkTrailingWitness(db: Kysely<DB>, trailing: WitnessEntry[]): Promise<AnchorProblem | undefined> {
  if (!trailing.length) return undefined
  const { rows } = await sql<HeadRow>`
    SELECT seq, first_position, last_position, last_audit_id, last_hash, row_count, sealed_at, key_id, signature
      FROM audit_anchor WHERE seq = ANY(${trailing.map((t) => t.seq)}::bigint[])`.execute(db)
  const bySeq = new Map(rows.map((r) => [Number(r.seq), witnessLine(headFromRow(r))]))
  for (const t of trailing) {
    const line = bySeq.get(t.seq)
    if (line === undefined) return { reason: 'witness-extra', seq: t.seq }
    if (line !== t.line) return { reason: 'witness-differs', seq: t.seq }
  }
  return undefined
}
