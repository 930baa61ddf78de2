import { journalCopy, journalTimeline } from './copy'
import { defineModule } from '../module'
import { journalActions } from './actions'
import { fieldMessages } from './messages'
import { journalRoutes } from './routes'

export const journalModule = defineModule({
  name: 'journal',
  clientCopy: journalCopy,
  clientTimeline: journalTimeline,
  actions: journalActions,
  routes: journalRoutes,
  messages: fieldMessages,
})
