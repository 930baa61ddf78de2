import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const GrantRequestsPage = lazyPage(() => import('./GrantRequestsPage'), 'GrantRequestsPage')
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage')

/** Käyttäjät ja oikeudet: users, grants, substitutes, and the supervisors' grant requests. */
export const adminUsers: Feature<typeof dictionary.fi> = {
  id: 'admin-users',
  dictionary,
  navigation: [
    { id: 'admin-users', path: '/admin/users', action: 'admin:users', label: 'nav.adminUsers', order: 100 },
    { id: 'grant-requests', path: '/admin/grant-requests', action: 'admin:grant-requests', label: 'nav.grantRequests', order: 110 },
  ],
  routes: [
    { path: '/admin/users', page: UsersPage, action: 'admin:users' },
    { path: '/admin/grant-requests', page: GrantRequestsPage, action: 'admin:grant-requests' },
  ],
}
