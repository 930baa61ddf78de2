import { ATTACHMENT_EXTENSIONS, ATTACHMENT_TYPES, type AttachmentType } from '@huoma/contract'

/**
 * The type of a file from its content's magic bytes, for the few accepted formats (PDF, PNG, JPEG, TIFF, plain
 * text). The `file-type` package needs Node 22, so the handful of signatures is checked here. Anything else —
 * an executable, HTML, an archive — is `undefined`.
 */
export function sniffType(bytes: Uint8Array): AttachmentType | undefined {
  const starts = (...sig: number[]) => sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff'
  if (isPlainText(bytes)) return 'text/plain'
  return undefined
}

/**
 * Plain text: valid UTF-8 without control characters other than tab, line feed, carriage return and form feed,
 * and not markup a browser would render (HTML, SVG, XML) even though it is text.
 */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // Tab, line feed, form feed and carriage return are text; other C0 controls and DEL are not.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false
  }
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase()
  return !/^<(?:!doctype|html|head|body|script|svg|\?xml|iframe|!--)/.test(head) && !/<script\b|<html\b|<svg\b/.test(head)
}

export function isAttachmentType(value: string): value is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(value)
}

/** The extension of a file name, lower case, without the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : ''
}

/** Whether the file name's extension fits the sniffed type. */
export function extensionFits(fileName: string, type: AttachmentType): boolean {
  return ATTACHMENT_EXTENSIONS[type].includes(extensionOf(fileName))
}
