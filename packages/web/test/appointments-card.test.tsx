import type { Appointment, ClientCard } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { splitAppointments } from '../src/features/appointments/ClientAppointmentsSection'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const worker = sessionUser({ actions: ['persons:search', 'persons:card', 'appointments:client', 'appointments:book', 'appointments:read'] })

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
  relationships: [
    { id: 'b1000000-0000-4000-8000-000000000001', serviceTask: 'adult_social_work', kind: 'responsible', userId: worker.id, userName: 'Tiina Virtanen', startDate: '2026-01-01', endDate: null, startReason: 'application', endReason: null },
    { id: 'b1000000-0000-4000-8000-000000000002', serviceTask: 'income_support', kind: 'team', userId: worker.id, userName: 'Tiina Virtanen', startDate: '2025-01-01', endDate: '2025-06-30', startReason: 'application', endReason: 'needs_met' },
  ],
  timeline: [],
  accessBasis: 'relationship',
  vtjCheckedAt: '2026-12-01T10:00:00.000Z',
  vtjChanges: [],
}

const appt = (n: number, start: string, end: string, over: Partial<Appointment> = {}): Appointment => ({
  id: `c1000000-0000-4000-8000-00000000000${n}`,
  worker: { id: worker.id, name: 'Tiina Virtanen' },
  unit: { id: 'd1000000-0000-4000-8000-000000000001', name: 'Demolan sosiaalitoimisto' },
  client: { id: PERSON, name: 'Salminen Tuulikki Sofia' },
  serviceTask: 'adult_social_work',
  start,
  end,
  startAt: new Date(`${start}:00+02:00`).toISOString(),
  endAt: new Date(`${end}:00+02:00`).toISOString(),
  place: 'office',
  status: 'booked',
  cancelReason: null,
  version: 1,
  ...over,
})

const past = appt(1, '2020-03-02T09:00', '2020-03-02T10:00')
const cancelled = appt(2, '2099-05-04T13:00', '2099-05-04T14:00', { status: 'cancelled', cancelReason: 'client_cancelled', place: 'phone' })
const later = appt(3, '2099-06-01T10:00', '2099-06-01T11:00', { place: 'home_visit' })
const sooner = appt(4, '2099-05-04T09:00', '2099-05-04T10:00')

const region = () => screen.getByRole('region', { name: 'Ajanvaraukset' })

describe('client card: appointments', () => {
  it('splits coming from past: a cancelled or ended one is past, coming soonest first, past newest first', () => {
    const { coming, past: gone } = splitAppointments([past, cancelled, later, sooner], new Date('2026-12-07T10:00:00Z'))
    expect(coming.map((a) => a.id)).toEqual([sooner.id, later.id])
    expect(gone.map((a) => a.id)).toEqual([cancelled.id, past.id])
    // an appointment under way is still coming until it ends
    expect(splitAppointments([past], new Date('2020-03-02T07:30:00Z')).coming).toHaveLength(1)
  })

  it('lists the client\'s coming and past appointments and books one with the client chosen', async () => {
    document.cookie = 'huoma-csrf=token-a1'
    let listed = [past, cancelled, later]
    const booked = appt(5, '2099-05-05T12:00', '2099-05-05T13:00')
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`GET /api/persons/${PERSON}/appointments`]: () => json({ appointments: listed }),
      [`POST /api/persons/${PERSON}/appointments`]: () => {
        listed = [booked, ...listed]
        return json(booked, 201)
      },
    })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    const coming = await within(region()).findByRole('table', { name: 'Tulevat' })
    expect(within(coming).getAllByRole('row')).toHaveLength(2)
    expect(within(coming).getByText('Kotikäynti')).toBeTruthy()
    const gone = within(region()).getByRole('table', { name: 'Menneet ja perutut' })
    expect(within(gone).getAllByRole('row')).toHaveLength(3)
    expect(within(gone).getByText('Peruttu')).toBeTruthy()

    fireEvent.click(within(region()).getByRole('button', { name: 'Varaa aika asiakkaalle' }))
    // the client is chosen already (no search), and the one open service task with them too
    expect(within(region()).queryByLabelText('Hae asiakasta nimellä')).toBeNull()
    expect(within(region()).getByText('Salminen Tuulikki Sofia', { selector: 'strong' })).toBeTruthy()
    expect((within(region()).getByLabelText('Palvelutehtävä') as HTMLSelectElement).value).toBe('adult_social_work')
    fireEvent.change(within(region()).getByLabelText('Päivä'), { target: { value: '2099-05-05' } })
    fireEvent.change(within(region()).getByLabelText('Alkaa'), { target: { value: '12:00' } })
    fireEvent.change(within(region()).getByLabelText('Päättyy'), { target: { value: '13:00' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Varaa' }))
    expect(await within(region()).findByText(/Aika varattu: Salminen Tuulikki Sofia 5\.5\.2099/)).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/appointments`)[0]?.body).toEqual({
      workerId: worker.id,
      serviceTask: 'adult_social_work',
      start: '2099-05-05T12:00',
      end: '2099-05-05T13:00',
      place: 'office',
    })
    // the list is read again and shows the new one
    await within(region()).findByText('5.5.2099 klo 12.00–13.00')
    await waitFor(() => expect(document.activeElement).toBe(within(region()).getByRole('button', { name: 'Varaa aika asiakkaalle' })))
  })

  it('offers no booking without appointments:book, and shows the server\'s refusal of the list', async () => {
    signedIn(sessionUser({ actions: ['persons:card', 'appointments:client'] }), {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [`GET /api/persons/${PERSON}/appointments`]: () => problem({ title: 'Asiakasta ei löytynyt', status: 404 }),
    })
    renderApp(`/persons/${PERSON}`)
    expect(await within(await screen.findByRole('region', { name: 'Ajanvaraukset' })).findByText('Asiakasta ei löytynyt')).toBeTruthy()
    expect(within(region()).queryByRole('button', { name: 'Varaa aika asiakkaalle' })).toBeNull()
  })

  it('is not on the card of a user without appointments:client', async () => {
    signedIn(sessionUser({ actions: ['persons:card'] }), { [`GET /api/persons/${PERSON}/card`]: () => json(card) })
    renderApp(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })
    expect(screen.queryByRole('region', { name: 'Ajanvaraukset' })).toBeNull()
  })
})
