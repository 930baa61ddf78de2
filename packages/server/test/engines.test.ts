/**
 * Issue 16 item 7: Huoma runs on Node.js 20.19+ and on the current LTS (22.13+), and no dependency warns about the
 * engine when it is installed. npm warns (EBADENGINE) when an installed package's `engines.node` does not admit the
 * running Node; this reads what `npm ci` installs — package-lock.json — and checks every package's declared range
 * against the oldest release of each supported line and against the range the root package.json promises.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const rootPackage = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean; link?: boolean }>
}

/** The oldest release of each line the README names as supported. */
const SUPPORTED = ['20.19.0', '22.13.0']

function engineProblems(nodeVersion: string): string[] {
  const problems: string[] = []
  for (const [path, pkg] of Object.entries(lock.packages)) {
    if (!path || pkg.link || !pkg.engines || Array.isArray(pkg.engines) || !pkg.engines.node) continue
    if (!semver.satisfies(nodeVersion, pkg.engines.node, { includePrerelease: true })) {
      problems.push(`${path.replace(/^.*node_modules\//, '')}@${pkg.version} wants node ${pkg.engines.node}`)
    }
  }
  return problems
}

describe('the Node.js versions Huoma supports', () => {
  it('are the ones the root package.json declares', () => {
    for (const v of SUPPORTED) expect(semver.satisfies(v, rootPackage.engines.node), v).toBe(true)
    expect(semver.satisfies('20.18.0', rootPackage.engines.node)).toBe(false)
    expect(semver.satisfies('22.12.0', rootPackage.engines.node)).toBe(false)
  })

  it.each(SUPPORTED)('install every locked package without an engine warning on Node %s', (v) => {
    expect(engineProblems(v)).toEqual([])
  })

  it('would notice a package that needs a newer Node (the check can fail)', () => {
    // cookie@2 and content-disposition@3 declare node >=22 (overridden to their Node 18+ lines in package.json)
    expect(semver.satisfies('20.19.0', '>=22', { includePrerelease: true })).toBe(false)
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100)
  })
})
