import { attachmentsCopy, attachmentsTimeline } from './copy'
import { defineModule } from '../module'
import { attachmentsActions } from './actions'
import { fieldMessages } from './messages'
import { attachmentRoutes } from './routes'

export const attachmentsModule = defineModule({
  name: 'attachments',
  clientCopy: attachmentsCopy,
  clientTimeline: attachmentsTimeline,
  actions: attachmentsActions,
  routes: attachmentRoutes,
  messages: fieldMessages,
})
