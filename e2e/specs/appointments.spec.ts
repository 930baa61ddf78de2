import { expect, test } from '@playwright/test'
import { expectAccessible, login, newClientOfWorker } from '../support/fixtures'

test('a social worker books, sees in the week, moves, is refused a double booking and cancels an appointment', async ({ page, playwright, baseURL }) => {
  await newClientOfWorker(playwright, baseURL, { firstNames: 'Veera', lastName: 'Ajanvaraaja', birthDate: '1979-02-03' }, 'team')
  await newClientOfWorker(playwright, baseURL, { firstNames: 'Ville', lastName: 'Päällekkäinen', birthDate: '1979-02-03' }, 'team')

  await login(page, 'sosiaalityontekija')
  await page.goto('/appointments?date=2031-03-12&layout=list')
  await expect(page.getByRole('heading', { name: 'Viikko 11: 10.3.2031–16.3.2031' })).toBeVisible()

  async function book(clientName: string, search: string, start: string, end: string) {
    await page.getByRole('button', { name: 'Uusi varaus' }).click()
    await page.getByLabel('Hae asiakasta nimellä').fill(search)
    await page.getByRole('radio', { name: new RegExp(clientName) }).check()
    await page.getByLabel('Palvelutehtävä').selectOption('adult_social_work')
    await page.getByLabel('Päivä', { exact: true }).fill('2031-03-12')
    await page.getByLabel('Alkaa').fill(start)
    await page.getByLabel('Päättyy').fill(end)
    await page.getByRole('button', { name: 'Varaa', exact: true }).click()
  }

  // Book: the week shows it on Wednesday.
  await book('Ajanvaraaja Veera', 'Ajanvaraaja', '09:00', '10:00')
  await expect(page.getByText('Aika varattu: Ajanvaraaja Veera 12.3.2031 klo 9.00.')).toBeVisible()
  const wednesday = page.getByRole('region', { name: 'Ke 12.3.' })
  await expect(wednesday.getByRole('listitem')).toHaveCount(1)
  await expect(wednesday.getByText('9.00–10.00')).toBeVisible()
  await expect(wednesday.getByRole('link', { name: 'Ajanvaraaja Veera' })).toBeVisible()
  await expectAccessible(page)

  // Move it to 11:00–12:00.
  await wednesday.getByRole('button', { name: 'Siirrä' }).click()
  const move = page.getByRole('form', { name: 'Siirrä varaus: Ajanvaraaja Veera 9.00–10.00' })
  await move.getByLabel('Alkaa').fill('11:00')
  await move.getByLabel('Päättyy').fill('12:00')
  await expectAccessible(page)
  await move.getByRole('button', { name: 'Siirrä varaus' }).click()
  await expect(page.getByText('Varaus siirretty: 12.3.2031 klo 11.00.')).toBeVisible()
  await expect(wednesday.getByText('11.00–12.00')).toBeVisible()

  // Another client at an overlapping time: refused with the message at the form.
  await book('Päällekkäinen Ville', 'Päällekkäinen', '11:30', '12:30')
  await expect(page.getByText('Työntekijällä on jo varaus tähän aikaan. Valitse toinen aika.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Sulje' }).click()
  await expect(wednesday.getByRole('listitem')).toHaveCount(1)

  // Day view of the same day, then cancel with a reason.
  await wednesday.getByRole('button', { name: 'Ke 12.3.' }).click()
  await expect(page.getByRole('heading', { name: 'Keskiviikko 12.3.2031' })).toBeVisible()
  const day = page.getByRole('region', { name: 'Ke 12.3.' })
  await day.getByRole('button', { name: 'Peru varaus' }).click()
  await day.getByLabel('Peruutuksen syy').selectOption('client_cancelled')
  await day.getByRole('button', { name: 'Peru varaus' }).click()
  await expect(page.getByText('Varaus peruttu.')).toBeVisible()
  await expect(day.getByText('Ei varauksia.')).toBeVisible()
  await expectAccessible(page)
})
