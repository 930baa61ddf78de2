/** The longest stored file name, in characters (the extension is kept when a longer name is cut). */
export const FILE_NAME_MAX = 120

/** Names Windows reserves for devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i

/** Control characters (C0, DEL, C1), direction marks and overrides, and the byte-order mark. */
function isInvisible(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  )
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last path part only, Unicode NFC (å, ä, ö
 * kept), no control or bidirectional-override characters, none of `<>:"/\|?*`, no leading dots or trailing dots
 * and spaces, not a reserved device name, at most FILE_NAME_MAX characters. Returns '' when nothing is left.
 */
export function sanitiseFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? ''
  let name = last
    .normalize('NFC')
    .split('')
    .filter((c) => !isInvisible(c.charCodeAt(0)))
    .join('')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
  const dot = name.lastIndexOf('.')
  const stem = dot > 0 ? name.slice(0, dot) : name
  const ext = dot > 0 ? name.slice(dot) : ''
  if (RESERVED.test(stem.split('.')[0] ?? '')) name = `_${name}`
  const chars = [...name]
  if (chars.length > FILE_NAME_MAX) {
    const extChars = [...ext].slice(0, 16)
    const keep = FILE_NAME_MAX - extChars.length
    name = [...[...(name.startsWith('_') && !stem.startsWith('_') ? `_${stem}` : stem)].slice(0, keep), ...extChars].join('').trim()
  }
  return name
}

/** A Content-Disposition header for a download: an ASCII fallback and the exact name (RFC 6266, RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
