import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import AxeBuilder from '@axe-core/playwright'
import { expect, type APIRequestContext, type Download, type Page, type PlaywrightWorkerArgs } from '@playwright/test'
import { DEMO_PASSWORD } from '../playwright.config'

export { DEMO_PASSWORD }

/** Signs in through the API and returns the user and the CSRF token for state-changing calls. */
export async function apiLogin(request: APIRequestContext, username: string): Promise<{ userId: string; csrf: string }> {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
  const { user } = (await res.json()) as { user: { id: string } }
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'huoma-csrf')?.value ?? ''
  return { userId: user.id, csrf }
}

/**
 * A new client registered by the office secretary, with the social worker `sosiaalityontekija` as the responsible
 * worker in adult social work (through the API, as the set-up of a test about the card; `kind` the relationship's,
 * responsible unless told). Answers the person's id.
 */
export async function newClientOfWorker(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
  person: { firstNames: string; lastName: string; birthDate: string; addresses?: Record<string, string>[] },
  kind: 'responsible' | 'team' = 'responsible',
): Promise<string> {
  const worker = await playwright.request.newContext({ baseURL })
  const { userId } = await apiLogin(worker, 'sosiaalityontekija')
  await worker.dispose()
  const secretary = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(secretary, 'toimistosihteeri')
  const headers = { 'x-csrf-token': csrf }
  const created = await secretary.post('/api/persons', { headers, data: person })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  expect((await secretary.post(`/api/persons/${id}/relationships`, { headers, data: { serviceTask: 'adult_social_work', userId, kind, startReason: 'application' } })).status()).toBe(201)
  await secretary.dispose()
  return id
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Käyttäjätunnus').fill(username)
  await page.getByLabel('Salasana').fill(password)
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click()
  // a user who has not accepted the user commitment in force accepts it first (the demo users have accepted it)
  const commitment = page.getByRole('button', { name: 'Hyväksyn käyttäjäsitoumuksen' })
  const menu = page.getByRole('navigation', { name: 'Päävalikko' })
  await expect(menu.or(commitment)).toBeVisible()
  if (await commitment.isVisible()) await commitment.click()
  await expect(menu).toBeVisible()
}

/** No WCAG 2.x A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(summary).toEqual([])
}

/** The text of a downloaded PDF as Debian's pdftotext (poppler-utils) reads it, whitespace collapsed. */
export async function downloadedPdfText(download: Download): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-e2e-pdf-'))
  try {
    const file = path.join(dir, download.suggestedFilename())
    await download.saveAs(file)
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-'])
    return stdout.replace(/\s+/g, ' ')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
