import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const DeadlinesPage = lazyPage(() => import('./DeadlinesPage'), 'DeadlinesPage')

/** Määräajat: the statutory deadlines of every service — mine and my units' queue — overdue and urgent marked. */
export const deadlines: Feature<typeof dictionary.fi> = {
  id: 'deadlines',
  dictionary,
  navigation: [{ id: 'deadlines', path: '/deadlines', action: 'deadlines:list', label: 'nav.deadlines', order: 15 }],
  routes: [{ path: '/deadlines', page: DeadlinesPage, action: 'deadlines:list' }],
}
