export { BankReturnsPage } from './BankReturnsPage'
export { BatchesPage } from './BatchesPage'
export { paymentRoutes } from './routes'
export { ReturnsPage } from './ReturnsPage'
