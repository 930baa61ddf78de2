import { expect, test, type PlaywrightWorkerArgs } from '@playwright/test'
import { expectAccessible, login, newClientOfWorker } from '../support/fixtures'

/** The office secretary registers a client with a permanent address and names the social worker; the client's id. */
const clientOfSocialWorker = (playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined) =>
  newClientOfWorker(playwright, baseURL, {
    firstNames: 'Elina Maria',
    lastName: 'Osoitemuutos',
    birthDate: '1958-03-21',
    addresses: [{ kind: 'permanent', street: 'Vanha tie 1', postalCode: '00100', postOffice: 'Helsinki' }],
  })

test('a worker changes the address and account on the card and adds an edunvalvoja', async ({ page, playwright, baseURL }) => {
  const id = await clientOfSocialWorker(playwright, baseURL)
  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Osoitemuutos Elina Maria' })).toBeVisible()

  // Address and account: a wrong IBAN is refused at its field, the right one is saved and shown in groups.
  const contact = page.getByRole('region', { name: 'Yhteystiedot ja osoitteet' })
  await contact.getByRole('button', { name: 'Muokkaa osoitteita ja tilinumeroa' }).click()
  await contact.getByLabel('Tilinumero (IBAN)').fill('FI21 1234 5600 0007 86')
  const first = contact.getByRole('group', { name: 'Osoite 1' })
  await first.getByLabel('Katuosoite').fill('Uusi katu 2 A 3')
  await first.getByLabel('Postinumero').fill('00500')
  await first.getByLabel('Voimassa alkaen (pp.kk.vvvv)').fill('1.12.2026')
  await contact.getByRole('button', { name: 'Tallenna' }).click()
  await expect(contact.getByText('IBAN-tilinumeron tarkisteet eivät täsmää. Tarkista numero.')).toBeVisible()
  await expect(contact.getByLabel('Tilinumero (IBAN)')).toBeFocused()
  await expectAccessible(page)
  await contact.getByLabel('Tilinumero (IBAN)').fill('FI21 1234 5600 0007 85')
  await contact.getByRole('button', { name: 'Tallenna' }).click()
  await expect(contact.getByText('Osoitteet ja tilinumero tallennettu.')).toBeVisible()
  await expect(contact.getByText('FI21 1234 5600 0007 85')).toBeVisible()
  await expect(contact.getByText(/Uusi katu 2 A 3, 00500 Helsinki/)).toBeVisible()

  // The adult's representative: the matters are required, then the edunvalvoja is on the card.
  const contacts = page.getByRole('region', { name: 'Yhteyshenkilöt ja edustajat' })
  await expect(contacts.getByText('Ei yhteyshenkilöitä eikä edustajia.')).toBeVisible()
  await contacts.getByRole('button', { name: 'Lisää yhteyshenkilö tai edustaja' }).click()
  await contacts.getByLabel('Laji').selectOption({ label: 'Edunvalvoja' })
  await contacts.getByLabel('Nimi').fill('Maria Holm, yleinen edunvalvoja')
  await contacts.getByLabel('Puhelin').fill('029 566 0000')
  await contacts.getByRole('button', { name: 'Tallenna' }).click()
  await expect(contacts.getByLabel('Asiat, joita hoitaa')).toBeFocused()
  await contacts.getByLabel('Asiat, joita hoitaa').fill('Talous ja omaisuus')
  await contacts.getByLabel('Alkaen (pp.kk.vvvv)').fill('15.1.2026')
  await contacts.getByRole('button', { name: 'Tallenna' }).click()
  await expect(contacts.getByText('Yhteyshenkilö lisätty.')).toBeVisible()
  await expect(contacts.getByText('Maria Holm, yleinen edunvalvoja')).toBeVisible()
  await expect(contacts.getByText('Hoitaa: Talous ja omaisuus')).toBeVisible()
  await expectAccessible(page)

  // After a reload everything is still there.
  await page.reload()
  await expect(page.getByRole('region', { name: 'Yhteystiedot ja osoitteet' }).getByText('FI21 1234 5600 0007 85')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Yhteyshenkilöt ja edustajat' }).getByText('Edunvalvoja', { exact: true })).toBeVisible()
})
