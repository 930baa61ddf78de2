import { defineModule } from '../module'
import { deadlinesActions } from './actions'
import { deadlineRoutes } from './routes'

export const deadlinesModule = defineModule({
  name: 'deadlines',
  // the statutory deadlines of the client's matters, with their events and reminders
  registerRecords: [{ table: 'deadline', serviceTask: { column: 'service_task' } }],
  actions: deadlinesActions,
  routes: deadlineRoutes,
})
