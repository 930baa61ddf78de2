import type { ApplicationListItem, Worklist } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, renderApp, sessionUser, signedIn } from './helpers'

/**
 * The paged, sorted, filtered worklist (issue 14: 134 applications, the page stopped at 100): the pager reaches the
 * 134th, the column headers sort, the filters narrow, and every state lives in the address.
 */
const HANDLER = sessionUser({ roles: ['benefit_handler'], actions: ['income-support:worklist', 'income-support:read', 'income-support:assign'] })
const ME = { id: '99999999-9999-4999-8999-999999999999', name: 'Leena Kivelä' }

const item = (n: number, over: Partial<ApplicationListItem> = {}): ApplicationListItem => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  number: n,
  personId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  applicantName: `Hakija ${n}`,
  unitId: '20000000-0000-4000-8000-000000000001',
  unitName: 'Etuuskäsittely',
  channel: 'paper',
  receivedOn: '2030-01-02',
  urgent: false,
  state: 'in_preparation',
  dueOn: '2030-01-11',
  overdue: false,
  workingDaysLeft: 3,
  completionPending: false,
  handler: ME,
  memberCount: 1,
  version: 1,
  ...over,
})

const page = (from: number, to: number, over: Partial<Worklist> = {}): Worklist => ({
  today: '2030-01-08',
  items: Array.from({ length: to - from + 1 }, (_, i) => item(from + i)),
  overdueCount: 12,
  offset: from - 1,
  limit: 100,
  total: 134,
  handlers: [ME],
  ...over,
})

describe('the paged worklist', () => {
  it('pages to the 134th application and back', async () => {
    const api = signedIn(HANDLER, {
      'GET /api/income-support/worklist?scope=mine': () => json(page(1, 100)),
      'GET /api/income-support/worklist?scope=mine&offset=100': () => json(page(101, 134)),
    })
    const router = renderApp('/income-support')
    const pager = await screen.findByRole('navigation', { name: 'Sivut' })
    expect(within(pager).getByText('Näytetään 1–100 / 134 · Sivu 1 / 2')).toBeTruthy()
    expect((within(pager).getByRole('button', { name: 'Edellinen sivu' }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(within(pager).getByRole('button', { name: 'Seuraava sivu' }))
    expect(await screen.findByRole('link', { name: 'Hakija 134' })).toBeTruthy()
    expect(screen.getByText('Näytetään 101–134 / 134 · Sivu 2 / 2')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Seuraava sivu' }) as HTMLButtonElement).disabled).toBe(true)
    expect(router.state.location.search).toBe('?offset=100')
    fireEvent.click(screen.getByRole('button', { name: 'Edellinen sivu' }))
    expect(await screen.findByRole('link', { name: 'Hakija 1' })).toBeTruthy()
    expect(api.calls('GET /api/income-support/worklist?scope=mine')).toHaveLength(2)
  })

  it('sorts by a column, both ways, from the first page', async () => {
    const api = signedIn(HANDLER, {
      'GET /api/income-support/worklist?scope=mine&offset=100': () => json(page(101, 134)),
      'GET /api/income-support/worklist?scope=mine&sort=name': () => json(page(1, 100)),
      'GET /api/income-support/worklist?scope=mine&sort=name&order=desc': () => json(page(1, 100)),
    })
    const router = renderApp('/income-support?scope=mine&offset=100')
    await screen.findByRole('link', { name: 'Hakija 134' })
    const deadline = screen.getByRole('columnheader', { name: /Määräpäivä/ })
    expect(deadline.getAttribute('aria-sort')).toBe('ascending')
    fireEvent.click(screen.getByRole('button', { name: 'Hakija' }))
    await screen.findByRole('link', { name: 'Hakija 1' })
    expect(screen.getByRole('columnheader', { name: /Hakija/ }).getAttribute('aria-sort')).toBe('ascending')
    expect(router.state.location.search).toBe('?scope=mine&sort=name')
    fireEvent.click(screen.getByRole('button', { name: 'Hakija' }))
    await waitFor(() => expect(api.calls('GET /api/income-support/worklist?scope=mine&sort=name&order=desc')).toHaveLength(1))
    expect(screen.getByRole('columnheader', { name: /Hakija/ }).getAttribute('aria-sort')).toBe('descending')
  })

  it('filters by state, handler and overdue, and says when nothing matches', async () => {
    const api = signedIn(HANDLER, {
      'GET /api/income-support/worklist?scope=mine': () => json(page(1, 100)),
      'GET /api/income-support/worklist?scope=mine&state=received': () => json(page(1, 2, { total: 2 })),
      [`GET /api/income-support/worklist?scope=mine&state=received&handler=${ME.id}`]: () => json(page(1, 1, { total: 1 })),
      [`GET /api/income-support/worklist?scope=mine&state=received&handler=${ME.id}&overdue=true`]: () => json(page(1, 0, { total: 0, overdueCount: 0 })),
    })
    renderApp('/income-support')
    await screen.findByRole('navigation', { name: 'Sivut' })
    fireEvent.change(screen.getByLabelText('Tila'), { target: { value: 'received' } })
    expect(await screen.findByText('Näytetään 1–2 / 2 · Sivu 1 / 1')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Käsittelijä'), { target: { value: ME.id } })
    expect(await screen.findByText('Näytetään 1–1 / 1 · Sivu 1 / 1')).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Vain myöhässä olevat' }))
    expect(await screen.findByText('Rajauksilla ei löytynyt hakemuksia.')).toBeTruthy()
    expect(api.calls(`GET /api/income-support/worklist?scope=mine&state=received&handler=${ME.id}&overdue=true`)).toHaveLength(1)
  })
})
