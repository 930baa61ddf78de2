import { defineModule } from '../module'
import { noticeActions } from './actions'
import { noticeEvents } from './events'
import { fieldMessages } from './messages'
import { noticeRoutes } from './routes'

/** The privacy notice, its configuration, the record that a client was informed, and the user commitment (issue 13, items 7–8). */
export const noticeModule = defineModule({
  name: 'notice',
  // the record that the client was informed of the processing in a service task
  registerRecords: [{ table: 'client_processing_notice', serviceTask: { column: 'service_task' } }],
  actions: noticeActions,
  routes: noticeRoutes,
  messages: fieldMessages,
  events: [noticeEvents],
})

/** The demo municipality's configuration and user commitment (the seed, `src/seed/demo.ts`). */
export { seedDemoNotice } from './demo'
