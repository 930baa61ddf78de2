import type { FastifyRequest } from 'fastify'

export type Lang = 'fi' | 'sv' | 'en'
const SUPPORTED: readonly Lang[] = ['fi', 'sv', 'en']

/** Picks the best supported language from an Accept-Language header (RFC 9110 q-values); Finnish by default. */
export function negotiateLanguage(header: string | undefined): Lang {
  if (!header) return 'fi'
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index }
    })
    .filter((r) => !Number.isNaN(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const r of ranked) if ((SUPPORTED as readonly string[]).includes(r.lang)) return r.lang as Lang
  return 'fi'
}

export function requestLanguage(request: FastifyRequest): Lang {
  return negotiateLanguage(request.headers['accept-language'])
}
