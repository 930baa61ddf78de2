import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'
import { InformedCardSection } from './InformedCardSection'

const DisclosuresAdminPage = lazyPage(() => import('./DisclosuresAdminPage'), 'DisclosuresAdminPage')
const NoticePage = lazyPage(() => import('./NoticePage'), 'NoticePage')

/**
 * Tietosuojaseloste: the public privacy notice (open without signing in, Finnish and Swedish, PDF and earlier
 * versions), the main user's regular disclosures it lists, and on the client card the record that the client was
 * informed of the processing.
 */
export const privacyNotice: Feature<typeof dictionary.fi> = {
  id: 'privacy-notice',
  dictionary,
  navigation: [{ id: 'privacy-notice', path: '/admin/privacy-notice', action: 'notice:configure', label: 'nav.privacyNotice', order: 96 }],
  routes: [
    { path: '/tietosuojaseloste', page: NoticePage, shell: false },
    { path: '/admin/privacy-notice', page: DisclosuresAdminPage, action: 'notice:configure' },
  ],
  cardSections: [{ id: 'processing-informed', component: InformedCardSection, order: 25, action: 'notice:informed-read', serviceTask: 'each' }],
}
