import type { Desk } from '@huoma/contract'
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, renderApp, sessionUser, signedIn } from './helpers'

const CLIENT = '22222222-2222-4222-8222-222222222222'
const OTHER = '33333333-3333-4333-8333-333333333333'
const WORKER = sessionUser({ displayName: 'Aino Lehtinen', roles: ['social_worker'], actions: ['desk:read', 'deadlines:list', 'persons:search', 'persons:card', 'appointments:read'] })

const desk = (over: Partial<Desk> = {}): Desk => ({
  today: '2026-03-04',
  weekEnd: '2026-03-08',
  clients: [
    { id: CLIENT, name: 'Virtanen Matti', serviceTask: 'adult_social_work', since: '2026-01-02' },
    { id: OTHER, name: 'Korhonen Liisa', serviceTask: 'income_support', since: '2026-02-02' },
  ],
  appointments: [
    { id: 'a1111111-1111-4111-8111-111111111111', client: { id: CLIENT, name: 'Virtanen Matti' }, serviceTask: 'adult_social_work', start: '2026-03-04T08:27', end: '2026-03-04T09:00', place: 'office' },
    { id: 'a2222222-2222-4222-8222-222222222222', client: null, serviceTask: null, start: '2026-03-04T13:00', end: '2026-03-04T13:30', place: null },
    { id: 'a3333333-3333-4333-8333-333333333333', client: { id: OTHER, name: 'Korhonen Liisa' }, serviceTask: 'income_support', start: '2026-03-06T10:00', end: '2026-03-06T11:00', place: 'phone' },
  ],
  drafts: [
    { kind: 'journal', id: 'd1111111-1111-4111-8111-111111111111', client: { id: CLIENT, name: 'Virtanen Matti' }, serviceTask: 'adult_social_work', date: '2026-03-03', number: null, state: null },
    { kind: 'income_support', id: 'e1111111-1111-4111-8111-111111111111', client: { id: OTHER, name: 'Korhonen Liisa' }, serviceTask: 'income_support', date: '2026-02-20', number: 42, state: 'in_preparation' },
  ],
  deadlines: {
    items: [
      { id: 'f1111111-1111-4111-8111-111111111111', kind: 'income_support.decision', serviceTask: 'income_support', client: { id: OTHER, name: 'Korhonen Liisa' }, dueOn: '2026-03-02', urgent: false, standing: 'overdue', workingDaysLeft: -2 },
      { id: 'f2222222-2222-4222-8222-222222222222', kind: 'child_welfare.plan_review', serviceTask: 'child_welfare', client: { id: CLIENT, name: 'Virtanen Matti' }, dueOn: '2026-03-05', urgent: true, standing: 'upcoming', workingDaysLeft: 1 },
    ],
    overdueCount: 1,
    total: 7,
    soonDays: 5,
  },
  waiting: [{ kind: 'deadline_queue', count: 3, overdueCount: 1 }],
  ...over,
})

describe('Työpöytä', () => {
  it("shows the worker's appointments, deadlines, drafts, waiting work and clients, each a link into the work", async () => {
    signedIn(WORKER, { 'GET /api/desk': () => json(desk()) })
    renderApp('/')
    const today = await screen.findByRole('region', { name: 'Tänään' })
    const [first, busy] = within(today).getAllByRole('listitem')
    expect(first!.textContent).toContain('klo 8.27–9.00')
    expect(within(first!).getByRole('link', { name: 'Virtanen Matti' }).getAttribute('href')).toBe(`/persons/${CLIENT}`)
    expect(first!.textContent).toContain('Toimisto')
    expect(busy!.textContent).toContain('Varattu (asiakas ei näy sinulle)')
    expect(within(today).getByText(/6\.3\. klo 10\.00–11\.00/)).toBeTruthy()
    expect(within(today).getByRole('link', { name: 'Avaa kalenteri' }).getAttribute('href')).toBe('/appointments?date=2026-03-04&view=week')

    const deadlines = screen.getByRole('region', { name: 'Määräaikani' })
    const [late, soon] = within(deadlines).getAllByRole('listitem')
    expect(within(late!).getByText('Myöhässä')).toBeTruthy()
    expect(late!.textContent).toContain('2 arkipäivää myöhässä')
    expect(within(late!).getByRole('link', { name: 'Toimeentulotukipäätös: Korhonen Liisa' }).getAttribute('href')).toBe(`/persons/${OTHER}`)
    expect(within(soon!).getByText('Kiireellinen')).toBeTruthy()
    expect(within(soon!).getByRole('link', { name: 'Asiakassuunnitelman tarkistus: Virtanen Matti' }).getAttribute('href')).toBe(`/persons/${CLIENT}/child-welfare`)
    expect(within(deadlines).getByRole('link', { name: 'Kaikki määräaikani (7)' }).getAttribute('href')).toBe('/deadlines')

    const drafts = screen.getByRole('region', { name: 'Keskeneräiset' })
    expect(within(drafts).getByRole('link', { name: 'Virtanen Matti: Allekirjoittamaton kirjaus 3.3.2026' }).getAttribute('href')).toBe(`/persons/${CLIENT}`)
    expect(within(drafts).getByRole('link', { name: /Toimeentulotukihakemus nro 42/ }).getAttribute('href')).toBe(`/persons/${OTHER}/income-support/e1111111-1111-4111-8111-111111111111`)

    const waiting = screen.getByRole('region', { name: 'Odottaa sinua' })
    expect(within(waiting).getByRole('link', { name: /Yksikön jonossa 3 määräaikaa/ }).getAttribute('href')).toBe('/deadlines')

    const clients = screen.getByRole('region', { name: 'Asiakkaani' })
    expect(within(clients).getByText('Aikuisten sosiaalityö (1 asiakas)')).toBeTruthy()
    expect(within(clients).getByRole('link', { name: 'Korhonen Liisa' }).getAttribute('href')).toBe(`/persons/${OTHER}`)
    // the workers' home page does not show the database's migration
    expect(screen.queryByText('0001_initial')).toBeNull()
    expect(screen.queryByRole('region', { name: 'Järjestelmän tila' })).toBeNull()
  })

  it('opens the work from a link', async () => {
    signedIn(WORKER, { 'GET /api/desk': () => json(desk()) })
    const router = renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Toimeentulotukipäätös: Korhonen Liisa' }))
    expect(router.state.location.pathname).toBe(`/persons/${OTHER}`)
  })

  it('writes times in Swedish and English styles', async () => {
    signedIn({ ...WORKER, language: 'sv' }, { 'GET /api/desk': () => json(desk()) })
    renderApp('/')
    const today = await screen.findByRole('region', { name: 'I dag' })
    expect(within(today).getAllByRole('listitem')[0]!.textContent).toContain('kl. 8.27–9.00')
    expect(within(today).getByText(/Kontor/)).toBeTruthy()
  })

  it('writes times in English style', async () => {
    signedIn({ ...WORKER, language: 'en' }, { 'GET /api/desk': () => json(desk()) })
    renderApp('/')
    const today = await screen.findByRole('region', { name: 'Today' })
    expect(within(today).getAllByRole('listitem')[0]!.textContent).toContain('08:27–09:00')
    expect(screen.getByRole('region', { name: 'My deadlines' })).toBeTruthy()
  })

  it('shows finance the batch waiting for approval, and says when nothing else is there', async () => {
    const finance = sessionUser({ roles: ['finance'], actions: ['desk:read', 'payments:batches', 'payments:batch-read'] })
    signedIn(finance, {
      'GET /api/desk': () =>
        json(desk({ clients: null, appointments: null, drafts: null, deadlines: null, waiting: [{ kind: 'payment_batch', id: 'b1111111-1111-4111-8111-111111111111', number: 12, itemCount: 3, totalCents: 123456, createdByName: 'Hanna Virtanen', since: '2026-03-03T08:00:00Z' }] })),
    })
    renderApp('/')
    const waiting = await screen.findByRole('region', { name: 'Odottaa sinua' })
    const link = within(waiting).getByRole('link', { name: /Maksuerä 12 odottaa hyväksyntää: 3 maksua, 1\s234,56\s€ \(laati Hanna Virtanen, 3\.3\.2026 klo 10\.00\)/ })
    expect(link.getAttribute('href')).toBe('/payments/batches/b1111111-1111-4111-8111-111111111111')
    expect(screen.queryByRole('region', { name: 'Asiakkaani' })).toBeNull()
  })

  it('shows the main user the grant requests and the system status', async () => {
    const main = sessionUser({ roles: ['main_user'], actions: ['desk:read', 'admin:users', 'admin:grant-requests', 'jobs:read'] })
    signedIn(main, {
      'GET /api/desk': () =>
        json(desk({ clients: null, appointments: null, drafts: null, deadlines: null, waiting: [{ kind: 'grant_request', id: 'c1111111-1111-4111-8111-111111111111', userName: 'Mikko Salonen', roleCode: 'social_counsellor', requestedByName: 'Jari Heikkilä', since: '2026-03-03T08:00:00Z' }] })),
    })
    renderApp('/')
    const waiting = await screen.findByRole('region', { name: 'Odottaa sinua' })
    expect(within(waiting).getByRole('link', { name: /Oikeuspyyntö: Mikko Salonen, Sosiaaliohjaaja/ }).getAttribute('href')).toBe('/admin/grant-requests')
    expect(await screen.findByText('0001_initial')).toBeTruthy()
  })

  it('tells the statistician what the role will do', async () => {
    const statistician = sessionUser({ roles: ['statistician'], actions: ['desk:read'] })
    signedIn(statistician, { 'GET /api/desk': () => json(desk({ clients: null, appointments: null, drafts: null, deadlines: null, waiting: null })) })
    renderApp('/')
    expect(await screen.findByText(/Tilastoijan työpöytä: tilastot ovat vielä tekeillä/)).toBeTruthy()
    expect(screen.queryByText(/Sinulla ei ole vielä oikeuksia/)).toBeNull()
  })
})
