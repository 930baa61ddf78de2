import { expect, test } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

/**
 * Issue 14 item 3 ("pages 2 000–3 400 px tall in one column"): the client card lays its sections out in two columns
 * from 1280 px — the registry's data in the narrower one, the client work in the wider one — and one column below
 * that; folding panels fold from their heading button and stay folded for the user after a reload.
 */
test('the client card has two columns at 1400 px and one at 1100 px; the timeline folds and stays folded', async ({ page, playwright, baseURL }) => {
  const worker = await playwright.request.newContext({ baseURL })
  const { userId } = await apiLogin(worker, 'sosiaalityontekija')
  await worker.dispose()
  const secretary = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(secretary, 'toimistosihteeri')
  const headers = { 'x-csrf-token': csrf }
  const created = await secretary.post('/api/persons', { headers, data: { firstNames: 'Kaisu', lastName: 'Kaksipalstainen', birthDate: '1966-10-11' } })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  expect((await secretary.post(`/api/persons/${id}/relationships`, { headers, data: { serviceTask: 'adult_social_work', userId, kind: 'responsible', startReason: 'application' } })).status()).toBe(201)
  await secretary.dispose()

  await login(page, 'sosiaalityontekija')
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(`/persons/${id}`)
  const basics = page.getByRole('region', { name: 'Perustiedot' })
  const appointments = page.getByRole('region', { name: 'Ajanvaraukset' })
  await expect(basics).toBeVisible()
  await expect(appointments).toBeVisible()
  const left = (await basics.boundingBox())!
  const right = (await appointments.boundingBox())!
  // side by side: the registry's column on the left and narrower, the work beside it
  expect(right.x).toBeGreaterThan(left.x + left.width - 1)
  expect(left.width).toBeLessThan(right.width)
  await expectAccessible(page)

  await page.setViewportSize({ width: 1100, height: 900 })
  await expect.poll(async () => (await appointments.boundingBox())!.x).toBeLessThan(left.x + 50)

  // the timeline folds from its heading and stays folded after a reload
  await page.setViewportSize({ width: 1400, height: 900 })
  const toggle = page.getByRole('button', { name: 'Aikajana' })
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  const timeline = page.getByRole('region', { name: 'Aikajana' })
  await expect(timeline.getByRole('listitem').first()).toBeVisible()
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(timeline.getByRole('listitem')).toHaveCount(0)
  await expectAccessible(page)
  await page.reload()
  await expect(page.getByRole('button', { name: 'Aikajana' })).toHaveAttribute('aria-expanded', 'false')
  await page.getByRole('button', { name: 'Aikajana' }).click()
  await expect(page.getByRole('region', { name: 'Aikajana' }).getByRole('listitem').first()).toBeVisible()
})
