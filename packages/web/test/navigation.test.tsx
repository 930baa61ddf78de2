import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { visibleModules } from '../src/features'
import { mockApi, problem, renderApp, sessionUser, signedIn } from './helpers'

async function navLinks() {
  const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
  return within(nav)
    .getAllByRole('link')
    .map((link) => [link.textContent, link.getAttribute('href')])
}

describe('the navigation', () => {
  it('shows only the modules whose action the user has', async () => {
    signedIn(sessionUser({ actions: ['persons:search'] }))
    renderApp('/')
    expect(await navLinks()).toEqual([
      ['Etusivu', '/'],
      ['Asiakkaat', '/persons'],
    ])
  })

  it('shows every module to a user with all actions, and nothing for actions it does not know', async () => {
    signedIn(sessionUser({ actions: ['audit:read', 'reports:future', 'admin:users', 'persons:search'] }))
    renderApp('/')
    expect(await navLinks()).toEqual([
      ['Etusivu', '/'],
      ['Asiakkaat', '/persons'],
      ['Käyttäjät ja oikeudet', '/admin/users'],
      ['Lokivalvonta', '/audit'],
    ])
  })

  it('shows only the home page to a user without actions, and tells them why', async () => {
    signedIn(sessionUser({ actions: [] }))
    renderApp('/')
    expect(await navLinks()).toEqual([['Etusivu', '/']])
    expect(await screen.findByText(/Sinulla ei ole vielä oikeuksia yhteenkään moduuliin/)).toBeTruthy()
  })

  it('marks the current module and refuses a module the user may not open', async () => {
    signedIn(sessionUser({ actions: ['persons:search'] }))
    renderApp('/audit')
    expect(await screen.findByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeTruthy()
    fireEvent.click(screen.getByRole('link', { name: 'Asiakkaat' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Asiakkaat' }).getAttribute('aria-current')).toBe('page')
    await waitFor(() => expect(document.title).toBe('Asiakkaat – Huoma'))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })))
  })

  it('is decided by visibleModules', () => {
    expect(visibleModules(['admin:users', 'x:y']).map((module) => module.id)).toEqual(['home', 'admin-users'])
  })

  it('gives finance one returns entry (per batch) and benefit handlers the per-client list', () => {
    const finance = visibleModules(['payments:batches', 'payments:batch-read', 'payments:returned']).map((module) => module.id)
    expect(finance).toEqual(['home', 'payments', 'bank-returns'])
    expect(visibleModules(['payments:returned']).map((module) => module.id)).toEqual(['home', 'payment-returns'])
  })
})

describe('the application shell', () => {
  it("shows the user's name and role, the system status (to a main user), and landmarks", async () => {
    signedIn(sessionUser({ roles: ['social_worker', 'supervisor', 'future-role'], actions: ['jobs:read'] }))
    renderApp('/')
    expect(await screen.findByRole('heading', { level: 1, name: 'Etusivu' })).toBeTruthy()
    const banner = screen.getByRole('banner')
    expect(within(banner).getByText('Tiina Virtanen')).toBeTruthy()
    expect(within(banner).getByText('Sosiaalityöntekijä, Esihenkilö, future-role')).toBeTruthy()
    expect(screen.getByRole('main')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Siirry sisältöön' })).toBeTruthy()
    expect(screen.getByText(/Tiina Virtanen$/, { selector: '.greeting' })).toBeTruthy()
    expect(await screen.findByText('Sulautettu PGlite-tietokanta')).toBeTruthy()
    expect(screen.getByText('0001_initial')).toBeTruthy()
    await waitFor(() => expect(document.title).toBe('Etusivu – Huoma'))
  })

  it('switches the language everywhere and remembers it', async () => {
    const api = signedIn(sessionUser({ actions: ['persons:search', 'jobs:read'] }))
    renderApp('/persons')
    await screen.findByRole('heading', { level: 1, name: 'Asiakkaat' })
    fireEvent.change(screen.getByLabelText('Kieli'), { target: { value: 'sv' } })
    expect(await screen.findByRole('heading', { level: 1, name: 'Klienter' })).toBeTruthy()
    expect(screen.getByRole('navigation', { name: 'Huvudmeny' })).toBeTruthy()
    expect(document.documentElement.lang).toBe('sv')
    await waitFor(() => expect(document.title).toBe('Klienter – Huoma'))
    expect(localStorage.getItem('huoma.language')).toBe('sv')
    fireEvent.click(screen.getByRole('link', { name: 'Startsida' }))
    await screen.findByText('Inbäddad PGlite-databas')
    expect(api.calls('GET /api/health').at(-1)?.headers.get('accept-language')).toBe('sv')
  })

  it("opens in the user's own language", async () => {
    signedIn(sessionUser({ language: 'sv' }))
    renderApp('/')
    expect(await screen.findByRole('heading', { level: 1, name: 'Startsida' })).toBeTruthy()
  })

  it('signs out with the CSRF token and says so on the sign-in page', async () => {
    document.cookie = 'huoma-csrf=token-2'
    const api = signedIn(sessionUser(), { 'POST /api/auth/logout': () => new Response(null, { status: 204 }) })
    const router = renderApp('/')
    fireEvent.click(await screen.findByRole('button', { name: 'Kirjaudu ulos' }))
    expect(await screen.findByText('Olet kirjautunut ulos.')).toBeTruthy()
    expect(router.state.location.pathname).toBe('/login')
    expect(api.calls('POST /api/auth/logout')[0]?.headers.get('x-csrf-token')).toBe('token-2')
  })

  it('sends the user to sign in again when the server has ended the session', async () => {
    signedIn(sessionUser({ actions: ['persons:search', 'jobs:read'] }), {
      'GET /api/health': () => problem({ title: 'Kirjautuminen vaaditaan', status: 401 }),
    })
    const router = renderApp('/')
    expect(await screen.findByText('Istuntosi on päättynyt. Kirjaudu uudelleen sisään.')).toBeTruthy()
    expect(router.state.location.pathname).toBe('/login')
    expect(router.state.location.state).toMatchObject({ from: { pathname: '/' } })
  })

  it('shows a not-found page for unknown addresses', async () => {
    signedIn(sessionUser())
    renderApp('/no/such/page')
    expect(await screen.findByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeTruthy()
    await waitFor(() => expect(document.title).toBe('Sivua ei löytynyt – Huoma'))
  })

  it('offers a retry when the server cannot be reached at start', async () => {
    let up = false
    mockApi({
      'GET /api/auth/me': () =>
        up ? problem({ title: 'Kirjautuminen vaaditaan', status: 401 }) : Promise.reject(new TypeError('offline')),
    })
    renderApp('/')
    expect(await screen.findByRole('heading', { level: 1, name: 'Huomaan ei saada yhteyttä' })).toBeTruthy()
    up = true
    fireEvent.click(screen.getByRole('button', { name: 'Yritä uudelleen' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy()
  })
})
