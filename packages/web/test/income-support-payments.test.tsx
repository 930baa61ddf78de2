import type { ClientCard, ClientPayments } from '@huoma/contract'
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const handler = sessionUser({ roles: ['benefit_handler'], actions: ['persons:card', 'income-support:payments'] })

const card: ClientCard = {
  person: {
    id: PERSON, hetu: '050776-900H', temporaryId: null, firstNames: 'Maija', lastName: 'Maksettu', birthDate: '1976-07-05', deathDate: null, turvakielto: false,
    callingName: null, serviceLanguage: 'fi', nativeLanguage: 'fi', phone: null, email: null, iban: null, addresses: [], version: 1,
  },
  family: [],
  household: [],
  relationships: [{ id: 'b1000000-0000-4000-8000-000000000001', serviceTask: 'income_support', kind: 'responsible', userId: handler.id, userName: 'Tiina Virtanen', startDate: '2026-01-01', endDate: null, startReason: 'application', endReason: null }],
  timeline: [],
  accessBasis: 'relationship',
  vtjCheckedAt: '2026-12-01T10:00:00.000Z',
  vtjChanges: [],
}

const history: ClientPayments = {
  paidTotalCents: 52_311,
  payments: [
    { id: 'e1000000-0000-4000-8000-000000000001', number: 12, dueOn: '2026-03-20', amountCents: 3_450, payee: { kind: 'provider', name: 'Demolan apteekki' }, decision: { id: 'f1000000-0000-4000-8000-000000000001', number: 301 }, commitmentNumber: 44, state: 'open', paidOn: null, returnedOn: null, returnReason: null },
    { id: 'e1000000-0000-4000-8000-000000000002', number: 11, dueOn: '2026-03-05', amountCents: 52_311, payee: { kind: 'client', name: 'Maija Maksettu' }, decision: { id: 'f1000000-0000-4000-8000-000000000001', number: 301 }, commitmentNumber: null, state: 'paid', paidOn: '2026-03-05', returnedOn: null, returnReason: null },
    { id: 'e1000000-0000-4000-8000-000000000003', number: 10, dueOn: '2026-02-02', amountCents: 1_000, payee: { kind: 'client', name: 'Maija Maksettu' }, decision: null, commitmentNumber: null, state: 'returned', paidOn: '2026-02-02', returnedOn: '2026-02-04', returnReason: 'AC01' },
  ],
}

describe('client card: paid benefits', () => {
  it('lists the income support payments with euros, decision, commitment, state and day, and the paid total', async () => {
    signedIn(handler, { [`GET /api/persons/${PERSON}/card`]: () => json(card), [`GET /api/persons/${PERSON}/income-support/payments`]: () => json(history) })
    renderApp(`/persons/${PERSON}`)
    const section = await screen.findByRole('region', { name: 'Maksetut etuudet' })
    const table = await within(section).findByRole('table', { name: 'Toimeentulotuen maksut' })
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent?.replace(/\u00a0/g, ' ')))
    expect(rows).toEqual([
      ['20.3.2026', '34,50 €', 'Demolan apteekki', 'Päätös 301, maksusitoumus 44', 'Maksamatta', '–'],
      ['5.3.2026', '523,11 €', 'Maija Maksettu', 'Päätös 301', 'Maksettu', '5.3.2026'],
      ['2.2.2026', '10,00 €', 'Maija Maksettu', '–', 'Palautunut, syy AC01', '4.2.2026'],
    ])
    expect(within(section).getByText('Maksettu yhteensä: 523,11 €', { normalizer: (s) => s.replace(/\u00a0/g, ' ') })).toBeTruthy()
  })

  it('is not asked for without a basis in income support on the card', async () => {
    const api = signedIn(handler, { [`GET /api/persons/${PERSON}/card`]: () => json({ ...card, relationships: [] }) })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Maksettu Maija' })
    expect(screen.queryByRole('region', { name: 'Maksetut etuudet' })).toBeNull()
    expect(api.calls(`GET /api/persons/${PERSON}/income-support/payments`)).toHaveLength(0)
  })
})
