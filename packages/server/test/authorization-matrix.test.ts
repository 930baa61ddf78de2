import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type ActionDef } from '../src/access/actions'
import { ACTIONS } from '../src/catalogue'
import { DEMO_USERS } from '../src/seed/demo'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The authorisation matrix, generated from the action catalogue and the routes the server actually registered:
 * every route × every role (one demo user per role) × anonymous. A role the action names must get past the access
 * layer (anything but 401/403); any other role gets 403 and a denial audit row; anonymous gets 401.
 */
const kinds = await databaseKinds()
/** The first demo user of each role (the rights are the role's, so one user per role covers the matrix). */
const ONE_PER_ROLE = DEMO_USERS.filter((u, i) => DEMO_USERS.findIndex((v) => v.role === u.role) === i)

const SAMPLE_ID = '00000000-0000-4000-8000-000000000001'
const fill = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => (/id$/i.test(name) ? SAMPLE_ID : 'x'))

describe.each(kinds)('authorisation matrix on %s', (kind) => {
  let t: TestServer
  const clients = new Map<string, Client>()
  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('covers every role with a demo user', () => {
    expect([...new Set(DEMO_USERS.map((u) => u.role))].sort()).toEqual([...ROLES].sort())
  })

  it('every action in the catalogue is routed, and every client action writes audit rows', () => {
    const routed = new Set(t.server.app.routeCatalogue.map((r) => r.action))
    for (const [action, def] of Object.entries(ACTIONS) as [string, ActionDef][]) {
      if (def.scope === 'client') expect(def.audit, `${action} must declare its audit kind`).toBeDefined()
      expect(routed.has(action as never), `${action} has no route`).toBe(true)
    }
  })

  it('allows exactly the roles the catalogue names, on every route', { timeout: 300_000 }, async () => {
    const routes = t.server.app.routeCatalogue.filter((r) => !r.url.startsWith('/api/docs'))
    expect(routes.length).toBeGreaterThan(5)
    const failures: string[] = []
    for (const route of routes) {
      const def: ActionDef = ACTIONS[route.action]
      const url = fill(route.url)
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {}
      const anonymous = await new Client(t.url).request(route.method, url, body)
      const expectAnon = def.scope === 'public' ? 'any' : 401
      if (expectAnon === 401 && anonymous.status !== 401) failures.push(`anonymous ${route.method} ${route.url}: ${anonymous.status}`)
      if (def.scope === 'public') continue
      for (const user of ONE_PER_ROLE) {
        // Ending sessions is a side effect (logout-all ends the cached one too): those routes get a fresh session.
        const fresh = route.action === 'auth:session' && route.method !== 'GET'
        if (fresh) clients.delete(user.username)
        let c = clients.get(user.username)
        if (!c || fresh) {
          c = new Client(t.url)
          await c.login(user.username)
          if (!fresh) clients.set(user.username, c)
        }
        const before = await deniedCount(user.username, route.action)
        const res = await c.request(route.method, url, body)
        const allowed = def.scope === 'session' || (def.roles ?? []).includes(user.role as never)
        if (allowed && (res.status === 401 || res.status === 403)) failures.push(`${user.role} refused ${route.method} ${route.url}: ${res.status}`)
        if (!allowed) {
          if (res.status !== 403) failures.push(`${user.role} not refused ${route.method} ${route.url}: ${res.status}`)
          else if ((await deniedCount(user.username, route.action)) !== before + 1) failures.push(`${user.role} ${route.method} ${route.url}: no denial audit row`)
        }
      }
    }
    expect(failures).toEqual([])
  })

  async function deniedCount(username: string, action: string): Promise<number> {
    const db = t.server.database.db
    const row = await db
      .selectFrom('audit_log')
      .innerJoin('staff_user', 'staff_user.id', 'audit_log.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('staff_user.username', '=', username)
      .where('audit_log.event', '=', action)
      .where('audit_log.outcome', '=', 'denied')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
})
