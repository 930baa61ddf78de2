import { childWelfareCopy } from './copy'
import { defineModule } from '../module'
import { childWelfareActions } from './actions'
import { fieldMessages } from './messages'
import { childWelfareRoutes } from './routes'

export const childWelfareModule = defineModule({
  name: 'child-welfare',
  clientCopy: childWelfareCopy,
  // what the copy reaches through a join or does not give: the court applications, and the child's part in an
  // intake (a notification concerns others too, so only the child's link to it goes)
  registerRecords: [
    { table: 'cw_court_application', serviceTask: { fixed: 'child_welfare' } },
    { table: 'intake_person', serviceTask: { column: '(SELECT i.service_task FROM intake i WHERE i.id = intake_id)' } },
  ],
  actions: childWelfareActions,
  routes: childWelfareRoutes,
  messages: fieldMessages,
})
