import type { ClientCard, LifeSituation } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const worker = sessionUser({ actions: ['persons:search', 'persons:card', 'persons:life-situation', 'persons:life-situation-record'] })

const card: ClientCard = {
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
    addresses: [],
    version: 1,
  },
  family: [],
  household: [],
  relationships: [],
  timeline: [],
  accessBasis: 'relationship',
  vtjCheckedAt: '2026-12-01T10:00:00.000Z',
  vtjChanges: [],
}

const rental: LifeSituation = {
  id: 'a1111111-2d1e-4c3f-9a8b-7e6d5c4b3a21',
  housingKind: 'rental',
  household: 'Asuu yksin',
  incomeSource: 'pension',
  notes: null,
  recordedAt: '2026-11-02T09:00:00.000Z',
  recordedBy: 'Aino Lehtinen',
}
const supported: LifeSituation = { ...rental, id: 'a2222222-2d1e-4c3f-9a8b-7e6d5c4b3a21', housingKind: 'supported_housing', notes: 'Muutti tuettuun asumiseen', recordedAt: '2026-12-04T09:00:00.000Z' }

const region = () => screen.getByRole('region', { name: 'Asumis- ja elämäntilanne' })

describe('client card: housing and life situation', () => {
  it('records a new situation based on the current one, and the old one moves to the history', async () => {
    document.cookie = 'huoma-csrf=token-l1'
    let state = { current: rental as LifeSituation | null, history: [] as LifeSituation[] }
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`GET /api/persons/${PERSON}/life-situation`]: () => json(state),
      [`POST /api/persons/${PERSON}/life-situation`]: () => {
        state = { current: supported, history: [rental] }
        return json(supported, 201)
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(await within(region()).findByText('Vuokra-asunto')).toBeTruthy()
    fireEvent.click(within(region()).getByRole('button', { name: 'Päivitä asumis- ja elämäntilanne' }))
    fireEvent.change(within(region()).getByLabelText('Asumismuoto'), { target: { value: 'supported_housing' } })
    fireEvent.change(within(region()).getByLabelText('Lisätiedot'), { target: { value: 'Muutti tuettuun asumiseen' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Tallenna' }))
    expect(await within(region()).findByText('Asumis- ja elämäntilanne kirjattu.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/life-situation`)[0]?.body).toEqual({
      basedOn: rental.id,
      housingKind: 'supported_housing',
      incomeSource: 'pension',
      household: 'Asuu yksin',
      notes: 'Muutti tuettuun asumiseen',
    })
    await waitFor(() => expect(within(region()).getByText('Tuettu asuminen')).toBeTruthy())
    expect(within(region()).getByText('Aiemmat tilanteet (1)')).toBeTruthy()
  })

  it('asks for the housing and the income source first, and says when someone else recorded meanwhile', async () => {
    document.cookie = 'huoma-csrf=token-l2'
    let state = { current: null as LifeSituation | null, history: [] as LifeSituation[] }
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`GET /api/persons/${PERSON}/life-situation`]: () => json(state),
      [`POST /api/persons/${PERSON}/life-situation`]: () => {
        state = { current: rental, history: [] }
        return problem({ title: 'Ristiriita', status: 409, detail: 'Joku muu on kirjannut asumis- ja elämäntilanteen sillä välin.' })
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(await within(region()).findByText('Asumis- ja elämäntilannetta ei ole kirjattu.')).toBeTruthy()
    fireEvent.click(within(region()).getByRole('button', { name: 'Päivitä asumis- ja elämäntilanne' }))
    fireEvent.click(within(region()).getByRole('button', { name: 'Tallenna' }))
    expect(within(region()).getByText('Valitse asumismuoto.')).toBeTruthy()
    expect(within(region()).getByText('Valitse toimeentulon lähde.')).toBeTruthy()
    expect(document.activeElement).toBe(within(region()).getByLabelText('Asumismuoto'))
    expect(api.calls(`POST /api/persons/${PERSON}/life-situation`)).toHaveLength(0)
    fireEvent.change(within(region()).getByLabelText('Asumismuoto'), { target: { value: 'homeless' } })
    fireEvent.change(within(region()).getByLabelText('Toimeentulon lähde'), { target: { value: 'none' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Tallenna' }))
    expect(await within(region()).findByText('Tiedot ovat muuttuneet')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/life-situation`)[0]?.body).toMatchObject({ basedOn: null, housingKind: 'homeless', incomeSource: 'none' })
    expect(await within(region()).findByText('Vuokra-asunto')).toBeTruthy()
  })
})

describe('client card: the registry\'s events on the timeline', () => {
  it('words the contact person and life situation events', async () => {
    const timeline: ClientCard['timeline'] = [
      { at: '2026-12-04T09:00:00.000Z', kind: 'life_situation.recorded', by: 'Aino Lehtinen', serviceTask: null, fields: [] },
      { at: '2026-12-03T09:00:00.000Z', kind: 'contact.changed', by: null, serviceTask: null, fields: [] },
      { at: '2026-12-02T09:00:00.000Z', kind: 'contact.added', by: 'Aino Lehtinen', serviceTask: null, fields: [] },
    ]
    signedIn(sessionUser({ actions: ['persons:card'] }), { [`GET /api/persons/${PERSON}/card`]: () => json({ ...card, timeline }) })
    renderApp(`/persons/${PERSON}`)
    const region = await screen.findByRole('region', { name: 'Aikajana' })
    const items = within(region).getAllByRole('listitem').map((li) => li.textContent)
    expect(items[0]).toContain('Asumis- ja elämäntilanne kirjattu')
    expect(items[1]).toContain('Yhteyshenkilön tai edustajan tietoja muutettu')
    expect(items[2]).toContain('Yhteyshenkilö tai edustaja lisätty')
  })
})
