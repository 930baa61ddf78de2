import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, mockApi, problem, renderApp, sessionUser } from './helpers'

const notSignedIn = () => problem({ title: 'Kirjautuminen vaaditaan', status: 401 })

function fill(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Käyttäjätunnus'), { target: { value: username } })
  fireEvent.change(screen.getByLabelText('Salasana'), { target: { value: password } })
}

const submitButton = () => screen.getByRole<HTMLButtonElement>('button', { name: /Kirjaudu|Kirjaudutaan/ })

describe('the sign-in page', () => {
  it('is where a visitor who is not signed in is sent', async () => {
    mockApi({ 'GET /api/auth/me': notSignedIn })
    const router = renderApp('/audit')
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/login')
    await waitFor(() => expect(document.title).toBe('Kirjaudu sisään – Huoma'))
    expect(screen.getByRole('contentinfo').textContent).toMatch(/Versio \d+\.\d+\.\d+/)
  })

  it('checks empty fields itself and marks them invalid', async () => {
    const api = mockApi({ 'GET /api/auth/me': notSignedIn })
    renderApp('/login')
    fireEvent.click(await screen.findByRole('button', { name: 'Kirjaudu sisään' }))
    const username = screen.getByLabelText('Käyttäjätunnus')
    expect(username.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(username.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Anna käyttäjätunnus.',
    )
    expect(screen.getByLabelText('Salasana').getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(username)
    expect(api.calls('POST /api/auth/login')).toHaveLength(0)
  })

  it("shows the problem's field errors at the fields they concern", async () => {
    mockApi({
      'GET /api/auth/me': notSignedIn,
      'POST /api/auth/login': () =>
        problem({
          title: 'Pyynnön tiedoissa on virheitä',
          status: 400,
          errors: [
            { field: 'body.username', code: 'maxLength', message: 'Käyttäjätunnus on liian pitkä.' },
            { field: 'body.remember', code: 'additionalProperties', message: 'Tuntematon kenttä.' },
          ],
        }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Kirjaudu sisään' })
    fill('x'.repeat(101), 'salasana')
    fireEvent.click(submitButton())

    const message = await screen.findByText('Käyttäjätunnus on liian pitkä.')
    const username = screen.getByLabelText('Käyttäjätunnus')
    expect(username.getAttribute('aria-invalid')).toBe('true')
    expect(username.getAttribute('aria-describedby')).toBe(message.id)
    expect(screen.getByLabelText('Salasana').hasAttribute('aria-invalid')).toBe(false)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Pyynnön tiedoissa on virheitä')
    expect(alert.textContent).toContain('Tuntematon kenttä.')
    await waitFor(() => expect(document.activeElement).toBe(username))
  })

  it('announces a wrong username or password in an alert', async () => {
    mockApi({
      'GET /api/auth/me': notSignedIn,
      'POST /api/auth/login': () =>
        problem({ title: 'Kirjautuminen epäonnistui', detail: 'Väärä käyttäjätunnus tai salasana.', status: 401 }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Kirjaudu sisään' })
    fill('tvirtanen', 'väärä')
    fireEvent.click(submitButton())

    const alert = screen.getByRole('alert')
    await within(alert).findByText('Väärä käyttäjätunnus tai salasana.')
    expect(within(alert).getByText('Kirjautuminen epäonnistui')).toBeTruthy()
    const password = screen.getByLabelText<HTMLInputElement>('Salasana')
    expect(password.value).toBe('')
    expect(submitButton().disabled).toBe(false)
    await waitFor(() => expect(document.activeElement).toBe(password))
  })

  it('disables the button while signing in, then returns to the page first asked for', async () => {
    document.cookie = 'huoma-csrf=token-1'
    let answer: (response: Response) => void = () => undefined
    const user = sessionUser({ actions: ['audit:read'], roles: ['data_protection_officer'] })
    const api = mockApi({
      'GET /api/auth/me': notSignedIn,
      'POST /api/auth/login': () => new Promise<Response>((resolve) => (answer = resolve)),
    })
    const router = renderApp('/audit?from=2026-01-01')
    await screen.findByRole('heading', { name: 'Kirjaudu sisään' })
    fill(' tvirtanen ', 'oikea salasana')
    fireEvent.click(submitButton())

    await waitFor(() => expect(submitButton().disabled).toBe(true))
    expect(submitButton().textContent).toBe('Kirjaudutaan…')
    const [request] = api.calls('POST /api/auth/login')
    expect(request?.body).toEqual({ username: 'tvirtanen', password: 'oikea salasana' })
    expect(request?.headers.get('x-csrf-token')).toBe('token-1')
    expect(request?.headers.get('accept-language')).toBe('fi')

    answer(json({ user }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Lokivalvonta' })).toBeTruthy()
    expect(router.state.location.pathname + router.state.location.search).toBe('/audit?from=2026-01-01')
    await waitFor(() => expect(document.title).toBe('Lokivalvonta – Huoma'))
  })

  it('says so when the server cannot be reached', async () => {
    mockApi({
      'GET /api/auth/me': notSignedIn,
      'POST /api/auth/login': () => Promise.reject(new TypeError('Failed to fetch')),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Kirjaudu sisään' })
    fill('tvirtanen', 'salasana')
    fireEvent.click(submitButton())
    expect(await within(screen.getByRole('alert')).findByText(/Palvelimeen ei saatu yhteyttä/)).toBeTruthy()
  })
})
