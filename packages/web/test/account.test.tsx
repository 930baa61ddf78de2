import type { AccountSecurity, TotpEnrolment } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { account } from './account-fixtures'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const CODES = [...'abcdefghjk'].map((letter) => `abc${letter}e-fgh${letter}k`)

const enrolment: TotpEnrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUri: 'otpauth://totp/Huoma:tvirtanen?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Huoma',
  qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
  issuer: 'Huoma',
  accountName: 'tvirtanen (Demolan kaupunki)',
  digits: 6,
  period: 30,
}

const section = (name: string) => screen.getByRole('region', { name })

describe('my account', () => {
  it('opens from the header and shows the password and second-factor state', async () => {
    signedIn(sessionUser(), { 'GET /api/auth/account': () => json(account({ exempt: true })) })
    const router = renderApp('/')
    const link = within(await screen.findByRole('banner')).getByRole('link', { name: 'Oma tili' })
    fireEvent.click(link)
    expect(await screen.findByRole('heading', { level: 1, name: 'Oma tili' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/account')
    await waitFor(() => expect(document.title).toBe('Oma tili – Huoma'))
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Oma tili' }).getAttribute('aria-current')).toBe('page')
    const password = await screen.findByRole('region', { name: 'Salasana' })
    expect(within(password).getByText(/Salasana on vaihdettu viimeksi 15\.1\.2026\./)).toBeTruthy()
    expect(within(password).getByText(/vähintään 12 merkkiä/)).toBeTruthy()
    const mfa = section('Kaksivaiheinen tunnistautuminen')
    expect(within(mfa).getByText(/ei ole käytössä/)).toBeTruthy()
    expect(within(mfa).getByText(/Demokäyttäjänä sinun ei tarvitse/)).toBeTruthy()
  })

  it('enrols TOTP: QR code with a text alternative, the key to type by hand, a code, then recovery codes shown once', async () => {
    let current: AccountSecurity = account()
    const api = signedIn(sessionUser(), {
      'GET /api/auth/account': () => json(current),
      'POST /api/auth/mfa/enrol': () => json(enrolment),
      'POST /api/auth/mfa/enrol/confirm': ({ init }) => {
        if (JSON.parse(String(init.body)).code !== '654321') {
          return problem({
            title: 'Tiedoissa on virheitä',
            status: 400,
            errors: [{ field: 'body.code', code: 'mfa.invalidCode', message: 'Koodi ei kelpaa.' }],
          })
        }
        current = account({ totpEnabled: true, totpEnabledAt: '2026-02-01T08:00:00.000Z', recoveryCodesRemaining: 10 })
        return json({ recoveryCodes: CODES })
      },
    })
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { clipboard: { writeText } }))
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined)
    renderApp('/account')

    fireEvent.click(await screen.findByRole('button', { name: 'Ota käyttöön' }))
    const heading = await screen.findByRole('heading', { level: 3, name: 'Todennussovelluksen käyttöönotto' })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    const qr = screen.getByRole<HTMLImageElement>('img', { name: /QR-koodi, jolla Huoma lisätään todennussovellukseen/ })
    expect(qr.getAttribute('src')).toBe(enrolment.qrCode)
    expect(screen.getByLabelText('Avain käsin syötettäväksi').textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')
    expect(screen.getByText(/Tili tvirtanen \(Demolan kaupunki\), aikaperusteinen koodi, 6 numeroa/)).toBeTruthy()

    const code = screen.getByLabelText('Sovelluksen näyttämä koodi')
    fireEvent.change(code, { target: { value: '111111' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista ja ota käyttöön' }))
    expect(await screen.findByText('Koodi ei kelpaa.')).toBeTruthy()
    expect(screen.getByLabelText('Sovelluksen näyttämä koodi').getAttribute('aria-invalid')).toBe('true')

    fireEvent.change(screen.getByLabelText('Sovelluksen näyttämä koodi'), { target: { value: '654321' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista ja ota käyttöön' }))
    const codesHeading = await screen.findByRole('heading', { level: 3, name: 'Varakoodit' })
    await waitFor(() => expect(document.activeElement).toBe(codesHeading))
    const list = screen.getByRole('list', { name: 'Varakoodit' })
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(CODES)
    expect(screen.getByText(/Niitä ei näytetä uudelleen/)).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Kopioi koodit' }))
    expect(await screen.findByText('Koodit on kopioitu leikepöydälle.')).toBeTruthy()
    expect(writeText).toHaveBeenCalledWith(CODES.join('\n'))
    fireEvent.click(screen.getByRole('button', { name: 'Tulosta koodit' }))
    expect(print).toHaveBeenCalled()

    fireEvent.click(screen.getByRole('button', { name: 'Olen tallentanut koodit' }))
    expect(await screen.findByText('Kaksivaiheinen tunnistautuminen on nyt käytössä. Muut istuntosi on kirjattu ulos.')).toBeTruthy()
    expect(screen.queryByRole('list', { name: 'Varakoodit' })).toBeNull()
    expect(await screen.findByText(/Käytössä 1\.2\.2026 alkaen\. Käyttämättömiä varakoodeja on 10\./)).toBeTruthy()
    expect(api.calls('POST /api/auth/mfa/enrol/confirm').map((c) => c.body)).toEqual([{ code: '111111' }, { code: '654321' }])
  })

  it('replaces the recovery codes after the password, and says when the password is wrong', async () => {
    const api = signedIn(sessionUser(), {
      'GET /api/auth/account': () => json(account({ totpEnabled: true, totpEnabledAt: '2026-02-01T08:00:00.000Z', recoveryCodesRemaining: 3 })),
      'POST /api/auth/mfa/recovery-codes': ({ init }) =>
        JSON.parse(String(init.body)).password === 'oikea salasana'
          ? json({ recoveryCodes: CODES })
          : problem({
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [{ field: 'body.password', code: 'password.incorrect', message: 'Salasana on väärä.' }],
            }),
    })
    renderApp('/account')
    expect(await screen.findByText(/Käyttämättömiä varakoodeja on 3\./)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Luo uudet varakoodit' }))
    expect(await screen.findByRole('heading', { level: 3, name: 'Luo uudet varakoodit' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Luo uudet koodit' }))
    expect(screen.getByText('Anna salasana.')).toBeTruthy()

    const mfa = section('Kaksivaiheinen tunnistautuminen')
    fireEvent.change(within(mfa).getByLabelText('Nykyinen salasana'), { target: { value: 'väärä' } })
    fireEvent.click(screen.getByRole('button', { name: 'Luo uudet koodit' }))
    expect(await within(mfa).findByText('Salasana on väärä.')).toBeTruthy()
    fireEvent.change(within(mfa).getByLabelText('Nykyinen salasana'), { target: { value: 'oikea salasana' } })
    fireEvent.click(screen.getByRole('button', { name: 'Luo uudet koodit' }))
    expect(await screen.findByRole('list', { name: 'Varakoodit' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Olen tallentanut koodit' }))
    expect(await screen.findByText('Uudet varakoodit on luotu. Vanhat eivät enää toimi.')).toBeTruthy()
    expect(api.calls('POST /api/auth/mfa/recovery-codes')).toHaveLength(2)
  })

  it('turns TOTP off with the password', async () => {
    let current = account({ totpEnabled: true, totpEnabledAt: '2026-02-01T08:00:00.000Z', recoveryCodesRemaining: 8 })
    const api = signedIn(sessionUser(), {
      'GET /api/auth/account': () => json(current),
      'POST /api/auth/mfa/disable': () => {
        current = account()
        return new Response(null, { status: 204 })
      },
    })
    renderApp('/account')
    fireEvent.click(await screen.findByRole('button', { name: 'Poista käytöstä' }))
    expect(screen.getByText(/kirjautumiseen riittää salasana ja varakoodisi lakkaavat toimimasta/)).toBeTruthy()
    const mfa = section('Kaksivaiheinen tunnistautuminen')
    fireEvent.change(within(mfa).getByLabelText('Nykyinen salasana'), { target: { value: 'oikea salasana' } })
    fireEvent.click(screen.getByRole('button', { name: 'Poista kaksivaiheinen tunnistautuminen käytöstä' }))
    expect(await screen.findByText('Kaksivaiheinen tunnistautuminen on poistettu käytöstä.')).toBeTruthy()
    expect(await screen.findByRole('button', { name: 'Ota käyttöön' })).toBeTruthy()
    expect(api.calls('POST /api/auth/mfa/disable')[0]?.body).toEqual({ password: 'oikea salasana' })
  })

  it('changes the password and tells that the other sessions ended', async () => {
    const api = signedIn(sessionUser(), {
      'GET /api/auth/account': () => json(account()),
      'POST /api/auth/password': () => json({ user: sessionUser(), stage: 'active' }),
    })
    renderApp('/account')
    const password = await screen.findByRole('region', { name: 'Salasana' })
    fireEvent.click(within(password).getByRole('button', { name: 'Vaihda salasana' }))
    expect(within(password).getByText('Anna nykyinen salasanasi.')).toBeTruthy()
    expect(within(password).getByText('Anna uusi salasana.')).toBeTruthy()
    fireEvent.change(within(password).getByLabelText('Nykyinen salasana'), { target: { value: 'vanha salasana' } })
    fireEvent.change(within(password).getByLabelText('Uusi salasana'), { target: { value: 'Vihreä sohva laulaa' } })
    fireEvent.change(within(password).getByLabelText('Uusi salasana uudelleen'), { target: { value: 'Vihreä sohva laulaa' } })
    fireEvent.click(within(password).getByRole('button', { name: 'Vaihda salasana' }))
    expect(await within(password).findByText('Salasana on vaihdettu. Muut istuntosi on kirjattu ulos.')).toBeTruthy()
    expect(within(password).getByLabelText<HTMLInputElement>('Uusi salasana').value).toBe('')
    expect(api.calls('POST /api/auth/password')[0]?.body).toEqual({ currentPassword: 'vanha salasana', newPassword: 'Vihreä sohva laulaa' })
  })

  it('sends the user to sign in again when the account gets locked', async () => {
    const router = renderAppLocked()
    fireEvent.click(await screen.findByRole('button', { name: 'Poista käytöstä' }))
    const mfa = section('Kaksivaiheinen tunnistautuminen')
    fireEvent.change(within(mfa).getByLabelText('Nykyinen salasana'), { target: { value: 'arvaus' } })
    fireEvent.click(screen.getByRole('button', { name: 'Poista kaksivaiheinen tunnistautuminen käytöstä' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/login')
  })
})

function renderAppLocked() {
  signedIn(sessionUser(), {
    'GET /api/auth/account': () => json(account({ totpEnabled: true, totpEnabledAt: '2026-02-01T08:00:00.000Z', recoveryCodesRemaining: 8 })),
    'POST /api/auth/mfa/disable': () => problem({ title: 'Ei käyttöoikeutta', detail: 'Tili on lukittu.', status: 423 }),
  })
  return renderApp('/account')
}
