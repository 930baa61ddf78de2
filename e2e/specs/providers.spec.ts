import { expect, test } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

/** A provider not in the demo register: a Y-tunnus whose check digit holds, a Nordea account (BIC NDEAFIHH). */
const NAME = 'Kuljetus Testinen Oy'
const BUSINESS_ID = '0112038-9'

test('finance adds a service provider to the register and finds it in the list', async ({ page }) => {
  await login(page, 'talous')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Palveluntuottajat' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Palveluntuottajat' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Palveluntuottajat' })
  await expect(table.getByRole('link', { name: 'Demolan Keskusapteekki' })).toBeVisible()
  await expect(table.getByRole('link', { name: NAME })).toHaveCount(0)
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Lisää palveluntuottaja' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi palveluntuottaja' })).toBeVisible()
  await page.getByLabel('Nimi').fill(NAME)
  // a wrong check digit first: the server's message stands beside the field
  await page.getByLabel('Y-tunnus').fill('0112038-8')
  await page.getByLabel('Tilinumero (IBAN)').fill('FI21 1234 5600 0007 85')
  await page.getByLabel('Katuosoite').fill('Tehdaskatu 1')
  await page.getByLabel('Postinumero').fill('99990')
  await page.getByLabel('Postitoimipaikka').fill('DEMOLA')
  await page.getByRole('checkbox', { name: 'Muu palvelu' }).check()
  await page.getByRole('button', { name: 'Lisää rekisteriin' }).click()
  const businessId = page.getByLabel('Y-tunnus')
  await expect(businessId).toHaveAttribute('aria-invalid', 'true')
  await expect(businessId).toBeFocused()
  await expect(page.getByText(/Y-tunnus ei kelpaa/)).toBeVisible()
  await expectAccessible(page)

  await businessId.fill(BUSINESS_ID)
  await page.getByRole('button', { name: 'Lisää rekisteriin' }).click()
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: `Palveluntuottaja ${NAME} lisättiin rekisteriin.` })).toBeVisible()
  // the BIC derived from the account's bank; the first version with who saved it
  await expect(page.getByText('NDEAFIHH')).toBeVisible()
  const history = page.getByRole('table', { name: 'Versiot, uusin ensin' })
  await expect(history.getByRole('row').nth(1)).toContainText('1Kari Mattila')

  await page.getByRole('link', { name: 'Takaisin palveluntuottajiin' }).click()
  await page.getByLabel('Hae nimellä tai Y-tunnuksella').fill(BUSINESS_ID)
  const row = page.getByRole('table', { name: 'Palveluntuottajat' }).getByRole('row').filter({ hasText: NAME })
  await expect(row).toBeVisible()
  await expect(page.getByRole('table', { name: 'Palveluntuottajat' }).getByRole('row')).toHaveCount(2)
  await expect(row).toContainText(BUSINESS_ID)
  await expect(row).toContainText('FI21 1234 5600 0007 85')
  await expect(row).toContainText('Muu palvelu')
  await expect(row).toContainText('Voimassa')
  await expectAccessible(page)
})
