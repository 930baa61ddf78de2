import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

const run = promisify(execFile)

interface PersonSummary {
  id: string
  hetu: string | null
  firstNames: string
  lastName: string
  birthDate: string | null
}
interface Card {
  family: { id: string; relation: string; firstNames: string; lastName: string; birthDate: string | null; validUntil: string | null }[]
}
interface Child extends PersonSummary {
  hetu: string
  birthDate: string
  guardians: { id: string; firstNames: string; lastName: string }[]
}

/** Today in Helsinki: the e2e server runs on the real clock, so the dates follow the day the suite runs. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
/** `2030-01-04` → `4.1.2030`, as the UI writes dates. */
const fiDate = (date: string) => {
  const [y, m, d] = date.split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const yearsAgo = (years: number) => {
  const [y, m, d] = today().split('-')
  return `${Number(y) - years}-${m}-${d}`
}

/** The text of a PDF as Debian's pdftotext (poppler-utils) reads it, whitespace collapsed (as the server's tests read theirs). */
async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'])
  return stdout.replace(/\s+/g, ' ')
}

/**
 * A child of 12–16 with henkilötunnus and at least one guardian (the demo population differs from run to run), found
 * as the office secretary reaches the registry: a guardian's card names the ward. The surnames are tried from the end
 * of the list the notifications spec starts from, so that the two specs take different children.
 */
async function findChild(api: APIRequestContext): Promise<Child> {
  const oldest = addDays(yearsAgo(17), 1)
  const youngest = yearsAgo(12)
  const surnames = ['Virtanen', 'Korhonen', 'Nieminen', 'Mäkinen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo']
  for (const surname of surnames.reverse()) {
    const found = await api.get(`/api/persons?name=${encodeURIComponent(surname)}&limit=50`)
    if (!found.ok()) continue
    const { persons } = (await found.json()) as { persons: PersonSummary[] }
    for (const adult of persons.filter((p) => p.birthDate && p.birthDate < yearsAgo(18))) {
      const res = await api.get(`/api/persons/${adult.id}/card`)
      if (!res.ok()) continue
      const card = (await res.json()) as Card
      const ward = card.family.find((f) => f.relation === 'ward' && f.birthDate && f.birthDate >= oldest && f.birthDate <= youngest && (!f.validUntil || f.validUntil > today()))
      if (!ward) continue
      const person = (await (await api.get(`/api/persons/${ward.id}`)).json()) as PersonSummary
      if (!person.hetu || !person.birthDate) continue
      const wardCard = (await (await api.get(`/api/persons/${ward.id}/card`)).json()) as Card
      const guardians = wardCard.family.filter((f) => f.relation === 'guardian' && (!f.validUntil || f.validUntil >= today()))
      if (guardians.length === 0) continue
      return { ...person, hetu: person.hetu, birthDate: person.birthDate, guardians }
    }
  }
  throw new Error('No child of 12–16 with a guardian in the demo registry')
}

/**
 * The child's notified matter, up to the decision to start the service-need assessment, through the API: the
 * notifications spec walks these screens; this one continues from there.
 */
async function startAssessment(worker: APIRequestContext, csrf: string, anonymous: APIRequestContext, child: Child): Promise<void> {
  const sent = await anonymous.post('/api/public/child-welfare/notifications', {
    data: { kind: 'notification', reporterType: 'private_person', content: 'Naapurin lapsi on ollut useita iltoja yksin ulkona myöhään.', children: [{ name: `${child.firstNames} ${child.lastName}` }] },
  })
  expect(sent.status()).toBe(201)
  const { receipt } = (await sent.json()) as { receipt: string }
  const queue = (await (await worker.get('/api/child-welfare/notifications?limit=500')).json()) as { items: { id: string; receipt: string }[] }
  const id = queue.items.find((i) => i.receipt === receipt)!.id
  const headers = { 'x-csrf-token': csrf }
  const url = `/api/child-welfare/notifications/${id}`
  let res = await worker.post(`${url}/urgency`, { headers, data: { urgency: 'urgent', reason: 'Lapsi on iltaisin yksin ilman aikuista.', version: 1 } })
  expect(res.status()).toBe(200)
  let n = (await res.json()) as { version: number; matters: { id: string; version: number }[] }
  res = await worker.post(`${url}/children`, { headers, data: { personId: child.id, version: n.version } })
  expect(res.status()).toBe(200)
  n = (await res.json()) as typeof n
  const matter = n.matters[0]!
  res = await worker.post(`${url}/matters/${matter.id}/start-decision`, { headers, data: { decision: 'start', decidedOn: today(), reasons: 'Palvelutarpeen arviointi aloitetaan ilmoituksen perusteella.', version: matter.version } })
  expect(res.status()).toBe(200)
}

const timelineItem = (page: Page, basis: RegExp) => page.getByRole('list', { name: 'Sijoitukset, uusin ensin' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: basis }) })

test('the child’s record: the assessment, an urgent placement on the worklist, its extension by another official, a care order objected to as a court application, the caseload, support measures and the child’s prohibition', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(300_000)
  const secretary = await playwright.request.newContext({ baseURL })
  await apiLogin(secretary, 'toimistosihteeri')
  const child = await findChild(secretary)
  await secretary.dispose()
  const worker = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(worker, 'sosiaalityontekija')
  const anonymous = await playwright.request.newContext({ baseURL })
  await startAssessment(worker, csrf, anonymous, child)
  await worker.dispose()
  await anonymous.dispose()
  const name = `${child.lastName} ${child.firstNames}`

  // From the client card to the child's child welfare record.
  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${child.id}`)
  await page.getByRole('link', { name: 'Avaa lapsen lastensuojelu' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Lastensuojelu: ${name}` })).toBeVisible()
  for (const g of child.guardians) await expect(page.getByText(`${g.lastName} ${g.firstNames}`, { exact: true })).toBeVisible()
  const matter = page.getByRole('article', { name: /^Asia LS-/ })
  await expect(matter).toContainText('Palvelutarpeen arviointi')
  await expect(matter).toContainText('Aino Lehtinen')
  await expectAccessible(page)

  // The service-need assessment: a form that says what is missing, at the fields.
  await matter.getByRole('button', { name: 'Kirjaa arviointi valmiiksi' }).click()
  const assessment = page.getByRole('form', { name: /^Palvelutarpeen arviointi, asia LS-/ })
  await assessment.getByRole('button', { name: 'Tallenna arviointi' }).click()
  await expect(assessment.getByText('Kirjaa lapsen näkemykset.')).toBeVisible()
  await expect(assessment.getByLabel('Lapsen näkemykset')).toBeFocused()
  await expectAccessible(page)
  await assessment.getByLabel('Lapsen näkemykset').fill('Lapsi kertoo olevansa iltaisin usein yksin ja toivoo, että joku aikuinen olisi kotona.')
  await assessment.getByLabel('Huoltajien näkemykset').fill('Huoltajat kertovat työvuorojensa venyvän ja pitävät tilannetta tilapäisenä.')
  await assessment.getByLabel('Yhteenveto').fill('Perheellä on tuen tarve: lapsen iltojen valvonta ei ole järjestynyt. Lapsi tarvitsee lastensuojelun tukea.')
  await assessment.getByRole('radio', { name: 'Lapsi on lastensuojelun asiakas' }).check()
  await expect(assessment.getByLabel('Valmistumispäivä')).toHaveValue(today())
  await assessment.getByRole('button', { name: 'Tallenna arviointi' }).click()
  await expect(page.getByText(/^Palvelutarpeen arviointi tallennettiin/)).toBeVisible()
  await expect(matter).toContainText('Lapsi on lastensuojelun asiakas')
  await expect(matter).toContainText(`Valmistui ${fiDate(today())}, Aino Lehtinen.`)
  await expect(matter).toContainText('Hoidettu')
  await expectAccessible(page)

  // The child's client plan, reviewed at least yearly; the parents' own waits until the child is placed.
  const childPlan = page.getByRole('article', { name: 'Lapsen asiakassuunnitelma' })
  await childPlan.getByRole('button', { name: 'Tee asiakassuunnitelma' }).click()
  const planForm = page.getByRole('form', { name: 'Uusi: Lapsen asiakassuunnitelma' })
  await planForm.getByLabel('Tavoitteet').fill('Lapsen illat ovat turvallisia ja aikuinen on tavoitettavissa.')
  await planForm.getByLabel('Palvelut ja tukitoimet').fill('Perhetyö kahdesti viikossa; tukihenkilö iltaisin.')
  await expectAccessible(page)
  await planForm.getByRole('button', { name: 'Tallenna suunnitelma' }).click()
  await expect(page.getByText('Lapsen asiakassuunnitelma tallennettiin.')).toBeVisible()
  await expect(childPlan).toContainText('Perhetyö kahdesti viikossa; tukihenkilö iltaisin.')
  await expect(childPlan).toContainText(`${fiDate(today())}, laatinut Aino Lehtinen`)
  await expect(page.getByRole('article', { name: 'Vanhempien asiakassuunnitelma' })).toContainText('tehdään, kun lapsi on sijoitettuna')

  // The client relationship stays open with the responsible worker.
  await page.getByRole('link', { name: 'Takaisin asiakaskortille' }).click()
  const relationship = page.getByRole('row').filter({ hasText: 'Lastensuojelu' }).filter({ hasText: 'Aino Lehtinen' })
  await expect(relationship).toContainText('Voimassa')
  await page.getByRole('link', { name: 'Avaa lapsen lastensuojelu' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Lastensuojelu: ${name}` })).toBeVisible()

  // An urgent placement: the place from the provider register, the reasons, the decision's reasons.
  await page.getByRole('button', { name: 'Päätä kiireellisestä sijoituksesta' }).click()
  const urgent = page.getByRole('form', { name: 'Kiireellinen sijoitus' })
  await urgent.getByLabel('Sijoitusmuoto').selectOption({ label: 'Laitoshoito (lastenkoti)' })
  await expect(urgent.getByLabel('Sijoituspaikka')).toContainText('Lastenkoti Kotikallio')
  await urgent.getByLabel('Sijoituspaikka').selectOption({ label: 'Lastenkoti Kotikallio' })
  await urgent.getByRole('checkbox', { name: 'Lapsen hoidon laiminlyönti' }).check()
  await urgent.getByLabel('Päätöksen perustelut').fill('Lapsi on jätetty toistuvasti yksin; hänen terveytensä ja kehityksensä ovat välittömässä vaarassa.')
  await expectAccessible(page)
  await urgent.getByRole('button', { name: 'Tee päätös kiireellisestä sijoituksesta' }).click()
  await expect(page.getByText(/^Päätös kiireellisestä sijoituksesta tehtiin/)).toBeVisible()
  const day30 = addDays(today(), 29)
  const urgentItem = timelineItem(page, /^Kiireellinen sijoitus/)
  await expect(urgentItem).toContainText('Lastenkoti Kotikallio')
  await expect(urgentItem).toContainText('Lapsen hoidon laiminlyönti')
  await expect(urgentItem).toContainText(new RegExp(`Kiireellinen sijoitus päättyy\\s*${fiDate(day30).replace(/\./g, '\\.')}`))
  await expect(page.getByRole('table', { name: 'Lastensuojelun päätökset, uusin ensin' }).getByRole('row').filter({ hasText: 'Kiireellinen sijoitus' })).toContainText('Aino Lehtinen')
  await expectAccessible(page)

  await expect(page.getByRole('article', { name: 'Vanhempien asiakassuunnitelma' }).getByRole('button', { name: 'Tee vanhempien asiakassuunnitelma' })).toBeVisible()

  // Its day 30 is on the worker's deadline worklist, and the row leads back to the record.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Määräajat' }).click()
  const row = page.getByRole('table', { name: 'Määräajat, aikaisin ensin' }).getByRole('row').filter({ hasText: name }).filter({ hasText: 'Kiireellinen sijoitus päättyy' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(fiDate(day30))
  await expect(row).toContainText('Aino Lehtinen')
  await expectAccessible(page)
  await row.getByRole('link', { name: 'Kiireellinen sijoitus päättyy' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Lastensuojelu: ${name}` })).toBeVisible()

  // The one who placed may not extend: the refusal is shown at the top of the form, with the text kept.
  await urgentItem.getByRole('button', { name: 'Jatka kiireellistä sijoitusta' }).click()
  const extension = page.getByRole('form', { name: 'Kiireellisen sijoituksen jatkaminen' })
  await expect(extension).toContainText('Sinä (Aino Lehtinen) päätit tästä sijoituksesta.')
  await extension.getByLabel('Päätöksen perustelut').fill('Huostaanoton valmistelu on kesken; sijoitusta on jatkettava.')
  await extension.getByRole('button', { name: 'Tee jatkopäätös' }).click()
  await expect(extension.getByText('Jatkopäätöstä ei tallennettu')).toBeVisible()
  await expect(extension.getByText('Jatkamisesta päättää muu viranhaltija kuin sijoituksesta päättänyt (LSL 38 a §).')).toBeVisible()
  await expect(extension.getByLabel('Päätöksen perustelut')).toHaveValue('Huostaanoton valmistelu on kesken; sijoitusta on jatkettava.')
  await expectAccessible(page)

  // Another official, the supervisor, extends it (a second browser context).
  const other = await browser.newContext()
  const supervisor = await other.newPage()
  await login(supervisor, 'esihenkilo')
  await supervisor.goto(`/persons/${child.id}/child-welfare`)
  await expect(supervisor.getByRole('heading', { level: 1, name: `Lastensuojelu: ${name}` })).toBeVisible()
  const supervisorItem = timelineItem(supervisor, /^Kiireellinen sijoitus/)
  await supervisorItem.getByRole('button', { name: 'Jatka kiireellistä sijoitusta' }).click()
  const theirs = supervisor.getByRole('form', { name: 'Kiireellisen sijoituksen jatkaminen' })
  await expect(theirs).toContainText('Sijoituksesta päätti Aino Lehtinen.')
  await theirs.getByLabel('Päätöksen perustelut').fill('Huostaanoton valmistelu on kesken; sijoitusta jatketaan.')
  await theirs.getByRole('button', { name: 'Tee jatkopäätös' }).click()
  await expect(supervisor.getByText(/^Kiireellistä sijoitusta jatkettiin/)).toBeVisible()
  const day60 = addDays(today(), 59)
  await expect(supervisorItem).toContainText(new RegExp(`Jatkettu kiireellinen sijoitus päättyy\\s*${fiDate(day60).replace(/\./g, '\\.')}`))
  await expect(supervisorItem).toContainText('Jari Heikkilä')
  await expectAccessible(supervisor)

  // Back with the worker: read again, the record shows the extension and offers no second one.
  await page.reload()
  await expect(urgentItem).toContainText('Jari Heikkilä')
  await expect(urgentItem.getByRole('button', { name: 'Jatka kiireellistä sijoitusta' })).toHaveCount(0)

  // A care order: each guardian's position and the child's (12 or over); an objection makes it a court application.
  await page.getByRole('button', { name: 'Valmistele huostaanotto' }).click()
  const care = page.getByRole('form', { name: 'Huostaanotto' })
  for (const [i, g] of child.guardians.entries()) {
    const group = care.getByRole('group', { name: `Huoltaja ${g.lastName} ${g.firstNames}` })
    await group.getByRole('radio', { name: i === 0 ? 'Vastustaa' : 'Suostuu' }).check()
  }
  const childGroup = care.getByRole('group', { name: `Lapsi ${name} (12 vuotta täyttänyt)` })
  await childGroup.getByRole('radio', { name: 'Suostuu' }).check()
  await expect(care.getByText(/^Huostaanottoa vastustetaan/)).toBeVisible()
  // the days of hearing are missing: said at each field
  await care.getByRole('button', { name: 'Laadi hakemus hallinto-oikeudelle' }).click()
  await expect(care.getByText('Anna kuulemispäivä.').first()).toBeVisible()
  await expectAccessible(page)
  const heard = care.getByLabel('Kuultu', { exact: true })
  for (let i = 0; i < (await heard.count()); i++) await heard.nth(i).fill(today())
  await care.getByLabel('Lisätieto').first().fill('Huoltaja vastustaa sijoitusta kodin ulkopuolelle.')
  await care.getByLabel('Sijoitusmuoto').selectOption({ label: 'Perhehoito' })
  await care.getByLabel('Sijoituspaikka').selectOption({ label: 'Perhekoti Metsätähti' })
  await care.getByRole('checkbox', { name: 'Lapsen hoidon laiminlyönti' }).check()
  await care.getByLabel('Hakemuksen perustelut').fill('Avohuollon tukitoimet eivät ole riittäneet; lapsen kasvuolosuhteet vaarantavat vakavasti hänen kehityksensä.')
  await care.getByRole('button', { name: 'Laadi hakemus hallinto-oikeudelle' }).click()
  await expect(page.getByText(/^Hakemus n:o \d+ hallinto-oikeudelle laadittiin/)).toBeVisible()
  const application = page.getByRole('article', { name: /^Huostaanottohakemus n:o \d+$/ })
  await expect(application).toContainText('Ei vielä jätetty')
  await expect(application.getByRole('table', { name: 'Kuultujen kannat' })).toContainText('Vastustaa')
  await expectAccessible(page)

  // Its PDF, in Finnish: the child, the objection and the court.
  const downloading = page.waitForEvent('download')
  await application.getByRole('link', { name: /^Hakemus n:o \d+ \(PDF, suomi\)$/ }).click()
  const download = await downloading
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-e2e-pdf-'))
  try {
    const file = path.join(dir, download.suggestedFilename())
    await download.saveAs(file)
    const text = await pdfText(file)
    expect(text).toContain('Hakemus huostaanotosta ja sijaishuoltoon sijoittamisesta')
    expect(text).toContain(child.lastName)
    expect(text).toContain(child.firstNames.split(' ')[0]!)
    expect(text).toContain(child.hetu)
    expect(text).toContain('Vastustaa')
    expect(text).toContain('hallinto-oikeus')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }

  // Filed with the court today: the urgent placement continues, its deadline met.
  await expect(application.getByLabel('Jätetty hallinto-oikeuteen')).toHaveValue(today())
  await application.getByRole('button', { name: 'Kirjaa jätetyksi' }).click()
  await expect(page.getByText(/kirjattiin jätetyksi hallinto-oikeuteen/)).toBeVisible()
  await expect(application).toContainText(`Jätetty ${fiDate(today())}`)
  await expect(urgentItem).toContainText('Hoidettu')
  await expect(urgentItem).toContainText('Voimassa')
  await expectAccessible(page)

  // The supervisor's caseload: Aino Lehtinen's children against the maximum of 30.
  await supervisor.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Lastensuojelun asiakasmäärät' }).click()
  await expect(supervisor.getByRole('heading', { level: 1, name: 'Lastensuojelun asiakasmäärät' })).toBeVisible()
  const aino = supervisor.getByRole('table', { name: 'Lapsia vastuusosiaalityöntekijää kohden' }).getByRole('row').filter({ hasText: 'Aino Lehtinen' })
  await expect(aino).toContainText(/\d+ \/ 30/)
  await expect(supervisor.getByText(/Enimmäismäärä .*: 30 lasta työntekijää kohden/)).toBeVisible()
  await expectAccessible(supervisor)
  await other.close()
  // not in the social worker's menu
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Lastensuojelun asiakasmäärät' })).toHaveCount(0)

  // Open-care support measures in one decision: one granted, one refused; what is missing said at the row's fields.
  await page.getByRole('button', { name: 'Päätä tukitoimista' }).click()
  const measuresForm = page.getByRole('form', { name: 'Päätös tukitoimista' })
  await measuresForm.getByRole('button', { name: 'Tee päätös tukitoimista' }).click()
  const firstMeasure = measuresForm.getByRole('group', { name: 'Tukitoimi 1' })
  await expect(firstMeasure.getByText('Valitse tukitoimi.')).toBeVisible()
  await expect(firstMeasure.getByLabel('Tukitoimi', { exact: true })).toBeFocused()
  await expectAccessible(page)
  await firstMeasure.getByLabel('Tukitoimi', { exact: true }).selectOption({ label: 'Perhetyö' })
  await firstMeasure.getByRole('radio', { name: 'Myönnetään' }).check()
  await firstMeasure.getByLabel('Kuvaus').fill('Perhetyöntekijä käy kotona kahdesti viikossa iltaisin.')
  await measuresForm.getByRole('button', { name: 'Lisää tukitoimi' }).click()
  const secondMeasure = measuresForm.getByRole('group', { name: 'Tukitoimi 2' })
  await secondMeasure.getByLabel('Tukitoimi', { exact: true }).selectOption({ label: 'Harrastusten tuki' })
  await secondMeasure.getByRole('radio', { name: 'Hylätään' }).check()
  await secondMeasure.getByLabel('Kuvaus').fill('Harrastuksen kuluihin haettu tuki; lapsi on sijoitettuna.')
  await measuresForm.getByLabel('Päätöksen perustelut').fill('Perhetyö tukee vanhempia iltojen järjestämisessä; harrastuksen tukea ei nyt tarvita.')
  await expectAccessible(page)
  await measuresForm.getByRole('button', { name: 'Tee päätös tukitoimista' }).click()
  await expect(page.getByText('Päätös tukitoimista tehtiin.')).toBeVisible()
  const openCare = page.getByRole('table', { name: /^Avohuollon tukitoimet/ })
  await expect(openCare.getByRole('row').filter({ hasText: 'Perhetyö' })).toContainText('Myönnetty')
  await expect(openCare.getByRole('row').filter({ hasText: 'Harrastusten tuki' })).toContainText('Hylätty')
  await expect(page.getByRole('table', { name: 'Lastensuojelun päätökset, uusin ensin' }).getByRole('row').filter({ hasText: 'Avohuollon tukitoimet' })).toContainText('Myönnetty osittain')
  await expectAccessible(page)

  // The child forbids showing their own views to a guardian: recorded with the maturity assessment, listed in force.
  const guardian = `${child.guardians[0]!.lastName} ${child.guardians[0]!.firstNames}`
  await page.getByRole('button', { name: 'Kirjaa lapsen kielto' }).click()
  const banForm = page.getByRole('form', { name: 'Lapsen kielto luovuttaa tietoja huoltajalle' })
  await banForm.getByLabel('Huoltaja', { exact: true }).selectOption({ label: guardian })
  await banForm.getByRole('radio', { name: 'Vain lapsen omia näkemyksiä' }).check()
  await banForm.getByLabel('Lapsen oma ilmaisu').fill('En halua, että hän lukee mitä olen kertonut.')
  await banForm.getByLabel(/^Arvio lapsen ikä- ja kehitystasosta/).fill('Lapsi ymmärtää ikänsä ja kehitystasonsa puolesta, mitä kielto tarkoittaa.')
  await expectAccessible(page)
  await banForm.getByRole('button', { name: 'Kirjaa kielto' }).click()
  await expect(page.getByText('Lapsen kielto kirjattiin.')).toBeVisible()
  const ban = page.getByRole('article', { name: `Kielto: ${guardian}` })
  await expect(ban).toContainText('Voimassa')
  await expect(ban).toContainText('Lapsen omia näkemyksiä')
  await expect(ban).toContainText('En halua, että hän lukee mitä olen kertonut.')
  await expectAccessible(page)

  // That guardian's copy of the support measures decision: fetched as a PDF, the child's views left out.
  const decisionRow = page.getByRole('table', { name: 'Lastensuojelun päätökset, uusin ensin' }).getByRole('row').filter({ hasText: 'Avohuollon tukitoimet' })
  await decisionRow.getByText('Huoltajan kopio').click()
  await expectAccessible(page)
  const copying = page.waitForEvent('download')
  await decisionRow.getByRole('button', { name: new RegExp(`^Päätös n:o \\d+ huoltajalle ${guardian} \\(PDF, suomi\\)$`) }).click()
  const copy = await copying
  expect(copy.suggestedFilename()).toMatch(/\.pdf$/)
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-e2e-copy-'))
  try {
    const file = path.join(copyDir, copy.suggestedFilename())
    await copy.saveAs(file)
    const text = await pdfText(file)
    expect(text).toContain('Perhetyö')
    // the child's views are in the reasons: left out of this guardian's copy
    expect(text).toContain('Perustelut on jätetty pois')
  } finally {
    fs.rmSync(copyDir, { recursive: true, force: true })
  }
})
