import type { Appointment } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const ME = '6c1f3f0e-1b2a-4f43-9a51-0d0c5f0d2b11'
const CLIENT = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const UNIT = '7a7a7a7a-1111-4222-8333-944455566677'
const ALL = ['appointments:read', 'appointments:book', 'appointments:cancel', 'persons:search']
const WEEK = 'GET /api/appointments?from=2030-01-14&to=2030-01-20'

function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'a1000000-0000-4000-8000-000000000001',
    worker: { id: ME, name: 'Tiina Virtanen' },
    unit: { id: UNIT, name: 'Aikuissosiaalityö' },
    client: { id: CLIENT, name: 'Varaaja Aapo' },
    serviceTask: 'adult_social_work',
    start: '2030-01-16T09:00',
    end: '2030-01-16T10:00',
    startAt: '2030-01-16T07:00:00.000Z',
    endAt: '2030-01-16T08:00:00.000Z',
    place: 'home_visit',
    status: 'booked',
    cancelReason: null,
    version: 1,
    ...overrides,
  }
}

const BUSY = appointment({
  id: 'a2000000-0000-4000-8000-000000000002',
  client: null,
  serviceTask: null,
  place: null,
  start: '2030-01-16T12:00',
  end: '2030-01-16T12:30',
})

const calendar = (appointments: Appointment[], from = '2030-01-14', to = '2030-01-20') => json({ from, to, workerId: ME, unitId: null, appointments })

describe('the appointments calendar', () => {
  it('is a module of the navigation for those who may read calendars', async () => {
    signedIn(sessionUser({ actions: ALL }), { [WEEK]: () => calendar([]) })
    renderApp('/appointments?date=2030-01-16')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    expect(within(nav).getByRole('link', { name: 'Ajanvaraus' }).getAttribute('href')).toBe('/appointments')
  })

  it('shows a week with a column per day, the client where visible and only "busy" elsewhere', async () => {
    signedIn(sessionUser({ actions: ALL }), { [WEEK]: () => calendar([appointment(), BUSY]) })
    renderApp('/appointments?date=2030-01-16')
    expect(await screen.findByRole('heading', { name: 'Viikko 3: 14.1.2030–20.1.2030' })).toBeTruthy()
    const grid = await screen.findByRole('group', { name: 'Kalenteri' })
    const columns = within(grid).getAllByRole('region')
    expect(columns.map((c) => c.getAttribute('aria-label'))).toEqual(['Ma 14.1.', 'Ti 15.1.', 'Ke 16.1.', 'To 17.1.', 'Pe 18.1.', 'La 19.1.', 'Su 20.1.'])
    const wednesday = within(grid).getByRole('region', { name: 'Ke 16.1.' })
    const [own, busy] = within(wednesday).getAllByRole('listitem')
    expect(within(own!).getByText('9.00–10.00')).toBeTruthy()
    expect(within(own!).getByRole('link', { name: 'Varaaja Aapo' }).getAttribute('href')).toBe(`/persons/${CLIENT}`)
    expect(within(own!).getByText('Kotikäynti')).toBeTruthy()
    expect(within(own!).getByRole('button', { name: 'Peru varaus' })).toBeTruthy()
    expect(within(busy!).getByText('Varattu')).toBeTruthy()
    expect(within(busy!).queryByRole('button')).toBeNull()
    expect(within(within(grid).getByRole('region', { name: 'Ma 14.1.' })).getByText('Ei varauksia.')).toBeTruthy()
  })

  it('opens a day view from a day of the week and moves by days', async () => {
    const api = signedIn(sessionUser({ actions: ALL }), {
      [WEEK]: () => calendar([appointment()]),
      'GET /api/appointments?from=2030-01-16&to=2030-01-16': () => calendar([appointment()], '2030-01-16', '2030-01-16'),
      'GET /api/appointments?from=2030-01-17&to=2030-01-17': () => calendar([], '2030-01-17', '2030-01-17'),
    })
    renderApp('/appointments?date=2030-01-14')
    fireEvent.click(await screen.findByRole('button', { name: 'Ke 16.1.' }))
    expect(await screen.findByRole('heading', { name: 'Keskiviikko 16.1.2030' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Päivä' }).getAttribute('aria-pressed')).toBe('true')
    expect(await screen.findByRole('link', { name: 'Varaaja Aapo' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Seuraava päivä' }))
    expect(await screen.findByRole('heading', { name: 'Torstai 17.1.2030' })).toBeTruthy()
    expect(await screen.findByText('Ei varauksia.')).toBeTruthy()
    expect(api.calls('GET /api/appointments?from=2030-01-17&to=2030-01-17')).toHaveLength(1)
  })

  it('books from the calendar page: picks the client from a search and shows the server\'s field message', async () => {
    let attempts = 0
    const api = signedIn(sessionUser({ actions: ALL }), {
      [WEEK]: () => calendar([]),
      'GET /api/persons?name=Vara&limit=10': () =>
        json({
          persons: [{ id: CLIENT, hetu: null, temporaryId: null, firstNames: 'Aapo', lastName: 'Varaaja', birthDate: '1980-02-02', deathDate: null, turvakielto: false }],
          hiddenMatches: 0,
        }),
      [`POST /api/persons/${CLIENT}/appointments`]: () =>
        ++attempts === 1
          ? problem({
              title: 'Tarkista tiedot',
              status: 400,
              errors: [{ field: 'body.start', code: 'appointments.overlap', message: 'Työntekijällä on jo varaus tähän aikaan. Valitse toinen aika.' }],
            })
          : json(appointment({ start: '2030-01-16T10:00', end: '2030-01-16T11:00' }), 201),
    })
    renderApp('/appointments?date=2030-01-16')
    fireEvent.click(await screen.findByRole('button', { name: 'Uusi varaus' }))
    const form = await screen.findByRole('region', { name: 'Varaa aika' })
    fireEvent.click(within(form).getByRole('button', { name: 'Varaa' }))
    expect(await within(form).findByText('Valitse asiakas hakutuloksista.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${CLIENT}/appointments`)).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('Hae asiakasta nimellä'), { target: { value: 'Vara' } })
    fireEvent.click(await within(form).findByRole('radio', { name: 'Varaaja Aapo (2.2.1980)' }))
    fireEvent.change(within(form).getByLabelText('Palvelutehtävä'), { target: { value: 'adult_social_work' } })
    expect((within(form).getByLabelText('Päivä') as HTMLInputElement).value).toBe('2030-01-16')
    fireEvent.change(within(form).getByLabelText('Alkaa'), { target: { value: '09:30' } })
    fireEvent.change(within(form).getByLabelText('Päättyy'), { target: { value: '10:30' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Varaa' }))
    expect(await within(form).findByText('Työntekijällä on jo varaus tähän aikaan. Valitse toinen aika.')).toBeTruthy()
    expect(within(form).getByLabelText('Alkaa').getAttribute('aria-invalid')).toBe('true')
    expect(api.calls(`POST /api/persons/${CLIENT}/appointments`)[0]!.body).toEqual({
      workerId: ME,
      serviceTask: 'adult_social_work',
      start: '2030-01-16T09:30',
      end: '2030-01-16T10:30',
      place: 'office',
    })

    fireEvent.change(within(form).getByLabelText('Alkaa'), { target: { value: '10:00' } })
    fireEvent.change(within(form).getByLabelText('Päättyy'), { target: { value: '11:00' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Varaa' }))
    expect(await screen.findByText('Aika varattu: Varaaja Aapo 16.1.2030 klo 10.00.')).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'Varaa aika' })).toBeNull()
  })

  it('cancels an appointment with a reason code', async () => {
    let cancelled = false
    const api = signedIn(sessionUser({ actions: ALL }), {
      [WEEK]: () => calendar(cancelled ? [] : [appointment()]),
      [`POST /api/persons/${CLIENT}/appointments/a1000000-0000-4000-8000-000000000001/cancel`]: () => {
        cancelled = true
        return json(appointment({ status: 'cancelled', cancelReason: 'client_cancelled', version: 2 }))
      },
    })
    renderApp('/appointments?date=2030-01-16')
    fireEvent.click(await screen.findByRole('button', { name: 'Peru varaus' }))
    const form = screen.getByRole('form', { name: 'Peru varaus: Varaaja Aapo 9.00–10.00' })
    const confirm = within(form).getByRole('button', { name: 'Peru varaus' }) as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    fireEvent.change(within(form).getByLabelText('Peruutuksen syy'), { target: { value: 'client_cancelled' } })
    fireEvent.click(confirm)
    expect(await screen.findByText('Varaus peruttu.')).toBeTruthy()
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Varaaja Aapo' })).toBeNull())
    expect(api.calls(`POST /api/persons/${CLIENT}/appointments/a1000000-0000-4000-8000-000000000001/cancel`)[0]!.body).toEqual({ reason: 'client_cancelled', version: 1 })
  })

  it('offers no booking or cancelling without those actions', async () => {
    signedIn(sessionUser({ actions: ['appointments:read'] }), { [WEEK]: () => calendar([appointment()]) })
    renderApp('/appointments?date=2030-01-16')
    expect(await screen.findByRole('link', { name: 'Varaaja Aapo' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Uusi varaus' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Peru varaus' })).toBeNull()
  })
})
