import { defineModule } from '../module'
import { paymentsActions } from './actions'
import { fieldMessages } from './messages'
import { paymentRoutes } from './routes'

export const paymentsModule = defineModule({
  name: 'payments',
  actions: paymentsActions,
  routes: paymentRoutes,
  messages: fieldMessages,
})
