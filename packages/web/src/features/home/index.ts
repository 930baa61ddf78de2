import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const HomePage = lazyPage(() => import('./HomePage'), 'HomePage')

/** Etusivu: the greeting, the user's roles, the modules they may open and the system status. */
export const home: Feature<typeof dictionary.fi> = {
  id: 'home',
  dictionary,
  navigation: [{ id: 'home', path: '/', label: 'nav.home', order: 10 }],
  routes: [{ path: '/', page: HomePage }],
}
