/**
 * The web app's import graph read from its sources with `fs`, for the architecture tests: which file imports which,
 * whether an import is erased at run time (`import type`), and the rules the shape keeps.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

export const SRC = resolve(import.meta.dirname, '../src')

export interface ImportSpec {
  specifier: string
  /** Erased at run time: `import type …` / `export type … from`. */
  typeOnly: boolean
}

/** The import specifiers of a source text: static imports and re-exports, side-effect imports, dynamic imports. */
export function importsOf(source: string): ImportSpec[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const found: ImportSpec[] = []
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    const clause = m[3] ?? ''
    // `import { type A, type B } from` is erased too when every name is a type.
    const names = /^\{([\s\S]*)\}$/.exec(clause.trim())?.[1]?.split(',').map((n) => n.trim()).filter(Boolean)
    const allTypes = names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type '))
    found.push({ specifier: m[4]!, typeOnly: Boolean(m[2]) || allTypes })
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1]!, typeOnly: false })
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false })
  return found
}

/** Every .ts/.tsx file under a folder, as paths relative to src (`features/persons/PersonsPage.tsx`). */
export function sourceFiles(dir = SRC): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path))
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(relative(SRC, path).split(sep).join('/'))
  }
  return files.sort()
}

/** A relative specifier of `file` as a path relative to src (without extension); undefined for a package. */
export function resolveSpecifier(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  return relative(SRC, resolve(SRC, dirname(file), specifier)).split(sep).join('/')
}

/** The feature folder a src-relative path is in (`features/<m>/…` → `m`); the list itself is in none. */
export function featureOf(path: string): string | undefined {
  return /^features\/([^/]+)\//.exec(path)?.[1]
}

export interface CrossImport {
  file: string
  specifier: string
}

/** Imports from one feature's folder into another's: `features/<a>/x.ts` importing anything in `features/<b>/`. */
export function crossFeatureImports(sources: ReadonlyMap<string, string>): CrossImport[] {
  const found: CrossImport[] = []
  for (const [file, source] of sources) {
    const own = featureOf(file)
    if (own === undefined) continue
    for (const { specifier } of importsOf(source)) {
      const target = resolveSpecifier(file, specifier)
      const other = target === undefined ? undefined : featureOf(`${target}/`) ?? featureOf(target)
      if (other !== undefined && other !== own) found.push({ file, specifier })
    }
  }
  return found
}

/** A src-relative module path (no extension) → the file it names, when it is one of `files`. */
function toFile(target: string, files: ReadonlySet<string>): string | undefined {
  for (const candidate of [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`]) if (files.has(candidate)) return candidate
  return undefined
}

/** Import cycles among run-time imports (type-only imports are erased and left out), each as a path of files. */
export function importCycles(sources: ReadonlyMap<string, string>): string[][] {
  const files = new Set(sources.keys())
  const edges = new Map<string, string[]>()
  for (const [file, source] of sources) {
    const targets = importsOf(source)
      .filter((spec) => !spec.typeOnly)
      .map((spec) => resolveSpecifier(file, spec.specifier))
      .map((target) => (target === undefined ? undefined : toFile(target, files)))
      .filter((target): target is string => target !== undefined)
    edges.set(file, targets)
  }
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of [...files].sort()) if (!state.has(file)) visit(file)
  return cycles
}

/** The app's sources: src-relative path → text. */
export function readSources(): Map<string, string> {
  return new Map(sourceFiles().map((file) => [file, readFileSync(join(SRC, file), 'utf8')]))
}

