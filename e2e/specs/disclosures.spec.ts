import { expect, test } from '@playwright/test'
import { apiLogin, downloadedPdfText, expectAccessible, login } from '../support/fixtures'

test("a police information request is decided and disclosed, and the disclosure is in the client's report", async ({ browser, page, playwright, baseURL }) => {
  // The office secretary registers a client of the social worker in adult social work.
  const worker = await playwright.request.newContext({ baseURL })
  const { userId } = await apiLogin(worker, 'sosiaalityontekija')
  await worker.dispose()
  const secretary = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(secretary, 'toimistosihteeri')
  const lastName = `Luovutus${Date.now().toString(36).slice(-4).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`
  const created = await secretary.post('/api/persons', { headers: { 'x-csrf-token': csrf }, data: { firstNames: 'Pekka Olavi', lastName, birthDate: '1980-02-11' } })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  const opened = await secretary.post(`/api/persons/${id}/relationships`, { headers: { 'x-csrf-token': csrf }, data: { serviceTask: 'adult_social_work', userId, kind: 'responsible', startReason: 'application' } })
  expect(opened.status()).toBe(201)
  await secretary.dispose()

  // The social worker registers the police's request on the client card.
  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  const section = page.getByRole('region', { name: 'Tietojen luovutukset: Aikuisten sosiaalityö' })
  await expect(section.getByText('Luovutuspyyntöjä ei ole.')).toBeVisible()
  await section.getByRole('button', { name: 'Kirjaa luovutuspyyntö' }).click()
  const receive = section.getByRole('form', { name: 'Kirjaa luovutuspyyntö' })
  await receive.getByLabel('Pyytäjän laji').selectOption({ label: 'Poliisi' })
  await receive.getByLabel('Pyytäjän nimi').fill('Rikoskomisario Kettunen')
  await receive.getByLabel('Organisaatio').fill('Sisä-Suomen poliisilaitos')
  await receive.getByLabel('Pyynnön peruste').selectOption('client_act_18')
  await receive.getByLabel('Käyttötarkoitus').fill('Esitutkinta (rikosasia 5500/R/1234/26)')
  await receive.getByLabel('Pyydetyt tiedot').fill('Asiakkaan tapaamisten päivämäärät syyskuussa')
  await receive.getByRole('button', { name: 'Kirjaa pyyntö' }).click()
  await expect(section.getByText('Luovutuspyyntö kirjattiin.')).toBeVisible()
  const request = section.getByRole('article', { name: /^Pyyntö nro \d+: Rikoskomisario Kettunen, Sisä-Suomen poliisilaitos$/ })
  await expect(request.getByText('Ratkaisematta')).toBeVisible()
  await expectAccessible(page)

  // Decided after the confirmation, then the disclosure is recorded into the log.
  await request.getByRole('button', { name: 'Ratkaise pyyntö' }).click()
  const decide = request.getByRole('form', { name: 'Ratkaise pyyntö' })
  await decide.getByLabel('Luovutetaan', { exact: true }).check()
  await decide.getByLabel('Perustelut').fill('Poliisilla on oikeus saada tiedot rikoksen selvittämiseksi (asiakaslaki 18 §).')
  await decide.getByRole('button', { name: 'Tee päätös' }).click()
  const dialog = page.getByRole('dialog', { name: 'Tehdäänkö päätös luovutuksesta?' })
  await dialog.getByRole('button', { name: 'Tee päätös' }).click()
  await expect(section.getByText('Pyyntö ratkaistiin.')).toBeVisible()
  await expect(request.getByRole('link', { name: 'Päätös (PDF, suomi)' })).toBeVisible()
  await request.getByRole('button', { name: 'Kirjaa luovutus' }).click()
  await request.getByRole('form', { name: 'Kirjaa luovutus' }).getByRole('button', { name: 'Kirjaa luovutus' }).click()
  await expect(section.getByText('Luovutus kirjattiin luovutuslokiin.')).toBeVisible()
  await expect(section.getByRole('table')).toContainText('Rikoskomisario Kettunen, Sisä-Suomen poliisilaitos')
  await expectAccessible(page)

  // The data protection officer prints the client's report: the disclosure is there.
  const officer = await browser.newContext({ locale: 'fi-FI', timezoneId: 'Europe/Helsinki' })
  const dpo = await officer.newPage()
  await login(dpo, 'tietosuojavastaava')
  await dpo.goto('/audit?view=report')
  await dpo.getByRole('textbox', { name: 'Asiakas' }).fill(lastName)
  await dpo.getByRole('button', { name: new RegExp(`^${lastName} Pekka Olavi`) }).click()
  const downloading = dpo.waitForEvent('download')
  await dpo.getByRole('button', { name: 'Lataa PDF-selvitys' }).click()
  const report = await downloadedPdfText(await downloading)
  expect(report).toContain('Tietojen luovutukset')
  expect(report).toContain('Rikoskomisario Kettunen')
  expect(report).toContain('Asiakkaan tapaamisten')
  expect(report).toContain('Aino Lehtinen')
  await officer.close()
})
