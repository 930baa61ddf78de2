import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, type RouteObject } from 'react-router'
import { AppShell } from './components/AppShell'
import { NotFoundPage } from './components/NotFoundPage'
import { RequireAction, RequireSession } from './components/RequireSession'
import { features } from './features'
import type { FeatureDeclaration, FeatureRoute } from './lib/feature'
import { FeatureListContext } from './components/FeatureList'

/** What stands in a page's place while its chunk loads (pages are loaded on first visit, lib/lazyPage.ts). */
function PageLoading() {
  const { t } = useTranslation()
  return (
    <p role="status" className="muted">
      {t('app.loading')}
    </p>
  )
}

function toRoute({ path, page: Page, action }: FeatureRoute): RouteObject {
  const page = (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  )
  const element = action ? <RequireAction action={action}>{page}</RequireAction> : page
  return path === '/' ? { index: true, element } : { path, element }
}

/**
 * The app's routes, made from a features list: every feature's pages (inside the application shell and behind the
 * sign-in, each guarded by its action; the sign-in page outside them), and a not-found page. The list is handed to
 * the navigation, the home page and the client card through {@link FeatureListContext}.
 */
export function createRoutes(list: readonly FeatureDeclaration[]): RouteObject[] {
  const pages = list.flatMap((feature) => feature.routes ?? [])
  return [
    {
      element: (
        <FeatureListContext value={list}>
          <Outlet />
        </FeatureListContext>
      ),
      children: [
        ...pages.filter((page) => page.shell === false).map(toRoute),
        {
          element: <RequireSession />,
          children: [
            {
              element: <AppShell />,
              children: [...pages.filter((page) => page.shell !== false).map(toRoute), { path: '*', element: <NotFoundPage /> }],
            },
          ],
        },
      ],
    },
  ]
}

export const routes: RouteObject[] = createRoutes(features)
