import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

/**
 * End-to-end suite: a real Huoma (built web app + API) on a fresh embedded database seeded with Demola, driven in
 * Debian's Chromium. Playwright never downloads a browser here.
 */
const port = Number(process.env.HUOMA_E2E_PORT ?? 8187)
process.env.HUOMA_E2E_DATA ??= fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-e2e-'))
export const DEMO_PASSWORD = 'E2e-salasana-2026'
const root = path.resolve(import.meta.dirname, '..')

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: process.env.CI === 'true',
  reporter: [['list']],
  outputDir: path.join(os.tmpdir(), 'huoma-e2e-results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.HUOMA_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The server's production build, as `npm start` runs it (built first when missing or stale).
    command: `node ${path.join(root, 'packages/server/bin/huoma.mjs')} serve --demo`,
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      HUOMA_DATA_DIR: process.env.HUOMA_E2E_DATA,
      HUOMA_DEMO_PASSWORD: DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      // The suite signs in dozens of times a minute from one address; the limit itself is tested in the API tests.
      HUOMA_LOGIN_RATE_LIMIT: '1000',
      // Only the audit sealer on its own: the nightly register sync and Kela's 07:00 import would change the demo
      // data in the middle of a run that crosses those times (specs run jobs by hand).
      HUOMA_JOBS: 'audit-sealer',
    },
  },
})
