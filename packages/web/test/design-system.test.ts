import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKGROUND_ONLY_TOKENS, CONTRAST_PAIRS, type ContrastPair } from '../src/lib/designSystem'

/**
 * The design system's colours meet WCAG 2.x contrast: the tokens are read from `design-system.css` (`:root`), and
 * every pair `lib/designSystem.ts` declares is computed (relative luminance, (L1 + 0.05) / (L2 + 0.05)).
 */
const CSS = readFileSync(resolve(import.meta.dirname, '../src/design-system.css'), 'utf8')

function rootTokens(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)
  if (!root) throw new Error('no :root block')
  const tokens = new Map<string, string>()
  for (const [, name, value] of root[1]!.matchAll(/(--[a-z0-9-]+)\s*:\s*([^;]+);/g)) tokens.set(name!, value!.trim())
  return tokens
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex)
  if (!m) throw new Error(`not a hex colour: ${hex}`)
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number]
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const MINIMUM = { text: 4.5, large: 3, ui: 3 } as const

function contrastFailures(tokens: Map<string, string>, pairs: readonly ContrastPair[]): string[] {
  const failures: string[] = []
  for (const { foreground, background, use } of pairs) {
    const fg = tokens.get(foreground)
    const bg = tokens.get(background)
    if (!fg || !bg) {
      failures.push(`${foreground} on ${background}: token missing`)
      continue
    }
    const ratio = contrastRatio(fg, bg)
    if (ratio < MINIMUM[use]) failures.push(`${foreground} ${fg} on ${background} ${bg} (${use}): ${ratio.toFixed(2)}:1 < ${MINIMUM[use]}:1`)
  }
  return failures
}

describe('the design system', () => {
  const tokens = rootTokens(CSS)

  it('computes the WCAG ratio as the specification does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#fff', '#777')).toBeCloseTo(contrastRatio('#777777', '#ffffff'), 10)
  })

  it('declares the spacing scale, the type scale, radii and colours as custom properties', () => {
    for (const name of ['--space-1', '--space-6', '--text-xs', '--text-md', '--text-xl', '--radius-sm', '--radius', '--radius-panel', '--radius-pill', '--c-text', '--c-accent'])
      expect(tokens.has(name), name).toBe(true)
  })

  it('meets the contrast minimum for every declared text/background and border pair', () => {
    expect(CONTRAST_PAIRS.length).toBeGreaterThan(30)
    expect(contrastFailures(tokens, CONTRAST_PAIRS)).toEqual([])
  })

  it('leaves no colour token out of the pairs', () => {
    const used = new Set(CONTRAST_PAIRS.flatMap((p) => [p.foreground, p.background]))
    const colours = [...tokens.keys()].filter((name) => name.startsWith('--c-'))
    expect(colours.filter((name) => !used.has(name as ContrastPair['foreground']) && !BACKGROUND_ONLY_TOKENS.includes(name))).toEqual([])
  })

  it('fails on a planted pair that is too faint, and on a missing token', () => {
    const planted = new Map(tokens).set('--c-text-muted', '#9aa3ab')
    expect(contrastFailures(planted, CONTRAST_PAIRS).join('\n')).toContain('--c-text-muted #9aa3ab on --c-surface #ffffff (text)')
    // a border token fine for a control (3:1) is refused as body text (4.5:1)
    expect(contrastFailures(tokens, [{ foreground: '--c-input-border', background: '--c-surface', use: 'text' }])).toHaveLength(1)
    expect(contrastFailures(tokens, [{ foreground: '--c-input-border', background: '--c-surface', use: 'ui' }])).toEqual([])
    expect(contrastFailures(tokens, [{ foreground: '--c-warning-border', background: '--c-warning-soft', use: 'ui' }])).toEqual([])
    expect(contrastFailures(tokens, [{ foreground: '--c-border', background: '--c-surface', use: 'ui' }])).toHaveLength(1)
    expect(contrastFailures(tokens, [{ foreground: '--c-nothing', background: '--c-surface', use: 'text' }])).toEqual(['--c-nothing on --c-surface: token missing'])
  })
})
