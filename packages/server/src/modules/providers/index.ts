import { defineModule } from '../module'
import { providersActions } from './actions'
import { providerEvents } from './events'
import { providerRoutes } from './routes'

export const providersModule = defineModule({
  name: 'providers',
  actions: providersActions,
  routes: providerRoutes,
  events: [providerEvents],
})
