import { defineModule } from '../module'
import { deskActions } from './actions'
import { deskRoutes } from './routes'

/** Työpöytä: every role's home page, read in one request through the list chokepoint. */
export const deskModule = defineModule({
  name: 'desk',
  actions: deskActions,
  routes: deskRoutes,
})
