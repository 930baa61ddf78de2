import type { ClientCard } from '@huoma/contract'
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { classifyQuery } from '../src/features/persons/format'
import { i18n } from '../src/i18n'
import { formatRegisterDate as formatDate, parseFinnishDate } from '../src/lib/format'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const secretary = sessionUser({
  roles: ['office_secretary'],
  actions: ['persons:search', 'persons:read', 'persons:create', 'persons:update', 'persons:card', 'relationships:open', 'relationships:end', 'vtj:query'],
})

function card(overrides: Partial<ClientCard['person']> = {}, extra: Partial<ClientCard> = {}): ClientCard {
  return {
    person: {
      id: PERSON,
      hetu: '050776-900H',
      temporaryId: null,
      firstNames: 'Tuulikki Sofia',
      lastName: 'Salminen',
      birthDate: '1976-07-05',
      deathDate: null,
      turvakielto: false,
      callingName: null,
      serviceLanguage: 'fi',
      nativeLanguage: 'fi',
      phone: null,
      email: null,
      iban: null,
      addresses: [{ kind: 'permanent', street: 'Koivukuja 5', postalCode: '99100', postOffice: 'DEMOLA', validFrom: null, validUntil: null }],
      version: 1,
      ...overrides,
    },
    family: [],
    household: [],
    relationships: [],
    timeline: [],
    accessBasis: 'registry',
    vtjCheckedAt: '2026-03-01T10:00:00.000Z',
    vtjChanges: [],
    ...extra,
  }
}

describe('search input classification', () => {
  it('tells a henkilötunnus, a birth date and a name apart', () => {
    expect(classifyQuery(' 050776-900h ')).toEqual({ kind: 'hetu', value: '050776-900H' })
    expect(classifyQuery('010101A123N')).toEqual({ kind: 'hetu', value: '010101A123N' })
    expect(classifyQuery('5.7.1976')).toEqual({ kind: 'birthDate', value: '1976-07-05' })
    expect(classifyQuery('05.07.1976')).toEqual({ kind: 'birthDate', value: '1976-07-05' })
    expect(classifyQuery('31.2.1976')).toEqual({ kind: 'invalid', reason: 'date' })
    expect(classifyQuery('Hämäläinen  Aino')).toEqual({ kind: 'name', value: 'Hämäläinen Aino' })
    expect(classifyQuery('0507')).toEqual({ kind: 'name', value: '0507' })
    expect(classifyQuery('a')).toEqual({ kind: 'invalid', reason: 'tooShort' })
    expect(parseFinnishDate('29.2.2024')).toBe('2024-02-29')
    expect(parseFinnishDate('29.2.2023')).toBeUndefined()
    expect(formatDate('1976-07-05')).toBe('05.07.1976')
  })
})

describe('client search', () => {
  it('searches by what was typed, keeps the query in the URL and lists the results in the server order', async () => {
    const api = signedIn(secretary, {
      'GET /api/persons?name=hamalainen&limit=50': () =>
        json({
          persons: [
            { id: PERSON, hetu: '010190-9012', temporaryId: null, firstNames: 'Aino Maria', lastName: 'Hämäläinen', birthDate: '1990-01-01', deathDate: null, turvakielto: true },
            { id: '6b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21', hetu: null, temporaryId: '1.2.246.10.99.7', firstNames: 'Eino', lastName: 'Hämäläinen', birthDate: '1950-03-04', deathDate: '2025-12-01', turvakielto: false },
          ],
          hiddenMatches: 3,
        }),
      'GET /api/persons?birthDate=1990-01-01&limit=50': () => json({ persons: [], hiddenMatches: 0 }),
    })
    const router = renderApp('/persons')
    const input = await screen.findByLabelText('Nimi, henkilötunnus tai syntymäaika')
    fireEvent.change(input, { target: { value: 'hamalainen' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))

    const table = await screen.findByRole('table', { name: 'Hakutulokset' })
    expect(router.state.location.search).toBe('?q=hamalainen')
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['Hämäläinen Aino Maria', 'Hämäläinen Eino'])
    expect(rows[0]?.textContent).toContain('01.01.1990')
    expect(within(rows[0]!).getByText('Turvakielto')).toBeTruthy()
    expect(rows[1]?.textContent).toContain('1.2.246.10.99.7 (väliaikainen tunniste)')
    expect(rows[1]?.textContent).toContain('Kuollut 01.12.2025')
    expect(screen.getByText('3 henkilöä löytyi, joihin sinulla ei ole asiakassuhdetta.')).toBeTruthy()
    expect(screen.getByText(/Haettu nimellä "hamalainen"\. 2 asiakasta\./)).toBeTruthy()

    // Keyboard: down from the field to the first result, down again to the second.
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    const links = within(table).getAllByRole('link')
    expect(document.activeElement).toBe(links[0])
    fireEvent.keyDown(links[0]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(links[1])
    expect(links[0]?.getAttribute('href')).toBe(`/persons/${PERSON}`)

    // A date searches by birth date; nothing found says so.
    fireEvent.change(input, { target: { value: '1.1.1990' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    expect(await screen.findByText(/Haettu syntymäajalla 01\.01\.1990\. Hakuehdoilla ei löytynyt asiakkaita\./)).toBeTruthy()
    expect(api.calls('GET /api/persons?birthDate=1990-01-01&limit=50')).toHaveLength(1)

    // Back returns to the name search.
    await router.navigate(-1)
    expect(await screen.findByRole('table', { name: 'Hakutulokset' })).toBeTruthy()
    expect((screen.getByLabelText('Nimi, henkilötunnus tai syntymäaika') as HTMLInputElement).value).toBe('hamalainen')
  })

  it('says "more than 100" when the hidden matches are counted only up to the cap, in every language', async () => {
    signedIn(secretary, {
      'GET /api/persons?name=ko&limit=50': () => json({ persons: [], hiddenMatches: 100, hiddenMatchesCapped: true }),
      'GET /api/persons?name=kor&limit=50': () => json({ persons: [], hiddenMatches: 100 }),
    })
    renderApp('/persons?q=ko')
    expect(await screen.findByText('Yli 100 henkilöä löytyi, joihin sinulla ei ole asiakassuhdetta. Tarkenna hakua.')).toBeTruthy()
    expect(screen.queryByText(/^100 henkilöä/)).toBeNull()
    await i18n.changeLanguage('sv')
    expect(await screen.findByText('Över 100 personer hittades som du inte har någon klientrelation till. Precisera sökningen.')).toBeTruthy()
    await i18n.changeLanguage('en')
    expect(await screen.findByText('More than 100 persons were found with whom you have no client relationship. Narrow the search.')).toBeTruthy()
    await i18n.changeLanguage('fi')
    // exactly 100, not capped: the number as it is
    fireEvent.change(screen.getByLabelText('Nimi, henkilötunnus tai syntymäaika'), { target: { value: 'kor' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    expect(await screen.findByText('100 henkilöä löytyi, joihin sinulla ei ole asiakassuhdetta.')).toBeTruthy()
  })

  it('searches as you type once the typing pauses, without Enter, and waits for a whole henkilötunnus', async () => {
    const result = { persons: [{ id: PERSON, hetu: '010190-9012', temporaryId: null, firstNames: 'Aino', lastName: 'Hämäläinen', birthDate: '1990-01-01', deathDate: null, turvakielto: false }], hiddenMatches: 0 }
    const api = signedIn(secretary, {
      'GET /api/persons?name=hama&limit=50': () => json(result),
      'GET /api/persons?hetu=010190-9012&limit=50': () => json(result),
    })
    const router = renderApp('/persons')
    const input = await screen.findByLabelText('Nimi, henkilötunnus tai syntymäaika')
    // One letter is too short: nothing is asked, and no error is shown while typing.
    fireEvent.change(input, { target: { value: 'h' } })
    fireEvent.change(input, { target: { value: 'ha' } })
    fireEvent.change(input, { target: { value: 'ham' } })
    fireEvent.change(input, { target: { value: 'hama' } })
    const table = await screen.findByRole('table', { name: 'Hakutulokset' })
    expect(within(table).getByRole('link', { name: 'Hämäläinen Aino' })).toBeTruthy()
    expect(router.state.location.search).toBe('?q=hama')
    // Only the text the typing stopped at was searched.
    expect(api.fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/persons?'))).toHaveLength(1)
    expect(input.getAttribute('aria-invalid')).toBeNull()
    // Keyboard-first: down into the results; the link opens the client.
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(within(table).getByRole('link', { name: 'Hämäläinen Aino' }))

    // Digits that are not yet a henkilötunnus wait; the whole one runs by itself.
    fireEvent.change(input, { target: { value: '010190' } })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(router.state.location.search).toBe('?q=hama')
    fireEvent.change(input, { target: { value: '010190-9012' } })
    await waitFor(() => expect(router.state.location.search).toBe('?q=010190-9012'))
    await waitFor(() => expect(api.calls('GET /api/persons?hetu=010190-9012&limit=50')).toHaveLength(1))
  })

  it('explains a too short query at the field and shows the one hidden match of a henkilötunnus', async () => {
    signedIn(secretary, {
      'GET /api/persons?hetu=010190-9012&limit=50': () => json({ persons: [], hiddenMatches: 1 }),
    })
    renderApp('/persons')
    const input = await screen.findByLabelText('Nimi, henkilötunnus tai syntymäaika')
    fireEvent.change(input, { target: { value: 'x' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Kirjoita vähintään 2 merkkiä.')).toBeTruthy()

    fireEvent.change(input, { target: { value: '010190-9012' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    expect(await screen.findByText('1 henkilö löytyi, jonka tietoihin sinulla ei ole asiakassuhdetta.')).toBeTruthy()
    expect(screen.queryByRole('table')).toBeNull()
    // The secretary may not break the glass.
    expect(screen.queryByRole('button', { name: 'Avaa tiedot poikkeuksellisesti…' })).toBeNull()
  })
})

describe('registering a client from the population register', () => {
  it('requires a purpose, shows the register data and creates the client, landing on the card', async () => {
    document.cookie = 'huoma-csrf=token-1'
    const api = signedIn(secretary, {
      'POST /api/vtj/query': () =>
        json({
          status: 'found',
          existingPersonId: null,
          person: {
            hetu: '050776-900H',
            firstNames: 'Tuulikki Sofia',
            lastName: 'Salminen',
            birthDate: '1976-07-05',
            sex: 'female',
            deathDate: null,
            nativeLanguage: 'fi',
            turvakielto: true,
            addresses: [
              { kind: 'contact', street: 'PL 12', postalCode: '99101', postOffice: 'DEMOLA' },
              { kind: 'permanent', street: 'Salainen tie 1', postalCode: '99100', postOffice: 'DEMOLA' },
            ],
            guardians: [],
            children: [{ hetu: '010115A902C', name: 'Onni Salminen' }],
          },
        }),
      'POST /api/persons/from-vtj': () => json({ id: PERSON, hetu: '050776-900H', temporaryId: null }, 201),
      [`GET /api/persons/${PERSON}/card`]: () => json(card({ turvakielto: true, addresses: [] })),
    })
    const router = renderApp('/persons/new')
    const hetu = await screen.findByLabelText('Henkilötunnus')
    fireEvent.change(hetu, { target: { value: '050776-900h' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae tiedot' }))
    const purpose = screen.getByLabelText('Käyttötarkoitus')
    expect(purpose.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Valitse tai kirjoita käyttötarkoitus.')).toBeTruthy()
    expect(api.calls('POST /api/vtj/query')).toHaveLength(0)

    fireEvent.change(purpose, { target: { value: 'register' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae tiedot' }))
    await screen.findByRole('heading', { name: 'Väestötietojärjestelmän tiedot' })
    expect(api.calls('POST /api/vtj/query')[0]?.body).toEqual({ hetu: '050776-900H', purpose: 'Asiakkaaksi rekisteröinti' })
    expect(screen.getByText(/Henkilöllä on turvakielto/)).toBeTruthy()
    expect(screen.getByText(/PL 12, 99101 DEMOLA/)).toBeTruthy()
    expect(screen.queryByText(/Salainen tie/)).toBeNull()
    expect(screen.getByText('Onni Salminen')).toBeTruthy()

    fireEvent.click(screen.getByLabelText('Avaa samalla asiakkuus'))
    fireEvent.change(screen.getByLabelText('Palvelutehtävä'), { target: { value: 'adult_social_work' } })
    fireEvent.click(screen.getByRole('button', { name: 'Luo asiakas' }))
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(router.state.location.pathname).toBe(`/persons/${PERSON}`)
    expect(api.calls('POST /api/persons/from-vtj')[0]?.body).toEqual({
      hetu: '050776-900H',
      purpose: 'Asiakkaaksi rekisteröinti',
      relationship: { serviceTask: 'adult_social_work', startReason: 'application' },
    })
    expect(screen.getByText('Turvakielto — osoitetta ei saa luovuttaa')).toBeTruthy()
  })

  it('links to an existing client instead of creating one, and shows server field errors at the fields', async () => {
    signedIn(secretary, {
      'POST /api/vtj/query': ({ init }) => {
        const body = JSON.parse(String(init.body)) as { hetu: string }
        if (body.hetu === '010190-9013') {
          return problem({
            title: 'Tarkista tiedot',
            status: 400,
            errors: [{ field: 'body.hetu', code: 'hetu.checksum', message: 'Henkilötunnuksen tarkistemerkki ei täsmää.' }],
          })
        }
        return json({
          status: 'found',
          existingPersonId: PERSON,
          person: { hetu: body.hetu, firstNames: 'Aino', lastName: 'Virtanen', birthDate: '1990-01-01', sex: 'female', deathDate: null, nativeLanguage: null, turvakielto: false, addresses: [], guardians: [], children: [] },
        })
      },
    })
    renderApp('/persons/new')
    const hetu = await screen.findByLabelText('Henkilötunnus')
    fireEvent.change(screen.getByLabelText('Käyttötarkoitus'), { target: { value: 'other' } })
    fireEvent.change(screen.getByLabelText('Käyttötarkoitus omin sanoin'), { target: { value: 'Yhteydenotto puhelimitse' } })
    fireEvent.change(hetu, { target: { value: '010190-9013' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae tiedot' }))
    await waitFor(() => expect(hetu.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(hetu.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Henkilötunnuksen tarkistemerkki ei täsmää.')
    await waitFor(() => expect(document.activeElement).toBe(hetu))

    fireEvent.change(hetu, { target: { value: '010190-9012' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae tiedot' }))
    expect(await screen.findByText('Henkilö on jo asiakasrekisterissä, joten uutta asiakasta ei luoda.')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Avaa asiakkaan tiedot' }).getAttribute('href')).toBe(`/persons/${PERSON}`)
    expect(screen.queryByRole('button', { name: 'Luo asiakas' })).toBeNull()
  })

  it('registers a person without a henkilötunnus by hand', async () => {
    document.cookie = 'huoma-csrf=token-2'
    const api = signedIn(secretary, {
      'POST /api/persons': () => json({ id: PERSON, hetu: null, temporaryId: '1.2.246.10.99.12' }, 201),
      [`GET /api/persons/${PERSON}/card`]: () => json(card({ hetu: null, temporaryId: '1.2.246.10.99.12', firstNames: 'Amir', lastName: 'Hosseini', birthDate: '1988-04-02' })),
    })
    renderApp('/persons/new')
    fireEvent.click(await screen.findByLabelText('Ei henkilötunnusta'))
    fireEvent.click(screen.getByRole('button', { name: 'Luo asiakas' }))
    expect(screen.getByText('Anna sukunimi.')).toBeTruthy()
    expect(screen.getByText('Anna syntymäaika.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Sukunimi'), { target: { value: 'Hosseini' } })
    fireEvent.change(screen.getByLabelText('Etunimet'), { target: { value: 'Amir' } })
    fireEvent.change(screen.getByLabelText('Syntymäaika (pp.kk.vvvv)'), { target: { value: '2.4.1988' } })
    fireEvent.click(screen.getByRole('button', { name: 'Luo asiakas' }))
    await screen.findByRole('heading', { level: 1, name: 'Hosseini Amir' })
    expect(api.calls('POST /api/persons')[0]?.body).toEqual({ lastName: 'Hosseini', firstNames: 'Amir', birthDate: '1988-04-02', serviceLanguage: 'fi' })
    expect(screen.getByText('1.2.246.10.99.12')).toBeTruthy()
    expect(screen.getByText('väliaikainen tunniste')).toBeTruthy()
  })
})

describe('client card', () => {
  it('shows the card and, on a stale version, says the data changed and reloads', async () => {
    document.cookie = 'huoma-csrf=token-3'
    let version = 1
    const api = signedIn(secretary, {
      [`GET /api/persons/${PERSON}/card`]: () =>
        json(
          card(
            { version, lastName: version === 1 ? 'Salminen' : 'Laine' },
            {
              vtjChanges: version === 1 ? ['lastName', 'address.permanent'] : [],
              family: [{ id: '7b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21', relation: 'child', firstNames: 'Onni', lastName: 'Salminen', birthDate: '2015-01-01', deathDate: null, validFrom: null, validUntil: null }],
              relationships: [
                { id: '8b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21', serviceTask: 'income_support', kind: 'responsible', userId: secretary.id, userName: 'Tiina Virtanen', startDate: '2026-01-02', endDate: null, startReason: 'application', endReason: null },
              ],
              timeline: [{ at: '2026-03-01T10:00:00.000Z', kind: 'person.vtj', by: null, serviceTask: null, fields: ['lastName'] }],
            },
          ),
        ),
      [`PATCH /api/persons/${PERSON}`]: () => {
        version = 2
        return problem({ title: 'Ristiriita', status: 409, detail: 'Joku muu on muuttanut tietoja sillä välin.' })
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(screen.getByText('Tiedot päivitettiin väestötietojärjestelmästä: sukunimi, vakinainen osoite.')).toBeTruthy()
    expect(screen.getByText('Pääsy: asiakasrekisterin perustiedot')).toBeTruthy()
    const family = screen.getByRole('region', { name: 'Perhe' })
    expect(within(family).getByText('Lapsi')).toBeTruthy()
    const relationships = screen.getByRole('region', { name: 'Asiakkuudet' })
    expect(within(relationships).getByText('Toimeentulotuki')).toBeTruthy()
    expect(within(relationships).getByText('Hakemus')).toBeTruthy()
    expect(within(relationships).getByRole('button', { name: 'Päätä asiakkuus: Toimeentulotuki' })).toBeTruthy()
    expect(within(screen.getByRole('region', { name: 'Aikajana' })).getByText('Päivitetty väestötietojärjestelmästä')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Muokkaa perustietoja' }))
    fireEvent.change(screen.getByLabelText('Puhelin'), { target: { value: '040 123 4567' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }))
    expect(await screen.findByText('Tiedot ovat muuttuneet')).toBeTruthy()
    await screen.findByRole('heading', { level: 1, name: 'Laine Tuulikki Sofia' })
    expect(api.calls(`PATCH /api/persons/${PERSON}`)[0]?.body).toMatchObject({ version: 1, phone: '040 123 4567' })
    expect(api.calls(`GET /api/persons/${PERSON}/card`)).toHaveLength(2)
    expect(screen.getByText('Tiedot ovat muuttuneet')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Tallenna' })).toBeNull()
  })

  it('folds every section of the card from its h2 and keeps it folded for the user after a reload', async () => {
    localStorage.clear()
    signedIn(secretary, { [`GET /api/persons/${PERSON}/card`]: () => json(card()) })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    const main = screen.getByRole('main')
    const headings = within(main).getAllByRole('heading', { level: 2 })
    const names = headings.map((h) => h.textContent)
    expect(names).toEqual(['Perustiedot', 'Yhteystiedot ja osoitteet', 'Perhe', 'Ruokakunta', 'Asiakkuudet', 'Aikajana'])
    // every h2 of the card is the shared FoldingPanel's toggle: no plain heading, no fold of its own
    for (const heading of headings) {
      const toggle = within(heading).getByRole('button')
      expect(toggle.getAttribute('aria-expanded')).toBe('true')
      expect(heading.closest('section')?.classList.contains('folding-panel')).toBe(true)
      fireEvent.click(toggle)
      expect(toggle.getAttribute('aria-expanded')).toBe('false')
      expect(document.getElementById(toggle.getAttribute('aria-controls')!)?.hidden).toBe(true)
    }
    cleanup()
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    for (const name of names) expect(screen.getByRole('button', { name: name! }).getAttribute('aria-expanded')).toBe('false')
    localStorage.clear()
  })

  it('shows only the contact address under turvakielto and the logged protected-address button to those allowed', async () => {
    const worker = sessionUser({ actions: ['persons:search', 'persons:card', 'persons:protected-address'] })
    signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () =>
        json(card({ turvakielto: true, addresses: [{ kind: 'contact', street: 'PL 12', postalCode: '99101', postOffice: 'DEMOLA', validFrom: null, validUntil: null }] }, { accessBasis: 'break_glass' })),
      [`GET /api/persons/${PERSON}/protected-address`]: () =>
        json({ municipalityCode: '999', addresses: [{ kind: 'permanent', street: 'Salainen tie 1', postalCode: '99100', postOffice: 'DEMOLA', validFrom: null, validUntil: null }] }),
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(screen.getAllByText('Turvakielto — osoitetta ei saa luovuttaa').length).toBeGreaterThan(0)
    expect(screen.getByText('Pääsy: perusteltu tietojen avaus — käyttö lokitetaan ja tarkastetaan')).toBeTruthy()
    expect(screen.getByText(/PL 12, 99101 DEMOLA/)).toBeTruthy()
    const show = screen.getByRole('button', { name: 'Näytä turvakiellon alainen osoite' })
    expect(document.getElementById(show.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/kirjataan lokiin/)
    expect(screen.queryByRole('button', { name: 'Muokkaa perustietoja' })).toBeNull()
    fireEvent.click(show)
    expect(await screen.findByText(/Salainen tie 1, 99100 DEMOLA/)).toBeTruthy()
  })
})
