import { defineModule } from '../module'
import { privacyEvents } from './events'
import { privacyActions } from './actions'
import { privacyRoutes } from './routes'

export const privacyModule = defineModule({
  name: 'privacy',
  actions: privacyActions,
  routes: privacyRoutes,
  events: [privacyEvents],
})
