import path from 'node:path'
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import { describe, expect, it } from 'vitest'

/**
 * The layering rules of `.dependency-cruiser.cjs` (run by `npm run lint`): they find each kind of forbidden import
 * in a fixture tree made to break them (`fixtures/layering/`, laid out like the repository), and none in the real
 * tree.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..')
const FIXTURE = path.join(import.meta.dirname, 'fixtures/layering')
const SOURCES = ['packages/domain/src', 'packages/contract/src', 'packages/server/src', 'packages/web/src']

async function violations(baseDir: string, sources: string[]): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'))
  const { output } = await cruise(sources, { ...options, baseDir, validate: true })
  return (output as ICruiseResult).summary.violations
}

const found = (list: IViolation[]) => list.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))

describe('the dependency rules', () => {
  it('report every kind of forbidden import, by the rule it breaks', { timeout: 120_000 }, async () => {
    const list = await violations(FIXTURE, ['packages'])
    const server = 'packages/server/src'
    const web = 'packages/web/src'
    expect(found(list)).toEqual(
      expect.arrayContaining([
        // kernel/ (like access/, db/, http/, pdf/, integrations/) knows no module
        { rule: 'modules-only-from-composition-root', from: `${server}/kernel/x.ts`, to: `${server}/modules/y/internal.ts` },
        // a module reaches another one only through its index.ts
        { rule: 'module-through-index-only', from: `${server}/modules/z/uses-y.ts`, to: `${server}/modules/y/internal.ts` },
        { rule: 'no-unresolvable-import', from: `${server}/db/broken.ts`, to: './no-such-file' },
        { rule: 'domain-imports-no-workspace-package', from: 'packages/domain/src/rule.ts', to: 'packages/contract/src/thing.ts' },
        { rule: 'domain-does-no-io', from: 'packages/domain/src/rule.ts', to: 'fs' },
        { rule: 'contract-imports-only-domain-and-typebox', from: 'packages/contract/src/thing.ts', to: `${server}/kernel/x.ts` },
        { rule: 'server-does-not-import-web', from: `${server}/pdf/render.ts`, to: `${web}/lib/page.ts` },
        { rule: 'web-does-not-import-server', from: `${web}/api/server.ts`, to: `${server}/app.ts` },
        { rule: 'feature-not-another-feature', from: `${web}/features/a/Page.ts`, to: `${web}/features/b/helper.ts` },
        { rule: 'features-only-from-composition', from: `${web}/lib/page.ts`, to: `${web}/features/b/helper.ts` },
        { rule: 'features-through-their-list', from: `${web}/routes.tsx`, to: `${web}/features/b/helper.ts` },
        { rule: 'features-through-their-list', from: `${web}/i18n/fi.ts`, to: `${web}/features/b/helper.ts` },
        // the web app's lower layers: lib/ knows nothing above it, api/ only lib/, session/ only api/ and lib/
        { rule: 'web-lib-is-the-bottom', from: `${web}/lib/page.ts`, to: `${web}/features/b/helper.ts` },
        { rule: 'web-api-only-lib', from: `${web}/api/uses-session.ts`, to: `${web}/session/user.ts` },
        { rule: 'web-session-only-api-and-lib', from: `${web}/session/user.ts`, to: `${web}/components/Box.ts` },
      ]),
    )
    // An import cycle, named with its members.
    const cycles = list.filter((v) => v.rule.name === 'no-circular').map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)])
    expect(cycles.length).toBeGreaterThan(0)
    for (const cycle of cycles) expect([...new Set(cycle)].sort()).toEqual([`${server}/http/a.ts`, `${server}/http/b.ts`])
    // What the rules allow is not reported: a module through another's index.ts, the composition root importing a
    // module, the features list importing its features, the root taking the list.
    const allowed = [
      [`${server}/modules/z/uses-y.ts`, `${server}/modules/y/index.ts`],
      [`${server}/app.ts`, `${server}/modules/y/index.ts`],
      [`${web}/features/index.ts`, `${web}/features/a/Page.ts`],
      [`${web}/routes.tsx`, `${web}/features/index.ts`],
    ]
    for (const [from, to] of allowed) expect(list.filter((v) => v.from === from && v.to === to && v.rule.name !== 'no-circular')).toEqual([])
    expect(list.every((v) => v.rule.severity === 'error')).toBe(true)
  })

  it('find nothing in the real tree (the fixtures excluded)', { timeout: 180_000 }, async () => {
    const list = await violations(ROOT, SOURCES)
    expect(found(list)).toEqual([])
  })

  it('exclude the fixture tree from the real run', async () => {
    const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'))
    const exclude = options.exclude as { path: string }
    expect(new RegExp(exclude.path).test('packages/server/test/fixtures/layering/packages/server/src/kernel/x.ts')).toBe(true)
    expect(new RegExp(exclude.path).test('packages/server/src/kernel/jobs/runner.ts')).toBe(false)
  })
})
