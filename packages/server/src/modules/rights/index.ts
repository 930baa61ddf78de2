import { defineModule } from '../module'
import { rightsActions } from './actions'
import { rightsCopy } from './copy'
import { fieldMessages } from './messages'
import { rightsRoutes } from './routes'

/** The client's own requests about their data and the restriction of processing (issue 13, part 2). */
export const rightsModule = defineModule({
  name: 'rights',
  clientCopy: rightsCopy,
  actions: rightsActions,
  routes: rightsRoutes,
  messages: fieldMessages,
})
