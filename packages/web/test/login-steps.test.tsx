import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { i18n } from '../src/i18n'
import { account } from './account-fixtures'
import { json, mockApi, problem, renderApp, sessionUser } from './helpers'

const notSignedIn = () => problem({ title: 'Kirjautuminen vaaditaan', status: 401 })
const user = sessionUser({ actions: ['persons:search'] })
const pendingUser = sessionUser({ roles: [], actions: [] })

async function signIn(username = 'tvirtanen', password = 'oikea salasana') {
  await screen.findByRole('heading', { level: 1, name: 'Kirjaudu sisään' })
  fireEvent.change(screen.getByLabelText('Käyttäjätunnus'), { target: { value: username } })
  fireEvent.change(screen.getByLabelText('Salasana'), { target: { value: password } })
  fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu sisään' }))
}

describe('the second sign-in step', () => {
  it('asks for the authenticator code after the password, then opens the page first asked for', async () => {
    document.cookie = 'huoma-csrf=pending-token'
    const api = mockApi({
      'GET /api/auth/me': notSignedIn,
      'POST /api/auth/login': () => json({ user: pendingUser, stage: 'mfa_pending' }),
      'POST /api/auth/mfa/verify': () => json({ user, stage: 'active' }),
    })
    const router = renderApp('/persons')
    await signIn()

    const heading = await screen.findByRole('heading', { level: 1, name: 'Kaksivaiheinen tunnistautuminen' })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    await waitFor(() => expect(document.title).toBe('Kaksivaiheinen tunnistautuminen – Huoma'))
    expect(router.state.location.pathname).toBe('/login')
    const code = screen.getByLabelText<HTMLInputElement>('Vahvistuskoodi')
    expect(code.getAttribute('autocomplete')).toBe('one-time-code')
    expect(code.getAttribute('inputmode')).toBe('numeric')

    fireEvent.change(code, { target: { value: '123 456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/persons')
    const [request] = api.calls('POST /api/auth/mfa/verify')
    expect(request?.body).toEqual({ method: 'totp', code: '123 456' })
    expect(request?.headers.get('x-csrf-token')).toBe('pending-token')
  })

  it('checks an empty code itself, and shows a wrong code at the field and keeps the step', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json({ user: pendingUser, stage: 'mfa_pending' }),
      'POST /api/auth/mfa/verify': () =>
        problem({
          title: 'Tiedoissa on virheitä',
          status: 400,
          errors: [{ field: 'body.code', code: 'mfa.invalidCode', message: 'Koodi ei kelpaa. Tarkista koodi todennussovelluksesta ja yritä uudelleen.' }],
        }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { level: 1, name: 'Kaksivaiheinen tunnistautuminen' })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista' }))
    const code = screen.getByLabelText<HTMLInputElement>('Vahvistuskoodi')
    expect(code.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(code.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Anna koodi.')
    expect(api.calls('POST /api/auth/mfa/verify')).toHaveLength(0)

    fireEvent.change(code, { target: { value: '000000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista' }))
    const message = await screen.findByText('Koodi ei kelpaa. Tarkista koodi todennussovelluksesta ja yritä uudelleen.')
    const again = screen.getByLabelText<HTMLInputElement>('Vahvistuskoodi')
    expect(again.getAttribute('aria-describedby')).toBe(message.id)
    expect(again.value).toBe('')
    expect(within(screen.getByRole('alert')).getByText('Tiedoissa on virheitä')).toBeTruthy()
    await waitFor(() => expect(document.activeElement).toBe(again))
  })

  it('takes a recovery code instead, and can switch back', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json({ user: pendingUser, stage: 'mfa_pending' }),
      'POST /api/auth/mfa/verify': () => json({ user, stage: 'active' }),
      'GET /api/health': () => json({ status: 'ok', database: 'pglite', migration: '0002_access' }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { level: 1, name: 'Kaksivaiheinen tunnistautuminen' })
    fireEvent.click(screen.getByRole('button', { name: 'Käytä varakoodia' }))
    expect(screen.getByText('Syötä yksi tallentamistasi varakoodeista. Kukin varakoodi toimii vain kerran.')).toBeTruthy()
    // the field is looked up inside the wait: a late re-render (the health answer) may replace the node it had
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Varakoodi')))
    fireEvent.click(screen.getByRole('button', { name: 'Käytä todennussovelluksen koodia' }))
    expect(screen.getByLabelText('Vahvistuskoodi')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Käytä varakoodia' }))
    fireEvent.change(screen.getByLabelText('Varakoodi'), { target: { value: 'abcde-fghjk' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Etusivu' })).toBeTruthy()
    expect(api.calls('POST /api/auth/mfa/verify')[0]?.body).toEqual({ method: 'recovery', code: 'abcde-fghjk' })
  })

  it('returns to the first step with the message when the account gets locked', async () => {
    mockApi({
      'GET /api/auth/me': () => json({ user: pendingUser, stage: 'mfa_pending' }),
      'POST /api/auth/mfa/verify': () =>
        problem({ title: 'Ei käyttöoikeutta', detail: 'Tili on lukittu toistuvien virheellisten yritysten vuoksi.', status: 423 }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { level: 1, name: 'Kaksivaiheinen tunnistautuminen' })
    fireEvent.change(screen.getByLabelText('Vahvistuskoodi'), { target: { value: '111111' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy()
    expect(within(screen.getByRole('alert')).getByText('Tili on lukittu toistuvien virheellisten yritysten vuoksi.')).toBeTruthy()
  })

  it('comes back to the step after a reload, and cancelling signs out', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json({ user: pendingUser, stage: 'mfa_pending' }),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    })
    const router = renderApp('/persons')
    expect(await screen.findByRole('heading', { level: 1, name: 'Kaksivaiheinen tunnistautuminen' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/login')
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta ja kirjaudu ulos' }))
    expect(await screen.findByText('Olet kirjautunut ulos.')).toBeTruthy()
    expect(screen.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy()
    expect(api.calls('POST /api/auth/logout')).toHaveLength(1)
  })

  it('speaks Swedish', async () => {
    localStorage.setItem('huoma.language', 'sv')
    await i18n.changeLanguage('sv')
    mockApi({ 'GET /api/auth/me': () => json({ user: pendingUser, stage: 'mfa_pending' }) })
    renderApp('/login')
    expect(await screen.findByRole('heading', { level: 1, name: 'Tvåstegsverifiering' })).toBeTruthy()
    expect(screen.getByLabelText('Verifieringskod')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Använd en reservkod' })).toBeTruthy()
  })
})

describe('the password change step', () => {
  it('follows the password when it has expired, checks the repeat, shows the policy messages, then signs in', async () => {
    const api = mockApi({
      'GET /api/auth/me': notSignedIn,
      'POST /api/auth/login': () => json({ user: sessionUser({ actions: [] }), stage: 'password_change' }),
      'GET /api/auth/account': () => json(account()),
      'POST /api/auth/password': ({ init }) => {
        const body = JSON.parse(String(init.body)) as { newPassword: string }
        return body.newPassword === 'Salasana2024!'
          ? problem({
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [{ field: 'body.newPassword', code: 'password.common', message: 'Salasana on liian yleinen tai helposti arvattava.' }],
            })
          : json({ user, stage: 'active' })
      },
      'GET /api/health': () => json({ status: 'ok', database: 'pglite', migration: '0002_access' }),
    })
    renderApp('/')
    await signIn()
    const heading = await screen.findByRole('heading', { level: 1, name: 'Vaihda salasana' })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    expect(screen.getByText('Salasanasi on vanhentunut. Valitse uusi salasana ennen kuin jatkat.')).toBeTruthy()
    expect(await screen.findByText(/vähintään 12 merkkiä/)).toBeTruthy()

    const current = screen.getByLabelText('Nykyinen salasana')
    const fresh = screen.getByLabelText('Uusi salasana')
    const repeat = screen.getByLabelText('Uusi salasana uudelleen')
    expect(fresh.getAttribute('autocomplete')).toBe('new-password')
    fireEvent.change(current, { target: { value: 'oikea salasana' } })
    fireEvent.change(fresh, { target: { value: 'Salasana2024!' } })
    fireEvent.change(repeat, { target: { value: 'Salasana2024' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vaihda salasana' }))
    expect(repeat.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Salasanat eivät täsmää. Kirjoita sama uusi salasana molempiin kenttiin.')).toBeTruthy()
    expect(api.calls('POST /api/auth/password')).toHaveLength(0)

    fireEvent.change(repeat, { target: { value: 'Salasana2024!' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vaihda salasana' }))
    const message = await screen.findByText('Salasana on liian yleinen tai helposti arvattava.')
    expect(screen.getByLabelText('Uusi salasana').getAttribute('aria-describedby')).toBe(message.id)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Uusi salasana')))

    fireEvent.change(screen.getByLabelText('Uusi salasana'), { target: { value: 'Kolme karhua kävi metsässä' } })
    fireEvent.change(screen.getByLabelText('Uusi salasana uudelleen'), { target: { value: 'Kolme karhua kävi metsässä' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vaihda salasana' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Etusivu' })).toBeTruthy()
    expect(api.calls('POST /api/auth/password').at(-1)?.body).toEqual({
      currentPassword: 'oikea salasana',
      newPassword: 'Kolme karhua kävi metsässä',
    })
  })

  it('follows the second factor when the password is too old', async () => {
    mockApi({
      'GET /api/auth/me': () => json({ user: pendingUser, stage: 'mfa_pending' }),
      'POST /api/auth/mfa/verify': () => json({ user: sessionUser({ actions: [] }), stage: 'password_change' }),
      'GET /api/auth/account': () => json(account()),
    })
    renderApp('/login')
    await screen.findByRole('heading', { level: 1, name: 'Kaksivaiheinen tunnistautuminen' })
    fireEvent.change(screen.getByLabelText('Vahvistuskoodi'), { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Vaihda salasana' })).toBeTruthy()
    expect(screen.getByLabelText('Nykyinen salasana')).toBeTruthy()
  })
})
