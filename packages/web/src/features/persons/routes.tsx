import type { RouteObject } from 'react-router'
import { RequireAction } from '../../components/RequireSession'
import { NewPersonPage } from './NewPersonPage'
import { PersonCardPage } from './PersonCardPage'

/** The routes below /persons (the search itself is the module route in modules.ts). */
export const personRoutes: RouteObject[] = [
  {
    path: '/persons/new',
    element: (
      <RequireAction action="persons:create">
        <NewPersonPage />
      </RequireAction>
    ),
  },
  {
    path: '/persons/:id',
    element: (
      <RequireAction action="persons:card">
        <PersonCardPage />
      </RequireAction>
    ),
  },
]
