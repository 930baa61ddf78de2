#!/usr/bin/env node
// `npm test`: lint, typecheck, unit and API tests (Vitest, on PGlite and PostgreSQL), the API tests again on the
// other supported Node.js line (PGlite), then the end-to-end suite in Debian's Chromium. Under CI=true nothing may be
// skipped: a missing PostgreSQL or Chromium fails the run.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const ci = process.env.CI === 'true'
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-test-'))
const CHROMIUM = process.env.HUOMA_CHROMIUM || '/usr/bin/chromium'
const results = []
let passed = 0
let failed = 0
let skipped = 0

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = r.status === 0
  results.push({ name, ok, s: ((Date.now() - started) / 1000).toFixed(1) })
  return ok
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true
  if (process.getuid?.() === 0) {
    console.log('Chromium is missing: installing Debian\'s chromium with apt-get')
    spawnSync('apt-get', ['update'], { stdio: 'inherit' })
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    if (r.status === 0 && fs.existsSync(CHROMIUM)) return true
  }
  return false
}

/**
 * Debian's tools the API tests use: pdftotext (poppler-utils) reads the printed documents, and Apache PDFBox
 * Preflight (libpdfbox2-java with the activation and JAXB jars it needs on Java 11+, and a Java runtime) validates
 * the archive's PDF/A. Installed with apt-get when missing and this runs as root.
 */
function ensureDebianTools() {
  const needs = [
    ['/usr/bin/pdftotext', 'poppler-utils'],
    ['/usr/bin/java', 'default-jre-headless'],
    ['/usr/share/java/preflight.jar', 'libpdfbox2-java'],
    ['/usr/share/java/javax.activation.jar', 'libactivation-java'],
    ['/usr/share/java/jaxb-api.jar', 'libjaxb-api-java'],
  ].filter(([file]) => !fs.existsSync(file))
  if (!needs.length || process.getuid?.() !== 0) return
  console.log(`Installing with apt-get: ${needs.map(([, pkg]) => pkg).join(' ')}`)
  spawnSync('apt-get', ['update'], { stdio: 'inherit' })
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...needs.map(([, pkg]) => pkg)], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

const npx = (...args) => ['npx', '--no-install', ...args]

// A fresh clone has nothing installed: install the locked dependencies first, as `npm start` does (and again when
// package-lock.json is newer than the installed tree).
const installed = path.join(root, 'node_modules', '.package-lock.json')
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(path.join(root, 'package-lock.json')).mtimeMs) {
  if (!step('install dependencies', 'npm', ['ci', '--no-audit', '--no-fund'])) {
    console.error('\nnpm ci failed: nothing can be tested without the dependencies.')
    process.exit(1)
  }
}

// Lint: ESLint, then the dependency rules (.dependency-cruiser.cjs: no import cycle, the layers, the modules' and the
// features' boundaries). Both run even when the first fails, so that one run shows every finding.
const eslintOk = step('lint (ESLint)', ...splitCmd(npx('eslint', '.', '--max-warnings=0')))
const depsOk = step('lint (dependency rules)', ...splitCmd(npx('depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'packages/*/src')))
const lintOk = eslintOk && depsOk
const typesOk = step('typecheck', 'npm', ['run', 'typecheck', '--silent'])
ensureDebianTools()
const vitestJson = path.join(reports, 'vitest.json')
const vitestOk = step('unit and API tests', ...splitCmd(npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`)))
countVitest(vitestJson, vitestOk)

// The API tests again on the other supported Node.js line (README: 20.19+ and 22): Node 22 (or 20, when this is 22)
// from the npm registry (the `node` package), on PGlite only — the first pass covered PostgreSQL, and CI time is dear.
// Skipped outside CI when the registry cannot be reached; under CI it must run.
const otherNode = `node@${process.versions.node.startsWith('22.') ? 20 : 22}`
const otherJson = path.join(reports, 'vitest-other-node.json')
const otherVersion = spawnSync('npx', ['-y', otherNode, '--version'], { cwd: root, encoding: 'utf8' })
let otherNodeOk = true
if (otherVersion.status === 0) {
  otherNodeOk = step(`API tests on Node ${otherVersion.stdout.trim()} (PGlite)`, 'npx', ['-y', otherNode, 'node_modules/vitest/vitest.mjs', 'run', '--project', 'server', '--reporter=default', '--reporter=json', `--outputFile.json=${otherJson}`], {
    HUOMA_TEST_DB: 'pglite',
    HUOMA_TEST_REPEAT: 'true',
  })
  countVitest(otherJson, otherNodeOk)
} else if (ci) {
  console.error(`\nCI=true but ${otherNode} could not be fetched from the npm registry (npx -y ${otherNode}): ${otherVersion.stderr}`)
  otherNodeOk = false
  failed++
} else {
  console.warn(`\n${otherNode} could not be fetched from the npm registry (npx -y ${otherNode}): the API tests on it were skipped.`)
  skipped++
}

let e2eOk = true
if (ensureChromium()) {
  const buildOk = step('build (web app, server)', 'npm', ['run', 'build', '--silent'])
  const pwJson = path.join(reports, 'playwright.json')
  e2eOk = buildOk && step('end-to-end (Chromium)', 'npm', ['run', 'test', '-w', '@huoma/e2e', '--', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    HUOMA_CHROMIUM: CHROMIUM,
  })
  countPlaywright(pwJson)
  if (!buildOk) failed++
} else if (ci) {
  console.error(`\nCI=true but Chromium is not available at ${CHROMIUM} and could not be installed: the end-to-end suite cannot be skipped.`)
  e2eOk = false
  failed++
} else {
  console.warn(`\nChromium not found at ${CHROMIUM} (and not root to install it): end-to-end suite skipped.`)
  skipped++
}

if (!lintOk) failed++
if (!typesOk) failed++

console.log('\n=== Summary')
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.s} s)`)
const ok = lintOk && typesOk && vitestOk && otherNodeOk && e2eOk
console.log(`\ntotal: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(ok && failed === 0 ? 0 : 1)

function splitCmd([cmd, ...args]) {
  return [cmd, args]
}

function countVitest(file, ok) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'))
    passed += j.numPassedTests
    skipped += j.numPendingTests + j.numTodoTests
    // A run can fail with no failed test (an unhandled error, a file that does not load): count it once.
    failed += j.numFailedTests || (ok ? 0 : 1)
  } catch {
    failed++
  }
}

function countPlaywright(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'))
    passed += j.stats.expected
    failed += j.stats.unexpected
    skipped += j.stats.skipped
  } catch {
    failed++
  }
}
