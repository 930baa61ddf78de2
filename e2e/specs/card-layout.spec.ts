import { expect, test } from '@playwright/test'
import { expectAccessible, login, newClientOfWorker } from '../support/fixtures'

/**
 * Issue 14 item 3 ("pages 2 000–3 400 px tall in one column"): the client card lays its sections out in two columns
 * from 1280 px — the registry's data in the narrower one, the client work in the wider one — and one column below
 * that; folding panels fold from their heading button and stay folded for the user after a reload.
 */
test('the client card has two columns at 1400 px and one at 1100 px; the timeline folds and stays folded', async ({ page, playwright, baseURL }) => {
  const id = await newClientOfWorker(playwright, baseURL, { firstNames: 'Kaisu', lastName: 'Kaksipalstainen', birthDate: '1966-10-11' })

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

/**
 * Issue 14: every section of the client card folds with the shared FoldingPanel — the registry's sections, the
 * relationships and every feature's section the worker is shown (journal, attachments, informing, accounts …) — and
 * each stays folded for the user after a reload, and open again after unfolding.
 */
test('every section of the client card folds from its h2 and survives a reload', async ({ page, playwright, baseURL }) => {
  const id = await newClientOfWorker(playwright, baseURL, { firstNames: 'Folke', lastName: 'Taittuva', birthDate: '1971-02-03' })

  await login(page, 'sosiaalityontekija')
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(`/persons/${id}`)
  await expect(page.getByRole('region', { name: 'Aikajana' })).toBeVisible()
  await expect(page.getByRole('region', { name: /^Asiakaskertomus/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Liitteet' })).toBeVisible()
  const headings = page.getByRole('main').getByRole('heading', { level: 2 })
  const count = await headings.count()
  expect(count).toBeGreaterThanOrEqual(10)
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const heading = headings.nth(i)
    // the heading is the shared panel's toggle, not a plain heading nor a fold of its own
    const toggle = heading.getByRole('button')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    expect(await heading.evaluate((h) => h.closest('section')?.classList.contains('folding-panel'))).toBe(true)
    names.push((await toggle.textContent())!.trim())
  }
  for (const name of [
    'Perustiedot',
    'Yhteystiedot ja osoitteet',
    'Perhe',
    'Ruokakunta',
    'Asiakkuudet',
    'Aikajana',
    'Liitteet',
    'Ajanvaraukset',
  ])
    expect(names).toContain(name)

  for (let i = 0; i < count; i++) {
    const toggle = headings.nth(i).getByRole('button')
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    const body = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`)
    await expect(body).toBeHidden()
  }
  await expectAccessible(page)
  await page.reload()
  await expect(headings).toHaveCount(count)
  for (let i = 0; i < count; i++) await expect(headings.nth(i).getByRole('button')).toHaveAttribute('aria-expanded', 'false')
  for (let i = 0; i < count; i++) await headings.nth(i).getByRole('button').click()
  await page.reload()
  await expect(headings).toHaveCount(count)
  for (let i = 0; i < count; i++) await expect(headings.nth(i).getByRole('button')).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('region', { name: 'Perustiedot' }).getByText('Folke')).toBeVisible()
})
