import type { FieldIssue } from '../http/problem'
import { COMMON_PASSWORDS } from './common-passwords'

/**
 * Folds a password or a list entry for comparison: lower case, Nordic letters to their base letter, and the
 * usual digit/symbol stand-ins for letters back to letters ("P@ssw0rd" → "password", "Kesä" → "kesa").
 */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äåáàâ]/g, 'a')
    .replace(/[öøóòô]/g, 'o')
    .replace(/[üúùû]/g, 'u')
    .replace(/[éèêë]/g, 'e')
}

const LEET: Record<string, string> = { '4': 'a', '@': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', '5': 's', $: 's', '7': 't' }
const unleet = (text: string) => text.replace(/[4@31!05$7]/g, (c) => LEET[c] ?? c)

const COMMON = new Set(
  COMMON_PASSWORDS.split('\n')
    .map((line) => fold(line.trim()))
    .filter(Boolean),
)

/** Keyboard rows (Finnish/Swedish layout), digits and the alphabet: runs along them are guessed first. */
const SEQUENCES = [
  '1234567890',
  'qwertyuiopå',
  'asdfghjklöä',
  'zxcvbnm',
  'qwertyuiopasdfghjklzxcvbnm',
  '1q2w3e4r5t6y7u8i9o0p',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'abcdefghijklmnopqrstuvwxyzåäö',
].flatMap((s) => {
  // Three rounds, so that runs that wrap around ("123456789012") are found too.
  const f = fold(s).repeat(3)
  return [f, [...f].reverse().join('')]
})

/** The letters in the middle: digits, spaces and symbols taken off both ends ("!!Kissa2024" → "kissa"). */
const core = (folded: string) => folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')

/**
 * Whether a password is common or trivially guessable: a listed password or word (also with digits or symbols
 * around it, or with digits for letters), something said twice or more, a run along the keyboard or the alphabet,
 * or fewer than five different characters.
 */
export function isCommonPassword(password: string): boolean {
  const folded = fold(password)
  const candidates = new Set([folded, unleet(folded), core(folded), unleet(core(folded)), core(unleet(folded))])
  for (const c of candidates) {
    if (!c) continue
    if (COMMON.has(c)) return true
    if (c.length >= 4 && SEQUENCES.some((s) => s.includes(c))) return true
  }
  if (/^(.+?)\1+$/su.test(folded)) return true
  if (new Set(folded).size < 5) return true
  return false
}

/**
 * The rules a new password must pass, as field issues on `fieldName` (all that apply, so the user sees every
 * problem at once). `currentPassword` is the verified current password.
 */
export function passwordPolicyIssues(
  newPassword: string,
  opts: { username: string; currentPassword: string; minLength: number; field: string },
): FieldIssue[] {
  const issues: FieldIssue[] = []
  const length = [...newPassword].length
  if (length < opts.minLength) issues.push({ field: opts.field, code: 'password.tooShort', params: { min: opts.minLength } })
  if (newPassword === opts.currentPassword) issues.push({ field: opts.field, code: 'password.sameAsCurrent' })
  const username = fold(opts.username)
  if (username.length >= 3 && fold(newPassword).includes(username)) issues.push({ field: opts.field, code: 'password.sameAsUsername' })
  if (newPassword !== '' && isCommonPassword(newPassword)) issues.push({ field: opts.field, code: 'password.common' })
  return issues
}
