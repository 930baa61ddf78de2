import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const AccountPage = lazyPage(() => import('./AccountPage'), 'AccountPage')
const LoginPage = lazyPage(() => import('./LoginPage'), 'LoginPage')

/** Sign-in (password, second factor, expired password) and the user's own account page. */
export const auth: Feature<typeof dictionary.fi> = {
  id: 'auth',
  dictionary,
  routes: [
    { path: '/login', page: LoginPage, shell: false },
    { path: '/account', page: AccountPage },
  ],
}
