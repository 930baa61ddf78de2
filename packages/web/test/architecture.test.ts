import { describe, expect, it } from 'vitest'
import { features } from '../src/features'
import { appWide } from '../src/i18n/fi'
import { crossFeatureImports, featureOf, importCycles, importsOf, readSources, resolveSpecifier } from './import-graph'

const sources = readSources()

describe('the shape of the web app', () => {
  it('has no feature that imports from another feature’s folder', () => {
    expect(crossFeatureImports(sources)).toEqual([])
  })

  it('would notice one: a fixture importing another feature’s helper, by any path', () => {
    const fixtures = new Map([
      ['features/payments/Fixture.tsx', "import { codeLabel } from '../persons/labels'\nimport { x } from './own'\n"],
      ['features/journal/Fixture.ts', "export { JournalPanel } from '../../features/attachments/CardSection'\n"],
      ['features/audit/Fixture.ts', "import type { Feature } from '../income-support'\nconst later = () => import('../persons/PersonsPage')\n"],
      ['features/home/Fine.ts', "import { formatDate } from '../../lib/format'\nimport { HomePage } from './HomePage'\n"],
    ])
    expect(crossFeatureImports(fixtures)).toEqual([
      { file: 'features/payments/Fixture.tsx', specifier: '../persons/labels' },
      { file: 'features/journal/Fixture.ts', specifier: '../../features/attachments/CardSection' },
      { file: 'features/audit/Fixture.ts', specifier: '../income-support' },
      { file: 'features/audit/Fixture.ts', specifier: '../persons/PersonsPage' },
    ])
  })

  it('has no import cycle', () => {
    expect(importCycles(sources)).toEqual([])
  })

  it('would notice a cycle, and not count imports that are erased at run time', () => {
    const fixtures = new Map([
      ['a.ts', "import { b } from './b'\n"],
      ['b.ts', "import { c } from './lib/c'\n"],
      ['lib/c.ts', "import { a } from '../a'\n"],
      ['types.ts', "import type { a } from './a'\nimport { type b } from './b'\n"],
      ['a2.ts', "import { t } from './types'\n"],
    ])
    expect(importCycles(fixtures)).toEqual([['a.ts', 'b.ts', 'lib/c.ts', 'a.ts']])
    expect(importsOf("import { type A, type B } from './x'\nimport { type C, d } from './y'")).toEqual([
      { specifier: './x', typeOnly: true },
      { specifier: './y', typeOnly: false },
    ])
  })

  it('keeps the kit and the shared components free of features; only the list and its users import features', () => {
    const importers = [...sources]
      .filter(([file]) => !file.startsWith('features/'))
      .filter(([file, source]) => importsOf(source).some(({ specifier }) => resolveSpecifier(file, specifier)?.startsWith('features')))
      .map(([file]) => file)
    expect(importers).toEqual(['i18n/en.ts', 'i18n/fi.ts', 'i18n/sv.ts', 'routes.tsx'])
  })

  it('has every feature speak with its own slice’s keys and the app-wide ones, and the kit with app-wide ones only', () => {
    const appKeys = Object.keys(appWide)
    const own = new Map(features.map((feature) => [feature.id, Object.keys(feature.dictionary?.fi ?? {})]))
    const strangers: string[] = []
    for (const [file, source] of sources) {
      if (file.startsWith('i18n/')) continue
      const allowed = new Set([...appKeys, ...(own.get(featureOf(file) ?? '') ?? [])])
      for (const m of source.matchAll(/\bt\(\s*['"`]([A-Za-z]+)\./g)) if (!allowed.has(m[1]!)) strangers.push(`${file}: ${m[0]}`)
    }
    expect(strangers).toEqual([])
  })
})
