import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { startIdp, type Idp } from '../../packages/server/test/helpers/oidc-provider'
import { DEMO_PASSWORD } from '../support/fixtures'

/**
 * Single sign-on in Chromium: a real OpenID Connect provider (the API tests' oidc-provider) and a second Huoma
 * configured for it, both started here (the suite's own server has no identity provider). The browser clicks the
 * organisation's sign-in button, passes through the provider and lands signed in; a refused identity lands back on
 * the sign-in page with the message.
 */
const root = path.resolve(import.meta.dirname, '../..')
let idp: Idp
let huoma: ChildProcess
let baseUrl: string
let dataDir: string

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

test.beforeAll(async () => {
  test.setTimeout(150_000)
  idp = await startIdp()
  const port = await freePort()
  baseUrl = `http://127.0.0.1:${port}`
  idp.serve([{ clientId: 'huoma-e2e', secret: 'e2e-client-secret', redirectUri: `${baseUrl}/api/auth/oidc/callback` }])
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-e2e-oidc-'))
  huoma = spawn(process.execPath, [path.join(root, 'packages/server/bin/huoma.mjs'), 'serve', '--demo'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      HUOMA_DATA_DIR: dataDir,
      HUOMA_DEMO_PASSWORD: DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      HUOMA_OIDC_ISSUER: idp.issuer,
      HUOMA_OIDC_CLIENT_ID: 'huoma-e2e',
      HUOMA_OIDC_CLIENT_SECRET: 'e2e-client-secret',
    },
  })
  for (let i = 0; ; i++) {
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)
    if (ok) break
    if (i > 240 || huoma.exitCode !== null) throw new Error('the single sign-on Huoma did not start')
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
})

test.afterAll(async () => {
  if (huoma && huoma.exitCode === null) {
    const exited = new Promise((resolve) => huoma.once('exit', resolve))
    huoma.kill('SIGTERM')
    await exited
  }
  await idp?.close()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

test('a worker signs in with the organisation\'s account and lands signed in', async ({ page }) => {
  idp.nextLogin = 'idp-aino'
  await page.goto(`${baseUrl}/login`)
  await page.getByRole('link', { name: 'Kirjaudu organisaation tunnuksilla' }).click()
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible()
  expect(new URL(page.url()).origin).toBe(baseUrl)
  const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json())
  expect(me).toMatchObject({ stage: 'active', user: { username: 'sosiaalityontekija' } })
})

test('an identity that is not a Huoma user comes back to the sign-in page with the reason', async ({ page }) => {
  idp.nextLogin = 'idp-ghost'
  await page.goto(`${baseUrl}/login`)
  await page.getByRole('link', { name: 'Kirjaudu organisaation tunnuksilla' }).click()
  await expect(page.getByRole('alert')).toContainText('Kirjautuminen organisaation tunnuksilla ei onnistunut.')
  expect(new URL(page.url()).pathname).toBe('/login')
  await expect(page.getByLabel('Käyttäjätunnus')).toBeVisible()
})
