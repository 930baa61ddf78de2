import { cleanup, configure } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import { i18n } from '../src/i18n'

// The machine these tests run on has two cores shared with the server's API tests: a page that takes more than the
// library's default second to render under that load is slow, not broken. Assertions about timing are not made here.
configure({ asyncUtilTimeout: 5_000 })

function clearCookies() {
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
}

beforeEach(async () => {
  localStorage.clear()
  sessionStorage.clear()
  clearCookies()
  await i18n.changeLanguage('fi')
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})
