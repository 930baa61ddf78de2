import { randomInt } from 'node:crypto'
import type { FieldIssue } from '../../http/problem'
import { isCommonPassword } from '../../access/password-policy'

/** Usernames are stored in lower case: a–z, digits and . _ - (CHECK in the schema: lower case, 2–100 characters). */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,99}$/

export function normaliseUsername(input: string): string {
  return input.trim().toLowerCase()
}

export function usernameIssues(username: string, field = 'body.username'): FieldIssue[] {
  return USERNAME.test(username) ? [] : [{ field, code: 'admin.username.format' }]
}

/**
 * The password policy for a password a main user sets for someone: at least `minLength` characters (12 by
 * default, HUOMA_PASSWORD_MIN_LENGTH), not containing the username, and not common or trivially guessable (the
 * same check as for one's own new password, access/password-policy.ts). Length matters more than
 * composition rules (NIST SP 800-63B), so there are none.
 */
export function passwordIssues(password: string, username: string, minLength: number, field = 'body.password'): FieldIssue[] {
  const issues: FieldIssue[] = []
  if ([...password].length < minLength) issues.push({ field, code: 'admin.password.tooShort', params: { limit: minLength } })
  if (username.length >= 3 && password.toLowerCase().includes(username)) issues.push({ field, code: 'admin.password.containsUsername' })
  if (password !== '' && isCommonPassword(password)) issues.push({ field, code: 'admin.password.common' })
  return issues
}

/** No look-alikes (0/o, 1/l/i): the main user reads the password out or writes it down for the new user. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** A one-time password like `k7mq-x2cd-9hrt-wpa4`: 16 random characters (≈ 79 bits) in groups of four. */
export function oneTimePassword(): string {
  const groups: string[] = []
  for (let g = 0; g < 4; g++) {
    let group = ''
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)]
    groups.push(group)
  }
  return groups.join('-')
}
