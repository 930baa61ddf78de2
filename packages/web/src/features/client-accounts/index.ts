export { AccountPage } from './AccountPage'
export { ClientAccountsSection } from './ClientAccountsSection'
export { ReconciliationPage } from './ReconciliationPage'
export { clientAccountRoutes } from './routes'
