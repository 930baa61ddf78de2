import { defineModule } from '../module'
import { platformActions } from './actions'
import { healthRoutes } from './routes'

export const platformModule = defineModule({
  name: 'platform',
  actions: platformActions,
  routes: healthRoutes,
})
