import { defineModule } from '../module'
import { childWelfareActions } from './actions'
import { fieldMessages } from './messages'
import { childWelfareRoutes } from './routes'

export const childWelfareModule = defineModule({
  name: 'child-welfare',
  actions: childWelfareActions,
  routes: childWelfareRoutes,
  messages: fieldMessages,
})
