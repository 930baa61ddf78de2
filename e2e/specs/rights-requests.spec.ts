import { expect, test, type PlaywrightWorkerArgs } from '@playwright/test'
import { apiLogin, downloadedPdfText, expectAccessible, login } from '../support/fixtures'

const ADULT_TEXT = 'Asiakas kertoi asunnon vuokrarästeistä ja tapaaminen sovittiin.'
const BENEFIT_TEXT = 'Toimeentulotuen selvittely: puolison tulotiedot tarkistettu.'
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())

/**
 * A client of the social worker in adult social work and income support, with a signed journal entry in each (the
 * office secretary registers the client and the relationships, the worker writes).
 */
async function clientWithRecords(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, lastName: string): Promise<string> {
  const worker = await playwright.request.newContext({ baseURL })
  const { userId, csrf: workerCsrf } = await apiLogin(worker, 'sosiaalityontekija')
  const secretary = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(secretary, 'toimistosihteeri')
  const created = await secretary.post('/api/persons', { headers: { 'x-csrf-token': csrf }, data: { firstNames: 'Riitta Maria', lastName, birthDate: '1975-06-14' } })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  for (const serviceTask of ['adult_social_work', 'income_support']) {
    const opened = await secretary.post(`/api/persons/${id}/relationships`, { headers: { 'x-csrf-token': csrf }, data: { serviceTask, userId, kind: 'responsible', startReason: 'application' } })
    expect(opened.status()).toBe(201)
  }
  for (const [task, text] of [
    ['adult_social_work', ADULT_TEXT],
    ['income_support', BENEFIT_TEXT],
  ] as const) {
    const draft = await worker.post(`/api/persons/${id}/journal/${task}`, { headers: { 'x-csrf-token': workerCsrf }, data: { type: 'meeting', eventDate: today(), text } })
    expect(draft.status()).toBe(201)
    const { entryId, versions } = (await draft.json()) as { entryId: string; versions: { version: number }[] }
    const signed = await worker.post(`/api/persons/${id}/journal/${task}/entries/${entryId}/sign`, { headers: { 'x-csrf-token': workerCsrf }, data: { version: versions[0]!.version } })
    expect(signed.status()).toBe(200)
  }
  await worker.dispose()
  await secretary.dispose()
  return id
}

test("a client's access request is answered in part: the copy leaves the refused register out, the certificate says why", async ({ page, playwright, baseURL }) => {
  const lastName = `Tietopyytäjä${Date.now().toString(36).slice(-4).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`
  await clientWithRecords(playwright, baseURL, lastName)

  await login(page, 'tietosuojavastaava')
  await page.goto('/audit?view=rights')
  await expect(page.getByRole('tab', { name: 'Tietosuojapyynnöt', selected: true })).toBeVisible()

  // Register the request: not before the identity is checked.
  await page.getByRole('button', { name: 'Kirjaa uusi pyyntö' }).click()
  const form = page.getByRole('form', { name: 'Kirjaa uusi pyyntö' })
  await form.getByRole('textbox', { name: 'Asiakas' }).fill(lastName)
  await form.getByRole('button', { name: new RegExp(`^${lastName} Riitta Maria`) }).click()
  await form.getByLabel('Tietojen saanti').check()
  await form.getByLabel('Mitä pyydetään').fill('Pyydän jäljennöksen kaikista tiedoistani.')
  await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click()
  await expect(form.getByText('Tarkista pyytäjän henkilöllisyys ennen kirjaamista.')).toBeVisible()
  await expect(form.getByLabel('Miten henkilöllisyys tarkistettiin')).toBeFocused()
  await form.getByLabel('Miten henkilöllisyys tarkistettiin').selectOption({ label: 'Henkilöllisyystodistuksesta' })
  await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click()
  const saved = page.getByText(/^Pyyntö nro (\d+) kirjattiin\. Vastattava viimeistään/)
  await expect(saved).toBeVisible()
  const number = /nro (\d+)/.exec((await saved.textContent()) ?? '')![1]!
  await expectAccessible(page)

  // Decide: basic data and adult social work granted, income support refused for the spouse's rights.
  await page.getByRole('button', { name: `Avaa ${number}` }).click()
  await expect(page.getByRole('heading', { name: new RegExp(`Pyyntö nro ${number}`) })).toBeVisible()
  const decision = page.getByRole('form', { name: 'Ratkaisu' })
  await decision.getByRole('group', { name: 'Perustiedot (ja nimeämättömät rekisterit)' }).getByLabel('Ratkaisu').selectOption('granted')
  await decision.getByRole('group', { name: 'Aikuisten sosiaalityö' }).getByLabel('Ratkaisu').selectOption('granted')
  const benefit = decision.getByRole('group', { name: 'Toimeentulotuki' })
  await benefit.getByLabel('Ratkaisu').selectOption('refused')
  await benefit.getByLabel('Kieltäytymisen peruste').selectOption({ label: 'Loukkaisi toisen henkilön oikeuksia' })
  await benefit.getByLabel('Selitys asiakkaalle').fill('Tiedot koskevat puolisosi tuloja, joihin hänellä on oma oikeutensa.')
  await decision.getByLabel('Perustelut').fill('Pyyntöön vastataan tietosuoja-asetuksen 15 artiklan mukaisesti.')
  await expectAccessible(page)
  await decision.getByRole('button', { name: 'Tee päätös' }).click()
  const dialog = page.getByRole('dialog', { name: 'Tehdäänkö päätös?' })
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused()
  await dialog.getByRole('button', { name: 'Tee päätös' }).click()
  await expect(page.getByText(/^Päätös nro \d+ tehtiin\.$/)).toBeVisible()
  await expect(page.getByText('Pyyntöön suostuttiin osittain.')).toBeVisible()

  // The copy: the granted register's entry, not the refused one's, and the refusal named.
  const copying = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Jäljennös asiakastiedoista (PDF)' }).click()
  const copy = await downloadedPdfText(await copying)
  expect(copy).toContain('Jäljennös asiakastiedoistasi')
  expect(copy).toContain(lastName)
  expect(copy).toContain(ADULT_TEXT)
  expect(copy).not.toContain(BENEFIT_TEXT)
  expect(copy).toContain('Toimeentulotuki: tietoja ei anneta')
  expect(copy).toContain('Kuka on käsitellyt tietojasi')
  expect(copy).toContain('Aino Lehtinen')

  // The refusal certificate with the ground and the Data Protection Ombudsman.
  const certifying = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Kieltäytymistodistus (PDF)' }).click()
  const certificate = await downloadedPdfText(await certifying)
  expect(certificate).toContain('Kieltäytymistodistus')
  expect(certificate).toContain('Tiedot koskevat puolisosi tuloja')
  expect(certificate).toContain('34 §')
  expect(certificate).toContain('tietosuojavaltuutetu')
  await expectAccessible(page)
})
