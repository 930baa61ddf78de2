import { expect, test } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

test('the main user sees the scheduled jobs and runs the population-register sync now', async ({ page }) => {
  await login(page, 'paakayttaja')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Ajastetut tehtävät' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ajastetut tehtävät' })).toBeVisible()
  const table = page.getByRole('table', { name: /Tehtävät/ })
  await expect(table).toBeVisible()
  const sealer = table.getByRole('row').filter({ hasText: 'Lokin sinetöinti' })
  await expect(sealer).toContainText('200 millisekunnin välein')
  await expect(sealer).toContainText('Jatkuvasti')
  const vtj = table.getByRole('row').filter({ hasText: 'Väestötietojen päivitys' })
  await expect(vtj).toContainText('päivittäin klo 2.30 Suomen aikaa')
  await expect(vtj).toContainText(/\d{1,2}\.\d{1,2}\.\d{4} klo 2\.30/)
  await expectAccessible(page)

  await vtj.getByRole('button', { name: 'Käynnistä nyt: Väestötietojen päivitys' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Tehtävä ”Väestötietojen päivitys” käynnistettiin.' })).toBeVisible()
  await expect(vtj).toContainText('Onnistui')
  await expect(vtj).toContainText('käynnistetty käsin')
  await expect(vtj).toContainText(/changes in 1 page/)
  await expectAccessible(page)
})

test('the jobs page is not for a social worker', async ({ page }) => {
  await login(page, 'sosiaalityontekija')
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Ajastetut tehtävät' })).toHaveCount(0)
  await page.goto('/admin/jobs')
  await expect(page.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible()
})
