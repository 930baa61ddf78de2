import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { DEMO_PASSWORD, expectAccessible, login } from '../support/fixtures'

/** The parts of the API answers this spec reads (the contract's types, narrowed). */
interface Reconciliation {
  month: string
  closed: boolean
  ledgerCents: number
  accounts: { id: string; personId: string; clientName: string; kind: string; serviceTask: string; balanceCents: number }[]
  history: { bankCents: number; differenceCents: number }[]
}
interface AccountDetail {
  account: { number: number; balanceCents: number }
}

async function apiLogin(request: APIRequestContext, username: string): Promise<void> {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}
/** Cents as the UI and the PDF write them, e.g. `4 124,00 €`, as a pattern that takes any kind of space. */
const euroPattern = (cents: number) => {
  const whole = String(Math.floor(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '[\\s\\u00a0\\u202f]')
  return `${cents < 0 ? '[-−]' : ''}${whole},${String(Math.abs(cents) % 100).padStart(2, '0')}[\\s\\u00a0\\u202f]€`
}
/** Cents typed into a form: `4124,00`. */
const euroInput = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`

test('the social worker keeps a client\'s intermediary account and prints its statement; finance reconciles the previous month', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000)

  // The demo's intermediary account in adult social work, whose client the social worker has a relationship with
  // (demo.ts picks the client from the population, so it is found through finance's list of every account).
  const finance = await playwright.request.newContext({ baseURL })
  await apiLogin(finance, 'talouspaallikko')
  const all = (await (await finance.get(`/api/client-accounts/reconciliation?month=${today().slice(0, 7)}`)).json()) as Reconciliation
  await finance.dispose()
  const demo = all.accounts.find((a) => a.kind === 'intermediary' && a.serviceTask === 'adult_social_work')
  expect(demo, 'the demo intermediary account').toBeTruthy()
  const { personId, id: accountId } = demo!

  // ---- The social worker opens it from the client card ----------------------------------------------------------
  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${personId}`)
  const section = page.getByRole('region', { name: 'Välitystilit ja itsenäistymisvarat – Aikuisten sosiaalityö' })
  await expect(section).toBeVisible()
  await section.getByRole('link', { name: 'Välitystili' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Välitystili \d+$/ })).toBeVisible()
  const accountApi = `/api/persons/${personId}/client-accounts/adult_social_work/${accountId}`
  const read = async () => (await (await page.request.get(accountApi)).json()) as AccountDetail
  const start = (await read()).account.balanceCents
  expect(start).toBeGreaterThan(0)
  const balance = page.locator('.ca-balance')
  await expect(balance).toHaveText(new RegExp(`^${euroPattern(start)}$`))
  const entries = page.getByRole('region', { name: 'Tapahtumat' }).locator('tbody tr')
  const entriesBefore = await entries.count()
  expect(entriesBefore).toBeGreaterThan(0)
  await expectAccessible(page)

  // A deposit.
  const form = page.getByRole('region', { name: 'Kirjaa tapahtuma' })
  await form.getByLabel('Laji').selectOption({ label: 'Talletus' })
  await form.getByLabel('Määrä (€)').fill('150,00')
  await form.getByLabel('Päivä').fill(today())
  await form.getByLabel('Selite').fill('Vuokravakuuden palautus')
  await form.getByRole('button', { name: 'Kirjaa' }).click()
  await expect(page.getByText('Tapahtuma kirjattu.')).toBeVisible()
  const afterDeposit = start + 15_000
  await expect(balance).toHaveText(new RegExp(`^${euroPattern(afterDeposit)}$`))
  await expect(entries).toHaveCount(entriesBefore + 1)

  // A bill larger than the balance is refused, with the message at the amount.
  const dueOn = addDays(today(), 45)
  await form.getByLabel('Laji').selectOption({ label: 'Lasku' })
  await form.getByLabel('Määrä (€)').fill(euroInput(afterDeposit + 100_000))
  await form.getByLabel('Eräpäivä').fill(dueOn)
  await form.getByLabel('Selite').fill('Sähkölasku')
  await form.getByLabel('Saaja').fill('Demolan Energia Oy')
  await form.getByLabel('Tilinumero (IBAN)').fill('FI4950009420028730')
  await form.getByLabel('Viitenumero').fill('10016')
  await form.getByRole('button', { name: 'Kirjaa' }).click()
  const refusal = form.getByText(new RegExp(`^Tilin saldo \\(${euroPattern(afterDeposit)}\\) ei riitä; tiliä ei voi ylittää\\.$`))
  await expect(refusal).toBeVisible()
  const amount = form.getByLabel('Määrä (€)')
  await expect(amount).toHaveAttribute('aria-invalid', 'true')
  await expect(amount).toHaveAttribute('aria-describedby', (await refusal.getAttribute('id'))!)
  await expect(balance).toHaveText(new RegExp(`^${euroPattern(afterDeposit)}$`))
  await expectAccessible(page)

  // The same bill within the balance: recorded (a payable for the payment batches, due in six weeks).
  await amount.fill('120,00')
  await form.getByRole('button', { name: 'Kirjaa' }).click()
  await expect(page.getByText('Tapahtuma kirjattu.')).toBeVisible()
  const closing = afterDeposit - 12_000
  await expect(balance).toHaveText(new RegExp(`^${euroPattern(closing)}$`))
  await expect(entries).toHaveCount(entriesBefore + 2)
  await expect(entries.first()).toContainText('Demolan Energia Oy')
  await expect(entries.first()).toContainText('odottaa maksuerää')
  expect((await read()).account.balanceCents).toBe(closing)
  await expectAccessible(page)

  // The statement of the current month as PDF: it opens in a new tab and shows the closing balance.
  const statement = page.getByRole('region', { name: 'Tiliote' })
  const link = statement.getByRole('link', { name: 'Avaa tiliote (PDF)' })
  const href = (await link.getAttribute('href'))!
  expect(href).toContain(`${accountApi}/statement?`)
  expect(href).toContain(`to=${today()}`)
  const popup = page.waitForEvent('popup')
  await link.click()
  await (await popup).close()
  const pdf = await page.request.get(href)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  const bytes = await pdf.body()
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-statement-'))
  try {
    const file = path.join(dir, 'tiliote.pdf')
    fs.writeFileSync(file, bytes)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    const [y, m, d] = today().split('-').map(Number) as [number, number, number]
    expect(text).toMatch(new RegExp(`Loppusaldo ${d}\\.${m}\\.${y}\\s+${euroPattern(closing)}`))
    expect(text).toContain('Demolan Energia Oy')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }

  // ---- Finance (the finance manager) reconciles the previous month ------------------------------------------------
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await login(page, 'talouspaallikko')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Asiakasvarojen täsmäytys' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakasvarojen täsmäytys' })).toBeVisible()
  const month = previousMonth(today().slice(0, 7))
  await expect(page.getByLabel('Kuukausi', { exact: true })).toHaveValue(month)
  const ledgerCell = page.getByTestId('ca-ledger')
  await expect(ledgerCell).toBeVisible()
  const expected = (await (await page.request.get(`/api/client-accounts/reconciliation?month=${month}`)).json()) as Reconciliation
  expect(expected.closed).toBe(false)
  expect(expected.ledgerCents).toBeGreaterThan(0)
  // today's entries are not in the previous month
  expect(expected.accounts.find((a) => a.id === accountId)!.balanceCents).toBe(start)
  await expect(ledgerCell).toHaveText(new RegExp(`^${euroPattern(expected.ledgerCents)}$`))
  await expect(page.getByTestId('ca-month-state')).toHaveText('Avoin')
  await expectAccessible(page)

  // A bank balance 2,50 € short: the difference is recorded and the month stays open …
  const bank = page.getByLabel(/^Kokoomatilin saldo pankissa/)
  await bank.fill(euroInput(expected.ledgerCents - 250))
  await expect(page.getByTestId('ca-difference')).toHaveText(/^Erotus \(pankki − asiakastilit\): [-−]2,50[\s\u00a0]€$/)
  // A negative bank balance is not recorded at once: the dialog warns, and Cancel records nothing.
  await bank.fill('-12,00')
  await page.getByRole('button', { name: 'Täsmäytä kuukausi' }).click()
  const confirm = page.getByRole('dialog', { name: /^Kirjataanko kuukauden \d+\/\d+ täsmäytys\?$/ })
  await expect(confirm).toContainText('Pankkitilin saldo on negatiivinen')
  await expectAccessible(page)
  await confirm.getByRole('button', { name: 'Peruuta' }).click()
  await expect(confirm).toBeHidden()
  await expect(page.getByRole('region', { name: 'Kuukauden täsmäytykset' }).locator('tbody tr')).toHaveCount(0)
  await bank.fill(euroInput(expected.ledgerCents - 250))

  await page.getByLabel('Huomautus').fill('Pankin palvelumaksu kirjaamatta')
  await page.getByRole('button', { name: 'Täsmäytä kuukausi' }).click()
  await expect(confirm).toContainText('Erotus kirjataan täsmäytyshistoriaan')
  await expect(confirm).not.toContainText('negatiivinen')
  await confirm.getByRole('button', { name: 'Kirjaa täsmäytys' }).click()
  await expect(page.getByText(/^Täsmäytys kirjattu; erotus [-−]2,50[\s\u00a0]€\./)).toBeVisible()
  await expect(page.getByTestId('ca-month-state')).toHaveText('Avoin')
  await expect(page.getByRole('region', { name: 'Kuukauden täsmäytykset' }).locator('tbody tr')).toHaveCount(1)

  // … and the matching balance closes it.
  await bank.fill(euroInput(expected.ledgerCents))
  await expect(page.getByTestId('ca-difference')).toHaveText(/^Erotus \(pankki − asiakastilit\): 0,00[\s\u00a0]€$/)
  await page.getByRole('button', { name: 'Täsmäytä kuukausi' }).click()
  await expect(confirm).toContainText('Erotus on nolla: kuukausi suljetaan')
  await confirm.getByRole('button', { name: 'Kirjaa täsmäytys' }).click()
  const [y, m] = month.split('-').map(Number) as [number, number]
  await expect(page.getByText(`Kuukausi ${m}/${y} täsmäytetty ja suljettu.`)).toBeVisible()
  await expect(page.getByTestId('ca-month-state')).toHaveText('Täsmäytetty ja suljettu')
  await expect(page.getByRole('button', { name: 'Täsmäytä kuukausi' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Kuukauden täsmäytykset' }).locator('tbody tr')).toHaveCount(2)
  const closed = (await (await page.request.get(`/api/client-accounts/reconciliation?month=${month}`)).json()) as Reconciliation
  expect(closed.closed).toBe(true)
  expect(closed.history.map((h) => h.differenceCents)).toEqual([-250, 0])
  await expectAccessible(page)
})
