import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const NewPersonPage = lazyPage(() => import('./NewPersonPage'), 'NewPersonPage')
const PersonCardPage = lazyPage(() => import('./PersonCardPage'), 'PersonCardPage')
const PersonsPage = lazyPage(() => import('./PersonsPage'), 'PersonsPage')
const SelfOpenedPage = lazyPage(() => import('./SelfOpenedPage'), 'SelfOpenedPage')

/**
 * Asiakkaat: the client search (with break the glass), registration by hand and the client card, which shows the
 * other features' card sections from the features list.
 */
export const persons: Feature<typeof dictionary.fi> = {
  id: 'persons',
  dictionary,
  navigation: [
    { id: 'persons', path: '/persons', action: 'persons:search', label: 'nav.persons', order: 20 },
    { id: 'self-opened', path: '/relationships/self-opened', action: 'relationships:self-opened', label: 'nav.selfOpened', order: 21 },
  ],
  routes: [
    { path: '/persons', page: PersonsPage, action: 'persons:search' },
    { path: '/persons/new', page: NewPersonPage, action: 'persons:create' },
    { path: '/persons/:id', page: PersonCardPage, action: 'persons:card' },
    { path: '/relationships/self-opened', page: SelfOpenedPage, action: 'relationships:self-opened' },
  ],
}
