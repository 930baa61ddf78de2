import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const NewProviderPage = lazyPage(() => import('./NewProviderPage'), 'NewProviderPage')
const ProviderPage = lazyPage(() => import('./ProviderPage'), 'ProviderPage')
const ProvidersPage = lazyPage(() => import('./ProvidersPage'), 'ProvidersPage')

/**
 * Palveluntuottajat: the register of service providers that payment commitments name and payables pay. Case workers
 * and finance read it (`providers:read`); finance keeps it (`providers:write`).
 */
export const providers: Feature<typeof dictionary.fi> = {
  id: 'providers',
  dictionary,
  navigation: [{ id: 'providers', path: '/providers', action: 'providers:read', label: 'nav.providers', order: 85 }],
  routes: [
    { path: '/providers', page: ProvidersPage, action: 'providers:read' },
    { path: '/providers/new', page: NewProviderPage, action: 'providers:write' },
    { path: '/providers/:providerId', page: ProviderPage, action: 'providers:read' },
  ],
}
