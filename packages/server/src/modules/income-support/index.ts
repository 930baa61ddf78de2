import { incomeSupportCopy, incomeSupportTimeline } from './copy'
import { defineModule } from '../module'
import { incomeSupportActions } from './actions'
import { fieldMessages } from './messages'
import { incomeSupportRoutes } from './routes'
import { kelaImportJob } from './kela-job'

export const incomeSupportModule = defineModule({
  name: 'income-support',
  clientCopy: incomeSupportCopy,
  // payment commitments (maksusitoumukset) of the register; the copy gives them as decisions and payments
  registerRecords: [{ table: 'payment_commitment', serviceTask: { column: 'service_task' } }],
  clientTimeline: incomeSupportTimeline,
  actions: incomeSupportActions,
  routes: incomeSupportRoutes,
  messages: fieldMessages,
  jobs: ({ kela, config, demo }) => [kelaImportJob({ kela, at: config.jobs.kelaImportAt, mode: config.workingDayMode, unitCode: config.kelaUnitCode, demo })],
})
