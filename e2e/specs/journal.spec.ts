import { expect, test, type PlaywrightWorkerArgs } from '@playwright/test'
import { expectAccessible, login, newClientOfWorker } from '../support/fixtures'

const TEXT = 'Asiakas kertoi vuokrarästeistä. Sovittiin yhteydenotosta isännöitsijään.'
const CORRECTED = 'Asiakas kertoi kahden kuukauden vuokrarästeistä. Sovittiin yhteydenotosta isännöitsijään.'
const REASON = 'Rästien määrä puuttui merkinnästä'

/** The office secretary registers a client and names the social worker in adult social work; the client's id. */
const clientOfSocialWorker = (playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, lastName: string) =>
  newClientOfWorker(playwright, baseURL, { firstNames: 'Eetu Johannes', lastName, birthDate: '1968-09-14' })

test('a social worker writes, signs, corrects and prints a journal entry', async ({ page, playwright, baseURL }) => {
  const id = await clientOfSocialWorker(playwright, baseURL, 'Kertomus')

  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  const panel = page.getByRole('region', { name: 'Asiakaskertomus: Aikuisten sosiaalityö' })
  await expect(panel).toBeVisible()
  await expect(panel.getByText('Asiakaskertomuksessa ei ole vielä merkintöjä tässä palvelutehtävässä.')).toBeVisible()

  // Write a draft.
  await panel.getByRole('button', { name: 'Uusi merkintä' }).click()
  await expect(panel.getByRole('heading', { name: 'Uusi merkintä (luonnos)' })).toBeFocused()
  await panel.getByLabel('Merkinnän tyyppi').selectOption({ label: 'Kotikäynti' })
  await panel.getByLabel('Kellonaika (valinnainen)').fill('10:30')
  await panel.getByLabel('Muut osallistujat').fill('Asiakkaan sisar')
  await panel.getByLabel('Merkinnän teksti').fill(TEXT)
  await expectAccessible(page)
  await panel.getByRole('button', { name: 'Tallenna luonnos' }).click()
  await expect(panel.getByRole('status')).toHaveText('Luonnos tallennettu.')
  const entry = panel.getByRole('article')
  await expect(entry).toHaveCount(1)
  await expect(entry.getByText('Luonnos', { exact: true })).toBeVisible()
  await expect(entry.getByText(TEXT)).toBeVisible()
  await expect(entry.getByText('Osallistujat: Aino Lehtinen, Asiakkaan sisar')).toBeVisible()

  // Sign it, keyboard only: the dialog says what signing means and starts on Cancel.
  await entry.getByRole('button', { name: 'Allekirjoita' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Allekirjoitetaanko merkintä?' })
  await expect(dialog).toContainText('Allekirjoitettua merkintää ei voi muuttaa; korjaus tehdään uutena versiona.')
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused()
  await expectAccessible(page)
  await page.keyboard.press('Shift+Tab')
  await expect(dialog.getByRole('button', { name: 'Allekirjoita merkintä' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(panel.getByRole('status')).toHaveText('Merkintä allekirjoitettu.')
  await expect(entry.getByText('Allekirjoitettu', { exact: true })).toBeVisible()
  await expect(entry.getByText(/Allekirjoittanut Aino Lehtinen/)).toBeVisible()
  await expect(entry.getByRole('button', { name: 'Muokkaa' })).toHaveCount(0)

  // Correct it with a reason: the original stays readable as a superseded version.
  await entry.getByRole('button', { name: 'Korjaa' }).click()
  await expect(entry.getByText(/Alkuperäinen versio säilyy luettavana/)).toBeVisible()
  await entry.getByLabel('Merkinnän teksti').fill(CORRECTED)
  await entry.getByRole('button', { name: 'Tallenna korjaus' }).click()
  // The error summary at the top takes the focus and links to the field.
  const summary = entry.getByRole('alert', { name: 'Tarkista tiedot' })
  await expect(summary).toBeFocused()
  await summary.getByRole('link', { name: 'Kirjoita korjauksen syy (vähintään 5 kirjainta tai numeroa).' }).click()
  await expect(entry.getByLabel('Korjauksen syy')).toBeFocused()
  await page.keyboard.type(REASON)
  await entry.getByRole('button', { name: 'Tallenna korjaus' }).click()
  await expect(panel.getByRole('status')).toHaveText('Korjaus tallennettu uutena versiona.')
  await expect(entry.getByText('Korjattu', { exact: true })).toBeVisible()
  await expect(entry.getByText(CORRECTED)).toBeVisible()
  await expect(entry.getByText(`Korjauksen syy: ${REASON}`)).toBeVisible()
  await entry.getByRole('button', { name: 'Näytä versiot (2)' }).click()
  const versions = entry.getByRole('region', { name: 'Merkinnän versiot' })
  await expect(versions.getByText('Versio 1')).toBeVisible()
  await expect(versions.getByText('Korvattu uudemmalla versiolla')).toBeVisible()
  await expect(versions.getByText(TEXT)).toBeVisible()
  await expectAccessible(page)

  // Print: the link opens the PDF in a new tab; the same request answers a PDF.
  const print = panel.getByRole('link', { name: 'Tulosta (PDF)' })
  const href = await print.getAttribute('href')
  expect(href).toBe(`/api/persons/${id}/journal/adult_social_work/print?lang=fi`)
  const [popup] = await Promise.all([page.waitForEvent('popup'), print.click()])
  await expect.poll(() => popup.url()).toContain('/print?lang=fi')
  await popup.close()
  const pdf = await page.request.get(href!)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
})

test('unsaved journal text is never lost without a word: counted, kept over a reload, and leaving asks', async ({ page, playwright, baseURL }) => {
  const id = await clientOfSocialWorker(playwright, baseURL, 'Luonnos')
  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  const panel = page.getByRole('region', { name: 'Asiakaskertomus: Aikuisten sosiaalityö' })
  await panel.getByRole('button', { name: 'Uusi merkintä' }).click()
  const text = panel.getByLabel('Merkinnän teksti')

  // The limit is shown before it bites, and a pasted text over it is kept whole and refused with a message.
  await expect(panel.getByText(/^20\s000 merkkiä jäljellä \(enintään 20\s000\)$/)).toBeVisible()
  await text.fill('x'.repeat(20_010))
  await expect(text).toHaveValue('x'.repeat(20_010))
  await expect(panel.getByText(/^Teksti on 10 merkkiä liian pitkä/)).toBeVisible()
  await panel.getByRole('button', { name: 'Tallenna luonnos' }).click()
  const summary = panel.getByRole('alert', { name: 'Tarkista tiedot' })
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link', { name: /Merkinnän teksti on liian pitkä/ })).toBeVisible()
  await expectAccessible(page)
  await text.fill(TEXT)

  // A reload asks first (the browser's question), and the text comes back.
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.type())
      void dialog.accept()
    })
  })
  await page.waitForTimeout(500) // the draft is written after a pause in the typing
  await page.reload()
  expect(await asked).toBe('beforeunload')
  await expect(panel.getByLabel('Merkinnän teksti')).toHaveValue(TEXT)
  await expect(panel.getByText(/^Palautettu tallentamaton teksti/)).toBeVisible()

  // Leaving through the menu asks in the app's own dialog; staying keeps the text.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Asiakkaat' }).click()
  const leave = page.getByRole('dialog', { name: 'Poistutaanko tallentamatta?' })
  await expect(leave).toBeVisible()
  await expect(leave.getByRole('button', { name: 'Jatka kirjoittamista' })).toBeFocused()
  await expectAccessible(page)
  await leave.getByRole('button', { name: 'Jatka kirjoittamista' }).click()
  await expect(page).toHaveURL(new RegExp(`/persons/${id}$`))
  await expect(panel.getByLabel('Merkinnän teksti')).toHaveValue(TEXT)

  // Cancel asks too; discarding forgets the draft, and then a reload asks nothing.
  await panel.getByRole('button', { name: 'Peruuta' }).click()
  const discard = page.getByRole('dialog', { name: 'Hylätäänkö kirjoitettu teksti?' })
  await discard.getByRole('button', { name: 'Hylkää teksti' }).click()
  await expect(panel.getByLabel('Merkinnän teksti')).toHaveCount(0)
  let askedAgain = false
  page.on('dialog', (dialog) => {
    askedAgain = true
    void dialog.dismiss()
  })
  await page.reload()
  await expect(panel.getByRole('button', { name: 'Uusi merkintä' })).toBeVisible()
  await expect(panel.getByLabel('Merkinnän teksti')).toHaveCount(0)
  expect(askedAgain).toBe(false)
})
