import type { FieldError, Problem } from '@huoma/contract'
import type { Lang } from './language'
import { messages, msg } from './messages'

type TitleKey = keyof (typeof messages)['fi']['title']

/** A field-level issue before translation: the code names a message (a JSON-schema keyword or a domain code). */
export interface FieldIssue {
  field: string
  code: string
  params?: Record<string, string | number>
}

/**
 * Domain messages keyed by code, per language, registered by modules (`registerFieldMessages`). A code missing
 * from one language is a programming error caught by the module's own typed dictionary.
 */
const fieldMessages: Record<Lang, Record<string, string>> = { fi: {}, sv: {}, en: {} }

/** A module's field messages: Finnish is the source, Swedish and English must have exactly its codes. */
export interface FieldMessages<F extends Record<string, string> = Record<string, string>> {
  fi: F
  sv: { [K in keyof F]: string }
  en: { [K in keyof F]: string }
}

/** Declares a module's field messages (registered by the composition root from the modules list). */
export function defineFieldMessages<const F extends Record<string, string>>(dict: FieldMessages<F>): FieldMessages<F> {
  return dict
}

export function registerFieldMessages(dict: Record<Lang, Record<string, string>>): void {
  for (const lang of Object.keys(fieldMessages) as Lang[]) Object.assign(fieldMessages[lang], dict[lang])
}

export function translateIssue(lang: Lang, issue: FieldIssue): FieldError {
  const params = issue.params ?? {}
  const domain = fieldMessages[lang][issue.code]
  const base = messages[lang].field
  const message =
    domain !== undefined
      ? domain.replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? `{${n}}`))
      : issue.code in base
        ? msg(lang, 'field', issue.code as keyof typeof base, params)
        : msg(lang, 'field', 'invalid')
  return { field: issue.field, code: issue.code, message }
}

/**
 * An error that becomes an `application/problem+json` response. Modules throw these; the error handler
 * translates them into the language of the request.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: TitleKey,
    readonly opts: {
      type?: string
      detail?: (lang: Lang) => string
      issues?: FieldIssue[]
      headers?: Record<string, string>
      /** Extension members of the problem (RFC 9457 §3.2), e.g. the id of an existing duplicate. */
      extra?: Record<string, unknown>
    } = {},
  ) {
    super(titleKey)
    this.name = 'HttpProblem'
  }

  toProblem(lang: Lang, instance: string, requestId: string): Problem {
    const p: Problem = {
      type: this.opts.type ?? `https://huoma.fi/problems/${this.titleKey}`,
      title: msg(lang, 'title', this.titleKey),
      status: this.status,
      instance,
      requestId,
    }
    const detail = this.opts.detail?.(lang)
    if (detail) p.detail = detail
    if (this.opts.issues?.length) p.errors = this.opts.issues.map((i) => translateIssue(lang, i))
    return this.opts.extra ? { ...this.opts.extra, ...p } : p
  }
}

const SIZE_UNITS: Record<Lang, [string, string, string]> = { fi: ['t', 'kt', 'Mt'], sv: ['B', 'kB', 'MB'], en: ['B', 'kB', 'MB'] }
const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

/** A byte count as people read it in the language: `1 Mt` / `1 MB`, `512 kt`, `900 t`, with the locale's decimals. */
export function formatSize(lang: Lang, bytes: number): string {
  const [b, kb, mb] = SIZE_UNITS[lang]
  const number = (n: number) => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(n)
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024))} ${mb}`
  if (bytes >= 1024) return `${number(bytes / 1024)} ${kb}`
  return `${number(bytes)} ${b}`
}

export const problems = {
  /**
   * A body (or a file) over its limit: every 413 says the limit, in the request's language, as a size and in bytes
   * (`Pyynnön enimmäiskoko on 1 Mt (1 048 576 tavua).`).
   */
  tooLarge: (limit: number, type?: string) =>
    new HttpProblem(413, 'tooLarge', {
      ...(type ? { type } : {}),
      detail: (l) => msg(l, 'detail', 'tooLarge', { size: formatSize(l, limit), limit: new Intl.NumberFormat(LOCALES[l]).format(limit) }),
    }),
  validation: (issues: FieldIssue[]) => new HttpProblem(400, 'validation', { issues, type: 'https://huoma.fi/problems/validation' }),
  notFound: () => new HttpProblem(404, 'notFound'),
  unauthorized: (type?: string) => new HttpProblem(401, 'unauthorized', type ? { type } : {}),
  forbidden: () => new HttpProblem(403, 'forbidden'),
  conflict: (detail?: (lang: Lang) => string) => new HttpProblem(409, 'conflict', detail ? { detail } : {}),
}
