import type { DestructionItem, DestructionListDetail, DestructionLists, RetentionRuleList } from '@huoma/contract'
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
      [`GET /api/retention/destruction-lists/${LIST_ID}`]: () => json(detail()),
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
        json(detail({ state: 'done', listed: 0, destroyed: 2 }, [{ ...item('22222222-2222-4222-8222-222222222222', ''), label: null, state: 'destroyed', recordNumber: 41, birthDate: null }, { ...item('22222222-2222-4222-8222-222222222223', ''), label: null, state: 'destroyed', recordNumber: 42, birthDate: null }])),
    })
    renderApp(`/retention/destruction/${LIST_ID}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Toimeenpane hävitys' }))
    const dialog = await screen.findByRole('dialog', { name: 'Hävitetäänkö asiakkaiden tiedot?' })
    expect(dialog.textContent).toContain('Tätä ei voi perua')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Toimeenpane hävitys' }))
    expect(await screen.findByText('Hävitys on tehty: 2 asiakasta hävitetty.')).toBeTruthy()
    expect(screen.getByText('Hävitetty asiakas (pöytäkirja 41)')).toBeTruthy()
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
