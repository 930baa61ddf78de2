import { expect, test } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

// A person of the VTJ simulator's deterministic population (seed 1, reference date 2026-01-01) who is not in the
// demo registry: see packages/server/src/integrations/vtj/fixture-population.ts.
const HETU = '050776-900H'

test('the office secretary looks a person up in the population register and registers the client', async ({ page }) => {
  await login(page, 'toimistosihteeri')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Asiakkaat' }).click()
  await page.getByRole('link', { name: 'Rekisteröi uusi asiakas' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rekisteröi asiakas' })).toBeVisible()
  await page.getByLabel('Henkilötunnus', { exact: true }).fill(HETU)
  await page.getByLabel('Käyttötarkoitus', { exact: true }).selectOption({ label: 'Asiakkaaksi rekisteröinti' })
  await page.getByRole('button', { name: 'Hae tiedot' }).click()
  const result = page.getByRole('region', { name: 'Väestötietojärjestelmän tiedot' })
  await expect(result).toContainText('Salminen Tuulikki Sofia')
  await expect(result).toContainText('05.07.1976')
  await expectAccessible(page)

  await result.getByRole('button', { name: 'Luo asiakas' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Salminen Tuulikki Sofia' })).toBeVisible()
  await expect(page).toHaveURL(/\/persons\/[0-9a-f-]{36}$/)
  await expect(page.getByText(HETU, { exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Perustiedot' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Aikajana' })).toContainText('Asiakas rekisteröity')
  await expectAccessible(page)
})

test('the client search runs as the name is typed, without Enter, and the arrow keys reach the results', async ({ page }) => {
  await login(page, 'toimistosihteeri')
  await page.goto('/persons')
  const field = page.getByLabel('Nimi, henkilötunnus tai syntymäaika')
  await field.pressSequentially('hamal', { delay: 40 })
  const table = page.getByRole('table', { name: 'Hakutulokset' })
  await expect(table.getByRole('row').nth(1)).toContainText('Hämäläinen')
  await expect(page).toHaveURL(/\?q=hamal$/)
  await expect(field).toBeFocused()
  await page.keyboard.press('ArrowDown')
  const link = table.getByRole('row').nth(1).getByRole('link')
  await expect(link).toBeFocused()
  const name = (await link.textContent()) ?? ''
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
})

test('a search typed without Finnish letters finds Hämäläinen, and a row opens the card', async ({ page }) => {
  await login(page, 'toimistosihteeri')
  await page.goto('/persons')
  const field = page.getByLabel('Nimi, henkilötunnus tai syntymäaika')
  await field.fill('Hamalainen')
  await page.getByRole('button', { name: 'Hae', exact: true }).click()
  await expect(page).toHaveURL(/\?q=Hamalainen$/)
  const table = page.getByRole('table', { name: 'Hakutulokset' })
  const first = table.getByRole('row').nth(1)
  await expect(first).toContainText('Hämäläinen')
  await expectAccessible(page)

  // Keyboard: from the field to the first result, and open it.
  await field.focus()
  await page.keyboard.press('ArrowDown')
  const link = first.getByRole('link')
  await expect(link).toBeFocused()
  const name = (await link.textContent()) ?? ''
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText('Pääsy: asiakasrekisterin perustiedot')).toBeVisible()
  await expectAccessible(page)

  // Back returns to the same results.
  await page.goBack()
  await expect(page.getByLabel('Nimi, henkilötunnus tai syntymäaika')).toHaveValue('Hamalainen')
  await expect(page.getByRole('table', { name: 'Hakutulokset' })).toContainText('Hämäläinen')
})
