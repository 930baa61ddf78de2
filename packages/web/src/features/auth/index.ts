import type { Feature } from '../../lib/feature'
import { AccountPage } from './AccountPage'
import * as dictionary from './i18n'
import { LoginPage } from './LoginPage'

/** Sign-in (password, second factor, expired password) and the user's own account page. */
export const auth: Feature<typeof dictionary.fi> = {
  id: 'auth',
  dictionary,
  routes: [
    { path: '/login', page: LoginPage, shell: false },
    { path: '/account', page: AccountPage },
  ],
}
