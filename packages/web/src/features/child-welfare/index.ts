import type { Feature } from '../../lib/feature'
import * as dictionary from './i18n'
import { NotificationPage } from './NotificationPage'
import { PublicNotificationPage } from './PublicNotificationPage'
import { QueuePage } from './QueuePage'
import { RegisterPage } from './RegisterPage'

/**
 * Lastensuojelu: the notifications register — the public e-form (no sign-in), the intake queue of the worker's child
 * welfare units, registering a notification received otherwise (the office secretary too), and each notification
 * with its urgency, its identified children's matters and deadlines, and closing.
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
  ],
  routes: [
    { path: '/lastensuojeluilmoitus', page: PublicNotificationPage, shell: false },
    { path: '/child-welfare/notifications', page: QueuePage, action: 'child-welfare:notifications' },
    { path: '/child-welfare/notifications/new', page: RegisterPage, action: 'child-welfare:register' },
    { path: '/child-welfare/notifications/:notificationId', page: NotificationPage, action: 'child-welfare:notifications' },
  ],
}
