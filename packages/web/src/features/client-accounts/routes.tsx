import type { RouteObject } from 'react-router'
import { RequireAction } from '../../components/RequireSession'
import { AccountPage } from './AccountPage'

/** The page of one client account, reached from the client card. */
export const clientAccountRoutes: RouteObject[] = [
  {
    path: '/persons/:id/client-accounts/:serviceTask/:accountId',
    element: (
      <RequireAction action="client-accounts:read">
        <AccountPage />
      </RequireAction>
    ),
  },
]
