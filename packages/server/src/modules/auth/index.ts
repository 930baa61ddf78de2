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

/** The answer of a sign-in step in the stage the session is reported in (the user commitment's acceptance answers it too). */
export { sessionAnswer } from './security'
