import { lazy, type ComponentType } from 'react'

/**
 * A feature's page loaded when first visited: `lazyPage(() => import('./AuditPage'), 'AuditPage')` in a feature's
 * `index.ts` makes the page (and what only it uses) a chunk of its own in the build, so the first load is the shell,
 * the dictionaries and the client card, not every module. The router shows `app.loading` meanwhile (routes.tsx).
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }))
}
