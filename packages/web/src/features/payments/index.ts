export { BatchesPage } from './BatchesPage'
export { paymentRoutes } from './routes'
export { ReturnsPage } from './ReturnsPage'
