import { RouterProvider, type createBrowserRouter } from 'react-router'
import { SessionGate } from './components/SessionGate'
import { SessionProvider } from './session/SessionProvider'

export type AppRouter = ReturnType<typeof createBrowserRouter>

export function App({ router }: { router: AppRouter }) {
  return (
    <SessionProvider>
      <SessionGate>
        <RouterProvider router={router} />
      </SessionGate>
    </SessionProvider>
  )
}
