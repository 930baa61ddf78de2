import { clientAccountsCopy } from './copy'
import { defineModule } from '../module'
import { clientAccountsActions } from './actions'
import { fieldMessages } from './messages'
import { clientAccountRoutes } from './routes'

export const clientAccountsModule = defineModule({
  name: 'client-accounts',
  clientCopy: clientAccountsCopy,
  actions: clientAccountsActions,
  routes: clientAccountRoutes,
  messages: fieldMessages,
})
