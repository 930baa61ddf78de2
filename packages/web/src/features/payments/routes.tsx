import type { RouteObject } from 'react-router'
import { RequireAction } from '../../components/RequireSession'
import { BatchPage } from './BatchPage'
import { NewBatchPage } from './NewBatchPage'

/** The routes of payments besides the module pages of modules.ts (batches, returns). */
export const paymentRoutes: RouteObject[] = [
  {
    path: '/payments/new',
    element: (
      <RequireAction action="payments:create">
        <NewBatchPage />
      </RequireAction>
    ),
  },
  {
    path: '/payments/batches/:batchId',
    element: (
      <RequireAction action="payments:batch-read">
        <BatchPage />
      </RequireAction>
    ),
  },
]
