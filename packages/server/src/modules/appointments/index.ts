import { appointmentsCopy, appointmentsTimeline } from './copy'
import { defineModule } from '../module'
import { appointmentsActions } from './actions'
import { fieldMessages } from './messages'
import { appointmentRoutes } from './routes'

export const appointmentsModule = defineModule({
  name: 'appointments',
  clientCopy: appointmentsCopy,
  clientTimeline: appointmentsTimeline,
  actions: appointmentsActions,
  routes: appointmentRoutes,
  messages: fieldMessages,
})
