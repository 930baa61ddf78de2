import { expect, test } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

const TEXT = 'Asiakas kertoi vuokrarästeistä. Sovittiin yhteydenotosta isännöitsijään.'
const CORRECTED = 'Asiakas kertoi kahden kuukauden vuokrarästeistä. Sovittiin yhteydenotosta isännöitsijään.'
const REASON = 'Rästien määrä puuttui merkinnästä'

test('a social worker writes, signs, corrects and prints a journal entry', async ({ page, playwright, baseURL }) => {
  // The office secretary registers the client and names the social worker in adult social work.
  const worker = await playwright.request.newContext({ baseURL })
  const { userId } = await apiLogin(worker, 'sosiaalityontekija')
  await worker.dispose()
  const secretary = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(secretary, 'toimistosihteeri')
  const headers = { 'x-csrf-token': csrf }
  const created = await secretary.post('/api/persons', { headers, data: { firstNames: 'Eetu Johannes', lastName: 'Kertomus', birthDate: '1968-09-14' } })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  const opened = await secretary.post(`/api/persons/${id}/relationships`, {
    headers,
    data: { serviceTask: 'adult_social_work', userId, kind: 'responsible', startReason: 'application' },
  })
  expect(opened.status()).toBe(201)
  await secretary.dispose()

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
  await expect(entry.getByText('Kirjoita korjauksen syy (vähintään 5 kirjainta tai numeroa).')).toBeVisible()
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
