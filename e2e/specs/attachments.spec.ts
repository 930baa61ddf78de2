import { expect, test } from '@playwright/test'
import { expectAccessible, login, newClientOfWorker } from '../support/fixtures'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

test('a social worker uploads a PDF to a client, sees it listed and downloads it; a disguised file is refused', async ({ page, playwright, baseURL }) => {
  const id = await newClientOfWorker(playwright, baseURL, { firstNames: 'Liisa', lastName: 'Liitteellinen', birthDate: '1984-11-20' })

  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  const panel = page.getByRole('region', { name: 'Liitteet' })
  await expect(panel.getByText('Tässä palvelutehtävässä ei ole vielä liitteitä.')).toBeVisible()

  // Upload a PDF, a statement from another authority: listed with its name, document type and type.
  await panel.getByLabel('Asiakirjan tyyppi').selectOption({ label: 'Lausunto toiselta viranomaiselta' })
  await panel.getByLabel(/Tiedosto \(PDF/).setInputFiles({ name: 'päätös 2031.pdf', mimeType: 'application/pdf', buffer: PDF })
  await panel.getByRole('button', { name: 'Lähetä liite' }).click()
  await expect(panel.getByText(/Liite päätös 2031\.pdf tallennettiin\./)).toBeVisible()
  const list = panel.getByRole('table', { name: 'Liitteet uusimmasta vanhimpaan' })
  await expect(list.getByRole('row')).toHaveCount(2)
  await expect(list.getByRole('cell', { name: 'Lausunto toiselta viranomaiselta' })).toBeVisible()
  await expectAccessible(page)

  // Download it: the same bytes come back (and the download is logged on the server).
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('link', { name: /^Lataa päätös 2031\.pdf$/ }).click()])
  expect(download.suggestedFilename()).toBe('päätös 2031.pdf')
  const path = await download.path()
  const fs = await import('node:fs')
  expect(fs.readFileSync(path).equals(PDF)).toBe(true)

  // A PDF posing as a PNG is refused with the reason, and nothing is added.
  await panel.getByLabel('Asiakirjan tyyppi').selectOption({ label: 'Tiliote' })
  await panel.getByLabel(/Tiedosto \(PDF/).setInputFiles({ name: 'kuva.png', mimeType: 'image/png', buffer: PDF })
  await panel.getByRole('button', { name: 'Lähetä liite' }).click()
  await expect(panel.getByText(/Tiedoston sisältö ei vastaa sen nimeä tai tyyppiä/)).toBeVisible()
  await expect(list.getByRole('row')).toHaveCount(2)
  await expectAccessible(page)
})
