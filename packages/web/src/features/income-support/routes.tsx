import type { RouteObject } from 'react-router'
import { RequireAction } from '../../components/RequireSession'
import { ApplicationPage } from './ApplicationPage'
import { RegisterPage } from './RegisterPage'

/** The routes of income support besides the module pages of modules.ts (worklist, parameters). */
export const incomeSupportRoutes: RouteObject[] = [
  {
    path: '/persons/:id/income-support/new',
    element: (
      <RequireAction action="income-support:register">
        <RegisterPage />
      </RequireAction>
    ),
  },
  {
    path: '/persons/:id/income-support/:applicationId',
    element: (
      <RequireAction action="income-support:read">
        <ApplicationPage />
      </RequireAction>
    ),
  },
]
