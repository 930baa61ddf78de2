import type { ReactNode } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router'
import { ForbiddenPage } from './ForbiddenPage'
import { can, useSession, useUser } from '../session/context'

/** Renders the child routes for a signed-in user; anyone else goes to /login and comes back after it. */
export function RequireSession() {
  const { state } = useSession()
  const location = useLocation()
  if (state.status === 'signed-in') return <Outlet />
  const from = state.status === 'signed-out' && state.reason === 'logout' ? undefined : { from: location }
  return <Navigate to="/login" replace state={from} />
}

/** Renders `children` only when the user has `action`; otherwise a page saying so. */
export function RequireAction({ action, children }: { action: string; children: ReactNode }) {
  return can(useUser(), action) ? children : <ForbiddenPage />
}
