import fs from 'node:fs'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

/**
 * The archive package in Chromium: a client born on the 18th (the permanent birthday sample) whose adult social work
 * matter closed in 2001 is ready for the archive; the archive officer makes a package behind a confirmation and
 * downloads its zip, which holds metadata.xml and the client's PDF/A documents.
 */
const LAST_NAME = `Otoslainen${Date.now() % 100000}`
const TASK = 'adult_social_work'

async function as(playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } }, baseURL: string, username: string) {
  const request = await playwright.request.newContext({ baseURL })
  const { userId, csrf } = await apiLogin(request, username)
  return { request, userId, headers: { 'x-csrf-token': csrf } }
}

test('the archive officer packages a sampled client\'s closed register as PDF/A and downloads the zip', async ({ page, playwright, baseURL }) => {
  const base = baseURL!
  const sec = await as(playwright, base, 'toimistosihteeri')
  const worker = await as(playwright, base, 'sosiaalityontekija')
  let res = await sec.request.post('/api/persons', { data: { firstNames: 'Arkisto', lastName: LAST_NAME, birthDate: '1950-03-18' }, headers: sec.headers })
  expect(res.status()).toBe(201)
  const { id } = (await res.json()) as { id: string }
  res = await sec.request.post(`/api/persons/${id}/relationships`, { data: { serviceTask: TASK, userId: worker.userId, kind: 'responsible', startDate: '2000-01-01', startReason: 'other' }, headers: sec.headers })
  expect(res.status()).toBe(201)
  const card = (await (await sec.request.get(`/api/persons/${id}/card`)).json()) as { relationships: { id: string }[] }
  res = await sec.request.post(`/api/persons/${id}/relationships/${card.relationships[0]!.id}/end`, { data: { endDate: '2001-06-30', endReason: 'needs_met' }, headers: sec.headers })
  expect(res.status()).toBe(200)

  await login(page, 'arkistonhoitaja')
  await page.getByRole('link', { name: 'Arkistointi' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Arkistointi' })).toBeVisible()
  const ready = page.getByRole('table', { name: /Pysyvästi säilytettävät rekisterit/ })
  await expect(ready.getByRole('row', { name: new RegExp(LAST_NAME) })).toHaveCount(2)
  await expect(ready.getByRole('row', { name: new RegExp(`${LAST_NAME}.*Aikuisten sosiaalityö.*Syntymäpäiväotos.*30\\.6\\.2001`) })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Muodosta arkistopaketti' }).click()
  const dialog = page.getByRole('dialog', { name: 'Muodostetaanko arkistopaketti?' })
  await expect(dialog).toContainText('PDF/A')
  await dialog.getByRole('button', { name: 'Muodosta arkistopaketti' }).click()
  await expect(page.getByRole('status')).toContainText(/Arkistopaketti \d+ muodostettiin/)
  await expect(page.getByRole('row', { name: new RegExp(LAST_NAME) })).toHaveCount(0)

  const packages = page.getByRole('table', { name: /Muodostetut arkistopaketit/ })
  const link = packages.getByRole('link', { name: /Lataa paketti \d+ \(zip\)/ }).first()
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toMatch(/^arkistopaketti-\d+\.zip$/)
  const zip = fs.readFileSync(await download.path())
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK')
  // a stored zip names its files in the clear: the metadata and the client's journal and basic data documents
  const names = zip.toString('latin1')
  expect(names).toContain('metadata.xml')
  expect(names).toMatch(/c\d{4}\/adult_social_work\/\d{2}-client_basic_data\.pdf|c\d{4}\/client\/\d{2}-client_basic_data\.pdf/)
  expect(names).toContain(`<lastName>${LAST_NAME}</lastName>`)
  await expectAccessible(page)
})
