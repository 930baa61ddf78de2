export { ClientApplicationsSection } from './ClientApplicationsSection'
export { ParametersPage } from './ParametersPage'
export { incomeSupportRoutes } from './routes'
export { WorklistPage } from './WorklistPage'
