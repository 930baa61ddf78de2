/**
 * A heuristic that tells a Finnish word in a Swedish or English text: the dictionary test's detector
 * (dictionaries.test.ts). It looks at one word at a time, so it needs no language model: a word is Finnish when it
 * is one of Finnish's frequent words, or has a sound pattern or an ending that Swedish and English words do not have
 * (checked against every Swedish and English text of the app when written: patterns Swedish shares are left out,
 * and the few Swedish words that still match are listed in SWEDISH_LOOKALIKES), or is a word of the Finnish texts.
 */

/** Frequent Finnish words, and words of this domain, that no Swedish or English word is spelled as. */
const FINNISH_WORDS = new Set(
  (
    'tai ei ole olla oli ovat että tämä tämän nämä jonka joka jotka kanssa myös sekä eikä kuin mutta jos kun ' +
    'kaikki muu muut uusi uuden ennen jälkeen asti alkaen saakka noin yli alle klo kpl euroa vuotta vuosi kuukausi ' +
    'päivä viikko asiakas asiakkaan hakemus päätös tuki tuen kunta kunnan lapsi lapsen henkilö nimi osoite puhelin ' +
    'tallenna peruuta sulje poista hae valitse lisää muokkaa takaisin seuraava edellinen kyllä perusosa ' +
    'toimeentulotuki toimeentulotuen sosiaalityö sosiaalihuolto lastensuojelu palvelutehtävä'
  ).split(' '),
)

/** Letter sequences of Finnish (long vowels, vowel harmony pairs, the diphthongs with y) that Swedish and English lack. */
const FINNISH_SEQUENCES = /(aa|ii|uu|yy|ää|öö|yö|äy|öy|äi|öi|iy)/

/**
 * Finnish case endings and suffixes (a word of at least six letters ending so). Not the endings Swedish words share:
 * -sta (första, fortsätta's kin), -lla and -lle (aktuella, ställe), -tta (flytta), -isen and -isten (polisen,
 * tidsfristen), -nsa (avgränsa), -lta, -ista (lista).
 */
const FINNISH_ENDINGS = /(inen|iset|ssa|ssä|llä|stä|ltä|ksi|ttä|nsä|ään|ssaan|ssään|ineen|uksen|yksen)$/

/** Swedish (and English) words that a Finnish pattern would catch. */
const SWEDISH_LOOKALIKES = new Set('kassa massa pressa missa yyyy ddmmyy'.split(' '))

/** Letters Finnish words do not have (outside loanwords): a word with one is not taken for Finnish. */
const NOT_FINNISH_LETTERS = /[bcfqwxzå]/

/**
 * Whether one word (any case) looks Finnish. `vocabulary`: the words of the Finnish texts (lower case); a Swedish or
 * English text that uses one of them is taken to have kept the Finnish word, unless the word has a letter Finnish
 * lacks.
 */
export function looksFinnishWord(word: string, language: 'sv' | 'en', vocabulary: ReadonlySet<string> = new Set()): boolean {
  const w = word.toLowerCase()
  if (w.length < 2 || /\d/.test(w)) return false
  if (FINNISH_WORDS.has(w)) return true
  if (SWEDISH_LOOKALIKES.has(w) || NOT_FINNISH_LETTERS.test(w)) return false
  if (w.length >= 4 && vocabulary.has(w)) return true
  // ä and ö are letters of Swedish too, never of English
  if (language === 'en' && /[äö]/.test(w)) return true
  if (FINNISH_SEQUENCES.test(w)) return true
  return w.length >= 6 && FINNISH_ENDINGS.test(w)
}

/** The words of a text (letters, Nordic letters included; `{{placeholders}}`, URLs, paths and domains left out). */
export function wordsOf(text: string): string[] {
  const plain = text
    .replace(/{{\s*\w+\s*}}|{\w+}/g, ' ')
    .replace(/https?:\/\/\S+|\/[\w/-]+/g, ' ')
    // a domain name (tietosuoja.fi, suomi.fi) is an address, not a word of the text
    .replace(/\b[\w-]+\.(?:fi|se|com|org|eu)\b/g, ' ')
  return plain.match(/[A-Za-zÅÄÖåäöÉéÜü]+/g) ?? []
}

/**
 * The Finnish-looking words of a text, less the `allowed` ones (lower case) and less a parenthesis that holds only
 * `terms` (the Finnish legal term given on purpose after its translation: "personal identity code (henkilötunnus)").
 */
export function finnishWordsIn(
  text: string,
  language: 'sv' | 'en',
  { allowed = new Set<string>(), terms = new Set<string>(), vocabulary = new Set<string>() }: { allowed?: ReadonlySet<string>; terms?: ReadonlySet<string>; vocabulary?: ReadonlySet<string> } = {},
): string[] {
  const withoutTerms = text.replace(/\(([^()]*)\)/g, (whole, inner: string) => {
    const words = wordsOf(inner)
    return words.length > 0 && words.every((w) => terms.has(w.toLowerCase())) ? ' ' : whole
  })
  return wordsOf(withoutTerms).filter((word) => !allowed.has(word.toLowerCase()) && looksFinnishWord(word, language, vocabulary))
}
