import { defineModule } from '../module'
import { archiveActions } from './actions'
import { archiveRoutes } from './routes'

/** Archive packages: the records ordered permanent exported as PDF/A with their metadata (issue 13, item 6). */
export const archiveModule = defineModule({
  name: 'archive',
  actions: archiveActions,
  routes: archiveRoutes,
})
