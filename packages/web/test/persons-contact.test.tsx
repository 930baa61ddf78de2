import type { ClientCard } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const worker = sessionUser({ actions: ['persons:search', 'persons:read', 'persons:update', 'persons:card'] })

function card(overrides: Partial<ClientCard['person']> = {}): ClientCard {
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
      iban: 'FI2112345600000785',
      addresses: [{ kind: 'permanent', street: 'Koivukuja 5', postalCode: '99100', postOffice: 'DEMOLA', validFrom: '2020-01-01', validUntil: null }],
      version: 3,
      ...overrides,
    },
    family: [],
    household: [],
    relationships: [],
    timeline: [],
    accessBasis: 'relationship',
    vtjCheckedAt: '2026-12-01T10:00:00.000Z',
    vtjChanges: [],
  }
}

const contactRegion = () => screen.getByRole('region', { name: 'Yhteystiedot ja osoitteet' })
const describedText = (element: HTMLElement) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent

describe('client card: addresses and bank account', () => {
  it('shows the account in groups, checks the form, puts the server messages at their fields and saves', async () => {
    document.cookie = 'huoma-csrf=token-c1'
    let attempt = 0
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card(attempt >= 2 ? { iban: 'FI5810171000000122', version: 4 } : {})),
      [`PATCH /api/persons/${PERSON}`]: () => {
        attempt += 1
        if (attempt === 1) {
          return problem({
            title: 'Virheellinen pyyntö',
            status: 400,
            errors: [
              { field: 'body.iban', code: 'iban.checksum', message: 'IBAN-tilinumeron tarkisteet eivät täsmää. Tarkista numero.' },
              { field: 'body.addresses.1.validUntil', code: 'date.before_start', message: 'Päättymispäivä ei voi olla ennen alkamispäivää.' },
            ],
          })
        }
        return json(card({ iban: 'FI5810171000000122', version: 4 }).person)
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(within(contactRegion()).getByText('FI21 1234 5600 0007 85')).toBeTruthy()
    expect(within(contactRegion()).getByText(/Koivukuja 5, 99100 DEMOLA/)).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Muokkaa osoitteita ja tilinumeroa' }))
    const iban = screen.getByLabelText('Tilinumero (IBAN)') as HTMLInputElement
    expect(iban.value).toBe('FI21 1234 5600 0007 85')
    fireEvent.click(screen.getByRole('button', { name: 'Lisää osoite' }))
    const second = screen.getByRole('group', { name: 'Osoite 2' })
    fireEvent.change(within(second).getByLabelText('Osoitteen laji'), { target: { value: 'postal' } })
    fireEvent.change(within(second).getByLabelText('Postinumero'), { target: { value: '991' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }))
    // The form's own checks: nothing is sent while a field is visibly wrong.
    const street = within(second).getByLabelText('Katuosoite')
    expect(describedText(street)).toBe('Anna katuosoite.')
    expect(describedText(within(second).getByLabelText('Postinumero'))).toBe('Postinumerossa on viisi numeroa.')
    expect(document.activeElement).toBe(street)
    expect(api.calls(`PATCH /api/persons/${PERSON}`)).toHaveLength(0)

    fireEvent.change(street, { target: { value: 'PL 12' } })
    fireEvent.change(within(second).getByLabelText('Postinumero'), { target: { value: '99101' } })
    fireEvent.change(within(second).getByLabelText('Postitoimipaikka'), { target: { value: 'DEMOLA' } })
    fireEvent.change(within(second).getByLabelText('Voimassa alkaen (pp.kk.vvvv)'), { target: { value: '1.12.2026' } })
    fireEvent.change(within(second).getByLabelText('Voimassa asti (pp.kk.vvvv)'), { target: { value: '30.11.2026' } })
    fireEvent.change(iban, { target: { value: 'fi21 1234 5600 0007 86' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }))
    await waitFor(() => expect(describedText(iban)).toBe('IBAN-tilinumeron tarkisteet eivät täsmää. Tarkista numero.'))
    expect(describedText(within(second).getByLabelText('Voimassa asti (pp.kk.vvvv)'))).toBe('Päättymispäivä ei voi olla ennen alkamispäivää.')
    expect(document.activeElement).toBe(iban)
    expect(api.calls(`PATCH /api/persons/${PERSON}`)[0]?.body).toEqual({
      version: 3,
      iban: 'FI2112345600000786',
      addresses: [
        { kind: 'permanent', street: 'Koivukuja 5', postalCode: '99100', postOffice: 'DEMOLA', validFrom: '2020-01-01' },
        { kind: 'postal', street: 'PL 12', postalCode: '99101', postOffice: 'DEMOLA', validFrom: '2026-12-01', validUntil: '2026-11-30' },
      ],
    })

    fireEvent.change(iban, { target: { value: 'FI58 1017 1000 0001 22' } })
    fireEvent.change(within(second).getByLabelText('Voimassa asti (pp.kk.vvvv)'), { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }))
    expect(await screen.findByText('Osoitteet ja tilinumero tallennettu.')).toBeTruthy()
    await waitFor(() => expect(within(contactRegion()).getByText('FI58 1017 1000 0001 22')).toBeTruthy())
    expect(api.calls(`PATCH /api/persons/${PERSON}`)[1]?.body).toMatchObject({ iban: 'FI5810171000000122' })
  })

  it('says the data changed when someone else saved first, and shows the newer data', async () => {
    document.cookie = 'huoma-csrf=token-c2'
    let stale = false
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card(stale ? { iban: null, version: 4 } : {})),
      [`PATCH /api/persons/${PERSON}`]: () => {
        stale = true
        return problem({ title: 'Ristiriita', status: 409, detail: 'Joku muu on muuttanut tietoja sillä välin.' })
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    fireEvent.click(screen.getByRole('button', { name: 'Muokkaa osoitteita ja tilinumeroa' }))
    fireEvent.click(screen.getByRole('button', { name: 'Poista osoite 1' }))
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }))
    expect(await screen.findByText('Tiedot ovat muuttuneet')).toBeTruthy()
    expect(api.calls(`PATCH /api/persons/${PERSON}`)[0]?.body).toEqual({ version: 3, iban: 'FI2112345600000785', addresses: [] })
    await waitFor(() => expect(within(contactRegion()).queryByText('FI21 1234 5600 0007 85')).toBeNull())
    expect(within(contactRegion()).getByText(/Koivukuja 5, 99100 DEMOLA/)).toBeTruthy()
    expect(screen.queryByLabelText('Tilinumero (IBAN)')).toBeNull()
  })

  it('under turvakielto offers only the contact address, and no editing without the right', async () => {
    signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () =>
        json(card({ turvakielto: true, addresses: [{ kind: 'contact', street: 'PL 12', postalCode: '99101', postOffice: 'DEMOLA', validFrom: null, validUntil: null }] })),
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    fireEvent.click(screen.getByRole('button', { name: 'Muokkaa osoitteita ja tilinumeroa' }))
    expect(screen.getByText(/kortilla voi muuttaa vain yhteysosoitetta/)).toBeTruthy()
    const kind = within(screen.getByRole('group', { name: 'Osoite 1' })).getByLabelText('Osoitteen laji')
    expect(within(kind).getAllByRole('option').map((o) => o.textContent)).toEqual(['Yhteysosoite'])
  })

  it('shows no edit button to a role that may only read', async () => {
    signedIn(sessionUser({ actions: ['persons:search', 'persons:card'] }), { [`GET /api/persons/${PERSON}/card`]: () => json(card()) })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(screen.queryByRole('button', { name: 'Muokkaa osoitteita ja tilinumeroa' })).toBeNull()
  })
})
