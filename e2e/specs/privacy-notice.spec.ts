import { expect, test } from '@playwright/test'
import { apiLogin, expectAccessible } from '../support/fixtures'

/**
 * Issue 13, items 7 and 8: a new user accepts the user commitment at their first sign-in (after setting their own
 * password) before anything else opens, and the public privacy notice lists the regular disclosures in Finnish and
 * Swedish without signing in.
 */
test('a new user accepts the user commitment at first sign-in', async ({ page, request }) => {
  const { csrf } = await apiLogin(request, 'paakayttaja')
  const created = await request.post('/api/admin/users', {
    data: { username: 'sitoumus.uusi', displayName: 'Sanna Sitoutuja', language: 'fi', password: 'Ensimmäinen pitkä lause 2026' },
    headers: { 'x-csrf-token': csrf },
  })
  expect(created.status()).toBe(201)

  await page.goto('/login')
  await page.getByLabel('Käyttäjätunnus').fill('sitoumus.uusi')
  await page.getByLabel('Salasana').fill('Ensimmäinen pitkä lause 2026')
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vaihda salasana' })).toBeVisible()
  await page.getByLabel('Nykyinen salasana').fill('Ensimmäinen pitkä lause 2026')
  await page.getByLabel('Uusi salasana', { exact: true }).fill('Oma harvinainen lause 2026')
  await page.getByLabel('Uusi salasana uudelleen').fill('Oma harvinainen lause 2026')
  await page.getByRole('button', { name: 'Vaihda salasana' }).click()

  // nothing but the commitment until it is accepted
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttäjäsitoumus' })).toBeVisible()
  await expect(page.getByText('Sitoudun käsittelemään asiakastietoja vain siinä laajuudessa')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toHaveCount(0)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Hyväksyn käyttäjäsitoumuksen' }).click()
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible()

  // signed in again later: straight to work
  await page.reload()
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible()
})

test('the public privacy notice shows the regular disclosures in Finnish and Swedish', async ({ page }) => {
  await page.goto('/tietosuojaseloste')
  await expect(page.getByRole('heading', { level: 1, name: 'Tietosuojaseloste – sosiaalihuollon asiakasrekisteri' })).toBeVisible()
  const fi = page.getByRole('region', { name: 'Säännönmukaiset tietojen luovutukset' })
  await expect(fi.getByText('Kansaneläkelaitos (Kela)')).toBeVisible()
  await expect(fi.getByText('Terveyden ja hyvinvoinnin laitos (THL)')).toBeVisible()
  await expect(fi.getByText('Ulosottolaitos')).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Selosteen kieli').selectOption('sv')
  await expect(page.getByRole('heading', { level: 1, name: 'Dataskyddsbeskrivning – socialvårdens klientregister' })).toBeVisible()
  const sv = page.getByRole('region', { name: 'Regelbundna utlämnanden av uppgifter' })
  await expect(sv.getByText('Folkpensionsanstalten (FPA)')).toBeVisible()
  await expect(sv.getByText('Utsökningsverket')).toBeVisible()

  const pdf = await page.request.get('/api/privacy-notice/pdf?language=sv')
  expect(pdf.headers()['content-type']).toBe('application/pdf')
})
