import { expect, test } from '@playwright/test'
import { expectAccessible, login, newClientOfWorker } from '../support/fixtures'

/**
 * Issue 14 item 3: booking from the client card. The card's appointments section lists the client's coming and past
 * appointments; "Varaa aika asiakkaalle" opens the booking form with the client chosen (no search) and the worker's
 * one service task with them, and the booking shows on the card and in the worker's calendar.
 */
test('a social worker books an appointment from the client card, and it shows on the card and in the calendar', async ({ page, playwright, baseURL }) => {
  const id = await newClientOfWorker(playwright, baseURL, { firstNames: 'Kaarina', lastName: 'Korttivaraaja', birthDate: '1971-08-09' })

  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  const section = page.getByRole('region', { name: 'Ajanvaraukset' })
  await expect(section.getByText('Ei tulevia varauksia.')).toBeVisible()
  await expect(section.getByText('Ei menneitä varauksia.')).toBeVisible()

  await section.getByRole('button', { name: 'Varaa aika asiakkaalle' }).click()
  const form = section.getByRole('region', { name: 'Varaa aika' })
  await expect(form.getByText('Korttivaraaja Kaarina')).toBeVisible()
  await expect(form.getByLabel('Hae asiakasta nimellä')).toHaveCount(0)
  await expect(form.getByLabel('Palvelutehtävä')).toHaveValue('adult_social_work')
  await expect(form.getByLabel('Palvelutehtävä')).toBeFocused()
  await form.getByLabel('Päivä', { exact: true }).fill('2031-05-14')
  await form.getByLabel('Alkaa').fill('10:00')
  await form.getByLabel('Päättyy').fill('11:00')
  await form.getByLabel('Paikka').selectOption('home_visit')
  await expectAccessible(page)
  await form.getByRole('button', { name: 'Varaa', exact: true }).click()

  await expect(section.getByText('Aika varattu: Korttivaraaja Kaarina 14.5.2031 klo 10.00.')).toBeVisible()
  const coming = section.getByRole('table', { name: 'Tulevat' })
  await expect(coming.getByRole('row')).toHaveCount(2)
  await expect(coming.getByRole('cell', { name: '14.5.2031 klo 10.00–11.00' })).toBeVisible()
  await expect(coming.getByRole('cell', { name: 'Kotikäynti' })).toBeVisible()
  await expect(section.getByRole('button', { name: 'Varaa aika asiakkaalle' })).toBeFocused()
  await expectAccessible(page)

  // the worker's calendar has it on that day
  await page.goto('/appointments?date=2031-05-14&layout=list')
  const wednesday = page.getByRole('region', { name: 'Ke 14.5.' })
  await expect(wednesday.getByRole('link', { name: 'Korttivaraaja Kaarina' })).toBeVisible()
  await expect(wednesday.getByText('10.00–11.00')).toBeVisible()
})
