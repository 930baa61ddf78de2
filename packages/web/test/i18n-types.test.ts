import { expect, it } from 'vitest'
import { i18n } from '../src/i18n'
import { en } from '../src/i18n/en'
import type { Dictionary } from '../src/i18n/fi'

// These lines are checked by `tsc -p packages/web`: each @ts-expect-error fails the type check if the line
// below it stops being an error, i.e. if the dictionaries or `t` lose their typing.

it('refuses unknown keys and incomplete or padded dictionaries at compile time', () => {
  // @ts-expect-error: a key that the Finnish source does not define
  const unknown = i18n.t('nonexistent.key')

  const { password: _password, ...loginWithoutPassword } = en.login
  // @ts-expect-error: a translation that misses a key of the source
  const incomplete: Dictionary = { ...en, login: loginWithoutPassword }

  // @ts-expect-error: a translation with a key that the source does not have
  const padded: Dictionary = { ...en, login: { ...en.login, rememberMe: 'Remember me' } }

  // @ts-expect-error: every text is a string
  const wrongType: Dictionary = { ...en, login: { ...en.login, title: 42 } }

  expect(unknown).toBe('nonexistent.key')
  expect([incomplete, padded, wrongType]).toHaveLength(3)
})
