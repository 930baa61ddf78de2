import type { DeadlineItem, DeadlineList } from '@huoma/contract'
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { i18n } from '../src/i18n'
import { json, renderApp, sessionUser, signedIn } from './helpers'

const WORKER = sessionUser({ displayName: 'Sanna Sosiaalityöntekijä', roles: ['social_worker'], actions: ['deadlines:list', 'persons:search'] })
const UNIT = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Aikuissosiaalityö' }
const OTHER_UNIT = { id: '00000000-0000-4000-8000-0000000000a2', name: 'Lapsiperheiden palvelut' }

function item(overrides: Partial<DeadlineItem>): DeadlineItem {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    kind: 'income_support.decision',
    serviceTask: 'income_support',
    unitId: UNIT.id,
    unitName: UNIT.name,
    legalBasis: 'TTTL 14 a §',
    person: { id: '22222222-2222-4222-8222-222222222222', name: 'Virtanen Matti', canOpen: true },
    responsibleName: 'Sanna Sosiaalityöntekijä',
    startedOn: '2026-03-02',
    dueOn: '2026-03-11',
    urgent: false,
    state: 'open',
    standing: 'upcoming',
    workingDaysLeft: 3,
    reminded: false,
    ...overrides,
  }
}

const list = (items: DeadlineItem[], over: Partial<DeadlineList> = {}): DeadlineList => ({
  today: '2026-03-06',
  items,
  total: items.length,
  overdueCount: items.filter((i) => i.standing === 'overdue').length,
  units: [UNIT, OTHER_UNIT],
  ...over,
})

describe('Määräajat', () => {
  it('lists my deadlines with the overdue, urgent and reminded marked, and the client linked', async () => {
    const mine = list([
      item({ id: 'a1111111-1111-4111-8111-111111111111', dueOn: '2026-03-03', standing: 'overdue', workingDaysLeft: -3 }),
      item({ id: 'a2222222-2222-4222-8222-222222222222', kind: 'child_welfare.assessment_start', serviceTask: 'child_welfare', legalBasis: 'LSL 26 §', urgent: true, reminded: true, workingDaysLeft: 1 }),
    ])
    signedIn(WORKER, { 'GET /api/deadlines?scope=mine': () => json(mine) })
    renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Määräajat' }))
    const table = await screen.findByRole('table', { name: /Määräajat, aikaisin ensin/ })
    const [, late, soon] = within(table).getAllByRole('row')
    expect(within(late!).getByText('Myöhässä')).toBeTruthy()
    expect(within(late!).getByText('3 arkipäivää myöhässä')).toBeTruthy()
    expect(within(late!).getByText('Toimeentulotukipäätös', { exact: false })).toBeTruthy()
    expect(within(late!).getByRole('link', { name: 'Virtanen Matti' }).getAttribute('href')).toBe('/persons/22222222-2222-4222-8222-222222222222')
    expect(within(soon!).getByText('Kiireellinen')).toBeTruthy()
    expect(within(soon!).getByText('Muistutettu')).toBeTruthy()
    expect(within(soon!).getByText('1 arkipäivä jäljellä')).toBeTruthy()
    // a child welfare deadline by its name, with its law
    expect(within(soon!).getByText('Päätös palvelutarpeen arvioinnin aloittamisesta', { exact: false })).toBeTruthy()
    expect(within(soon!).getByText('(LSL 26 §)')).toBeTruthy()
    expect(screen.getByText('2 määräaikaa, joista 1 myöhässä.')).toBeTruthy()
  })

  it('switches to the unit queue, filters by unit and by overdue, and says when the list is cut', async () => {
    const api = signedIn(WORKER, {
      'GET /api/deadlines?scope=mine': () => json(list([])),
      'GET /api/deadlines?scope=unit': () => json(list([item({ responsibleName: null, person: { id: '33333333-3333-4333-8333-333333333333', name: 'Korhonen Liisa', canOpen: false } })], { total: 250 })),
      [`GET /api/deadlines?scope=unit&unitId=${OTHER_UNIT.id}`]: () => json(list([])),
      [`GET /api/deadlines?scope=unit&unitId=${OTHER_UNIT.id}&overdue=true`]: () => json(list([])),
    })
    renderApp('/deadlines')
    expect(await screen.findByText('Ei avoimia määräaikoja.')).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: 'Yksikön jono' }))
    expect(await screen.findByText('Ei vielä')).toBeTruthy()
    expect(screen.getByText(/Näytetään 1 \/ 250/)).toBeTruthy()
    // a client the worker has no basis for yet is named, not linked
    expect(screen.getByText('Korhonen Liisa').closest('a')).toBeNull()
    fireEvent.change(screen.getByRole('combobox', { name: 'Yksikkö' }), { target: { value: OTHER_UNIT.id } })
    expect(await screen.findByText('Ei avoimia määräaikoja.')).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Vain myöhässä olevat' }))
    await screen.findByText('Ei avoimia määräaikoja.')
    expect(api.calls(`GET /api/deadlines?scope=unit&unitId=${OTHER_UNIT.id}&overdue=true`).length).toBe(1)
  })

  it('prints the legal basis in the user language, not the stored Finnish citation', async () => {
    const items = [
      item({ id: 'a1111111-1111-4111-8111-111111111111' }),
      item({ id: 'a2222222-2222-4222-8222-222222222222', kind: 'child_welfare.assessment_complete', serviceTask: 'child_welfare', legalBasis: 'SHL 36 § 3 mom, LSL 26 § 5 mom' }),
    ]
    signedIn(WORKER, { 'GET /api/deadlines?scope=mine': () => json(list(items)) })
    renderApp('/deadlines')
    let table = await screen.findByRole('table')
    expect(within(table).getByText('(TTTL 14 a §)')).toBeTruthy()
    await i18n.changeLanguage('sv')
    table = await screen.findByRole('table')
    expect(await within(table).findByText('(Lagen om utkomststöd 14 a §)')).toBeTruthy()
    expect(within(table).getByText('(Socialvårdslagen 36 § 3 mom., Barnskyddslagen 26 § 5 mom.)')).toBeTruthy()
    expect(within(table).queryByText(/TTTL|LSL|SHL/)).toBeNull()
    await i18n.changeLanguage('en')
    table = await screen.findByRole('table')
    expect(await within(table).findByText('(Act on Social Assistance s. 14a)')).toBeTruthy()
    expect(within(table).getByText('(Social Welfare Act s. 36(3), Child Welfare Act s. 26(5))')).toBeTruthy()
    expect(within(table).queryByText(/TTTL|LSL|SHL/)).toBeNull()
  })
})
