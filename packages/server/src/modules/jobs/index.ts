import { defineModule } from '../module'
import { jobsActions } from './actions'
import { jobsEvents } from './events'
import { fieldMessages } from './messages'
import { jobRoutes } from './routes'

export const jobsModule = defineModule({
  name: 'jobs',
  actions: jobsActions,
  routes: jobRoutes,
  messages: fieldMessages,
  events: [jobsEvents],
})
