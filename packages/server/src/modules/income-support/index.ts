import { incomeSupportCopy, incomeSupportTimeline } from './copy'
import { defineModule } from '../module'
import { incomeSupportActions } from './actions'
import { fieldMessages } from './messages'
import { incomeSupportRoutes } from './routes'
import { kelaImportJob } from './kela-job'

export const incomeSupportModule = defineModule({
  name: 'income-support',
  clientCopy: incomeSupportCopy,
  clientTimeline: incomeSupportTimeline,
  actions: incomeSupportActions,
  routes: incomeSupportRoutes,
  messages: fieldMessages,
  jobs: ({ kela, config, demo }) => [kelaImportJob({ kela, at: config.jobs.kelaImportAt, mode: config.workingDayMode, unitCode: config.kelaUnitCode, demo })],
})
