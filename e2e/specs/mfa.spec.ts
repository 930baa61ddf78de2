import { expect, test, type Page } from '@playwright/test'
import { generate } from 'otplib'
import { DEMO_PASSWORD, expectAccessible, login } from '../support/fixtures'

/**
 * TOTP for the demo user `talous`: demo users need no second factor, but one who enrols it is asked for the code at
 * every sign-in from then on. The test is the authenticator app: it computes the codes from the key shown on the
 * page. (This server's database is fresh for every run, so `talous` starts without TOTP.)
 */
const totp = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 })

async function signInWithPassword(page: Page) {
  await page.goto('/login')
  await page.getByLabel('Käyttäjätunnus').fill('talous')
  await page.getByLabel('Salasana').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click()
}

test('a user enrols TOTP on the account page, and signs in with the password and a code from then on', async ({ page }) => {
  await login(page, 'talous')
  await page.getByRole('banner').getByRole('link', { name: 'Oma tili' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Oma tili' })).toBeVisible()
  await expectAccessible(page)

  // Keyboard only: the enrol button, then the code field.
  await page.getByRole('button', { name: 'Ota käyttöön' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 3, name: 'Todennussovelluksen käyttöönotto' })).toBeFocused()
  const qr = page.getByRole('img', { name: /QR-koodi, jolla Huoma lisätään todennussovellukseen/ })
  await expect(qr).toBeVisible()
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  const secret = ((await page.getByLabel('Avain käsin syötettäväksi').textContent()) ?? '').replace(/\s+/g, '')
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await expectAccessible(page)

  const codeField = page.getByLabel('Sovelluksen näyttämä koodi')
  await codeField.fill(await totp(secret))
  await codeField.press('Enter')
  await expect(page.getByRole('heading', { level: 3, name: 'Varakoodit' })).toBeFocused()
  const codes = page.getByRole('list', { name: 'Varakoodit' }).getByRole('listitem')
  await expect(codes).toHaveCount(10)
  const firstRecoveryCode = ((await codes.first().textContent()) ?? '').trim()
  expect(firstRecoveryCode).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
  await expect(page.getByRole('button', { name: 'Tulosta koodit' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Kopioi koodit' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Olen tallentanut koodit' }).click()
  await expect(page.getByText('Kaksivaiheinen tunnistautuminen on nyt käytössä. Muut istuntosi on kirjattu ulos.')).toBeVisible()
  await expect(page.getByText(/Käyttämättömiä varakoodeja on 10\./)).toBeVisible()

  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await expect(page).toHaveURL(/\/login/)

  // The password alone no longer opens Huoma: the second step asks for the code.
  await signInWithPassword(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Kaksivaiheinen tunnistautuminen' })).toBeVisible()
  await expectAccessible(page)
  // A wrong code is refused at the field.
  await page.getByLabel('Vahvistuskoodi').fill('000000' === (await totp(secret, 1)) ? '111111' : '000000')
  await page.getByRole('button', { name: 'Vahvista' }).click()
  await expect(page.getByText('Koodi ei kelpaa. Tarkista koodi todennussovelluksesta ja yritä uudelleen.')).toBeVisible()
  await expect(page.getByLabel('Vahvistuskoodi')).toBeFocused()
  // The code of the next time step: the one typed at enrolment cannot be used twice.
  await page.getByLabel('Vahvistuskoodi').fill(await totp(secret, 1))
  await page.getByRole('button', { name: 'Vahvista' }).click()
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible()
  await expect(page.getByRole('banner').getByText('Kari Mattila')).toBeVisible()

  // And with a recovery code instead of the app.
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await signInWithPassword(page)
  await page.getByRole('button', { name: 'Käytä varakoodia' }).click()
  await page.getByLabel('Varakoodi').fill(firstRecoveryCode)
  await page.getByRole('button', { name: 'Vahvista' }).click()
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible()

  // Turning it off needs the password; then the password is enough again.
  await page.getByRole('banner').getByRole('link', { name: 'Oma tili' }).click()
  await expect(page.getByText(/Käyttämättömiä varakoodeja on 9\./)).toBeVisible()
  await page.getByRole('button', { name: 'Poista käytöstä' }).click()
  await page.getByRole('region', { name: 'Kaksivaiheinen tunnistautuminen' }).getByLabel('Nykyinen salasana').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Poista kaksivaiheinen tunnistautuminen käytöstä' }).click()
  await expect(page.getByText('Kaksivaiheinen tunnistautuminen on poistettu käytöstä.')).toBeVisible()
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await login(page, 'talous')
})
