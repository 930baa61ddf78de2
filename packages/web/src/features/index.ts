/**
 * The features of the web app: the one list that the routes, the navigation, the client card's sections and the
 * dictionaries are made from. A new feature is a folder `features/<m>/` whose `index.ts` declares it
 * (`lib/feature.ts`) and one line here.
 */
import { visibleNavigation, type NavigationEntry } from '../lib/feature'
import { adminUsers } from './admin-users'
import { appointments } from './appointments'
import { attachments } from './attachments'
import { audit } from './audit'
import { auth } from './auth'
import { childWelfare } from './child-welfare'
import { clientAccounts } from './client-accounts'
import { deadlines } from './deadlines'
import { disclosures } from './disclosures'
import { home } from './home'
import { incomeSupport } from './income-support'
import { jobs } from './jobs'
import { journal } from './journal'
import { payments } from './payments'
import { persons } from './persons'
import { providers } from './providers'
import { privacyNotice } from './privacy-notice'
import { retention } from './retention'

export const features = [
  home,
  auth,
  persons,
  deadlines,
  appointments,
  childWelfare,
  incomeSupport,
  payments,
  clientAccounts,
  providers,
  journal,
  attachments,
  adminUsers,
  jobs,
  audit,
  disclosures,
  privacyNotice,
  retention,
] as const

/** The menu entries a user with these actions may open, from the list. */
export function visibleModules(actions: readonly string[]): NavigationEntry[] {
  return visibleNavigation(features, actions)
}
