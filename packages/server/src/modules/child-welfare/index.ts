import { childWelfareCopy } from './copy'
import { defineModule } from '../module'
import { childWelfareActions } from './actions'
import { fieldMessages } from './messages'
import { childWelfareRoutes } from './routes'

export const childWelfareModule = defineModule({
  name: 'child-welfare',
  clientCopy: childWelfareCopy,
  actions: childWelfareActions,
  routes: childWelfareRoutes,
  messages: fieldMessages,
})
