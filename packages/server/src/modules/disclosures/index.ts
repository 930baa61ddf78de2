import { disclosuresCopy, disclosuresTimeline } from './copy'
import { defineModule } from '../module'
import { disclosuresActions } from './actions'
import { fieldMessages } from './messages'
import { disclosuresEvents } from './events'
import { regularDisclosuresJob } from './regular-job'
import { forgetInRegularRuns } from './regular'
import { disclosuresRoutes } from './routes'

/** Disclosures of client data, the client's consents, and the regular disclosures' runs (issue 13, parts 1 and 9). */
export const disclosuresModule = defineModule({
  name: 'disclosures',
  clientCopy: disclosuresCopy,
  // the requests for information sent for a matter of the register
  registerRecords: [{ table: 'information_request', serviceTask: { column: 'service_task' } }],
  clientTimeline: disclosuresTimeline,
  actions: disclosuresActions,
  routes: disclosuresRoutes,
  messages: fieldMessages,
  events: [disclosuresEvents],
  // the regular disclosures Huoma produces, each morning for the previous day(s)
  jobs: () => [regularDisclosuresJob({ at: '06:30' })],
  // a run's kept file names its clients: a destroyed client's lines leave it
  forgetClients: forgetInRegularRuns,
})
