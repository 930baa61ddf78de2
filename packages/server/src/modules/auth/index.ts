import { defineModule } from '../module'
import { authEvents } from './events'
import { authActions } from './actions'
import { fieldMessages } from './messages'
import { authRoutes } from './routes'

export const authModule = defineModule({
  name: 'auth',
  actions: authActions,
  routes: authRoutes,
  messages: fieldMessages,
  events: [authEvents],
})
