import type { Appointment } from '@huoma/contract'
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const ME = '6c1f3f0e-1b2a-4f43-9a51-0d0c5f0d2b11'
const CLIENT = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const UNIT = '7a7a7a7a-1111-4222-8333-944455566677'
const ACTIONS = ['appointments:read', 'appointments:book', 'appointments:change', 'appointments:cancel', 'persons:search']
const WEEK = 'GET /api/appointments?from=2030-01-14&to=2030-01-20'
const MOVE = `POST /api/persons/${CLIENT}/appointments/a1000000-0000-4000-8000-000000000001/move`

const appointment = (overrides: Partial<Appointment> = {}): Appointment => ({
  id: 'a1000000-0000-4000-8000-000000000001',
  worker: { id: ME, name: 'Tiina Virtanen' },
  unit: { id: UNIT, name: 'Aikuissosiaalityö' },
  client: { id: CLIENT, name: 'Varaaja Aapo' },
  serviceTask: 'adult_social_work',
  start: '2030-01-16T09:00',
  end: '2030-01-16T10:00',
  startAt: '2030-01-16T07:00:00.000Z',
  endAt: '2030-01-16T08:00:00.000Z',
  place: 'office',
  status: 'booked',
  cancelReason: null,
  version: 1,
  ...overrides,
})

describe('moving appointments and office calendars', () => {
  it('moves an appointment, showing a refused overlap, and offers the office calendars of the user', async () => {
    document.cookie = 'huoma-csrf=token-9'
    let moves = 0
    const units = [{ id: UNIT, name: 'Aikuissosiaalityö' }]
    const api = signedIn(sessionUser({ actions: ACTIONS }), {
      [WEEK]: () => json({ from: '2030-01-14', to: '2030-01-20', workerId: ME, unitId: null, appointments: [appointment(moves ? { start: '2030-01-17T13:00', end: '2030-01-17T14:00', version: 2 } : {})], units }),
      [`${WEEK}&unitId=${UNIT}`]: () =>
        json({ from: '2030-01-14', to: '2030-01-20', workerId: null, unitId: UNIT, appointments: [appointment({ worker: { id: CLIENT, name: 'Mikko Salonen' } })], units }),
      [MOVE]: () =>
        ++moves === 1
          ? problem({ title: 'Virheellinen pyyntö', status: 409, errors: [{ field: 'body.start', code: 'appointment.overlap', message: 'Työntekijällä on jo varaus tähän aikaan.' }] })
          : json(appointment({ start: '2030-01-17T13:00', end: '2030-01-17T14:00', version: 2 })),
    })
    renderApp('/appointments?date=2030-01-16')
    const wednesday = await screen.findByRole('region', { name: 'Ke 16.1.' })
    fireEvent.click(within(wednesday).getByRole('button', { name: 'Siirrä' }))
    const form = within(wednesday).getByRole('form', { name: 'Siirrä varaus: Varaaja Aapo 9.00–10.00' })
    fireEvent.change(within(form).getByLabelText('Päivä'), { target: { value: '2030-01-17' } })
    fireEvent.change(within(form).getByLabelText('Alkaa'), { target: { value: '13:00' } })
    fireEvent.change(within(form).getByLabelText('Päättyy'), { target: { value: '14:00' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Siirrä varaus' }))
    expect(await within(form).findByText('Työntekijällä on jo varaus tähän aikaan.')).toBeTruthy()
    fireEvent.click(within(form).getByRole('button', { name: 'Siirrä varaus' }))
    expect(await screen.findByText('Varaus siirretty: 17.1.2030 klo 13.00.')).toBeTruthy()
    expect(api.calls(MOVE)[0]?.body).toEqual({ start: '2030-01-17T13:00', end: '2030-01-17T14:00', version: 1 })
    const thursday = await screen.findByRole('region', { name: 'To 17.1.' })
    expect(await within(thursday).findByText('13.00–14.00')).toBeTruthy()

    fireEvent.change(screen.getByLabelText('Näytä kalenteri'), { target: { value: UNIT } })
    expect(await screen.findByText('Mikko Salonen')).toBeTruthy()
    expect(api.calls(`${WEEK}&unitId=${UNIT}`)).toHaveLength(1)
  })
})
