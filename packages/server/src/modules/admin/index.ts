import { defineModule } from '../module'
import { adminEvents } from './events'
import { adminActions } from './actions'
import { fieldMessages } from './messages'
import { adminRoutes } from './routes'

export const adminModule = defineModule({
  name: 'admin',
  actions: adminActions,
  routes: adminRoutes,
  messages: fieldMessages,
  events: [adminEvents],
})
