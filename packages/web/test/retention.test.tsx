import type { ClientCard, ClientRetention, DestructionItem, DestructionListDetail, DestructionLists, RetentionRuleList } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const ARCHIVIST = sessionUser({
  displayName: 'Raili Saarinen',
  roles: ['archivist'],
  actions: ['destruction:lists', 'destruction:propose', 'destruction:read', 'destruction:review', 'destruction:approve', 'destruction:execute', 'destruction:records', 'retention:rules-read'],
})
const MAIN_USER = sessionUser({ displayName: 'Pekka Aaltonen', roles: ['main_user'], actions: ['retention:rules-read', 'retention:rules-write'] })

const LIST_ID = '11111111-1111-4111-8111-111111111111'
const summary = { id: LIST_ID, number: 7, state: 'proposed' as const, dueOn: '2026-12-07', proposedAt: '2026-12-06T23:30:00.000Z', proposedBy: null, approvedBy: null, approvedAt: null, finishedAt: null, listed: 2, removed: 0, destroyed: 0, version: 1 }
const item = (id: string, label: string): DestructionItem => ({
  id,
  personId: id.replace(/^2/, '3'),
  scope: 'client',
  label,
  birthDate: '1930-05-05',
  registers: ['adult_social_work', 'client'],
  destroyAfter: '2011-06-30',
  basis: 'working_age 10 y from closing, 2011-06-30 — Laki 703/2023, liite',
  state: 'listed',
  removedReason: null,
  recordNumber: null,
})
const detail = (over: Partial<DestructionListDetail['list']> = {}, items = [item('22222222-2222-4222-8222-222222222222', 'Asiakas, Aino'), item('22222222-2222-4222-8222-222222222223', 'Asiakas, Pekka')]): DestructionListDetail => ({
  list: { ...summary, ...over },
  items,
})

describe('Hävitysluettelot', () => {
  it('lists the destruction lists in the archive officer\'s menu and opens one', async () => {
    signedIn(ARCHIVIST, {
      'GET /api/retention/destruction-lists': () => json({ lists: [summary] } satisfies DestructionLists),
      [`GET /api/retention/destruction-lists/${LIST_ID}`]: () =>
        json(
          detail({ listed: 3 }, [
            item('22222222-2222-4222-8222-222222222222', 'Asiakas, Aino'),
            item('22222222-2222-4222-8222-222222222223', 'Asiakas, Pekka'),
            { ...item('22222222-2222-4222-8222-222222222224', 'Asiakas, Ritva'), scope: 'registers', registers: ['income_support'], destroyAfter: '2012-01-31' },
          ]),
        ),
    })
    renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Hävitysluettelot' }))
    const table = await screen.findByRole('table', { name: 'Hävitysluettelot, uusin ensin' })
    const row = within(table).getAllByRole('row')[1]!
    expect(row.textContent).toContain('Ehdotus')
    expect(row.textContent).toContain('Järjestelmä (yöajo)')
    expect(row.textContent).toContain('2 hävitettävää, 0 poistettu, 0 hävitetty')
    fireEvent.click(within(row).getByRole('link', { name: 'Hävitysluettelo 7' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Hävitysluettelo 7' })).toBeTruthy()
    const items = screen.getByRole('table', { name: 'Luettelon asiakkaat' })
    expect(within(items).getByText('Asiakas, Aino')).toBeTruthy()
    expect(within(items).getAllByText('Aikuisten sosiaalityö, Asiakkuusasiakirja ja perustiedot')).toHaveLength(2)
    expect(within(items).getAllByText('30.6.2011')).toHaveLength(2)
    // the whole client, or only the register that ran out of a client who stays
    const [aino, , ritva] = within(items).getAllByRole('row').slice(1)
    expect(aino!.textContent).toContain('Koko asiakas: Aikuisten sosiaalityö, Asiakkuusasiakirja ja perustiedot')
    expect(ritva!.textContent).toContain('Vain rekisteri: Toimeentulotuki')
    expect(ritva!.textContent).not.toContain('Asiakkuusasiakirja')
  })

  it('takes a client off with a reason, and approval behind a confirmation shows each refused client\'s reason', async () => {
    const api = signedIn(ARCHIVIST, {
      [`GET /api/retention/destruction-lists/${LIST_ID}`]: () => json(detail()),
      [`POST /api/retention/destruction-lists/${LIST_ID}/items/22222222-2222-4222-8222-222222222223/remove`]: () =>
        json(detail({ listed: 1, removed: 1, version: 2 }, [item('22222222-2222-4222-8222-222222222222', 'Asiakas, Aino'), { ...item('22222222-2222-4222-8222-222222222223', 'Asiakas, Pekka'), state: 'removed', removedReason: 'Valitus vireillä' }])),
      [`POST /api/retention/destruction-lists/${LIST_ID}/approve`]: () =>
        problem({
          title: 'Tiedot ovat muuttuneet',
          status: 409,
          errors: [{ field: 'items.22222222-2222-4222-8222-222222222222', code: 'destruction.held', message: 'Asiakkaan tiedoilla on oikeudellinen pito (valitus tai kantelu vireillä): niitä ei voi hävittää. Poista asiakas luettelosta.' }],
        }),
    })
    renderApp(`/retention/destruction/${LIST_ID}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Poista luettelosta: Asiakas, Pekka' }))
    fireEvent.change(screen.getByLabelText('Peruste poistolle'), { target: { value: 'Valitus vireillä' } })
    fireEvent.click(screen.getByRole('button', { name: 'Poista' }))
    expect(await screen.findByText('Asiakas poistettiin luettelosta.')).toBeTruthy()
    expect(api.calls(`POST /api/retention/destruction-lists/${LIST_ID}/items/22222222-2222-4222-8222-222222222223/remove`)[0]!.body).toEqual({ reason: 'Valitus vireillä', version: 1 })
    expect(screen.getByText(/Valitus vireillä/)).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Hyväksy hävitysluettelo' }))
    const dialog = await screen.findByRole('dialog', { name: 'Hyväksytäänkö hävitysluettelo?' })
    expect(dialog.textContent).toContain('1 asiakkaan kaikki tiedot hävitetään pysyvästi')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hyväksy hävitysluettelo' }))
    expect(await screen.findByText(/oikeudellinen pito/)).toBeTruthy()
    expect(api.calls(`POST /api/retention/destruction-lists/${LIST_ID}/approve`)[0]!.body).toEqual({ version: 2 })
  })

  it('executes an approved list behind a confirmation that says it cannot be undone', async () => {
    const api = signedIn(ARCHIVIST, {
      [`GET /api/retention/destruction-lists/${LIST_ID}`]: () => json(detail({ state: 'approved', approvedBy: 'Raili Saarinen', approvedAt: '2026-12-07T08:00:00.000Z', version: 2 })),
      [`POST /api/retention/destruction-lists/${LIST_ID}/execute`]: () =>
        json(detail({ state: 'done', listed: 0, destroyed: 2 }, [{ ...item('22222222-2222-4222-8222-222222222222', ''), label: null, state: 'destroyed', recordNumber: 41, birthDate: null }, { ...item('22222222-2222-4222-8222-222222222223', ''), scope: 'registers', registers: ['income_support'], label: null, state: 'destroyed', recordNumber: 42, birthDate: null }])),
    })
    renderApp(`/retention/destruction/${LIST_ID}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Toimeenpane hävitys' }))
    const dialog = await screen.findByRole('dialog', { name: 'Hävitetäänkö asiakkaiden tiedot?' })
    expect(dialog.textContent).toContain('Tätä ei voi perua')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Toimeenpane hävitys' }))
    expect(await screen.findByText('Hävitys on tehty: 2 asiakasta hävitetty.')).toBeTruthy()
    expect(screen.getByText('Hävitetty asiakas (pöytäkirja 41)')).toBeTruthy()
    expect(screen.getByText('Asiakkaan rekisteri hävitetty (pöytäkirja 42)')).toBeTruthy()
    await waitFor(() => expect(api.calls(`POST /api/retention/destruction-lists/${LIST_ID}/execute`)).toHaveLength(1))
  })
})

describe('Säilytysajat', () => {
  it('shows the table with its legal sources and lets the main user change a row at the version shown', async () => {
    const rule = { id: '44444444-4444-4444-8444-444444444444', retentionClass: 'working_age', trigger: 'closing' as const, years: 10, validFrom: '2024-01-01', validUntil: null, legalSource: 'Laki 703/2023, liite', unverified: false, archiveOrdered: false, version: 1, updatedAt: '2026-12-01T10:00:00.000Z' }
    const api = signedIn(MAIN_USER, {
      'GET /api/retention/rules': () => json({ rules: [rule] } satisfies RetentionRuleList),
      [`PUT /api/retention/rules/${rule.id}`]: () => json({ rules: [{ ...rule, years: 12, version: 2 }] } satisfies RetentionRuleList),
    })
    renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Säilytysajat' }))
    const table = await screen.findByRole('table', { name: 'Säilytysaikataulukko' })
    expect(within(table).getByText('Työikäisten palvelut')).toBeTruthy()
    expect(within(table).getByText('10 vuotta asian päättymisestä')).toBeTruthy()
    expect(within(table).getByText('Laki 703/2023, liite')).toBeTruthy()
    fireEvent.click(within(table).getByRole('button', { name: 'Muokkaa: Työikäisten palvelut' }))
    fireEvent.change(screen.getByLabelText('Vuotta'), { target: { value: '12' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }))
    expect(await screen.findByText('Säilytysaika tallennettiin.')).toBeTruthy()
    expect(api.calls(`PUT /api/retention/rules/${rule.id}`)[0]!.body).toEqual({ years: 12, legalSource: 'Laki 703/2023, liite', archiveOrdered: false, validUntil: null, version: 1 })
    expect(within(screen.getByRole('table', { name: 'Säilytysaikataulukko' })).getByText('12 vuotta asian päättymisestä')).toBeTruthy()
  })
})

describe('Säilytys on the client card', () => {
  const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
  const worker = sessionUser({ actions: ['persons:search', 'persons:card', 'retention:read'] })
  const card: ClientCard = {
    person: { id: PERSON, hetu: '050776-900H', temporaryId: null, firstNames: 'Tuulikki Sofia', lastName: 'Salminen', birthDate: '1976-07-05', deathDate: null, turvakielto: false, callingName: null, serviceLanguage: 'fi', nativeLanguage: 'fi', phone: null, email: null, iban: null, addresses: [], version: 1 },
    family: [],
    household: [],
    relationships: [{ id: 'b1000000-0000-4000-8000-000000000001', serviceTask: 'adult_social_work', kind: 'responsible', userId: worker.id, userName: 'Tiina Virtanen', startDate: '2026-01-01', endDate: null, startReason: 'application', endReason: null }],
    timeline: [],
    accessBasis: 'relationship',
    vtjCheckedAt: '2026-12-01T10:00:00.000Z',
    vtjChanges: [],
  }
  const running = { retentionClass: 'working_age', status: 'running' as const, destroyAfter: null, permanentReason: null, waitingFor: 'closing', fallback: false, legalSource: 'Laki 703/2023, liite', destroyed: null }

  it('shows a register destroyed while the client stays, with the day and the destruction record', async () => {
    const retention: ClientRetention = {
      registers: [
        { ...running, register: 'client', retentionClass: 'client_basic', waitingFor: 'death' },
        { ...running, register: 'adult_social_work', destroyed: { recordNumber: 12, destroyedAt: '2026-03-01T22:30:00.000Z' } },
        { ...running, register: 'income_support', status: 'destroyed', waitingFor: null, legalSource: null, destroyed: { recordNumber: 17, destroyedAt: '2026-12-06T23:30:00.000Z' } },
      ],
      holds: [],
    }
    signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`GET /api/persons/${PERSON}/retention`]: () => json(retention),
    })
    renderApp(`/persons/${PERSON}`)
    const table = await screen.findByRole('table', { name: 'Tietojen säilytys rekistereittäin' })
    const rows = within(table).getAllByRole('row')
    const row = (name: string) => rows.find((r) => r.querySelector('th')?.textContent === name)!
    // the Helsinki day of the destruction (23.30 UTC is the next morning there)
    expect(row('Toimeentulotuki').textContent).toContain('Hävitetty 7.12.2026 (hävityspöytäkirja 17)')
    // a register destroyed and opened again since: kept by its new facts, the earlier destruction named beside
    expect(row('Aikuisten sosiaalityö').textContent).toContain('Aiemmat tiedot hävitetty 2.3.2026 (hävityspöytäkirja 12)')
    expect(row('Asiakkuusasiakirja ja perustiedot').textContent).not.toMatch(/hävitetty/i)
  })
})
