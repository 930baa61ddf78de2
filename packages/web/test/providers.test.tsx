import type { Provider, ProviderHistory } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { groupedIban } from '../src/features/providers/format'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

/** A whole list as one page of the register's paged answer. */
const page = (providers: Provider[]) => ({ providers, offset: 0, limit: 200, total: providers.length })

const FINANCE = sessionUser({ displayName: 'Kari Mattila', roles: ['finance'], actions: ['payments:batches', 'providers:read', 'providers:write'] })
const WORKER = sessionUser({ actions: ['persons:search', 'providers:read'] })
const PHARMACY_ID = 'a1000000-0000-4000-8000-000000000001'
const FUNERAL_ID = 'a1000000-0000-4000-8000-000000000002'
const NEW_ID = 'a1000000-0000-4000-8000-000000000009'

function provider(overrides: Partial<Provider> = {}): Provider {
  return {
    id: PHARMACY_ID,
    number: 1,
    name: 'Demolan Keskusapteekki',
    businessId: '2734561-5',
    iban: 'FI6510183000123457',
    bic: 'NDEAFIHH',
    street: 'Kauppakatu 4',
    postalCode: '99990',
    postOffice: 'DEMOLA',
    email: null,
    phone: '040 123 4567',
    serviceTypes: ['pharmacy'],
    validFrom: '2026-01-01',
    validUntil: null,
    active: true,
    version: 1,
    ...overrides,
  }
}

const funeral = provider({
  id: FUNERAL_ID,
  number: 2,
  name: 'Hautaustoimisto Rauha Oy',
  businessId: '3012458-1',
  iban: 'FI7157890050123450',
  bic: 'OKOYFIHH',
  serviceTypes: ['funeral', 'other'],
  validUntil: '2026-06-30',
})

const ended = provider({ id: 'a1000000-0000-4000-8000-000000000003', number: 3, name: 'Vanha Vuokra Oy', businessId: null, iban: null, serviceTypes: ['landlord'], validFrom: '2020-01-01', validUntil: '2024-12-31', active: false })

const history = (p: Provider, changes: ProviderHistory['changes']): ProviderHistory => ({ provider: p, changes })

describe('Palveluntuottajat', () => {
  it('groups an account in fours, a foreign one too', () => {
    expect(groupedIban('FI6510183000123457')).toBe('FI65 1018 3000 1234 57')
    expect(groupedIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00')
  })

  it('lists the register for a case worker, searching by name or Y-tunnus as one types, by service and with the ended ones', async () => {
    const api = signedIn(WORKER, {
      'GET /api/providers': () => json(page([provider(), funeral])),
      'GET /api/providers?q=apteek': () => json(page([provider()])),
      'GET /api/providers?q=apteek&serviceType=funeral': () => json(page([])),
      'GET /api/providers?serviceType=funeral': () => json(page([funeral])),
      'GET /api/providers?serviceType=funeral&all=true': () => json(page([funeral, { ...ended, serviceTypes: ['funeral'] }])),
    })
    renderApp('/')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    fireEvent.click(within(nav).getByRole('link', { name: 'Palveluntuottajat' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Palveluntuottajat' })).toBeTruthy()
    // the register is finance's to keep: a case worker only reads it
    expect(screen.queryByRole('link', { name: 'Lisää palveluntuottaja' })).toBeNull()

    const table = await screen.findByRole('table', { name: 'Palveluntuottajat' })
    const [header, pharmacyRow, funeralRow] = within(table).getAllByRole('row')
    expect(within(header!).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Nimi', 'Y-tunnus', 'Tilinumero', 'Palvelut', 'Voimassaolo', 'Tila'])
    expect(within(pharmacyRow!).getByRole('rowheader').textContent).toBe('Demolan Keskusapteekki')
    expect(within(pharmacyRow!).getByRole('link', { name: 'Demolan Keskusapteekki' }).getAttribute('href')).toBe(`/providers/${PHARMACY_ID}`)
    expect(pharmacyRow!.textContent).toContain('2734561-5')
    expect(within(pharmacyRow!).getByText('FI65 1018 3000 1234 57')).toBeTruthy()
    expect(within(pharmacyRow!).getByText('Apteekki')).toBeTruthy()
    expect(within(pharmacyRow!).getByText('1.1.2026 alkaen')).toBeTruthy()
    expect(within(pharmacyRow!).getByText('Voimassa')).toBeTruthy()
    expect(within(funeralRow!).getByText('Hautauspalvelu, Muu palvelu')).toBeTruthy()
    expect(within(funeralRow!).getByText('1.1.2026–30.6.2026')).toBeTruthy()
    expect(screen.getByText('Löytyi 2 palveluntuottajaa.')).toBeTruthy()

    // typing searches once the typing pauses: one request for the whole word
    const search = screen.getByLabelText('Hae nimellä tai Y-tunnuksella')
    fireEvent.change(search, { target: { value: 'apt' } })
    fireEvent.change(search, { target: { value: 'apteek' } })
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Palveluntuottajat' })).getAllByRole('row')).toHaveLength(2))
    expect(api.calls('GET /api/providers?q=apt')).toHaveLength(0)
    expect(api.calls('GET /api/providers?q=apteek')).toHaveLength(1)
    expect(screen.getByText('Löytyi 1 palveluntuottaja.')).toBeTruthy()

    // the service type narrows it; nothing found is said so
    fireEvent.change(screen.getByLabelText('Palvelu'), { target: { value: 'funeral' } })
    expect(await screen.findByText('Hakuehdoilla ei löytynyt palveluntuottajia.')).toBeTruthy()
    fireEvent.change(search, { target: { value: '' } })
    expect(await screen.findByRole('link', { name: 'Hautaustoimisto Rauha Oy' })).toBeTruthy()
    expect(screen.queryByRole('link', { name: 'Demolan Keskusapteekki' })).toBeNull()

    // the ended ones only when asked for, marked as not valid
    expect(screen.queryByText('Vanha Vuokra Oy')).toBeNull()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Näytä myös ne, joiden voimassaolo on päättynyt' }))
    const endedRow = (await screen.findByRole('link', { name: 'Vanha Vuokra Oy' })).closest('tr')!
    expect(within(endedRow).getByText('Ei voimassa')).toBeTruthy()
    expect(within(endedRow).getByText('1.1.2020–31.12.2024')).toBeTruthy()
    expect(api.calls('GET /api/providers?serviceType=funeral&all=true')).toHaveLength(1)
  })

  it('speaks Swedish to a Swedish-speaking user', async () => {
    signedIn({ ...FINANCE, language: 'sv' }, { 'GET /api/providers': () => json(page([provider(), ended])) })
    renderApp('/providers')
    expect(await screen.findByRole('heading', { level: 1, name: 'Tjänsteproducenter' })).toBeTruthy()
    const table = await screen.findByRole('table', { name: 'Tjänsteproducenter' })
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Namn', 'FO-nummer', 'Kontonummer', 'Tjänster', 'Giltighet', 'Status'])
    expect(within(table).getByText('Apotek')).toBeTruthy()
    expect(within(table).getByText('från 1.1.2026')).toBeTruthy()
    expect(within(table).getByText('Inte giltig')).toBeTruthy()
    expect(screen.getByLabelText('Sök med namn eller FO-nummer')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Lägg till tjänsteproducent' })).toBeTruthy()
  })

  it('is not in the menu of a user without providers:read', async () => {
    signedIn(sessionUser({ actions: ['persons:search'] }))
    renderApp('/providers')
    expect(await screen.findByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeTruthy()
    expect(within(screen.getByRole('navigation', { name: 'Päävalikko' })).queryByRole('link', { name: 'Palveluntuottajat' })).toBeNull()
  })

  it('adds a provider: the server\'s field message stands at its field, then the provider opens with its history', async () => {
    let attempts = 0
    const made = provider({ id: NEW_ID, number: 6, name: 'Kuljetus Testinen Oy', businessId: '0112038-9', iban: 'FI2112345600000785', street: 'Tehdaskatu 1', phone: null, serviceTypes: ['other', 'home_care'] })
    const api = signedIn(FINANCE, {
      'GET /api/providers': () => json(page([provider()])),
      'POST /api/providers': () =>
        ++attempts === 1
          ? problem({
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [{ field: 'businessId', code: 'provider.businessId', message: 'Y-tunnus ei kelpaa (muoto 1234567-8, tarkiste).' }],
            })
          : json(made, 201),
      [`GET /api/providers/${NEW_ID}`]: () => json(history(made, [{ version: 1, changedAt: '2026-03-02T08:05:00.000Z', changedBy: 'Kari Mattila', snapshot: {} }])),
    })
    renderApp('/providers')
    fireEvent.click(await screen.findByRole('link', { name: 'Lisää palveluntuottaja' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Uusi palveluntuottaja' })).toBeTruthy()

    // what the form can see itself: the name and a service
    fireEvent.click(screen.getByRole('button', { name: 'Lisää rekisteriin' }))
    expect(await screen.findByText('Anna nimi (vähintään 2 merkkiä).')).toBeTruthy()
    expect(screen.getByText('Valitse vähintään yksi palvelu.')).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByLabelText('Nimi'))
    expect(api.calls('POST /api/providers')).toHaveLength(0)

    fireEvent.change(screen.getByLabelText('Nimi'), { target: { value: ' Kuljetus Testinen Oy ' } })
    fireEvent.change(screen.getByLabelText('Y-tunnus'), { target: { value: '0112038-8' } })
    fireEvent.change(screen.getByLabelText('Tilinumero (IBAN)'), { target: { value: 'FI21 1234 5600 0007 85' } })
    fireEvent.change(screen.getByLabelText('Katuosoite'), { target: { value: 'Tehdaskatu 1' } })
    fireEvent.change(screen.getByLabelText('Postinumero'), { target: { value: '99990' } })
    fireEvent.change(screen.getByLabelText('Postitoimipaikka'), { target: { value: 'DEMOLA' } })
    fireEvent.click(screen.getByRole('checkbox', { name: 'Kotihoito' }))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Muu palvelu' }))
    fireEvent.change(screen.getByLabelText('Voimassa alkaen'), { target: { value: '2026-01-01' } })
    fireEvent.click(screen.getByRole('button', { name: 'Lisää rekisteriin' }))

    // the check digit is the server's: its message beside the field, the field invalid and focused
    const businessId = screen.getByLabelText('Y-tunnus')
    await waitFor(() => expect(businessId.getAttribute('aria-invalid')).toBe('true'))
    const message = screen.getByText('Y-tunnus ei kelpaa (muoto 1234567-8, tarkiste).')
    expect(businessId.getAttribute('aria-describedby')?.split(' ')).toContain(message.id)
    expect(message.closest('.field')).toBe(businessId.closest('.field'))
    expect(document.activeElement).toBe(businessId)
    expect(screen.queryByText('Valitse vähintään yksi palvelu.')).toBeNull()
    expect(api.calls('POST /api/providers')[0]!.body).toEqual({
      name: 'Kuljetus Testinen Oy',
      businessId: '0112038-8',
      iban: 'FI21 1234 5600 0007 85',
      bic: null,
      street: 'Tehdaskatu 1',
      postalCode: '99990',
      postOffice: 'DEMOLA',
      email: null,
      phone: null,
      serviceTypes: ['home_care', 'other'],
      validFrom: '2026-01-01',
      validUntil: null,
    })

    fireEvent.change(businessId, { target: { value: '0112038-9' } })
    fireEvent.click(screen.getByRole('button', { name: 'Lisää rekisteriin' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Kuljetus Testinen Oy' })).toBeTruthy()
    expect(screen.getByText('Palveluntuottaja Kuljetus Testinen Oy lisättiin rekisteriin.')).toBeTruthy()
    expect(api.calls('POST /api/providers')[1]!.body).toMatchObject({ businessId: '0112038-9' })
    expect(screen.getByText('FI21 1234 5600 0007 85')).toBeTruthy()
    const changes = screen.getByRole('table', { name: 'Versiot, uusin ensin' })
    expect(within(changes).getAllByRole('row')[1]!.textContent).toBe('1Kari Mattila2.3.2026 klo 10.05')
  })

  it('changes a provider at the version shown; a change saved first by someone else is refused and the latest can be loaded', async () => {
    let current = provider({ version: 2 })
    const changes: ProviderHistory['changes'] = [
      { version: 2, changedAt: '2026-03-03T12:30:00.000Z', changedBy: 'Kari Mattila', snapshot: {} },
      { version: 1, changedAt: '2026-01-01T07:00:00.000Z', changedBy: null, snapshot: {} },
    ]
    const api = signedIn(FINANCE, {
      [`GET /api/providers/${PHARMACY_ID}`]: () => json(history(current, changes)),
      [`PUT /api/providers/${PHARMACY_ID}`]: () => {
        // someone else saved version 3 a moment before
        current = provider({ version: 3, name: 'Demolan Apteekki Oy' })
        changes.unshift({ version: 3, changedAt: '2026-03-04T09:00:00.000Z', changedBy: 'Olli Koskinen', snapshot: {} })
        return problem({ title: 'Tiedot ovat muuttuneet', status: 409 })
      },
    })
    renderApp(`/providers/${PHARMACY_ID}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Demolan Keskusapteekki' })).toBeTruthy()
    const facts = screen.getByText('Rekisterinumero').closest('dl')!
    expect(within(facts).getByText('FI65 1018 3000 1234 57')).toBeTruthy()
    expect(within(facts).getByText('NDEAFIHH')).toBeTruthy()
    expect(within(facts).getByText('Kauppakatu 4, 99990 DEMOLA')).toBeTruthy()
    const rows = within(screen.getByRole('table', { name: 'Versiot, uusin ensin' })).getAllByRole('row')
    expect(rows.slice(1).map((r) => r.textContent)).toEqual(['2Kari Mattila3.3.2026 klo 14.30', '1ei tiedossa1.1.2026 klo 9.00'])

    fireEvent.click(screen.getByRole('button', { name: 'Muokkaa tietoja' }))
    const name = await screen.findByLabelText('Nimi')
    expect((name as HTMLInputElement).value).toBe('Demolan Keskusapteekki')
    expect((screen.getByLabelText('Tilinumero (IBAN)') as HTMLInputElement).value).toBe('FI65 1018 3000 1234 57')
    expect(screen.getByRole('checkbox', { name: 'Apteekki' })).toHaveProperty('checked', true)
    fireEvent.change(name, { target: { value: 'Demolan Keskusapteekki Oy' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna muutokset' }))

    const alert = await screen.findByText(/Joku muu on muuttanut palveluntuottajan tietoja sillä välin/)
    expect(alert.closest('[role="alert"]')).toBeTruthy()
    expect(api.calls(`PUT /api/providers/${PHARMACY_ID}`)[0]!.body).toMatchObject({ name: 'Demolan Keskusapteekki Oy', version: 2, serviceTypes: ['pharmacy'] })

    fireEvent.click(screen.getByRole('button', { name: 'Lataa uusimmat tiedot' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Demolan Apteekki Oy' })).toBeTruthy()
    expect(api.calls(`GET /api/providers/${PHARMACY_ID}`)).toHaveLength(2)
    expect(screen.queryByText(/Joku muu on muuttanut/)).toBeNull()
    expect(within(screen.getByRole('table', { name: 'Versiot, uusin ensin' })).getAllByRole('row')[1]!.textContent).toBe('3Olli Koskinen4.3.2026 klo 11.00')
  })

  it('saves a change and tells the new version', async () => {
    let current = provider()
    const api = signedIn(FINANCE, {
      [`GET /api/providers/${PHARMACY_ID}`]: () => json(history(current, [{ version: current.version, changedAt: '2026-03-02T08:05:00.000Z', changedBy: 'Kari Mattila', snapshot: {} }])),
      [`PUT /api/providers/${PHARMACY_ID}`]: () => {
        current = provider({ version: 2, validUntil: '2026-12-31' })
        return json(current)
      },
    })
    renderApp(`/providers/${PHARMACY_ID}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Muokkaa tietoja' }))
    fireEvent.change(screen.getByLabelText('Voimassa asti'), { target: { value: '2026-12-31' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna muutokset' }))
    expect(await screen.findByText('Muutokset tallennettiin (versio 2).')).toBeTruthy()
    expect(api.calls(`PUT /api/providers/${PHARMACY_ID}`)[0]!.body).toMatchObject({ validUntil: '2026-12-31', version: 1, iban: 'FI65 1018 3000 1234 57' })
    expect(await screen.findByText('1.1.2026–31.12.2026')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Tallenna muutokset' })).toBeNull()
  })
})
