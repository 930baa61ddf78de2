import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import { ClientAccountsCardSection } from './CardSection'
import * as dictionary from './i18n'

const AccountPage = lazyPage(() => import('./AccountPage'), 'AccountPage')
const ReconciliationPage = lazyPage(() => import('./ReconciliationPage'), 'ReconciliationPage')

/** Asiakasvarat: intermediary accounts and after-care funds, their ledgers and the monthly reconciliation. */
export const clientAccounts: Feature<typeof dictionary.fi> = {
  id: 'client-accounts',
  dictionary,
  navigation: [
    {
      id: 'client-accounts-reconciliation',
      path: '/client-accounts/reconciliation',
      action: 'client-accounts:reconcile',
      label: 'nav.clientAccountsReconciliation',
      order: 90,
    },
  ],
  routes: [
    { path: '/client-accounts/reconciliation', page: ReconciliationPage, action: 'client-accounts:reconcile' },
    { path: '/persons/:id/client-accounts/:serviceTask/:accountId', page: AccountPage, action: 'client-accounts:read' },
  ],
  cardSections: [{ id: 'client-accounts', component: ClientAccountsCardSection, order: 30, action: 'client-accounts:read', serviceTask: 'each' }],
}
