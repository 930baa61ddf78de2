import { describe, expect, it } from 'vitest'
import { en } from '../src/i18n/en'
import { fi } from '../src/i18n/fi'
import { sv } from '../src/i18n/sv'
import { finnishWordsIn, wordsOf } from './finnish-words'

type Tree = { [key: string]: unknown }

function leaves(tree: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof tree === 'string') into.set(prefix, tree)
  else if (typeof tree === 'object' && tree !== null) for (const [key, value] of Object.entries(tree as Tree)) leaves(value, prefix ? `${prefix}.${key}` : key, into)
  return into
}

/** A dictionary: its name, the Finnish source and its translations (some server texts exist in fi and sv only). */
interface Dictionary {
  name: string
  fi: unknown
  sv: unknown
  en?: unknown
}

/** The server's dictionaries, read as data (globbed, so the web's type check never compiles the server). */
const serverFiles = import.meta.glob(['../../server/src/**/messages.ts', '../../server/src/access/reason.ts', '../../server/src/modules/*/texts.ts'], { eager: true })

function serverDictionaries(): Dictionary[] {
  const result: Dictionary[] = []
  for (const [file, exports] of Object.entries(serverFiles)) {
    for (const [name, value] of Object.entries(exports as Tree)) {
      const d = value as Partial<Dictionary> | undefined
      if (d && typeof d === 'object' && 'fi' in d && 'sv' in d) result.push({ name: `${file.replace('../../server/src/', 'server/')} ${name}`, fi: d.fi, sv: d.sv, ...('en' in d ? { en: d.en } : {}) })
    }
  }
  return result
}

const DICTIONARIES: Dictionary[] = [{ name: 'web', fi, sv, en }, ...serverDictionaries()]

const texts = (tree: unknown) => [...leaves(tree).values()]
/** Every word of the Finnish texts: a Swedish or English text that keeps one has kept Finnish. */
const VOCABULARY = new Set(DICTIONARIES.flatMap((d) => texts(d.fi)).flatMap(wordsOf).map((w) => w.toLowerCase()))

/**
 * Words a Swedish or English text may share with the Finnish ones, each for a reason: proper names (the product,
 * authorities, places, example names), technical names (formats, ISO 20022 messages), and Swedish and English words
 * that the Finnish texts also write (a key's name, audit event codes such as `persons:read`, Swedish words spelled as
 * Finnish ones: alla, annat, lista, saldo). Lower case.
 */
const ALLOWED = new Set(
  [
    // proper names
    'huoma kela demola helsinki virtanen aino google',
    // technical names
    'json jpeg http pglite msgid pain sepa metadata xml zip',
    // Swedish and English words the Finnish texts write too
    'alla annat lista saldo saldot enter version persons read glass',
  ]
    .join(' ')
    .split(' '),
)

/**
 * Finnish legal and administrative terms given on purpose in parentheses after their translation, e.g. "Business ID
 * (Y-tunnus)", "personal identity code (henkilötunnus)": allowed only inside parentheses.
 */
const TERMS = new Set(['y', 'tunnus', 'henkilötunnus', 'hetu', 'toimeentulotuki', 'perusosa', 'edunvalvoja', 'maksusitoumus', 'lastensuojelu'])

describe('every dictionary', () => {
  it('is found: the web app and every server module with field messages or texts', () => {
    const names = DICTIONARIES.map((d) => d.name)
    expect(names).toContain('web')
    expect(names).toContain('server/http/messages.ts messages')
    expect(names).toContain('server/modules/appointments/messages.ts fieldMessages')
    expect(names).toContain('server/modules/income-support/texts.ts DOCUMENT_TEXTS')
    expect(names.length).toBeGreaterThan(20)
  })

  it.each(DICTIONARIES.map((d) => [d.name, d] as const))('%s: its translations have every key, and no Finnish word', (_, d) => {
    const source = leaves(d.fi)
    const findings: string[] = []
    for (const language of ['sv', 'en'] as const) {
      const dict = d[language]
      if (dict === undefined) continue
      const translated = leaves(dict)
      expect([...source.keys()].filter((k) => !translated.has(k)), `${language} lacks`).toEqual([])
      expect([...translated.keys()].filter((k) => !source.has(k)), `${language} has extra`).toEqual([])
      for (const [key, text] of translated) {
        const words = finnishWordsIn(text, language, { allowed: ALLOWED, terms: TERMS, vocabulary: VOCABULARY })
        if (words.length) findings.push(`${language} ${key}: ${words.join(', ')} — ${text}`)
      }
    }
    expect(findings).toEqual([])
  })
})

describe('the Finnish word detector', () => {
  it('finds Finnish words in a Swedish or English text', () => {
    expect(finnishWordsIn('Tallenna muutokset', 'sv')).toEqual(['Tallenna', 'muutokset'])
    expect(finnishWordsIn('Book a kotikäynti', 'en')).toEqual(['kotikäynti'])
    expect(finnishWordsIn('Klienten bor i Helsingissä', 'sv')).toEqual(['Helsingissä'])
    expect(finnishWordsIn('The asiakas was told', 'en')).toEqual(['asiakas'])
    // a word of the Finnish texts kept in a translation
    expect(finnishWordsIn('Visa tiedot', 'sv', { vocabulary: new Set(['tiedot']) })).toEqual(['tiedot'])
  })

  it('leaves Swedish and English alone, a legal term in parentheses and an allowed name', () => {
    expect(finnishWordsIn('Förälder och vårdnadshavare läser första sidan i väntrummet', 'sv')).toEqual([])
    expect(finnishWordsIn('The keys of the money committee were seen in Hawaii', 'en')).toEqual([])
    expect(finnishWordsIn('Personal identity code (henkilötunnus)', 'en', { terms: new Set(['henkilötunnus']) })).toEqual([])
    expect(finnishWordsIn('henkilötunnus is needed', 'en', { terms: new Set(['henkilötunnus']) })).toEqual(['henkilötunnus'])
    expect(finnishWordsIn('Ansök hos Kela', 'sv', { allowed: new Set(['kela']), vocabulary: new Set(['kela']) })).toEqual([])
    expect(finnishWordsIn('Se tietosuoja.fi och {{count}} /persons/new', 'sv', { vocabulary: new Set(['tietosuoja', 'persons']) })).toEqual([])
  })
})
