import { defineModule } from '../module'
import { privacyEvents } from './events'
import { privacyActions } from './actions'
import { privacyRoutes } from './routes'

/** A person's own id and every identity merged into it (for reads of everything recorded about a person). */
export { identityIds } from './repository'

export const privacyModule = defineModule({
  name: 'privacy',
  actions: privacyActions,
  routes: privacyRoutes,
  events: [privacyEvents],
})
