import { appointmentsCopy } from './copy'
import { defineModule } from '../module'
import { appointmentsActions } from './actions'
import { fieldMessages } from './messages'
import { appointmentRoutes } from './routes'

export const appointmentsModule = defineModule({
  name: 'appointments',
  clientCopy: appointmentsCopy,
  actions: appointmentsActions,
  routes: appointmentRoutes,
  messages: fieldMessages,
})
