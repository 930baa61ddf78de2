import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage')

/** Lokivalvonta: the data protection officer's log search, samples, break-the-glass reviews and client reports. */
export const audit: Feature<typeof dictionary.fi> = {
  id: 'audit',
  dictionary,
  navigation: [{ id: 'audit', path: '/audit', action: 'audit:read', label: 'nav.audit', order: 120 }],
  routes: [{ path: '/audit', page: AuditPage, action: 'audit:read' }],
}
