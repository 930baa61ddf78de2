import { defineModule } from '../module'
import { incomeSupportActions } from './actions'
import { fieldMessages } from './messages'
import { incomeSupportRoutes } from './routes'

export const incomeSupportModule = defineModule({
  name: 'income-support',
  actions: incomeSupportActions,
  routes: incomeSupportRoutes,
  messages: fieldMessages,
})
