import type { ClientCard, SelfOpenedRelationship } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const WORKER = sessionUser({
  id: '3b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21',
  displayName: 'Aino Lehtinen',
  roles: ['social_worker'],
  actions: ['persons:search', 'persons:card', 'relationships:open', 'relationships:end'],
})
const SUPERVISOR = sessionUser({ displayName: 'Jari Heikkilä', roles: ['supervisor'], actions: ['persons:search', 'persons:card', 'relationships:self-opened'] })

const card: ClientCard = {
  person: {
    id: PERSON,
    hetu: null,
    temporaryId: '1.2.246.10.1234567.10.0.99.7',
    firstNames: 'Oma',
    lastName: 'Avaus',
    birthDate: '1980-04-04',
    deathDate: null,
    turvakielto: false,
    callingName: null,
    serviceLanguage: 'fi',
    nativeLanguage: null,
    phone: null,
    email: null,
    iban: null,
    addresses: [],
    version: 1,
  },
  family: [],
  household: [],
  ownHousehold: null,
  relationships: [],
  timeline: [],
  accessBasis: 'relationship',
  vtjCheckedAt: null,
  vtjChanges: [],
}

describe('opening a relationship for oneself', () => {
  it('shows the server\'s demand for a reason at the reason field, and sends the reason', async () => {
    document.cookie = 'huoma-csrf=token-self'
    let tries = 0
    const api = signedIn(WORKER, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`POST /api/persons/${PERSON}/relationships`]: () =>
        ++tries === 1
          ? problem({
              title: 'Virheellinen pyyntö',
              status: 400,
              errors: [{ field: 'body.selfReason', code: 'relationship.self_reason_required', message: 'Kirjoita perustelu (vähintään 10 merkkiä): palvelutehtävän esihenkilö näkee sen.' }],
            })
          : json({ id: '6b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21' }, 201),
    })
    renderApp(`/persons/${PERSON}`)
    const section = await screen.findByRole('region', { name: 'Asiakkuudet' })
    fireEvent.click(within(section).getByRole('button', { name: 'Avaa asiakkuus' }))
    const form = within(section).getByRole('form', { name: 'Avaa uusi asiakkuus' })
    fireEvent.change(within(form).getByLabelText('Palvelutehtävä'), { target: { value: 'substance_mental_health' } })
    fireEvent.change(within(form).getByLabelText('Alkamisen syy'), { target: { value: 'other' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Avaa asiakkuus' }))
    const reason = within(form).getByLabelText('Perustelu, kun asia ei ole yksikkösi saapuneissa')
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(reason.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/esihenkilö näkee sen/)
    expect(api.calls(`POST /api/persons/${PERSON}/relationships`)[0]?.body).toEqual({ serviceTask: 'substance_mental_health', userId: WORKER.id, kind: 'responsible', startReason: 'other' })

    fireEvent.change(reason, { target: { value: ' Asiakas pyysi samaa työntekijää. ' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Avaa asiakkuus' }))
    await waitFor(() => expect(api.calls(`POST /api/persons/${PERSON}/relationships`)).toHaveLength(2))
    expect(api.calls(`POST /api/persons/${PERSON}/relationships`)[1]?.body).toMatchObject({ selfReason: 'Asiakas pyysi samaa työntekijää.' })
  })
})

describe('clerical access on the client card', () => {
  it('shows a sensitive service\'s relationship as a contact without the service', async () => {
    const secretary = sessionUser({ roles: ['office_secretary'], actions: ['persons:search', 'persons:card', 'relationships:open', 'relationships:end'] })
    signedIn(secretary, {
      [`GET /api/persons/${PERSON}/card`]: () =>
        json({
          ...card,
          accessBasis: 'registry',
          relationships: [
            { id: '6b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21', serviceTask: 'confidential', kind: 'team', userId: WORKER.id, userName: 'Aino Lehtinen', startDate: '2026-11-01', endDate: null, startReason: 'confidential', endReason: null },
          ],
        }),
    })
    renderApp(`/persons/${PERSON}`)
    const section = await screen.findByRole('region', { name: 'Asiakkuudet' })
    const row = within(section).getAllByRole('row')[1]!
    expect(row.textContent).toContain('Sosiaalipalvelu (ei näytetä toimistotyölle)')
    expect(row.textContent).toContain('Aino Lehtinen')
    expect(row.textContent).not.toContain('confidential')
  })
})

describe('Itse avatut asiakkuudet for the supervisor', () => {
  it('lists who opened what for themselves, with the reason, and changes the period', async () => {
    const row: SelfOpenedRelationship = {
      id: '6b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21',
      person: { id: PERSON, firstNames: 'Oma', lastName: 'Avaus' },
      serviceTask: 'substance_mental_health',
      worker: { id: WORKER.id, displayName: 'Aino Lehtinen' },
      startDate: '2026-12-01',
      endDate: null,
      openedAt: '2026-12-01T08:00:00.000Z',
      reason: 'Asiakas pyysi samaa työntekijää.',
    }
    const api = signedIn(SUPERVISOR, {
      'GET /api/relationships/self-opened?days=90': () => json({ relationships: [row] }),
      'GET /api/relationships/self-opened?days=365': () => json({ relationships: [] }),
    })
    renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Itse avatut asiakkuudet' }))
    const table = await screen.findByRole('table', { name: 'Itse avatut asiakkuudet, uusin ensin' })
    const cells = within(table).getAllByRole('row')[1]!
    expect(cells.textContent).toContain('Aino Lehtinen')
    expect(cells.textContent).toContain('Päihde- ja mielenterveystyö')
    expect(cells.textContent).toContain('Asiakas pyysi samaa työntekijää.')
    expect(within(cells).getByRole('link', { name: 'Avaus, Oma' }).getAttribute('href')).toBe(`/persons/${PERSON}`)
    fireEvent.change(screen.getByLabelText(/Ajalta/), { target: { value: '365' } })
    expect(await screen.findByText('Ei itse avattuja asiakkuuksia tältä ajalta.')).toBeTruthy()
    expect(api.calls('GET /api/relationships/self-opened?days=365')).toHaveLength(1)
  })
})
