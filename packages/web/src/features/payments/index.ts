import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const BankReturnsPage = lazyPage(() => import('./BankReturnsPage'), 'BankReturnsPage')
const BatchesPage = lazyPage(() => import('./BatchesPage'), 'BatchesPage')
const BatchPage = lazyPage(() => import('./BatchPage'), 'BatchPage')
const CommitmentBillsPage = lazyPage(() => import('./CommitmentBillsPage'), 'CommitmentBillsPage')
const NewBatchPage = lazyPage(() => import('./NewBatchPage'), 'NewBatchPage')
const ReturnsPage = lazyPage(() => import('./ReturnsPage'), 'ReturnsPage')

/** Maksuliikenne: payment batches, two-person approval, bank files, returns and rejections, providers' bills. */
export const payments: Feature<typeof dictionary.fi> = {
  id: 'payments',
  dictionary,
  navigation: [
    { id: 'payments', path: '/payments', action: 'payments:batches', label: 'nav.payments', order: 60 },
    { id: 'bank-returns', path: '/payments/bank-returns', action: 'payments:batch-read', label: 'nav.bankReturns', order: 70 },
    // Providers' bills against payment commitments (maksusitoumus) become payables for the next batch.
    { id: 'commitment-bills', path: '/payments/commitments', action: 'payments:commitments', label: 'nav.commitmentBills', order: 75 },
    // Finance follows returns per batch (bank-returns); the per-client list is the benefit handlers' worklist.
    {
      id: 'payment-returns',
      path: '/payments/returns',
      action: 'payments:returned',
      notWith: 'payments:batch-read',
      label: 'nav.paymentReturns',
      order: 80,
    },
  ],
  routes: [
    { path: '/payments', page: BatchesPage, action: 'payments:batches' },
    { path: '/payments/bank-returns', page: BankReturnsPage, action: 'payments:batch-read' },
    { path: '/payments/returns', page: ReturnsPage, action: 'payments:returned' },
    { path: '/payments/new', page: NewBatchPage, action: 'payments:create' },
    { path: '/payments/commitments', page: CommitmentBillsPage, action: 'payments:commitments' },
    { path: '/payments/batches/:batchId', page: BatchPage, action: 'payments:batch-read' },
  ],
}
