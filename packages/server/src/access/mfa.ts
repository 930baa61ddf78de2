import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { generateSecret, generateURI, verify } from 'otplib'
import encodeQR from 'qr'
import type { Executor } from './audit'
import { hashPassword, verifyPassword } from './passwords'

/*
 * The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, the parameters every authenticator app
 * supports) and ten one-time recovery codes.
 *
 * The TOTP key is stored encrypted at rest in staff_user.totp_secret with AES-256-GCM. The 256-bit key comes from
 * HUOMA_SECRET_KEY, or else from `secret.key` in the data folder, generated on first use with mode 600. The
 * ciphertext is bound to the user's id (associated data), so a value copied to another user's row does not
 * decrypt. What is encrypted is the TOTP *state*: the key and the last accepted time step, so that a code that was
 * accepted once is refused if replayed within its validity window; updates are compare-and-set on the sealed value.
 *
 * Recovery codes are kept only as argon2id hashes in staff_recovery_code; a used code has used_at set and never
 * verifies again.
 */

export const TOTP_DIGITS = 6
export const TOTP_PERIOD_SECONDS = 30
/** Codes of the previous and the next step are accepted too (clock drift, typing time). */
const TOTP_TOLERANCE_SECONDS = 30
export const RECOVERY_CODE_COUNT = 10
/** How long a session may stay in stage `mfa_pending` before the sign-in must start over. */
export const MFA_PENDING_MINUTES = 10

/* ---- The key for secrets at rest ----------------------------------------------------------------------------- */

const KEY_FILE = 'secret.key'

function parseKey(text: string, source: string): Buffer {
  const t = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, /[-_]/.test(t) ? 'base64url' : 'base64')
  if (key.length !== 32) {
    throw new Error(`${source} must be 32 bytes as base64 or 64 hex digits (e.g. \`openssl rand -base64 32\`), got ${key.length} bytes`)
  }
  return key
}

/**
 * The 256-bit key that seals secrets at rest: HUOMA_SECRET_KEY when set, otherwise `<dataDir>/secret.key`, which is
 * created (atomically, mode 600) when missing. A key file that others can read is refused.
 */
export function loadSecretKey(opts: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (opts.secretKey) return parseKey(opts.secretKey, 'HUOMA_SECRET_KEY')
  const file = path.join(opts.dataDir, KEY_FILE)
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    fs.writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    try {
      fs.linkSync(tmp, file) // fails if another process created the file first; then its key is the key
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    } finally {
      fs.rmSync(tmp, { force: true })
    }
  }
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by other users: run \`chmod 600 ${file}\` (it encrypts the TOTP keys)`)
  }
  return parseKey(fs.readFileSync(file, 'utf8'), file)
}

/** A short fingerprint of the key, stored with each sealed value so that a changed key is recognised as such. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8)
}

export class SecretKeyMismatch extends Error {
  constructor() {
    super('A TOTP secret was sealed with another key: HUOMA_SECRET_KEY or secret.key has changed')
    this.name = 'SecretKeyMismatch'
  }
}

/** What staff_user.totp_secret holds, sealed. */
export interface TotpState {
  /** The Base32 TOTP key. */
  secret: string
  /** The last time step whose code was accepted (0: none yet); codes of this step or earlier are refused. */
  lastStep: number
}

const aad = (userId: string) => Buffer.from(`huoma:totp:${userId}`)

export function sealTotp(key: Buffer, userId: string, state: TotpState): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad(userId))
  const body = Buffer.concat([cipher.update(JSON.stringify({ s: state.secret, t: state.lastStep }), 'utf8'), cipher.final()])
  return `v1.${keyId(key)}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

export function openTotp(key: Buffer, userId: string, sealed: string): TotpState {
  const [version, kid, payload] = sealed.split('.')
  if (version !== 'v1' || !payload) throw new Error('Unknown format of a sealed TOTP secret')
  if (kid !== keyId(key)) throw new SecretKeyMismatch()
  const raw = Buffer.from(payload, 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
  decipher.setAAD(aad(userId))
  decipher.setAuthTag(raw.subarray(12, 28))
  const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
  const parsed = JSON.parse(plain) as { s: string; t: number }
  return { secret: parsed.s, lastStep: parsed.t }
}

/* ---- TOTP ---------------------------------------------------------------------------------------------------- */

export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

export function totpUri(opts: { issuer: string; accountName: string; secret: string }): string {
  return generateURI({
    issuer: opts.issuer,
    label: opts.accountName,
    secret: opts.secret,
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  })
}

/**
 * The time step of `code` if it is a valid code of the secret at `now` (± one step; the app's clock) and later than
 * `lastStep`; undefined otherwise. Spaces in the code are ignored ("123 456").
 */
export async function checkTotp(state: TotpState, code: string, now: Date): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '')
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return undefined
  const result = await verify({
    secret: state.secret,
    token,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    afterTimeStep: state.lastStep,
  })
  return result.valid && 'timeStep' in result ? result.timeStep : undefined
}

/** The otpauth URI as a QR code: an SVG (black modules on white, 4-module quiet zone) in a data: URL. */
export function qrCodeDataUrl(text: string): string {
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 4 })
  const size = modules.length
  let d = ''
  modules.forEach((row, y) => {
    let x = 0
    while (x < size) {
      if (!row[x]) {
        x++
        continue
      }
      const start = x
      while (x < size && row[x]) x++
      d += `M${start} ${y}h${x - start}v1h-${x - start}z`
    }
  })
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}

/* ---- Recovery codes ------------------------------------------------------------------------------------------ */

/** Lower-case letters and digits without the look-alikes 0/o, 1/l/i: 31 symbols, 10 per code (≈ 49 bits). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let code = ''
    for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]
    return `${code.slice(0, 5)}-${code.slice(5)}`
  })
}

/** What is hashed and compared: lower case, without spaces and dashes, as people type it from paper. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '')
}

/** New recovery codes and their argon2id hashes (hashing is slow: do it before opening a transaction). */
export async function prepareRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = newRecoveryCodes()
  const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c))))
  return { codes, hashes }
}

/** Replaces the user's recovery codes with the prepared ones. */
export async function storeRecoveryCodes(db: Executor, userId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('staff_recovery_code').where('user_id', '=', userId).execute()
  await db
    .insertInto('staff_recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute()
}

/**
 * Uses up one recovery code: finds the unused code that matches and marks it used (at `now`, the app's clock) in the
 * same statement that checks it is still unused, so two concurrent uses of one code cannot both succeed. Returns
 * its row id.
 */
export async function consumeRecoveryCode(db: Executor, userId: string, code: string, now: Date): Promise<string | undefined> {
  const typed = normaliseRecoveryCode(code)
  if (!/^[a-z0-9]{10}$/.test(typed)) return undefined
  const unused = await db
    .selectFrom('staff_recovery_code')
    .select(['id', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute()
  const matches = await Promise.all(unused.map((r) => verifyPassword(r.code_hash, typed)))
  const row = unused[matches.indexOf(true)]
  if (!row) return undefined
  const updated = await db
    .updateTable('staff_recovery_code')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1 ? row.id : undefined
}

/**
 * Removes the user's second factor and recovery codes (disable by the user; reset by the main user when a phone
 * is lost). The caller audits.
 */
export async function removeSecondFactor(db: Executor, userId: string): Promise<void> {
  await db.updateTable('staff_user').set({ totp_secret: null, totp_enabled_at: null }).where('id', '=', userId).execute()
  await db.deleteFrom('staff_recovery_code').where('user_id', '=', userId).execute()
}
