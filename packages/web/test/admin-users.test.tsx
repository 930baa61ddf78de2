import type { GrantRequestView, GrantView, OrganisationStructure, StaffUserView } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { todayInHelsinki } from '../src/lib/format'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const UNIT_LAPS = '11111111-1111-4111-8111-111111111111'
const UNIT_HALL = '22222222-2222-4222-8222-222222222222'
const WORKER = '33333333-3333-4333-8333-333333333333'
const MAIN_USER = sessionUser({ id: '44444444-4444-4444-8444-444444444444', displayName: 'Pekka Aaltonen', roles: ['main_user'], actions: ['admin:users', 'admin:users-write', 'admin:grants-write', 'admin:grant-requests'] })
const SUPERVISOR = sessionUser({ id: '55555555-5555-4555-8555-555555555555', displayName: 'Jari Heikkilä', roles: ['supervisor'], actions: ['persons:search', 'admin:grant-requests'] })

const org: OrganisationStructure = {
  organisation: { id: '66666666-6666-4666-8666-666666666666', name: 'Demolan kaupunki', businessId: '1234567-1' },
  units: [
    { id: UNIT_HALL, code: 'HALL', names: { fi: 'Hallinto ja talous', sv: 'Förvaltning och ekonomi', en: 'Hallinto ja talous' }, active: true },
    { id: UNIT_LAPS, code: 'LAPS', names: { fi: 'Lapsiperheiden palvelut ja lastensuojelu', sv: 'Tjänster för barnfamiljer och barnskydd', en: 'Lapsiperheiden palvelut ja lastensuojelu' }, active: true },
  ],
  serviceTasks: [
    { code: 'child_welfare', names: { fi: 'Lastensuojelu', sv: 'Barnskydd', en: 'Child welfare' } },
    { code: 'family_services', names: { fi: 'Lapsiperheiden sosiaalipalvelut', sv: 'Socialservice för barnfamiljer', en: "Families' social services" } },
  ],
  roles: [
    { code: 'social_worker', names: { fi: 'Sosiaalityöntekijä', sv: 'Socialarbetare', en: 'Social worker' }, clientContent: true },
    { code: 'main_user', names: { fi: 'Pääkäyttäjä', sv: 'Huvudanvändare', en: 'Main user' }, clientContent: false },
  ],
}

function grant(overrides: Partial<GrantView>): GrantView {
  return {
    id: crypto.randomUUID(),
    userId: WORKER,
    roleCode: 'social_worker',
    unitId: UNIT_LAPS,
    serviceTasks: ['child_welfare'],
    validFrom: '2026-01-01',
    validUntil: null,
    status: 'current',
    endedAt: null,
    requestedBy: null,
    grantedBy: { id: MAIN_USER.id, username: 'paakayttaja', displayName: 'Pekka Aaltonen' },
    createdAt: '2026-01-01T08:00:00.000Z',
    ...overrides,
  }
}

function staffUser(overrides: Partial<StaffUserView> = {}): StaffUserView {
  return {
    id: WORKER,
    username: 'sosiaaliohjaaja',
    displayName: 'Mikko Salonen',
    email: null,
    language: 'fi',
    active: true,
    deactivatedAt: null,
    mfaEnabled: true,
    mustChangePassword: false,
    lockedUntil: null,
    createdAt: '2026-01-01T08:00:00.000Z',
    version: 3,
    grants: [],
    ...overrides,
  }
}

function request(overrides: Partial<GrantRequestView> = {}): GrantRequestView {
  return {
    id: '77777777-7777-4777-8777-777777777777',
    user: { id: WORKER, username: 'sosiaaliohjaaja', displayName: 'Mikko Salonen' },
    accountCreatedBy: null,
    roleCode: 'social_worker',
    unitId: UNIT_LAPS,
    serviceTasks: ['child_welfare'],
    validFrom: '2099-06-01',
    validUntil: '2099-08-31',
    justification: 'Kesäsijaisuus lastensuojelussa.',
    requestedBy: { id: SUPERVISOR.id, username: 'esihenkilo', displayName: 'Jari Heikkilä' },
    requestedAt: '2099-05-01T07:00:00.000Z',
    decision: null,
    decidedBy: null,
    decidedAt: null,
    grantId: null,
    ...overrides,
  }
}

const ORG = 'GET /api/admin/organisation'
const OPEN = 'GET /api/admin/grant-requests?status=open'
const LIST = 'GET /api/admin/users?status=active'
const DETAIL = `GET /api/admin/users/${WORKER}`

describe('Käyttäjät ja oikeudet for the main user', () => {
  it('lists users with their rights, searches by name, and shows the open requests', async () => {
    const users = [staffUser({ grants: [grant({ validUntil: '2099-12-31' }), grant({ status: 'future', validFrom: '2099-06-01', unitId: UNIT_HALL, roleCode: 'main_user', serviceTasks: [] })] })]
    const api = signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [OPEN]: () => json({ requests: [request()] }),
      [LIST]: () => json({ users, total: 1 }),
      'GET /api/admin/users?q=salo&status=all': () => json({ users, total: 1 }),
    })
    renderApp('/admin/users')
    expect(await screen.findByRole('heading', { level: 1, name: 'Käyttäjät ja oikeudet' })).toBeTruthy()
    const table = await screen.findByRole('table', { name: 'Käyttäjät' })
    const row = within(table).getAllByRole('row')[1]!
    expect(within(row).getByRole('link', { name: 'Mikko Salonen' }).getAttribute('href')).toBe(`/admin/users?user=${WORKER}`)
    expect(row.textContent).toContain('Sosiaalityöntekijä, LAPS – 31.12.2099 asti')
    expect(row.textContent).toContain('Pääkäyttäjä, HALL – Alkaa 1.6.2099')
    expect(screen.getByText('1 käyttäjä.')).toBeTruthy()

    const requests = screen.getByRole('region', { name: 'Avoimet käyttöoikeuspyynnöt' })
    expect(within(requests).getByText('Kesäsijaisuus lastensuojelussa.')).toBeTruthy()

    fireEvent.change(screen.getByLabelText('Nimi tai käyttäjätunnus'), { target: { value: 'salo' } })
    fireEvent.change(screen.getByLabelText('Näytä'), { target: { value: 'all' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    await waitFor(() => expect(api.calls('GET /api/admin/users?q=salo&status=all')).toHaveLength(1))
  })

  it("shows a user's rights with status badges in words", async () => {
    signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [DETAIL]: () =>
        json(
          staffUser({
            grants: [
              grant({ status: 'current', validUntil: '2099-12-31', requestedBy: { id: SUPERVISOR.id, username: 'esihenkilo', displayName: 'Jari Heikkilä' } }),
              grant({ status: 'future', validFrom: '2099-06-01' }),
              grant({ status: 'expired', validFrom: '2025-01-01', validUntil: '2025-06-30' }),
              grant({ status: 'ended', validFrom: '2025-01-01', validUntil: '2025-03-01', endedAt: '2025-03-01T10:00:00.000Z' }),
            ],
          }),
        ),
    })
    renderApp(`/admin/users?user=${WORKER}`)
    expect(await screen.findByRole('heading', { level: 2, name: 'Mikko Salonen' })).toBeTruthy()
    const table = screen.getByRole('table', { name: 'Käyttäjän Mikko Salonen käyttöoikeudet' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell')[4]!.textContent)).toEqual(['Voimassa', 'Alkaa 1.6.2099', 'Päättynyt', 'Lopetettu'])
    expect(rows[0]!.textContent).toContain('1.1.2026–31.12.2099')
    expect(rows[0]!.textContent).toContain('pyytäjä Jari Heikkilä')
    expect(within(rows[0]!).getByRole('button', { name: 'Päätä käyttöoikeus Sosiaalityöntekijä, Lapsiperheiden palvelut ja lastensuojelu' })).toBeTruthy()
    expect(within(rows[2]!).queryByRole('button')).toBeNull()
    expect(screen.getByRole('link', { name: 'Takaisin käyttäjäluetteloon' })).toBeTruthy()
  })

  it('deactivates only after a confirmation that says what happens, sending the version it saw', async () => {
    let user = staffUser({ grants: [grant({})] })
    const api = signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [DETAIL]: () => json(user),
      [`POST /api/admin/users/${WORKER}/deactivate`]: () => {
        user = staffUser({ active: false, deactivatedAt: '2026-03-01T10:00:00.000Z', version: 4, grants: [grant({ status: 'ended' })] })
        return json(user)
      },
    })
    renderApp(`/admin/users?user=${WORKER}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Poista käytöstä' }))
    const confirm = screen.getByRole('group', { name: 'Poistetaanko käyttäjän Mikko Salonen tunnus käytöstä?' })
    expect(confirm.textContent).toContain('istuntonsa katkaistaan heti')
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole('heading')))
    expect(api.calls(`POST /api/admin/users/${WORKER}/deactivate`)).toHaveLength(0)

    fireEvent.keyDown(confirm, { key: 'Escape' })
    expect(screen.queryByRole('group', { name: /Poistetaanko/ })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Poista käytöstä' }))
    fireEvent.click(screen.getByRole('button', { name: 'Poista tunnus käytöstä' }))
    expect(await screen.findByText('Tunnus on poistettu käytöstä, käyttöoikeudet päätetty ja istunnot katkaistu.')).toBeTruthy()
    const call = api.calls(`POST /api/admin/users/${WORKER}/deactivate`)[0]!
    expect(call.body).toEqual({ version: 3 })
    expect(await screen.findByRole('button', { name: 'Ota uudelleen käyttöön' })).toBeTruthy()
    expect(screen.getByText(/^Poistettu käytöstä /)).toBeTruthy()
  })

  it('tells the user plainly when someone else changed the user first, and offers a reload', async () => {
    const api = signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [DETAIL]: () => json(staffUser()),
      [`POST /api/admin/users/${WORKER}/reset-mfa`]: () =>
        problem({
          type: 'https://huoma.fi/problems/stale-version',
          title: 'Tiedot ovat muuttuneet',
          status: 409,
          detail: 'Käyttäjän tietoja on muutettu sillä välin, kun katselit niitä. Lataa tiedot uudelleen ja tee muutos sen jälkeen.',
        }),
    })
    renderApp(`/admin/users?user=${WORKER}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Nollaa toinen tunnistustekijä' }))
    fireEvent.click(screen.getByRole('button', { name: 'Nollaa tunnistustekijä' }))
    const alert = await screen.findByText(/muutettu sillä välin/)
    expect(screen.getAllByRole('alert').some((a) => a.contains(alert))).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Lataa tiedot uudelleen' }))
    await waitFor(() => expect(api.calls(DETAIL).length).toBe(2))
  })

  it('sends a substitute right that sees client data to another main user: end date and justification required, server errors at the fields', async () => {
    const today = todayInHelsinki()
    let attempt = 0
    const api = signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [DETAIL]: () => json(staffUser()),
      'POST /api/admin/grant-requests': () =>
        ++attempt === 1
          ? problem({
              type: 'https://huoma.fi/problems/validation',
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [{ field: 'body.validUntil', code: 'admin.grant.untilBeforeFrom', message: 'Päättymispäivä ei voi olla ennen alkamispäivää.' }],
            })
          : json(request({ requestedBy: { id: MAIN_USER.id, username: 'paakayttaja', displayName: 'Pekka Aaltonen' } }), 201),
    })
    renderApp(`/admin/users?user=${WORKER}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Myönnä käyttöoikeus' }))
    const form = screen.getByRole('form', { name: 'Uusi käyttöoikeus' })
    fireEvent.change(within(form).getByLabelText('Rooli'), { target: { value: 'social_worker' } })
    fireEvent.change(within(form).getByLabelText('Yksikkö'), { target: { value: UNIT_LAPS } })
    fireEvent.click(within(form).getByLabelText('Sijainen – käyttöoikeus päättyy annettuna päivänä'))
    expect(within(form).getByText(/Tämä rooli näkee asiakastietoja, joten sen myöntää kaksi henkilöä/)).toBeTruthy()
    const send = within(form).getByRole('button', { name: 'Lähetä toiselle pääkäyttäjälle' })
    fireEvent.click(send)

    const tasks = within(form).getByRole('group', { name: 'Palvelutehtävät' })
    expect(tasks.textContent).toContain('Valitse vähintään yksi palvelutehtävä.')
    const until = within(form).getByLabelText('Päättyy (pakollinen sijaiselle)')
    expect(until.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(until.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Sijaisen käyttöoikeudelle pitää antaa päättymispäivä.')
    expect(document.activeElement).toBe(within(tasks).getByLabelText('Lastensuojelu'))
    expect(within(form).getByLabelText(/^Perustelu/).getAttribute('aria-invalid')).toBe('true')
    expect(api.calls('POST /api/admin/grant-requests')).toHaveLength(0)

    fireEvent.click(within(tasks).getByLabelText('Lastensuojelu'))
    fireEvent.change(until, { target: { value: '2099-08-31' } })
    fireEvent.change(within(form).getByLabelText(/^Perustelu/), { target: { value: 'Kesäsijaisuus lastensuojelussa.' } })
    fireEvent.click(send)
    expect(await within(form).findByText('Päättymispäivä ei voi olla ennen alkamispäivää.')).toBeTruthy()
    await waitFor(() => expect(document.activeElement).toBe(until))

    fireEvent.click(send)
    expect(await screen.findByText('Pyyntö on lähetetty toisen pääkäyttäjän hyväksyttäväksi.')).toBeTruthy()
    expect(api.calls('POST /api/admin/grant-requests')[1]!.body).toEqual({
      userId: WORKER,
      roleCode: 'social_worker',
      unitId: UNIT_LAPS,
      serviceTasks: ['child_welfare'],
      validFrom: today,
      validUntil: '2099-08-31',
      justification: 'Kesäsijaisuus lastensuojelussa.',
    })
    expect(api.calls(`POST /api/admin/users/${WORKER}/grants`)).toHaveLength(0)
  })

  it('grants a right without client content at once', async () => {
    const today = todayInHelsinki()
    const api = signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [DETAIL]: () => json(staffUser()),
      [`POST /api/admin/users/${WORKER}/grants`]: () => json(grant({ roleCode: 'main_user', serviceTasks: [], validFrom: today, validUntil: null }), 201),
    })
    renderApp(`/admin/users?user=${WORKER}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Myönnä käyttöoikeus' }))
    const form = screen.getByRole('form', { name: 'Uusi käyttöoikeus' })
    fireEvent.change(within(form).getByLabelText('Rooli'), { target: { value: 'main_user' } })
    fireEvent.change(within(form).getByLabelText('Yksikkö'), { target: { value: UNIT_HALL } })
    expect(within(form).queryByLabelText(/^Perustelu/)).toBeNull()
    fireEvent.click(within(form).getByRole('button', { name: 'Myönnä' }))
    expect(await screen.findByText('Käyttöoikeus on myönnetty.')).toBeTruthy()
    expect(api.calls(`POST /api/admin/users/${WORKER}/grants`)[0]!.body).toEqual({
      roleCode: 'main_user',
      unitId: UNIT_HALL,
      serviceTasks: [],
      validFrom: today,
      validUntil: null,
      substitute: false,
    })
  })

  it('offers no service tasks for a role that never sees client content', async () => {
    signedIn(MAIN_USER, { [ORG]: () => json(org), [DETAIL]: () => json(staffUser()) })
    renderApp(`/admin/users?user=${WORKER}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Myönnä käyttöoikeus' }))
    const form = screen.getByRole('form', { name: 'Uusi käyttöoikeus' })
    fireEvent.click(within(form).getByLabelText('Lastensuojelu'))
    fireEvent.change(within(form).getByLabelText('Rooli'), { target: { value: 'main_user' } })
    const tasks = within(form).getByRole('group', { name: 'Palvelutehtävät' })
    expect((tasks as HTMLFieldSetElement).disabled).toBe(true)
    expect((within(tasks).getByLabelText('Lastensuojelu') as HTMLInputElement).checked).toBe(false)
    expect(tasks.textContent).toContain('Tällä roolilla ei käsitellä asiakastietoja')
  })

  it('creates a user and shows the one-time password once; a taken username is marked at its field', async () => {
    let attempt = 0
    const api = signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [OPEN]: () => json({ requests: [] }),
      [LIST]: () => json({ users: [], total: 0 }),
      [DETAIL]: () => json(staffUser({ username: 'ulla.uusi', displayName: 'Ulla Uusi', mustChangePassword: true })),
      'POST /api/admin/users': () =>
        ++attempt === 1
          ? problem({
              type: 'https://huoma.fi/problems/validation',
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [{ field: 'body.username', code: 'admin.username.taken', message: 'Käyttäjätunnus on jo käytössä. Valitse toinen tunnus.' }],
            })
          : json({ user: staffUser({ id: WORKER, username: 'ulla.uusi', displayName: 'Ulla Uusi', mustChangePassword: true }), initialPassword: 'k7mq-x2cd-9hrt-wpa4' }, 201),
    })
    const router = renderApp('/admin/users')
    fireEvent.click(await screen.findByRole('link', { name: 'Lisää käyttäjä' }))
    const form = await screen.findByRole('region', { name: 'Uusi käyttäjä' })
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna käyttäjä' }))
    expect(within(form).getByLabelText('Käyttäjätunnus').getAttribute('aria-invalid')).toBe('true')
    expect(within(form).getByText('Anna nimi.')).toBeTruthy()

    fireEvent.change(within(form).getByLabelText('Käyttäjätunnus'), { target: { value: 'esihenkilo' } })
    fireEvent.change(within(form).getByLabelText('Nimi'), { target: { value: 'Ulla Uusi' } })
    fireEvent.change(within(form).getByLabelText('Asiointikieli'), { target: { value: 'sv' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna käyttäjä' }))
    const taken = await within(form).findByText('Käyttäjätunnus on jo käytössä. Valitse toinen tunnus.')
    const username = within(form).getByLabelText('Käyttäjätunnus')
    expect(username.getAttribute('aria-describedby')).toBe(taken.id)
    await waitFor(() => expect(document.activeElement).toBe(username))

    fireEvent.change(username, { target: { value: 'ulla.uusi' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna käyttäjä' }))
    expect(await screen.findByRole('heading', { name: 'Käyttäjä Ulla Uusi on lisätty' })).toBeTruthy()
    expect(screen.getByText('k7mq-x2cd-9hrt-wpa4')).toBeTruthy()
    expect(api.calls('POST /api/admin/users')[1]!.body).toEqual({ username: 'ulla.uusi', displayName: 'Ulla Uusi', email: null, language: 'sv' })
    fireEvent.click(screen.getByRole('button', { name: 'Siirry myöntämään käyttöoikeuksia' }))
    await waitFor(() => expect(router.state.location.search).toBe(`?user=${WORKER}`))
    expect(screen.queryByText('k7mq-x2cd-9hrt-wpa4')).toBeNull()
  })

  it('grants and refuses open requests, and offers no grant where a second person must decide', async () => {
    const own = request({ id: '99999999-9999-4999-8999-999999999999', user: { id: WORKER, username: 'aino', displayName: 'Aino Lehtinen' }, requestedBy: { id: MAIN_USER.id, username: 'paakayttaja', displayName: 'Pekka Aaltonen' } })
    const created = request({ id: '99999999-9999-4999-8999-999999999990', user: { id: WORKER, username: 'ville', displayName: 'Ville Varjo' }, accountCreatedBy: MAIN_USER.id })
    let open = [request(), request({ id: '88888888-8888-4888-8888-888888888888', user: { id: WORKER, username: 'talous', displayName: 'Kari Mattila' } }), own, created]
    const api = signedIn(MAIN_USER, {
      [ORG]: () => json(org),
      [OPEN]: () => json({ requests: open }),
      [LIST]: () => json({ users: [], total: 0 }),
      'POST /api/admin/grant-requests/77777777-7777-4777-8777-777777777777/grant': () => {
        open = open.slice(1)
        return json(request({ decision: 'granted' }))
      },
      'POST /api/admin/grant-requests/88888888-8888-4888-8888-888888888888/refuse': () => {
        open = open.filter((r) => r.user.username !== 'talous')
        return json(request({ decision: 'refused' }))
      },
    })
    renderApp('/admin/users')
    expect(await screen.findByText('Teit pyynnön itse: asiakastietoja näkevän oikeuden hyväksyy toinen pääkäyttäjä.')).toBeTruthy()
    expect(screen.getByText('Loit käyttäjätunnuksen itse: asiakastietoja näkevän oikeuden sille hyväksyy toinen pääkäyttäjä.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Myönnä Aino Lehtinen: Sosiaalityöntekijä' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Myönnä Ville Varjo: Sosiaalityöntekijä' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Hylkää Aino Lehtinen: Sosiaalityöntekijä' })).toBeTruthy()
    fireEvent.click(await screen.findByRole('button', { name: 'Myönnä Mikko Salonen: Sosiaalityöntekijä' }))
    expect(await screen.findByText('Pyyntö on myönnetty, ja käyttäjälle Mikko Salonen on lisätty käyttöoikeus.')).toBeTruthy()
    fireEvent.click(await screen.findByRole('button', { name: 'Hylkää Kari Mattila: Sosiaalityöntekijä' }))
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Hylkää Kari Mattila: Sosiaalityöntekijä' })).toBeNull())
    expect(api.calls('POST /api/admin/grant-requests/77777777-7777-4777-8777-777777777777/grant')).toHaveLength(1)
  })

  it('speaks Swedish', async () => {
    signedIn({ ...MAIN_USER, language: 'sv' }, { [ORG]: () => json(org), [DETAIL]: () => json(staffUser({ grants: [grant({ status: 'future', validFrom: '2099-06-01' })] })) })
    renderApp(`/admin/users?user=${WORKER}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Användare och behörigheter' })).toBeTruthy()
    expect(await screen.findByText('Börjar 2099-06-01')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Inaktivera' })).toBeTruthy()
  })
})

describe('Käyttöoikeuspyynnöt for a supervisor', () => {
  const handlers = (extra = {}) => ({
    [ORG]: () => json(org),
    'GET /api/admin/grant-requests/options': () =>
      json({ users: [{ id: WORKER, username: 'sosiaaliohjaaja', displayName: 'Mikko Salonen' }], unitIds: [UNIT_LAPS] }),
    'GET /api/admin/grant-requests?status=all': () => json({ requests: [request({ decision: 'refused', decidedBy: { id: MAIN_USER.id, username: 'paakayttaja', displayName: 'Pekka Aaltonen' } })] }),
    ...extra,
  })

  it('has its own entry in the navigation, and the form offers only the units the supervisor supervises', async () => {
    signedIn(SUPERVISOR, handlers())
    renderApp('/')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    expect(within(nav).queryByRole('link', { name: 'Käyttäjät ja oikeudet' })).toBeNull()
    fireEvent.click(within(nav).getByRole('link', { name: 'Käyttöoikeuspyynnöt' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Käyttöoikeuspyynnöt' })).toBeTruthy()
    const form = await screen.findByRole('region', { name: 'Pyydä käyttöoikeutta' })
    const units = within(within(form).getByLabelText('Yksikkö')).getAllByRole('option').map((o) => o.textContent)
    expect(units).toEqual(['Valitse…', 'Lapsiperheiden palvelut ja lastensuojelu (LAPS)'])
    expect(screen.queryByRole('region', { name: 'Avoimet käyttöoikeuspyynnöt' })).toBeNull()
    const mine = screen.getByRole('region', { name: 'Lähettämäsi pyynnöt' })
    expect(mine.textContent).toContain('Hylätty (Pekka Aaltonen)')
  })

  it('files a request with a justification', async () => {
    const today = todayInHelsinki()
    const api = signedIn(SUPERVISOR, handlers({ 'POST /api/admin/grant-requests': () => json(request(), 201) }))
    renderApp('/admin/grant-requests')
    const form = await screen.findByRole('region', { name: 'Pyydä käyttöoikeutta' })
    fireEvent.click(within(form).getByRole('button', { name: 'Lähetä pyyntö' }))
    expect(within(form).getByText('Valitse työntekijä.')).toBeTruthy()
    expect(within(form).getByText('Kirjoita perustelu (vähintään 10 merkkiä).')).toBeTruthy()
    expect(within(form).getByLabelText(/Perustelu/).getAttribute('aria-describedby')).toMatch(/hint/)

    fireEvent.change(within(form).getByLabelText('Työntekijä'), { target: { value: WORKER } })
    fireEvent.change(within(form).getByLabelText('Rooli'), { target: { value: 'social_worker' } })
    fireEvent.change(within(form).getByLabelText('Yksikkö'), { target: { value: UNIT_LAPS } })
    fireEvent.click(within(form).getByLabelText('Lastensuojelu'))
    fireEvent.change(within(form).getByLabelText(/Perustelu/), { target: { value: 'Kesäsijaisuus lastensuojelussa.' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Lähetä pyyntö' }))
    expect(await screen.findByText('Pyyntö on lähetetty pääkäyttäjälle (työntekijä Mikko Salonen).')).toBeTruthy()
    expect(api.calls('POST /api/admin/grant-requests')[0]!.body).toEqual({
      userId: WORKER,
      roleCode: 'social_worker',
      unitId: UNIT_LAPS,
      serviceTasks: ['child_welfare'],
      validFrom: today,
      validUntil: null,
      justification: 'Kesäsijaisuus lastensuojelussa.',
    })
    await waitFor(() => expect(api.calls('GET /api/admin/grant-requests?status=all').length).toBe(2))
  })
})
