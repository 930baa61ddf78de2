import { expect, test, type APIRequestContext } from '@playwright/test'
import { DEMO_PASSWORD, expectAccessible, login } from '../support/fixtures'

/** The parts of the API answers this spec reads (the contract's types, narrowed). */
interface Application {
  id: string
  number: number
  personId: string
  dueOn: string
  handler: { id: string } | null
  completion: { dueOn: string; answeredOn: string | null } | null
  members: { personId: string; role: string }[]
}
interface Proposal {
  members: { personId: string; firstNames: string; lastName: string; role: string | null }[]
}

async function apiLogin(request: APIRequestContext, username: string): Promise<{ userId: string; csrf: string }> {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
  const { user } = (await res.json()) as { user: { id: string } }
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'huoma-csrf')?.value ?? ''
  return { userId: user.id, csrf }
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
/** `2030-01-04` → `4.1.2030`, as the UI writes dates. */
const fiDate = (date: string) => {
  const [y, m, d] = date.split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}

test('the office secretary registers a paper application for a family; the handler takes it from the queue and the completion moves its deadline', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000)

  // A family in the registry (the demo population differs from run to run): a client whose registry household has a
  // spouse and a minor child, found by common surnames.
  const secretaryApi = await playwright.request.newContext({ baseURL })
  await apiLogin(secretaryApi, 'toimistosihteeri')
  let family: { personId: string; name: string; proposal: Proposal } | undefined
  for (const surname of [
    'Virtanen', 'Korhonen', 'Nieminen', 'Mäkinen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen',
    'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo',
  ]) {
    const found = await secretaryApi.get(`/api/persons?name=${encodeURIComponent(surname)}&limit=20`)
    if (!found.ok()) continue
    const { persons } = (await found.json()) as { persons: { id: string }[] }
    for (const { id } of persons) {
      const res = await secretaryApi.get(`/api/persons/${id}/income-support/household`)
      if (!res.ok()) continue
      const proposal = (await res.json()) as Proposal
      const roles = proposal.members.map((m) => m.role)
      const self = proposal.members.find((m) => m.personId === id)
      if (self && roles.includes('spouse') && roles.includes('child')) {
        family = { personId: id, name: `${self.lastName} ${self.firstNames}`, proposal }
        break
      }
    }
    if (family) break
  }
  expect(family, 'a registry family (applicant, spouse, child)').toBeTruthy()
  const proposed = family!.proposal.members.filter((m) => m.role !== null)

  await secretaryApi.dispose()

  // The office secretary registers the paper application from the client card.
  await login(page, 'toimistosihteeri')
  await page.goto(`/persons/${family!.personId}`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.getByRole('link', { name: 'Kirjaa toimeentulotukihakemus' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaa toimeentulotukihakemus' })).toBeVisible()
  const members = page.getByRole('table', { name: 'Kotitalouden jäsenet' })
  // the registry's family is proposed, each with its role
  await expect(members.getByRole('row')).toHaveCount(proposed.length + 1)
  for (const m of proposed) await expect(members.getByRole('rowheader', { name: `${m.lastName} ${m.firstNames}` })).toBeVisible()
  await expect(members.getByLabel(`Asema: ${family!.name}`)).toHaveValue('applicant')

  const receivedOn = addDays(today(), -10)
  await page.getByLabel('Yksikkö, jonka jonoon hakemus kirjataan').selectOption({ label: 'Etuuskäsittely' })
  await page.getByRole('radio', { name: 'Paperihakemus' }).check()
  await page.getByLabel('Saapumispäivä').fill(receivedOn)
  await page.getByRole('button', { name: 'Lisää perusmeno' }).click()
  await page.getByLabel('Haettu (rivi 1, Perusmenot)').fill('650')
  // the live calculation beside the claims (the office secretary registers into any unit; nothing is saved yet)
  const calculation = page.getByRole('region', { name: 'Laskelma' })
  await expect(calculation.getByText('Laskelma kirjattavista tiedoista; mitään ei ole vielä tallennettu.')).toBeVisible()
  await expect(calculation.getByTestId('is-county-total')).toBeVisible()
  await expect(page.getByLabel('Ota käsittelyyn heti')).toHaveCount(0)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Kirjaa hakemus' }).click()

  const receipt = page.getByRole('heading', { level: 2, name: /^Hakemus \d+ kirjattu$/ })
  await expect(receipt).toBeVisible()
  const number = Number((await page.getByTestId('is-receipt-number').textContent())!.trim())
  const originalDue = (await page.getByTestId('is-receipt-deadline').textContent())!
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Takaisin asiakkaan kortille' }).click()
  await expect(page).toHaveURL(`/persons/${family!.personId}`)

  // The benefit handler finds it in the unit's queue and takes it.
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await login(page, 'etuuskasittelija')
  await page.goto('/income-support')
  await page.getByRole('button', { name: 'Yksikön jono' }).click()
  const take = page.getByRole('button', { name: `Ota käsittelyyn: ${family!.name}, hakemus ${number}` })
  const queueRow = page.locator('table.is-worklist tbody tr').filter({ has: take })
  await expect(queueRow).toContainText(`${proposed.length} henkilöä`)
  await expect(queueRow).toContainText(originalDue.split(' ')[0]!)
  await take.click()
  await expect(page.getByRole('heading', { level: 1, name: `Hakemus ${number}: ${family!.name}` })).toBeVisible()
  const appUrl = new URL(page.url()).pathname.replace(/^\/persons\//, '/api/persons/').replace('/income-support/', '/income-support/applications/')
  const read = async () => (await (await page.request.get(appUrl)).json()) as Application
  const taken = await read()
  expect(taken.members.map((m) => m.role).sort()).toEqual(proposed.map((m) => m.role).sort())
  expect(fiDate(taken.dueOn)).toBe(originalDue.split(' ')[0])
  await expect(page.getByRole('region', { name: 'Liitteet' })).toBeVisible()
  await expectAccessible(page)

  // A request for completion moves the deadline (seven working days from the date given for the answer) …
  const completion = page.getByRole('region', { name: 'Lisäselvityspyyntö' })
  await completion.getByLabel('Pyydetyt selvitykset').fill('Vuokrasopimus ja tiliotteet kahdelta kuukaudelta.')
  await completion.getByRole('button', { name: 'Tallenna lisäselvityspyyntö' }).click()
  await expect(page.getByText('Lisäselvitys kirjattu; käsittelyn määräpäivä laskettiin uudelleen.')).toBeVisible()
  const requested = await read()
  expect(requested.completion?.answeredOn).toBeNull()
  expect(requested.dueOn > taken.dueOn, `${requested.dueOn} after ${taken.dueOn}`).toBe(true)
  await expect(page.getByRole('region', { name: 'Hakemuksen tiedot' })).toContainText(fiDate(requested.dueOn))

  // … and the answer, received before that date, moves it again (seven working days from the answer).
  await completion.getByRole('button', { name: 'Kirjaa vastaus saaduksi' }).click()
  await expect(completion.getByText('Ei vielä vastattu')).toHaveCount(0)
  await expect.poll(async () => (await read()).completion?.answeredOn).toBe(today())
  const answered = await read()
  expect(answered.dueOn < requested.dueOn, `${answered.dueOn} before ${requested.dueOn}`).toBe(true)
  expect(answered.dueOn > taken.dueOn, `${answered.dueOn} after ${taken.dueOn}`).toBe(true)
  await expect(page.getByRole('region', { name: 'Hakemuksen tiedot' })).toContainText(fiDate(answered.dueOn))
  await expectAccessible(page)

  // The worklist shows the new deadline.
  await page.getByRole('link', { name: 'Takaisin työlistalle' }).click()
  await expect(page.getByRole('button', { name: 'Omat' })).toHaveAttribute('aria-pressed', 'true')
  const mine = page.locator('table.is-worklist tbody tr').filter({ has: page.getByRole('link', { name: family!.name }) }).filter({ hasText: String(number) })
  await expect(mine).toContainText(fiDate(answered.dueOn))
  await expectAccessible(page)
})
