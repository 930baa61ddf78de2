import type { ClientCard, PersonContact } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const CONTACT = '9c7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const worker = sessionUser({ actions: ['persons:search', 'persons:card', 'persons:contacts', 'persons:contact-add', 'persons:contact-update'] })

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

const edunvalvoja: PersonContact = {
  id: CONTACT,
  kind: 'edunvalvoja',
  name: 'Maria Holm',
  relation: null,
  phone: '029 566 0000',
  email: null,
  address: null,
  matters: 'Talous ja omaisuus',
  validFrom: '2026-01-15',
  validUntil: null,
  linkedPersonId: null,
  version: 1,
}

const region = () => screen.getByRole('region', { name: 'Yhteyshenkilöt ja edustajat' })
const describedText = (element: HTMLElement) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent

describe('client card: contact persons and representatives', () => {
  it('adds an edunvalvoja: the matters are asked for, a server message goes to its field, the list reloads', async () => {
    document.cookie = 'huoma-csrf=token-k1'
    let saved: PersonContact[] = []
    let attempts = 0
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`GET /api/persons/${PERSON}/contacts`]: () => json({ contacts: saved }),
      [`POST /api/persons/${PERSON}/contacts`]: () => {
        attempts += 1
        if (attempts === 1) {
          return problem({ title: 'Virheellinen pyyntö', status: 400, errors: [{ field: 'body.validUntil', code: 'date.before_start', message: 'Päättymispäivä ei voi olla ennen alkamispäivää.' }] })
        }
        saved = [edunvalvoja]
        return json(edunvalvoja, 201)
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(await within(region()).findByText('Ei yhteyshenkilöitä eikä edustajia.')).toBeTruthy()
    fireEvent.click(within(region()).getByRole('button', { name: 'Lisää yhteyshenkilö tai edustaja' }))
    fireEvent.change(within(region()).getByLabelText('Laji'), { target: { value: 'edunvalvoja' } })
    fireEvent.change(within(region()).getByLabelText('Nimi'), { target: { value: 'Maria Holm' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Tallenna' }))
    const matters = within(region()).getByLabelText('Asiat, joita hoitaa')
    expect(describedText(matters)).toBe('Kerro, missä asioissa edustaja hoitaa asiakkaan asioita.')
    expect(document.activeElement).toBe(matters)
    expect(api.calls(`POST /api/persons/${PERSON}/contacts`)).toHaveLength(0)

    fireEvent.change(matters, { target: { value: 'Talous ja omaisuus' } })
    fireEvent.change(within(region()).getByLabelText('Alkaen (pp.kk.vvvv)'), { target: { value: '15.1.2026' } })
    fireEvent.change(within(region()).getByLabelText('Päättyen (pp.kk.vvvv)'), { target: { value: '1.1.2026' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Tallenna' }))
    const until = within(region()).getByLabelText('Päättyen (pp.kk.vvvv)')
    await waitFor(() => expect(describedText(until)).toBe('Päättymispäivä ei voi olla ennen alkamispäivää.'))
    expect(api.calls(`POST /api/persons/${PERSON}/contacts`)[0]?.body).toEqual({
      kind: 'edunvalvoja',
      name: 'Maria Holm',
      relation: null,
      phone: null,
      email: null,
      address: null,
      matters: 'Talous ja omaisuus',
      validFrom: '2026-01-15',
      validUntil: '2026-01-01',
    })

    fireEvent.change(until, { target: { value: '' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Tallenna' }))
    expect(await within(region()).findByText('Yhteyshenkilö lisätty.')).toBeTruthy()
    expect(await within(region()).findByText('Maria Holm')).toBeTruthy()
    expect(within(region()).getByText('Edunvalvoja')).toBeTruthy()
    expect(within(region()).getByText('Hoitaa: Talous ja omaisuus')).toBeTruthy()
  })

  it('ends a representative with its version, and says so when someone else changed it first', async () => {
    document.cookie = 'huoma-csrf=token-k2'
    let current = edunvalvoja
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`GET /api/persons/${PERSON}/contacts`]: () => json({ contacts: [current] }),
      [`POST /api/persons/${PERSON}/contacts/${CONTACT}/end`]: () => {
        current = { ...edunvalvoja, phone: '029 566 1111', version: 2 }
        return problem({ title: 'Ristiriita', status: 409, detail: 'Joku muu on muuttanut yhteyshenkilön tietoja sillä välin.' })
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    fireEvent.click(await within(region()).findByRole('button', { name: 'Päätä: Maria Holm' }))
    fireEvent.change(within(region()).getByLabelText(/Päättymispäivä/), { target: { value: '30.11.2026' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Päätä' }))
    expect(await within(region()).findByText('Tiedot ovat muuttuneet')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/contacts/${CONTACT}/end`)[0]?.body).toEqual({ version: 1, validUntil: '2026-11-30' })
    expect(await within(region()).findByText(/029 566 1111/)).toBeTruthy()
  })

  it('is not shown to a role without the right to read contacts', async () => {
    signedIn(sessionUser({ actions: ['persons:search', 'persons:card'] }), { [`GET /api/persons/${PERSON}/card`]: () => json(card) })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(screen.queryByRole('region', { name: 'Yhteyshenkilöt ja edustajat' })).toBeNull()
  })
})
