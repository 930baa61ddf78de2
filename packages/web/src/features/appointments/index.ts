import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

import { ClientAppointmentsSection } from './ClientAppointmentsSection'

const AppointmentsPage = lazyPage(() => import('./AppointmentsPage'), 'AppointmentsPage')

/** Ajanvaraus: the workers' and offices' calendars, booking, moving and cancelling appointments. */
export const appointments: Feature<typeof dictionary.fi> = {
  id: 'appointments',
  dictionary,
  navigation: [{ id: 'appointments', path: '/appointments', action: 'appointments:read', label: 'nav.appointments', order: 30 }],
  routes: [{ path: '/appointments', page: AppointmentsPage, action: 'appointments:read' }],
  // the client's appointments and booking for them, for a user who may read a client's appointments
  cardSections: [{ id: 'appointments', component: ClientAppointmentsSection, order: 5, action: 'appointments:client' }],
}
