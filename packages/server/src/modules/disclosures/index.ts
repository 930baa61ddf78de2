import { disclosuresCopy, disclosuresTimeline } from './copy'
import { defineModule } from '../module'
import { disclosuresActions } from './actions'
import { fieldMessages } from './messages'
import { disclosuresRoutes } from './routes'

/** Disclosures of client data and the client's consents (issue 13, part 1). */
export const disclosuresModule = defineModule({
  name: 'disclosures',
  clientCopy: disclosuresCopy,
  clientTimeline: disclosuresTimeline,
  actions: disclosuresActions,
  routes: disclosuresRoutes,
  messages: fieldMessages,
})
