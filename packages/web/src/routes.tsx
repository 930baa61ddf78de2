import type { ComponentType } from 'react'
import type { RouteObject } from 'react-router'
import { AppShell } from './components/AppShell'
import { RequireAction, RequireSession } from './components/RequireSession'
import { AppointmentsPage } from './features/appointments/AppointmentsPage'
import { AuditPage } from './features/audit/AuditPage'
import { UsersPage } from './features/admin-users/UsersPage'
import { GrantRequestsPage } from './features/admin-users/GrantRequestsPage'
import { LoginPage } from './features/auth/LoginPage'
import { AccountPage } from './features/auth/AccountPage'
import { NotFoundPage } from './features/errors/NotFoundPage'
import { HomePage } from './features/home/HomePage'
import { JobsPage } from './features/jobs/JobsPage'
import { incomeSupportRoutes, ParametersPage, WorklistPage } from './features/income-support'
import { BankReturnsPage, BatchesPage, paymentRoutes, ReturnsPage } from './features/payments'
import { PersonsPage } from './features/persons/PersonsPage'
import { personRoutes } from './features/persons/routes'
import { clientAccountRoutes, ReconciliationPage } from './features/client-accounts'
import { modules, type AppModule } from './modules'

const pages: Record<AppModule['id'], ComponentType> = {
  home: HomePage,
  persons: PersonsPage,
  appointments: AppointmentsPage,
  'income-support': WorklistPage,
  'income-support-parameters': ParametersPage,
  payments: BatchesPage,
  'bank-returns': BankReturnsPage,
  'payment-returns': ReturnsPage,
  'client-accounts-reconciliation': ReconciliationPage,
  'admin-users': UsersPage,
  'grant-requests': GrantRequestsPage,
  jobs: JobsPage,
  audit: AuditPage,
}

function moduleRoute({ id, path, action }: AppModule): RouteObject {
  const Page = pages[id]
  const element = action ? (
    <RequireAction action={action}>
      <Page />
    </RequireAction>
  ) : (
    <Page />
  )
  return path === '/' ? { index: true, element } : { path, element }
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppShell />,
        children: [...modules.map(moduleRoute), { path: '/account', element: <AccountPage /> }, ...personRoutes, ...clientAccountRoutes, ...incomeSupportRoutes, ...paymentRoutes, { path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
]
