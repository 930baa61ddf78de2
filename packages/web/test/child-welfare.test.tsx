import type { ChildMatter, DeadlineInfo, Notification, NotificationQueue, UnitList } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { todayInHelsinki } from '../src/lib/format'
import { json, mockApi, problem, renderApp, sessionUser, signedIn } from './helpers'

const notSignedIn = () => problem({ title: 'Kirjautuminen vaaditaan', status: 401 })
const PUBLIC_POST = 'POST /api/public/child-welfare/notifications'
const N_ID = 'c1000000-0000-4000-8000-000000000001'
const MATTER_A = 'c2000000-0000-4000-8000-00000000000a'
const MATTER_B = 'c2000000-0000-4000-8000-00000000000b'
const CHILD_A = 'd1000000-0000-4000-8000-00000000000a'
const CHILD_B = 'd1000000-0000-4000-8000-00000000000b'
const LAPS = '7a7a7a7a-1111-4222-8333-944455566601'
const HALL = '7a7a7a7a-1111-4222-8333-944455566602'
const today = todayInHelsinki()
const N_URL = `/api/child-welfare/notifications/${N_ID}`

const WORKER = sessionUser({
  id: 'e1000000-0000-4000-8000-000000000001',
  displayName: 'Aino Lehtinen',
  roles: ['social_worker'],
  actions: ['child-welfare:notifications', 'child-welfare:register', 'child-welfare:handle', 'child-welfare:find-child', 'persons:search', 'vtj:query', 'persons:create', 'deadlines:list'],
})
const SECRETARY = sessionUser({ displayName: 'Tiina Rantala', roles: ['office_secretary'], actions: ['child-welfare:register', 'persons:search'] })

const field = (name: RegExp | string) => screen.getByLabelText(name) as HTMLInputElement
const errorOf = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((e) => e?.classList.contains('field-error'))
    .map((e) => e!.textContent)
    .join(' ')

function deadline(overrides: Partial<DeadlineInfo> = {}): DeadlineInfo {
  return { dueOn: today, state: 'open', metOn: null, standing: 'due_today', workingDaysLeft: 0, ...overrides }
}

function matter(overrides: Partial<ChildMatter> = {}): ChildMatter {
  return {
    id: MATTER_A,
    person: { id: CHILD_A, name: 'Koululainen Eka', birthDate: '2015-05-05' },
    pendingOn: today,
    state: 'pending',
    startDecision: null,
    informed: null,
    startDeadline: deadline({ dueOn: '2099-12-10', standing: 'upcoming', workingDaysLeft: 7 }),
    completeDeadline: null,
    version: 1,
    ...overrides,
  }
}

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: N_ID,
    receipt: 'LS-ABCD-2345',
    kind: 'notification',
    channel: 'eform',
    reporterType: 'school',
    reporterDuty: true,
    reporterName: 'Outi Opettaja',
    reporterOrganisation: 'Demolan koulu',
    reporterPhone: '040 123 4567',
    reporterEmail: null,
    withholdIdentity: true,
    reporterHidden: false,
    receivedAt: '2026-03-02T07:30:00.000Z',
    receivedOn: today,
    unit: { id: LAPS, name: 'Lapsiperheiden palvelut ja lastensuojelu' },
    content: 'Sisarukset ovat tulleet kouluun nälkäisinä.',
    reportedChildren: [
      { name: 'Eka Koululainen', birthDate: '2015-05-05', details: '4. luokka' },
      { name: 'Toka Koululainen', birthDate: null, details: null },
    ],
    family: 'Äiti ja kaksi lasta',
    urgency: null,
    urgencyDeadline: deadline(),
    state: 'open',
    closed: null,
    registeredBy: null,
    matters: [],
    version: 1,
    ...overrides,
  }
}

describe('the public child welfare e-form', () => {
  it('opens without signing in, from the sign-in page, and speaks the language chosen there', async () => {
    mockApi({ 'GET /api/auth/me': notSignedIn })
    const router = renderApp('/login')
    fireEvent.click(await screen.findByRole('link', { name: 'Tee lastensuojeluilmoitus' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Lastensuojeluilmoitus' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/lastensuojeluilmoitus')
    expect(screen.queryByRole('navigation', { name: 'Päävalikko' })).toBeNull()
    await waitFor(() => expect(document.title).toBe('Lastensuojeluilmoitus – Huoma'))
    fireEvent.change(screen.getByLabelText('Kieli'), { target: { value: 'sv' } })
    expect(await screen.findByRole('heading', { level: 1, name: 'Barnskyddsanmälan' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Skicka anmälan' })).toBeTruthy()
  })

  it('holds an official reporter to their name, organisation and phone, marked required, and then shows the receipt', async () => {
    const api = mockApi({
      'GET /api/auth/me': notSignedIn,
      [PUBLIC_POST]: () => json({ receipt: 'LS-7KQM-4XPR', receivedAt: '2026-03-02T07:30:00.000Z', unitName: 'Lapsiperheiden palvelut ja lastensuojelu' }, 201),
    })
    renderApp('/lastensuojeluilmoitus')
    await screen.findByRole('heading', { level: 1, name: 'Lastensuojeluilmoitus' })
    // a private person's contact is optional
    fireEvent.change(screen.getByLabelText('Kuka ilmoittaa'), { target: { value: 'private_person' } })
    expect(field('Nimi')).toBeTruthy()
    expect(screen.queryByLabelText('Nimi (pakollinen)')).toBeNull()
    // a school must identify itself
    fireEvent.change(screen.getByLabelText('Kuka ilmoittaa'), { target: { value: 'school' } })
    expect(screen.getByText(/Viranomaisen ja ilmoitusvelvollisen on kerrottava nimensä/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä ilmoitus' }))

    const name = field('Nimi (pakollinen)')
    expect(name.getAttribute('aria-invalid')).toBe('true')
    expect(errorOf(name)).toBe('Anna nimesi.')
    expect(errorOf(field('Organisaatio tai toimipaikka (pakollinen)'))).toBe('Anna organisaatio tai toimipaikka.')
    expect(errorOf(field('Puhelinnumero (pakollinen)'))).toBe('Anna puhelinnumero.')
    expect(errorOf(field('Lapsen nimi (pakollinen)'))).toBe('Anna lapsen nimi, tai poista lapsi lomakkeelta.')
    expect(errorOf(field('Mistä olet huolissasi? (pakollinen)'))).toBe('Kerro, mistä olet huolissasi.')
    expect(field('Sähköposti').hasAttribute('aria-invalid')).toBe(false)
    expect(document.activeElement).toBe(name)
    expect(screen.getByRole('alert').textContent).toContain('Lomakkeessa on korjattavaa')
    expect(api.calls(PUBLIC_POST)).toHaveLength(0)

    fireEvent.change(name, { target: { value: 'Outi Opettaja' } })
    fireEvent.change(field('Organisaatio tai toimipaikka (pakollinen)'), { target: { value: 'Demolan koulu' } })
    fireEvent.change(field('Puhelinnumero (pakollinen)'), { target: { value: '040 123 4567' } })
    fireEvent.change(field('Lapsen nimi (pakollinen)'), { target: { value: 'Eka Koululainen' } })
    fireEvent.change(field('Syntymäaika, jos tiedossa'), { target: { value: '2015-05-05' } })
    // a second child, then a third removed again
    fireEvent.click(screen.getByRole('button', { name: 'Lisää lapsi' }))
    const second = within(screen.getByRole('group', { name: 'Lapsi 2' }))
    await waitFor(() => expect(document.activeElement).toBe(second.getByLabelText('Lapsen nimi (pakollinen)')))
    fireEvent.change(second.getByLabelText('Lapsen nimi (pakollinen)'), { target: { value: 'Toka Koululainen' } })
    fireEvent.change(second.getByLabelText('Lisätiedot (ikä, koulu tai päiväkoti, osoite)'), { target: { value: 'n. 8 v' } })
    fireEvent.click(screen.getByRole('button', { name: 'Lisää lapsi' }))
    fireEvent.click(screen.getByRole('button', { name: 'Poista lapsi 3' }))
    expect(screen.queryByRole('group', { name: 'Lapsi 3' })).toBeNull()

    // the concern is counted, never cut: a text over the limit is refused with a message
    const content = field('Mistä olet huolissasi? (pakollinen)')
    fireEvent.change(content, { target: { value: 'x'.repeat(20_005) } })
    expect(screen.getByText('Teksti on 5 merkkiä liian pitkä (enintään 20 000)')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä ilmoitus' }))
    expect(errorOf(content)).toContain('Teksti on 5 merkkiä liian pitkä')
    expect(api.calls(PUBLIC_POST)).toHaveLength(0)
    fireEvent.change(content, { target: { value: 'Sisarukset tulevat kouluun nälkäisinä.' } })
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pyydän, ettei henkilöllisyyttäni kerrota lapsen perheelle' }))
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä ilmoitus' }))

    const number = await screen.findByTestId('cw-receipt')
    expect(number.textContent).toBe('LS-7KQM-4XPR')
    expect(screen.getByRole('heading', { level: 1, name: 'Ilmoitus on vastaanotettu' })).toBeTruthy()
    expect(screen.getByText('Vastaanotettu 2.3.2026 klo 9.30. Käsittelijä: Lapsiperheiden palvelut ja lastensuojelu.')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Mitä seuraavaksi tapahtuu?' })).toBeTruthy()
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Vastaanottonumero' })))
    expect(api.calls(PUBLIC_POST)[0]!.body).toEqual({
      kind: 'notification',
      reporterType: 'school',
      reporterName: 'Outi Opettaja',
      reporterOrganisation: 'Demolan koulu',
      reporterPhone: '040 123 4567',
      reporterEmail: null,
      children: [
        { name: 'Eka Koululainen', birthDate: '2015-05-05', details: null },
        { name: 'Toka Koululainen', birthDate: null, details: 'n. 8 v' },
      ],
      content: 'Sisarukset tulevat kouluun nälkäisinä.',
      family: null,
      withholdIdentity: true,
    })
  })

  it('lets a private person stay anonymous, says so when the address has sent too many, and keeps what was typed', async () => {
    const api = mockApi({ 'GET /api/auth/me': notSignedIn, [PUBLIC_POST]: () => problem({ title: 'Too Many Requests', status: 429 }) })
    renderApp('/lastensuojeluilmoitus')
    await screen.findByRole('heading', { level: 1, name: 'Lastensuojeluilmoitus' })
    fireEvent.click(screen.getByRole('radio', { name: 'Ennakollinen lastensuojeluilmoitus' }))
    fireEvent.change(screen.getByLabelText('Kuka ilmoittaa'), { target: { value: 'anonymous' } })
    expect(screen.queryByLabelText('Nimi')).toBeNull()
    expect(screen.getByText(/Nimetöntä ilmoittajaa ei voida tavoittaa/)).toBeTruthy()
    fireEvent.change(field('Lapsen nimi (pakollinen)'), { target: { value: 'Syntymätön lapsi' } })
    fireEvent.change(field('Mistä olet huolissasi? (pakollinen)'), { target: { value: 'Odottava äiti on uupunut.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä ilmoitus' }))
    const alert = await within(screen.getByRole('alert')).findByText('Liian monta ilmoitusta lyhyessä ajassa')
    expect(alert).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('kirjoittamasi tiedot ovat yhä lomakkeella')
    expect(field('Mistä olet huolissasi? (pakollinen)').value).toBe('Odottava äiti on uupunut.')
    expect(api.calls(PUBLIC_POST)[0]!.body).toMatchObject({ kind: 'anticipatory', reporterType: 'anonymous', reporterName: null, reporterPhone: null })
    expect(api.calls(PUBLIC_POST)[0]!.body).not.toHaveProperty('withholdIdentity')
  })
})

describe('the intake queue', () => {
  it('lists the notifications with urgency, children and the next deadline, pages and filters by state', async () => {
    const item = (n: number, over: Partial<NotificationQueue['items'][number]> = {}): NotificationQueue['items'][number] => ({
      id: `c1000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
      receipt: `LS-AAAA-00${n}`,
      kind: 'notification',
      channel: 'eform',
      reporterType: 'school',
      receivedAt: '2026-03-02T07:30:00.000Z',
      unitName: 'Lapsiperheiden palvelut ja lastensuojelu',
      children: [{ name: 'Eka Koululainen', identified: false }],
      urgency: null,
      state: 'open',
      nextDeadline: { kind: 'child_welfare.urgency', dueOn: '2026-03-02', standing: 'overdue', workingDaysLeft: -2 },
      ...over,
    })
    const page1: NotificationQueue = {
      today: '2026-03-04',
      items: [item(1), item(2, { urgency: 'urgent', children: [{ name: 'Koululainen Toka', identified: true }], nextDeadline: { kind: 'child_welfare.assessment_start', dueOn: '2026-03-11', standing: 'upcoming', workingDaysLeft: 5 } })],
      total: 52,
      unassessed: 1,
      overdue: 1,
    }
    const api = signedIn(WORKER, {
      'GET /api/child-welfare/notifications?state=open&limit=50': () => json(page1),
      'GET /api/child-welfare/notifications?state=open&limit=50&offset=50': () => json({ ...page1, items: [item(3, { nextDeadline: null, urgency: 'not_urgent' })] }),
      'GET /api/child-welfare/notifications?state=closed&limit=50': () => json({ ...page1, items: [], total: 0 }),
    })
    renderApp('/')
    fireEvent.click(within(await screen.findByRole('navigation', { name: 'Päävalikko' })).getByRole('link', { name: 'Lastensuojeluilmoitukset' }))
    const table = await screen.findByRole('table', { name: 'Lastensuojeluilmoitukset' })
    const [header, first, second] = within(table).getAllByRole('row')
    expect(within(header!).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Numero', 'Saapunut', 'Laji', 'Ilmoittaja', 'Lapset', 'Kiireellisyys', 'Seuraava määräaika'])
    expect(within(first!).getByRole('link', { name: 'LS-AAAA-001' }).getAttribute('href')).toBe('/child-welfare/notifications/c1000000-0000-4000-8000-000000000001')
    expect(within(first!).getByText('2.3.2026 klo 9.30')).toBeTruthy()
    expect(within(first!).getByText('Koulu tai oppilaitos')).toBeTruthy()
    expect(first!.textContent).toContain('Eka Koululainen (tunnistamatta)')
    expect(within(first!).getByText('Arvioimatta')).toBeTruthy()
    expect(within(first!).getByText('Kiireellisyyden arviointi')).toBeTruthy()
    expect(within(first!).getByText('Myöhässä')).toBeTruthy()
    expect(within(first!).getByText('2 arkipäivää myöhässä')).toBeTruthy()
    expect(within(second!).getByText('Kiireellinen')).toBeTruthy()
    expect(second!.textContent).not.toContain('tunnistamatta')
    expect(within(second!).getByText('Päätös arvioinnin aloittamisesta')).toBeTruthy()
    expect(within(second!).getByText('5 arkipäivää jäljellä')).toBeTruthy()
    expect(screen.getByText(/52 ilmoitusta. Avoimista 1 on arvioimatta ja 1 myöhässä. Näytetään 1–2 \/ 52./)).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Kirjaa ilmoitus' }).getAttribute('href')).toBe('/child-welfare/notifications/new')

    fireEvent.click(screen.getByRole('button', { name: 'Seuraavat' }))
    expect(await screen.findByText('Ei avoimia määräaikoja')).toBeTruthy()
    expect(screen.getByText('Ei kiireellinen')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Suljetut' }))
    expect(await screen.findByText('Suljettuja ilmoituksia ei ole.')).toBeTruthy()
    expect(api.calls('GET /api/child-welfare/notifications?state=open&limit=50&offset=50')).toHaveLength(1)
  })
})

describe('a notification', () => {
  it('shows the reporter and the concern, and takes the urgency assessed at once', async () => {
    const assessed = notification({
      urgency: { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa.', assessedBy: 'Aino Lehtinen', assessedAt: '2026-03-02T08:00:00.000Z' },
      urgencyDeadline: deadline({ state: 'met', metOn: today, standing: 'met_on_time' }),
      version: 2,
    })
    const api = signedIn(WORKER, { [`GET ${N_URL}`]: () => json(notification()), [`POST ${N_URL}/urgency`]: () => json(assessed) })
    renderApp(`/child-welfare/notifications/${N_ID}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Lastensuojeluilmoitus LS-ABCD-2345' })).toBeTruthy()
    expect(screen.getByText('Ilmoitusvelvollinen (lastensuojelulaki 25 §)')).toBeTruthy()
    expect(screen.getByText('Ilmoittaja on pyytänyt, ettei hänen henkilöllisyyttään kerrota perheelle.')).toBeTruthy()
    expect(screen.getByText('Tuli sähköisellä lomakkeella')).toBeTruthy()
    expect(screen.getByText('Sisarukset ovat tulleet kouluun nälkäisinä.')).toBeTruthy()
    expect(screen.getByText('Yhtään lasta ei ole vielä tunnistettu.')).toBeTruthy()
    expect(screen.getByText(/Kiireellisyys on arvioitava heti, viimeistään/)).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Tallenna arvio' }))
    expect(screen.getByText('Valitse, onko tilanne kiireellinen.')).toBeTruthy()
    expect(errorOf(field('Perustelut'))).toBe('Kirjoita perustelut (vähintään 10 merkkiä).')
    expect(api.calls(`POST ${N_URL}/urgency`)).toHaveLength(0)
    fireEvent.click(screen.getByRole('radio', { name: 'Ei kiireellinen' }))
    fireEvent.change(field('Perustelut'), { target: { value: 'Ei välitöntä vaaraa.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna arvio' }))
    expect(await screen.findByText('Kiireellisyyden arvio tallennettiin.')).toBeTruthy()
    expect(screen.getByText(/Arvioinut Aino Lehtinen 2.3.2026 klo 10.00/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Tallenna arvio' })).toBeNull()
    expect(api.calls(`POST ${N_URL}/urgency`)[0]!.body).toEqual({ urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa.', version: 1 })
  })

  it('finds minors of the registry by name on the notification\'s basis, and identifies a child from the population register by henkilötunnus', async () => {
    const base = notification({ urgency: { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa.', assessedBy: 'Aino Lehtinen', assessedAt: '2026-03-02T08:00:00.000Z' }, version: 2 })
    const api = signedIn(WORKER, {
      [`GET ${N_URL}`]: () => json(base),
      [`POST ${N_URL}/child-search`]: () => json({ persons: [{ id: CHILD_B, hetu: null, temporaryId: null, firstNames: 'Toka', lastName: 'Koululainen', birthDate: '2017-07-07', deathDate: null, turvakielto: false }], hiddenMatches: 0 }),
      'POST /api/vtj/query': () =>
        json({
          status: 'found',
          existingPersonId: CHILD_A,
          person: {
            hetu: '050515A9012',
            firstNames: 'Eka',
            lastName: 'Koululainen',
            birthDate: '2015-05-05',
            sex: null,
            deathDate: null,
            nativeLanguage: 'fi',
            turvakielto: false,
            addresses: [],
            guardians: [{ hetu: '010180-9012', name: 'Äiti Koululainen' }],
            children: [],
          },
        }),
      [`POST ${N_URL}/children`]: () => json({ ...base, matters: [matter()], version: 3 }),
    })
    renderApp(`/child-welfare/notifications/${N_ID}`)
    await screen.findByRole('heading', { level: 3, name: 'Tunnista lapsi' })
    fireEvent.change(screen.getByRole('searchbox', { name: 'Hae asiakasrekisteristä nimellä' }), { target: { value: 'Koululainen' } })
    expect(await screen.findByRole('button', { name: 'Liitä Koululainen Toka ilmoitukseen' })).toBeTruthy()
    expect(api.calls(`POST ${N_URL}/child-search`)[0]!.body).toEqual({ name: 'Koululainen' })

    fireEvent.change(field('Henkilötunnus'), { target: { value: '050515a9012' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    expect(await screen.findByText('Äiti Koululainen')).toBeTruthy()
    expect(api.calls('POST /api/vtj/query')[0]!.body).toEqual({ hetu: '050515A9012', purpose: 'Lastensuojeluilmoituksen lapsen tunnistaminen' })
    fireEvent.click(screen.getByRole('button', { name: 'Liitä Koululainen Eka ilmoitukseen' }))
    expect(await screen.findByText('Koululainen Eka liitettiin ilmoitukseen.')).toBeTruthy()
    expect(api.calls(`POST ${N_URL}/children`)[0]!.body).toEqual({ personId: CHILD_A, version: 2 })
    const card = screen.getByRole('article', { name: /Koululainen Eka/ })
    expect(within(card).getByText(/Päätös arvioinnin aloittamisesta:/)).toBeTruthy()
    expect(within(card).getByText('7 arkipäivää jäljellä')).toBeTruthy()
  })

  it('decides on starting the assessment per child: the server refuses a responsible worker at the field, and a stale version is a conflict to reload', async () => {
    let reads = 0
    const assessed = { urgency: 'not_urgent' as const, reason: 'Ei välitöntä vaaraa.', assessedBy: 'Aino Lehtinen', assessedAt: '2026-03-02T08:00:00.000Z' }
    const two = notification({ urgency: assessed, version: 4, matters: [matter(), matter({ id: MATTER_B, person: { id: CHILD_B, name: 'Koululainen Toka', birthDate: '2017-07-07' } })] })
    let decisions = 0
    const api = signedIn(WORKER, {
      [`GET ${N_URL}`]: () => {
        reads++
        return json(two)
      },
      [`POST ${N_URL}/matters/${MATTER_A}/start-decision`]: () =>
        ++decisions === 1
          ? problem({
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [{ field: 'responsibleUserId', code: 'cw.start.responsible', message: 'Vastuutyöntekijän pitää olla laillistettu sosiaalityöntekijä.' }],
            })
          : problem({ title: 'Tieto on muuttunut', status: 409 }),
    })
    renderApp(`/child-welfare/notifications/${N_ID}`)
    const first = within(await screen.findByRole('article', { name: /Koululainen Eka/ }))
    const form = within(first.getByRole('form', { name: /Päätös palvelutarpeen arvioinnin aloittamisesta: Koululainen Eka/ }))
    fireEvent.click(form.getByRole('radio', { name: 'Aloitetaan palvelutarpeen arviointi' }))
    const responsible = form.getByLabelText('Vastuusosiaalityöntekijä') as HTMLSelectElement
    expect(responsible.value).toBe(WORKER.id)
    expect(within(responsible).getByRole('option').textContent).toBe('Aino Lehtinen (sinä)')
    expect((form.getByLabelText('Päätöspäivä') as HTMLInputElement).value).toBe(today)
    fireEvent.change(form.getByLabelText('Perustelut'), { target: { value: 'Koulun huoli on vakava.' } })
    fireEvent.click(form.getByRole('button', { name: 'Tallenna päätös' }))
    await waitFor(() => expect(errorOf(responsible)).toBe('Vastuutyöntekijän pitää olla laillistettu sosiaalityöntekijä.'))
    expect(document.activeElement).toBe(responsible)
    expect(api.calls(`POST ${N_URL}/matters/${MATTER_A}/start-decision`)[0]!.body).toEqual({
      decision: 'start',
      decidedOn: today,
      reasons: 'Koulun huoli on vakava.',
      responsibleUserId: WORKER.id,
      version: 1,
    })

    fireEvent.click(form.getByRole('button', { name: 'Tallenna päätös' }))
    const conflict = await first.findByText(/Joku muu on muuttanut ilmoitusta sillä välin/)
    fireEvent.click(within(conflict.closest('.alert')! as HTMLElement).getByRole('button', { name: 'Lataa ilmoitus uudelleen' }))
    await waitFor(() => expect(reads).toBe(2))
  })

  it('shows a handled notification as it was closed, with no forms', async () => {
    const closed = notification({
      state: 'closed',
      closed: { on: today, reason: 'Käsitelty: arviointi aloitettu.' },
      urgency: { urgency: 'urgent', reason: 'Lapsi yksin kotona.', assessedBy: 'Aino Lehtinen', assessedAt: '2026-03-02T08:00:00.000Z' },
      matters: [
        matter({
          state: 'assessment',
          startDecision: { decision: 'start', decidedOn: today, reasons: 'Koulun huoli on vakava.', decidedBy: 'Aino Lehtinen', responsibleName: 'Aino Lehtinen' },
          informed: { informedOn: today, method: 'letter', note: null },
          startDeadline: deadline({ state: 'met', metOn: today, standing: 'met_on_time' }),
          completeDeadline: deadline({ dueOn: '2099-06-02', standing: 'upcoming', workingDaysLeft: 60 }),
        }),
      ],
    })
    signedIn(WORKER, { [`GET ${N_URL}`]: () => json(closed) })
    renderApp(`/child-welfare/notifications/${N_ID}`)
    expect(await screen.findByText('Käsitelty: arviointi aloitettu.')).toBeTruthy()
    expect(screen.getByText(/^Suljettu /)).toBeTruthy()
    const card = within(screen.getByRole('article', { name: /Koululainen Eka/ }))
    expect(card.getByText('Palvelutarpeen arviointi valmis:')).toBeTruthy()
    expect(card.getByText('Ajallaan')).toBeTruthy()
    expect(card.getByText(/Vastuusosiaalityöntekijä: Aino Lehtinen/)).toBeTruthy()
    expect(card.getByText(/Tiedotettu .*: Kirje\./)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Tallenna päätös' })).toBeNull()
    expect(screen.queryByRole('heading', { name: 'Tunnista lapsi' })).toBeNull()
    expect(screen.queryByRole('heading', { name: 'Ilmoituksen sulkeminen' })).toBeNull()
  })

  it('closes a notification on a reason after a confirmation', async () => {
    const decided = notification({
      urgency: { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa.', assessedBy: 'Aino Lehtinen', assessedAt: '2026-03-02T08:00:00.000Z' },
      version: 5,
    })
    const api = signedIn(WORKER, {
      [`GET ${N_URL}`]: () => json(decided),
      [`POST ${N_URL}/close`]: () => json({ ...decided, state: 'closed', closed: { on: today, reason: 'Lasta ei löytynyt rekisteristä.' }, version: 6 }),
    })
    renderApp(`/child-welfare/notifications/${N_ID}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Sulje ilmoitus' }))
    expect(errorOf(field('Sulkemisen syy'))).toBe('Kirjoita sulkemisen syy (vähintään 10 merkkiä).')
    fireEvent.change(field('Sulkemisen syy'), { target: { value: 'Lasta ei löytynyt rekisteristä.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sulje ilmoitus' }))
    const confirm = within(await screen.findByRole('group', { name: 'Suljetaanko ilmoitus LS-ABCD-2345?' }))
    expect(api.calls(`POST ${N_URL}/close`)).toHaveLength(0)
    fireEvent.click(confirm.getByRole('button', { name: 'Kyllä, sulje ilmoitus' }))
    expect(await screen.findByText('Ilmoitus suljettiin. Se säilyy ilmoitusrekisterissä.')).toBeTruthy()
    expect(api.calls(`POST ${N_URL}/close`)[0]!.body).toEqual({ reason: 'Lasta ei löytynyt rekisteristä.', version: 5 })
  })
})

describe('registering a notification received by phone', () => {
  it('lets the office secretary register into any unit and shows the receipt', async () => {
    const units: UnitList = {
      units: [
        { id: LAPS, code: 'LAPS', name: 'Lapsiperheiden palvelut ja lastensuojelu', mine: false, myServiceTasks: [] },
        { id: HALL, code: 'HALL', name: 'Hallinto ja talous', mine: true, myServiceTasks: ['child_welfare'] },
      ],
    }
    const made = notification({ channel: 'phone', registeredBy: 'Tiina Rantala', receipt: 'LS-PHON-2345' })
    const api = signedIn(SECRETARY, { 'GET /api/units': () => json(units), 'POST /api/child-welfare/notifications': () => json(made, 201) })
    renderApp('/')
    fireEvent.click(within(await screen.findByRole('navigation', { name: 'Päävalikko' })).getByRole('link', { name: 'Kirjaa lastensuojeluilmoitus' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaa lastensuojeluilmoitus' })).toBeTruthy()
    await waitFor(() => expect(within(screen.getByLabelText('Yksikkö')).getAllByRole('option')).toHaveLength(3))
    fireEvent.change(screen.getByLabelText('Yksikkö'), { target: { value: LAPS } })
    fireEvent.change(field('Saapumisaika'), { target: { value: '2026-03-02T09:30' } })
    fireEvent.change(screen.getByLabelText('Kuka ilmoittaa'), { target: { value: 'police' } })
    expect((screen.getByRole('checkbox', { name: /Ilmoittaja on ilmoitusvelvollinen/ }) as HTMLInputElement).checked).toBe(true)
    fireEvent.change(field('Nimi (pakollinen)'), { target: { value: 'Konstaapeli Laine' } })
    fireEvent.change(field('Organisaatio tai toimipaikka (pakollinen)'), { target: { value: 'Demolan poliisilaitos' } })
    fireEvent.change(field('Puhelinnumero (pakollinen)'), { target: { value: '0295 000 000' } })
    fireEvent.change(field('Lapsen nimi (pakollinen)'), { target: { value: 'Eka Koululainen' } })
    fireEvent.change(field('Ilmoituksen sisältö (pakollinen)'), { target: { value: 'Kotihälytys yöllä.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa ilmoitus' }))
    expect(await screen.findByRole('heading', { name: 'Ilmoitus LS-PHON-2345 on kirjattu' })).toBeTruthy()
    expect(api.calls('POST /api/child-welfare/notifications')[0]!.body).toMatchObject({
      kind: 'notification',
      channel: 'phone',
      receivedAt: '2026-03-02T09:30',
      unitId: LAPS,
      reporterType: 'police',
      reporterDuty: true,
      content: 'Kotihälytys yöllä.',
    })
  })
})
