import { describe, expect, it } from 'vitest'
import { applyUserLanguage, chooseLanguage, i18n } from '../src/i18n'
import { en } from '../src/i18n/en'
import { fi } from '../src/i18n/fi'
import { sv } from '../src/i18n/sv'

/** Keys whose text is rightly the same in every language (brand names). */
const SAME_IN_ALL_LANGUAGES = new Set(['app.name'])

function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'object' && value !== null) leaves(value, path).forEach((v, k) => result.set(k, v))
    else result.set(path, value)
  }
  return result
}

const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort()
const source = leaves(fi)

it('the Finnish source has no empty texts', () => {
  expect(source.size).toBeGreaterThan(50)
  for (const [key, text] of source) expect(typeof text === 'string' && text.trim() !== '', key).toBe(true)
})

describe.each([
  ['sv', sv],
  ['en', en],
])('the %s dictionary', (language, dictionary) => {
  const translated = leaves(dictionary)

  it('has every Finnish key with a non-empty text', () => {
    const missing = [...source.keys()].filter((key) => {
      const text = translated.get(key)
      return typeof text !== 'string' || text.trim() === ''
    })
    expect(missing).toEqual([])
  })

  it('has no keys that Finnish lacks', () => {
    expect([...translated.keys()].filter((key) => !source.has(key))).toEqual([])
  })

  it('is translated rather than copied from Finnish', () => {
    const copied = [...source].filter(([key, text]) => translated.get(key) === text && !SAME_IN_ALL_LANGUAGES.has(key))
    expect(copied.map(([key]) => key)).toEqual([])
  })

  it('uses the same interpolation variables as Finnish', () => {
    for (const [key, text] of source) expect(variables(String(translated.get(key))), key).toEqual(variables(String(text)))
  })

  it('is what i18next serves for that language', () => {
    for (const key of source.keys()) expect(i18n.getResource(language, 'translation', key), key).toBe(translated.get(key))
  })
})

describe('choosing the language', () => {
  it('remembers the switcher choice and sets the lang attribute of the page', async () => {
    await chooseLanguage('sv')
    expect(localStorage.getItem('huoma.language')).toBe('sv')
    expect(document.documentElement.lang).toBe('sv')
    expect(i18n.t('login.submit')).toBe('Logga in')
  })

  it("uses the signed-in user's language when nothing was chosen on this browser", async () => {
    await applyUserLanguage('en')
    expect(i18n.language).toBe('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it("keeps this browser's explicit choice over the user's language", async () => {
    await chooseLanguage('sv')
    await applyUserLanguage('en')
    expect(i18n.language).toBe('sv')
  })
})
