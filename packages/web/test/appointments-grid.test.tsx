import type { Appointment } from '@huoma/contract'
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { gridHours, isoWeek, layoutLanes, minutesOf, weekColumns, weekStart } from '../src/features/appointments/dates'
import { json, renderApp, sessionUser, signedIn } from './helpers'

const span = (from: string, to: string, day = '2030-01-16') => ({ start: `${day}T${from}`, end: `${day}T${to}` })

describe('the week grid’s date rules', () => {
  it('starts a week on its Monday, across month and year ends', () => {
    expect(weekStart('2030-01-16')).toBe('2030-01-14')
    expect(weekStart('2030-01-14')).toBe('2030-01-14')
    expect(weekStart('2030-01-20')).toBe('2030-01-14')
    expect(weekStart('2027-01-01')).toBe('2026-12-28')
    expect(weekStart('2024-03-03')).toBe('2024-02-26')
  })

  it('numbers weeks as ISO 8601 does (week 1 holds the year’s first Thursday)', () => {
    expect(isoWeek('2030-01-16')).toBe(3)
    expect(isoWeek('2026-12-07')).toBe(50)
    expect(isoWeek('2027-01-01')).toBe(53) // a Friday: still week 53 of 2026
    expect(isoWeek('2027-01-04')).toBe(1)
    expect(isoWeek('2024-12-30')).toBe(1) // a Monday: week 1 of 2025
    expect(isoWeek('2021-01-03')).toBe(53)
  })

  it('reads wall-clock minutes', () => {
    expect(minutesOf('2030-01-16T09:30')).toBe(570)
    expect(minutesOf('00:00')).toBe(0)
    expect(() => minutesOf('nine')).toThrow()
  })

  it('gives apart appointments one full-width lane each', () => {
    expect(layoutLanes([span('09:00', '10:00'), span('10:00', '11:00'), span('13:00', '14:00')])).toEqual([
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
    ])
  })

  it('sets overlapping appointments side by side, the earlier one to the left, in the input’s order', () => {
    expect(layoutLanes([span('09:30', '10:30'), span('09:00', '10:00')])).toEqual([
      { lane: 1, lanes: 2 },
      { lane: 0, lanes: 2 },
    ])
  })

  it('reuses a freed lane and gives a whole cluster the same width', () => {
    // 9–12 overlaps 9.30–10 and 10.30–11; those two do not overlap each other, so two lanes suffice.
    const lanes = layoutLanes([span('09:00', '12:00'), span('09:30', '10:00'), span('10:30', '11:00'), span('13:00', '13:30')])
    expect(lanes).toEqual([
      { lane: 0, lanes: 2 },
      { lane: 1, lanes: 2 },
      { lane: 1, lanes: 2 },
      { lane: 0, lanes: 1 },
    ])
  })

  it('opens a third lane when three overlap at once', () => {
    const lanes = layoutLanes([span('09:00', '11:00'), span('09:15', '10:00'), span('09:45', '10:30')])
    expect(lanes.map((l) => l.lane)).toEqual([0, 1, 2])
    expect(new Set(lanes.map((l) => l.lanes))).toEqual(new Set([3]))
  })

  it('shows 7–18 and widens to whole hours for early and late appointments', () => {
    expect(gridHours([span('09:00', '10:00')])).toEqual({ first: 7, last: 18 })
    expect(gridHours([span('06:30', '07:15'), span('18:00', '19:10')])).toEqual({ first: 6, last: 20 })
  })

  it('shows Monday to Friday, and a weekend day only when something is booked on it', () => {
    expect(weekColumns('2030-01-14', [span('09:00', '10:00')])).toEqual(['2030-01-14', '2030-01-15', '2030-01-16', '2030-01-17', '2030-01-18'])
    expect(weekColumns('2030-01-14', [span('09:00', '10:00', '2030-01-20')]).slice(5)).toEqual(['2030-01-20'])
  })
})

const ME = '6c1f3f0e-1b2a-4f43-9a51-0d0c5f0d2b11'
const CLIENT = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const ALL = ['appointments:read', 'appointments:book', 'appointments:cancel', 'persons:search']
const WEEK = 'GET /api/appointments?from=2030-01-14&to=2030-01-20'

function appointment(id: string, start: string, end: string, overrides: Partial<Appointment> = {}): Appointment {
  return {
    id,
    worker: { id: ME, name: 'Tiina Virtanen' },
    unit: { id: '7a7a7a7a-1111-4222-8333-944455566677', name: 'Aikuissosiaalityö' },
    client: { id: CLIENT, name: 'Varaaja Aapo' },
    serviceTask: 'adult_social_work',
    start,
    end,
    startAt: '2030-01-16T07:00:00.000Z',
    endAt: '2030-01-16T08:00:00.000Z',
    place: 'home_visit',
    status: 'booked',
    cancelReason: null,
    version: 1,
    ...overrides,
  }
}

const calendar = (appointments: Appointment[]) => json({ from: '2030-01-14', to: '2030-01-20', workerId: ME, unitId: null, appointments })
const A = appointment('a1000000-0000-4000-8000-000000000001', '2030-01-16T09:00', '2030-01-16T10:00')
const B = appointment('a1000000-0000-4000-8000-000000000002', '2030-01-16T09:30', '2030-01-16T10:30', { client: null, serviceTask: null, place: null })

describe('the time grid', () => {
  it('places each appointment in its day column by time, overlapping ones side by side, named for screen readers', async () => {
    signedIn(sessionUser({ actions: ALL }), { [WEEK]: () => calendar([A, B]) })
    renderApp('/appointments?date=2030-01-16&layout=grid')
    const grid = await screen.findByRole('group', { name: 'Kalenteri' })
    expect(within(grid).getAllByRole('region').map((c) => c.getAttribute('aria-label'))).toEqual(['Ma 14.1.', 'Ti 15.1.', 'Ke 16.1.', 'To 17.1.', 'Pe 18.1.'])
    const wednesday = within(grid).getByRole('region', { name: 'Ke 16.1.' })
    const own = within(wednesday).getByRole('button', { name: 'Ke 16.1. klo 9.00–10.00, Varaaja Aapo, Aikuisten sosiaalityö, Kotikäynti' })
    const busy = within(wednesday).getByRole('button', { name: 'Ke 16.1. klo 9.30–10.30, Varattu' })
    // 7–18 is 660 minutes: 9.00 is 120 minutes in.
    expect(own.style.top).toBe('18.182%')
    expect(own.style.height).toBe('calc(9.091% - 2px)')
    expect([own.style.left, busy.style.left]).toEqual(['0%', '50%'])
    expect(busy.style.width).toBe('calc(50% - 2px)')
    expect(screen.getByRole('button', { name: 'Aikataulukko' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('opens an appointment on a click, with the client link and the cancel action', async () => {
    signedIn(sessionUser({ actions: ALL }), { [WEEK]: () => calendar([A]) })
    renderApp('/appointments?date=2030-01-16&layout=grid')
    const item = await screen.findByRole('button', { name: /^Ke 16\.1\. klo 9\.00–10\.00/ })
    expect(screen.queryByRole('region', { name: 'Keskiviikko 16.1.2030' })).toBeNull()
    fireEvent.click(item)
    const details = screen.getByRole('region', { name: 'Keskiviikko 16.1.2030' })
    expect(document.activeElement).toBe(details)
    expect(item.getAttribute('aria-expanded')).toBe('true')
    expect(within(details).getByRole('link', { name: 'Varaaja Aapo' }).getAttribute('href')).toBe(`/persons/${CLIENT}`)
    expect(within(details).getByRole('button', { name: 'Peru varaus' })).toBeTruthy()
    fireEvent.click(within(details).getByRole('button', { name: 'Sulje varauksen tiedot' }))
    expect(screen.queryByRole('region', { name: 'Keskiviikko 16.1.2030' })).toBeNull()
  })

  it('starts a booking at the time of an empty slot', async () => {
    signedIn(sessionUser({ actions: ALL }), { [WEEK]: () => calendar([A]) })
    renderApp('/appointments?date=2030-01-16&layout=grid')
    const thursday = await screen.findByRole('region', { name: 'To 17.1.' })
    fireEvent.click(within(thursday).getByRole('button', { name: 'Varaa aika: To 17.1. klo 14.30' }))
    const form = await screen.findByRole('region', { name: 'Varaa aika' })
    expect((within(form).getByLabelText('Päivä') as HTMLInputElement).value).toBe('2030-01-17')
    expect((within(form).getByLabelText('Alkaa') as HTMLInputElement).value).toBe('14:30')
    expect((within(form).getByLabelText('Päättyy') as HTMLInputElement).value).toBe('15:30')
    expect(document.activeElement).toBe(within(form).getByLabelText('Hae asiakasta nimellä'))
    // A booked half hour has no slot to click.
    const wednesday = screen.getByRole('region', { name: 'Ke 16.1.' })
    expect(within(wednesday).queryByRole('button', { name: 'Varaa aika: Ke 16.1. klo 9.30' })).toBeNull()
    expect(within(wednesday).getByRole('button', { name: 'Varaa aika: Ke 16.1. klo 10.00' })).toBeTruthy()
  })

  it('offers no slots to a user who may not book, and switches to the list', async () => {
    signedIn(sessionUser({ actions: ['appointments:read'] }), { [WEEK]: () => calendar([A]) })
    renderApp('/appointments?date=2030-01-16&layout=grid')
    const wednesday = await screen.findByRole('region', { name: 'Ke 16.1.' })
    expect(within(wednesday).queryAllByRole('button', { name: /^Varaa aika/ })).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Lista' }))
    const list = await screen.findByRole('region', { name: 'Ke 16.1.' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Lista' }).getAttribute('aria-pressed')).toBe('true')
  })
})
