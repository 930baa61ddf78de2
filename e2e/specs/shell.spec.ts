import { expect, test } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

test('the login page is accessible and refuses a wrong password clearly', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Käyttäjätunnus').fill('sosiaalityontekija')
  await page.getByLabel('Salasana').fill('väärä salasana')
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await expectAccessible(page)
})

test('a social worker signs in, sees only permitted modules, switches to Swedish and signs out', async ({ page }) => {
  await login(page, 'sosiaalityontekija')
  const nav = page.getByRole('navigation', { name: 'Päävalikko' })
  await expect(nav.getByRole('link', { name: 'Asiakkaat' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Käyttäjät ja oikeudet' })).toHaveCount(0)
  await expect(nav.getByRole('link', { name: 'Lokivalvonta' })).toHaveCount(0)
  await expect(page.getByRole('banner').getByText('Aino Lehtinen')).toBeVisible()
  // the system status (database, migration) is the main user's, not on a worker's desk
  await expect(page.getByRole('region', { name: 'Tänään' })).toBeVisible()
  await expect(page.getByText('PGlite', { exact: false })).toHaveCount(0)
  await expectAccessible(page)

  await nav.getByRole('link', { name: 'Asiakkaat' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible()
  await expect(page).toHaveTitle(/Asiakkaat/)

  await page.getByLabel('Kieli').selectOption('sv')
  await expect(page.getByRole('heading', { level: 1, name: 'Klienter' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv')
  await expectAccessible(page)
  await page.getByLabel('Språk').selectOption('fi')

  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/persons')
  await expect(page).toHaveURL(/\/login/)
})

test('the main user sees user administration but not the client registry', async ({ page }) => {
  await login(page, 'paakayttaja')
  const nav = page.getByRole('navigation', { name: 'Päävalikko' })
  await expect(nav.getByRole('link', { name: 'Käyttäjät ja oikeudet' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Asiakkaat' })).toHaveCount(0)
  await expect(page.getByText('PGlite', { exact: false })).toBeVisible()
  await page.goto('/persons')
  await expect(page.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible()
})

test('the skip link moves keyboard focus to the main content', async ({ page }) => {
  await login(page, 'esihenkilo')
  // The home page (the desk) loads its data after the sign-in; start from the top of a settled page, as a
  // keyboard user arriving at it would (a Tab pressed mid-load may land before the page moves its focus).
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => {
    document.body.tabIndex = -1
    document.body.focus()
    document.body.removeAttribute('tabindex')
  })
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Siirry sisältöön' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('main')).toBeInViewport()
})
