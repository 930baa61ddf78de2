import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import { ApplicationsCardSection, RegisterCardSection } from './CardSections'
import { ClientPaymentsSection } from './ClientPaymentsSection'
import * as dictionary from './i18n'

const ApplicationPage = lazyPage(() => import('./ApplicationPage'), 'ApplicationPage')
const ParametersPage = lazyPage(() => import('./ParametersPage'), 'ParametersPage')
const RegisterPage = lazyPage(() => import('./RegisterPage'), 'RegisterPage')
const WorklistPage = lazyPage(() => import('./WorklistPage'), 'WorklistPage')

/** Toimeentulotuki: the worklist, applications with their calculation and decision, and the parameters. */
export const incomeSupport: Feature<typeof dictionary.fi> = {
  id: 'income-support',
  dictionary,
  navigation: [
    { id: 'income-support', path: '/income-support', action: 'income-support:worklist', label: 'nav.incomeSupport', order: 40 },
    {
      id: 'income-support-parameters',
      path: '/income-support/parameters',
      action: 'income-support:parameters',
      label: 'nav.incomeSupportParameters',
      order: 50,
    },
  ],
  routes: [
    { path: '/income-support', page: WorklistPage, action: 'income-support:worklist' },
    { path: '/income-support/parameters', page: ParametersPage, action: 'income-support:parameters' },
    { path: '/persons/:id/income-support/new', page: RegisterPage, action: 'income-support:register' },
    { path: '/persons/:id/income-support/:applicationId', page: ApplicationPage, action: 'income-support:read' },
  ],
  cardSections: [
    // Asked for only where the user has a basis in the income support register, so that no request is refused.
    { id: 'income-support-applications', component: ApplicationsCardSection, order: 10, action: 'income-support:read', serviceTask: 'income_support' },
    { id: 'income-support-register', component: RegisterCardSection, order: 11, action: 'income-support:register' },
    // the history of paid benefits, where the user has a basis in the income support register
    { id: 'income-support-payments', component: ClientPaymentsSection, order: 12, action: 'income-support:payments', serviceTask: 'income_support' },
  ],
}
