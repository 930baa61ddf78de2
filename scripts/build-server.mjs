#!/usr/bin/env node
// The server's production build: packages/server/src (with @huoma/contract and @huoma/domain) bundled by esbuild
// into plain JavaScript in packages/server/dist — `npm start`, `npm run huoma` (the CLI) and the bench run it, so no
// process pays for a runtime TypeScript loader. Installed packages stay outside the bundle (Node loads them from
// node_modules as before). `--if-stale` builds only when the build is missing or older than any source it is made of.
//
//   node scripts/build-server.mjs              build
//   node scripts/build-server.mjs --if-stale   build when missing or stale (what npm start, the CLI and the bench do)
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(import.meta.dirname, '..')
const serverDir = path.join(root, 'packages', 'server')
export const SERVER_DIST = path.join(serverDir, 'dist')
/** Written last by a successful build: its time is the build's. */
const STAMP = path.join(SERVER_DIST, '.built')
const ENTRIES = { cli: 'src/cli.ts', main: 'src/main.ts' }
/** What the build is made of: a change to any of these makes it stale. */
const INPUTS = [
  path.join(serverDir, 'src'),
  path.join(root, 'packages', 'contract', 'src'),
  path.join(root, 'packages', 'domain', 'src'),
  path.join(serverDir, 'package.json'),
  path.join(root, 'package-lock.json'),
  import.meta.filename,
]

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)))
  return newest
}

/** True when the build is missing or a source is newer than it. */
export function serverBuildIsStale() {
  if (!fs.existsSync(STAMP)) return true
  const built = fs.statSync(STAMP).mtimeMs
  return INPUTS.some((p) => newestMtime(p) > built)
}

/**
 * Code that finds files next to itself (`import.meta.dirname`: the migrations folder, the repository root) keeps
 * finding them from the bundle: each use is rewritten to the source file's folder, relative to the bundle's.
 */
const sourceDirname = {
  name: 'source-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8')
      if (!text.includes('import.meta.dirname')) return undefined
      const rel = path.relative(SERVER_DIST, path.dirname(args.path)).split(path.sep).join('/')
      return { contents: text.replaceAll('import.meta.dirname', `(import.meta.dirname + ${JSON.stringify('/' + rel)})`), loader: 'ts' }
    })
  },
}

/** Installed packages are loaded by Node at run time; only the workspace's own TypeScript packages are bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@huoma/') ? undefined : { path: args.path, external: true }))
  },
}

export async function buildServer({ log = console.log } = {}) {
  const started = performance.now()
  const { build } = await import('esbuild')
  fs.rmSync(SERVER_DIST, { recursive: true, force: true })
  await build({
    absWorkingDir: serverDir,
    entryPoints: ENTRIES,
    outdir: SERVER_DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: 'linked',
    // Class and function names appear in logs and errors (`err.name`, pino's serialisers).
    keepNames: true,
    logLevel: 'warning',
    plugins: [externalPackages, sourceDirname],
  })
  fs.writeFileSync(STAMP, new Date().toISOString() + '\n')
  log(`Server built into ${path.relative(root, SERVER_DIST)} in ${Math.round(performance.now() - started)} ms`)
}

/** Builds when stale; returns whether it built. `log` takes the progress lines (default: stdout). */
export async function ensureServerBuild({ log = console.log } = {}) {
  if (!serverBuildIsStale()) return false
  log('\n> Building the server (packages/server/dist)')
  await buildServer({ log })
  return true
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    if (process.argv.includes('--if-stale')) await ensureServerBuild()
    else await buildServer()
  } catch (e) {
    console.error(`Building the server failed: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  }
}
