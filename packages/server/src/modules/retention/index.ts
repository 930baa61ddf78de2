import { loadSecretKey } from '../../access/mfa'
import { defineModule } from '../module'
import { retentionActions } from './actions'
import { destructionKey } from './destruction'
import { retentionEvents } from './events'
import { fieldMessages } from './messages'
import { retentionJob } from './retention-job'
import { retentionRoutes } from './routes'

/** Retention and destruction of client records (issue 13, items 4 and 5). */
export const retentionModule = defineModule({
  name: 'retention',
  actions: retentionActions,
  routes: retentionRoutes,
  messages: fieldMessages,
  events: [retentionEvents],
  jobs: ({ config, forgetters, registerRecords }) => [
    retentionJob({
      at: '01:30',
      forgetters,
      registerRecords,
      key: () => destructionKey(loadSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir })),
      attachmentFolder: config.attachments.folder,
    }),
  ],
})
export { recomputeStale } from './state'
