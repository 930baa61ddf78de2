/** Letters and digits a stated reason needs at the least; the server checks the same rule (modules/privacy/reason.ts). */
export const REASON_MIN_CHARS = 10

/**
 * Whether a reason stated for reading client data (break the glass, the data protection officer's report) says
 * something: at least ten letters or digits, and not one character repeated ("aaaaaaaaaa").
 */
export function isMeaningfulReason(text: string): boolean {
  const chars = [...text.normalize('NFC').toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c))
  return chars.length >= REASON_MIN_CHARS && new Set(chars).size >= 4
}
