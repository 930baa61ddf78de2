import { expect, test } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

/**
 * Issue 13, item 1: the main user sees the regular disclosure Huoma produces (the income support decisions to Kela)
 * on the privacy notice's page, runs an ended period now, sees the run with its file, and running the same period
 * again discloses nothing twice.
 */
test('the main user runs a regular disclosure for an ended period, once', async ({ page }) => {
  await login(page, 'paakayttaja')
  await page.goto('/admin/privacy-notice')
  const section = page.getByRole('region', { name: 'Säännönmukaisten luovutusten ajot' })
  await expect(section.getByRole('heading', { level: 3, name: 'Kansaneläkelaitos (Kela): Toimeentulotukipäätökset Kelalle (CSV)' })).toBeVisible()

  await section.getByLabel('Jakson alku (pp.kk.vvvv)').fill('2.1.2020')
  await section.getByLabel('Jakson loppu (pp.kk.vvvv)').fill('2.1.2020')
  await section.getByRole('button', { name: 'Aja nyt' }).click()
  await expect(section.getByText('Ajo 2.1.2020 tehty: 0 asiakasta kirjattiin luovutuslokiin.')).toBeVisible()
  await expect(section.getByRole('link', { name: 'kela-toimeentulotukipaatokset-2020-01-02.csv' })).toBeVisible()

  await section.getByRole('button', { name: 'Aja nyt' }).click()
  await expect(section.getByText('Jakso 2.1.2020 on jo ajettu: mitään ei luovutettu eikä kirjattu uudelleen.')).toBeVisible()
  await expect(section.getByRole('link', { name: 'kela-toimeentulotukipaatokset-2020-01-02.csv' })).toHaveCount(1)
  await expectAccessible(page)
})
