import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'
import { ChildWelfareCardSection } from './CardSection'

const CaseloadPage = lazyPage(() => import('./CaseloadPage'), 'CaseloadPage')
const NotificationPage = lazyPage(() => import('./NotificationPage'), 'NotificationPage')
const PublicNotificationPage = lazyPage(() => import('./PublicNotificationPage'), 'PublicNotificationPage')
const QueuePage = lazyPage(() => import('./QueuePage'), 'QueuePage')
const RecordPage = lazyPage(() => import('./RecordPage'), 'RecordPage')
const RegisterPage = lazyPage(() => import('./RegisterPage'), 'RegisterPage')

/**
 * Lastensuojelu: the notifications register — the public e-form (no sign-in), the intake queue of the worker's child
 * welfare units, registering a notification received otherwise (the office secretary too), and each notification
 * with its urgency, its identified children's matters and deadlines, and closing. The child's child welfare record
 * (assessment, plans, placements, decisions, after-care), reached from the client card, and the supervisors' caseload.
 */
export const childWelfare: Feature<typeof dictionary.fi> = {
  id: 'child-welfare',
  dictionary,
  navigation: [
    { id: 'child-welfare', path: '/child-welfare/notifications', action: 'child-welfare:notifications', label: 'nav.childWelfare', order: 35 },
    // the office secretary registers notifications but does not read the queue
    {
      id: 'child-welfare-register',
      path: '/child-welfare/notifications/new',
      action: 'child-welfare:register',
      notWith: 'child-welfare:notifications',
      label: 'nav.childWelfareRegister',
      order: 36,
    },
    { id: 'child-welfare-caseload', path: '/child-welfare/caseload', action: 'child-welfare:caseload', label: 'nav.childWelfareCaseload', order: 37 },
  ],
  routes: [
    { path: '/lastensuojeluilmoitus', page: PublicNotificationPage, shell: false },
    { path: '/child-welfare/notifications', page: QueuePage, action: 'child-welfare:notifications' },
    { path: '/child-welfare/notifications/new', page: RegisterPage, action: 'child-welfare:register' },
    { path: '/child-welfare/notifications/:notificationId', page: NotificationPage, action: 'child-welfare:notifications' },
    { path: '/child-welfare/caseload', page: CaseloadPage, action: 'child-welfare:caseload' },
    { path: '/persons/:id/child-welfare', page: RecordPage, action: 'child-welfare:read' },
  ],
  cardSections: [
    // Asked for only where the user has a basis in the child welfare register, so that no request is refused.
    { id: 'child-welfare-record', component: ChildWelfareCardSection, order: 12, action: 'child-welfare:read', serviceTask: 'child_welfare' },
  ],
}
