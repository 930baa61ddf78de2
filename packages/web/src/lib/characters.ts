/**
 * Characters as the server counts them: JSON Schema's maxLength counts Unicode code points, so an emoji or a letter
 * outside the basic plane is one character, not the two UTF-16 units of `string.length`.
 */
export function characterCount(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}
