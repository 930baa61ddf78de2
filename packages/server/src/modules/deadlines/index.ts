import { defineModule } from '../module'
import { deadlinesActions } from './actions'
import { deadlineRoutes } from './routes'

export const deadlinesModule = defineModule({
  name: 'deadlines',
  actions: deadlinesActions,
  routes: deadlineRoutes,
})
