import type { RouteObject } from 'react-router'
import { RequireAction } from '../../components/RequireSession'
import { ApplicationPage } from './ApplicationPage'

/** The routes of income support besides the module pages of modules.ts (worklist, parameters). */
export const incomeSupportRoutes: RouteObject[] = [
  {
    path: '/persons/:id/income-support/:applicationId',
    element: (
      <RequireAction action="income-support:read">
        <ApplicationPage />
      </RequireAction>
    ),
  },
]
