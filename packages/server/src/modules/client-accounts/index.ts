import { clientAccountsCopy } from './copy'
import { defineModule } from '../module'
import { clientAccountsActions } from './actions'
import { fieldMessages } from './messages'
import { clientAccountRoutes } from './routes'

export const clientAccountsModule = defineModule({
  name: 'client-accounts',
  clientCopy: clientAccountsCopy,
  // the copy reads the entries through their account; the account (and its entries with it) is the register's
  registerRecords: [{ table: 'client_account', serviceTask: { column: 'service_task' } }],
  actions: clientAccountsActions,
  routes: clientAccountRoutes,
  messages: fieldMessages,
})
