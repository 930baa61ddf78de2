import { defineModule } from '../module'
import { journalActions } from './actions'
import { fieldMessages } from './messages'
import { journalRoutes } from './routes'

export const journalModule = defineModule({
  name: 'journal',
  actions: journalActions,
  routes: journalRoutes,
  messages: fieldMessages,
})
