import type { ClientCard } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const OTHER = '7b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const SURVIVOR = '9b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const secretary = sessionUser({
  roles: ['office_secretary'],
  actions: ['persons:search', 'persons:read', 'persons:card', 'persons:merge', 'persons:family', 'persons:household'],
})

function card(person: Partial<ClientCard['person']> = {}, extra: Partial<ClientCard> = {}): ClientCard {
  return {
    person: {
      id: PERSON,
      hetu: null,
      temporaryId: '1.2.246.10.1234567.10.0.99.7',
      firstNames: 'Tuntematon',
      lastName: 'Asiakas',
      birthDate: '1980-01-01',
      deathDate: null,
      turvakielto: false,
      callingName: null,
      serviceLanguage: 'fi',
      nativeLanguage: null,
      phone: null,
      email: null,
      iban: null,
      addresses: [],
      version: 3,
      ...person,
    },
    family: [],
    household: [],
    ownHousehold: null,
    relationships: [],
    timeline: [],
    accessBasis: 'registry',
    vtjCheckedAt: null,
    vtjChanges: [],
    ...extra,
  }
}

describe('family and household on the client card', () => {
  it('adds a family relation by henkilötunnus and shows the server field message at the field', async () => {
    document.cookie = 'huoma-csrf=token-1'
    let tries = 0
    const api = signedIn(secretary, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card()),
      'GET /api/persons?hetu=050776-900H': () => json({ persons: [{ id: OTHER }], hiddenMatches: 0 }),
      [`POST /api/persons/${PERSON}/family`]: () =>
        ++tries === 1
          ? problem({ title: 'Virheellinen pyyntö', status: 400, errors: [{ field: 'body.relation', code: 'family.duplicate', message: 'Henkilöiden välillä on jo voimassa oleva samanlainen suhde.' }] })
          : json({ relationId: '1b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21' }, 201),
    })
    renderApp(`/persons/${PERSON}`)
    const family = await screen.findByRole('region', { name: 'Perhe' })
    fireEvent.click(within(family).getByRole('button', { name: 'Lisää perhesuhde' }))
    fireEvent.click(within(family).getByRole('button', { name: 'Lisää' }))
    expect(await within(family).findByText('Anna henkilötunnus.')).toBeTruthy()
    expect(within(family).getByText('Valitse suhde.')).toBeTruthy()
    fireEvent.change(within(family).getByLabelText('Toisen henkilön henkilötunnus'), { target: { value: '050776-900h' } })
    fireEvent.change(within(family).getByLabelText('Suhde'), { target: { value: 'parent' } })
    fireEvent.change(within(family).getByLabelText(/Alkamispäivä/), { target: { value: '1.2.2020' } })
    fireEvent.click(within(family).getByRole('button', { name: 'Lisää' }))
    const relation = within(family).getByLabelText('Suhde')
    await waitFor(() => expect(document.getElementById(relation.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Henkilöiden välillä on jo voimassa oleva samanlainen suhde.'))
    expect(api.calls(`POST /api/persons/${PERSON}/family`)[0]?.body).toEqual({ relatedId: OTHER, relation: 'parent', validFrom: '2020-02-01' })
    fireEvent.click(within(family).getByRole('button', { name: 'Lisää' }))
    expect(await within(family).findByText('Perhesuhde lisätty.')).toBeTruthy()
  })

  it('starts a household and ends a member\'s membership with a date', async () => {
    document.cookie = 'huoma-csrf=token-2'
    let started = false
    const api = signedIn(secretary, {
      [`GET /api/persons/${PERSON}/card`]: () =>
        json(
          started
            ? card({}, {
                ownHousehold: { householdId: '2b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21', validFrom: '2025-03-01' },
                household: [{ id: OTHER, firstNames: 'Onni', lastName: 'Asiakas', birthDate: '2015-01-01', validFrom: '2025-03-01', validUntil: null }],
              })
            : card(),
        ),
      [`POST /api/persons/${PERSON}/household`]: () => {
        started = true
        return json({ householdId: '2b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21' }, 201)
      },
      [`POST /api/persons/${PERSON}/household/members/${OTHER}/end`]: () => json({ householdId: '2b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21' }),
    })
    renderApp(`/persons/${PERSON}`)
    const household = await screen.findByRole('region', { name: 'Ruokakunta' })
    fireEvent.click(within(household).getByRole('button', { name: 'Perusta ruokakunta' }))
    fireEvent.change(within(household).getByLabelText(/Alkamispäivä/), { target: { value: '1.3.2025' } })
    fireEvent.click(within(household).getAllByRole('button', { name: 'Perusta ruokakunta' }).at(-1)!)
    expect(await within(household).findByText('Ruokakunta perustettu.')).toBeTruthy()
    await within(household).findByText('Asiakas Onni')
    fireEvent.click(within(household).getByRole('button', { name: 'Päätä ruokakunnan jäsenyys: Asiakas Onni' }))
    fireEvent.change(within(household).getByLabelText(/Päättymispäivä/), { target: { value: '30.6.2025' } })
    fireEvent.click(within(household).getByRole('button', { name: 'Päätä' }))
    expect(await within(household).findByText('Jäsenyys päätetty.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/household`)[0]?.body).toEqual({ validFrom: '2025-03-01' })
    expect(api.calls(`POST /api/persons/${PERSON}/household/members/${OTHER}/end`)[0]?.body).toEqual({ validUntil: '2025-06-30' })
  })
})

describe('merging a temporary identity', () => {
  it('offers the merge on a temporary person, asks for confirmation and opens the surviving person', async () => {
    document.cookie = 'huoma-csrf=token-3'
    const api = signedIn(secretary, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card()),
      [`GET /api/persons/${SURVIVOR}/card`]: () => json(card({ id: SURVIVOR, hetu: '010180-123A', temporaryId: null, firstNames: 'Oikea', lastName: 'Henkilö' })),
      [`POST /api/persons/${PERSON}/merge`]: () => json({ outcome: 'merged', personId: SURVIVOR, moved: { journal_entry: 2 } }),
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Asiakas Tuntematon' })
    fireEvent.click(screen.getByRole('button', { name: 'Yhdistä henkilötunnukseen' }))
    fireEvent.change(screen.getByLabelText('Oikea henkilötunnus'), { target: { value: '010180-123a' } })
    fireEvent.change(screen.getByLabelText(/Peruste/), { target: { value: 'Passi esitetty' } })
    fireEvent.click(screen.getByRole('button', { name: 'Yhdistä' }))
    expect(await screen.findByText('Yhdistetäänkö henkilö henkilötunnukseen 010180-123A? Yhdistämistä ei voi perua.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/merge`)).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Vahvista yhdistäminen' }))
    await screen.findByRole('heading', { level: 1, name: 'Henkilö Oikea' })
    expect(api.calls(`POST /api/persons/${PERSON}/merge`)[0]?.body).toEqual({ hetu: '010180-123A', reason: 'Passi esitetty', version: 3 })
    expect(screen.queryByRole('button', { name: 'Yhdistä henkilötunnukseen' })).toBeNull()
  })

  it('points from a merged person to the surviving one', async () => {
    signedIn(secretary, {
      [`GET /api/persons/${PERSON}/card`]: () => problem({ type: 'https://huoma.fi/problems/person-merged', title: 'Ei löytynyt', status: 404, mergedInto: SURVIVOR } as never),
    })
    renderApp(`/persons/${PERSON}`)
    expect(await screen.findByText('Henkilö on yhdistetty toiseen henkilöön.')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Avaa yhdistetyn henkilön tiedot' }).getAttribute('href')).toBe(`/persons/${SURVIVOR}`)
  })
})
