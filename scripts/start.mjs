#!/usr/bin/env node
// `npm start`: install dependencies when missing, build the web app and the server when stale, then serve the built
// server (plain JavaScript, no TypeScript loader) with the demo municipality seeded into an empty database. Node
// built-ins only until the install: this runs before anything is installed.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { withoutKnownEngineWarnings } from './npm-output.mjs'

const root = path.resolve(import.meta.dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function run(cmd, args, what) {
  console.log(`\n> ${what}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`\n${what} failed (exit ${r.status}).`)
    process.exit(r.status ?? 1)
  }
}

function newestMtime(dir) {
  let newest = 0
  if (!fs.existsSync(dir)) return newest
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const installed = path.join(root, 'node_modules', '.package-lock.json')
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(path.join(root, 'package-lock.json')).mtimeMs) {
  console.log('\n> Installing dependencies (npm ci)')
  // npm's warnings go to stderr: shown, less the engine warnings known to mean nothing here (scripts/npm-output.mjs).
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8' })
  process.stderr.write(withoutKnownEngineWarnings(r.stderr ?? ''))
  if (r.status !== 0) {
    console.error(`\nInstalling dependencies (npm ci) failed (exit ${r.status}).`)
    process.exit(r.status ?? 1)
  }
}

const web = path.join(root, 'packages', 'web')
const builtIndex = path.join(web, 'dist', 'index.html')
const sourcesChanged = Math.max(newestMtime(path.join(web, 'src')), newestMtime(path.join(root, 'packages', 'contract', 'src')), fs.statSync(path.join(web, 'index.html')).mtimeMs)
if (!fs.existsSync(builtIndex) || fs.statSync(builtIndex).mtimeMs < sourcesChanged) {
  // Vite's per-chunk listing is for people tuning the build; here only its warnings and errors are shown.
  run(npm, ['run', 'build', '-w', '@huoma/web', '--', '--logLevel', 'warn'], 'Building the web app')
}

// The server's build (packages/server/dist), rebuilt when any of its sources is newer (scripts/build-server.mjs).
const { ensureServerBuild } = await import('./build-server.mjs')
try {
  await ensureServerBuild()
} catch (e) {
  console.error(`\nBuilding the server failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
}

// A person at a terminal reads lines, not JSON: readable log lines unless in production or chosen otherwise.
const env = { ...process.env }
if (env.NODE_ENV !== 'production' && !env.LOG_FORMAT) env.LOG_FORMAT = 'text'
const child = spawn(process.execPath, [path.join(root, 'packages/server/dist/cli.js'), 'serve', '--demo'], {
  cwd: root,
  stdio: 'inherit',
  env,
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
