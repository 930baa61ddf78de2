export { AccountPage } from './AccountPage'
export { ClientAccountsSection } from './ClientAccountsSection'
export { clientAccountRoutes } from './routes'
