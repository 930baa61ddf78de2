import type { Problem, SessionUser } from '@huoma/contract'
import { render } from '@testing-library/react'
import { createMemoryRouter } from 'react-router'
import { vi } from 'vitest'
import { App } from '../src/App'
import { routes } from '../src/routes'

export function sessionUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: '6c1f3f0e-1b2a-4f43-9a51-0d0c5f0d2b11',
    username: 'tvirtanen',
    displayName: 'Tiina Virtanen',
    language: 'fi',
    roles: ['social_worker'],
    actions: [],
    ...overrides,
  }
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

export function problem(body: Omit<Problem, 'type'> & { type?: string }): Response {
  return new Response(JSON.stringify({ type: 'about:blank', ...body }), {
    status: body.status,
    headers: { 'content-type': 'application/problem+json' },
  })
}

type Handler = (request: { url: string; init: RequestInit }) => Response | Promise<Response>

/**
 * Replaces `fetch` with a table of `"METHOD /path"` handlers. Unlisted requests answer 404, so that a test
 * notices a call it did not expect.
 */
export function mockApi(handlers: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input)
    const handler = handlers[`${init.method ?? 'GET'} ${url}`]
    return handler ? handler({ url, init }) : problem({ title: 'Not Found', status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
  return {
    fetchMock,
    /** The requests made to `METHOD /path`, in order. */
    calls(key: string) {
      return fetchMock.mock.calls
        .filter(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}` === key)
        .map(([, init]) => ({ headers: new Headers(init?.headers), body: init?.body ? JSON.parse(String(init.body)) : undefined }))
    },
  }
}

/** Answers for a signed-in user: who they are, and a healthy server. */
export function signedIn(user: SessionUser, extra: Record<string, Handler> = {}) {
  return mockApi({
    'GET /api/auth/me': () => json({ user }),
    'GET /api/health': () => json({ status: 'ok', database: 'pglite', migration: '0001_initial' }),
    ...extra,
  })
}

export function renderApp(path = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  render(<App router={router} />)
  return router
}
