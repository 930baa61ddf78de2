import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

/** The parts of the API answers this spec reads (the contract's types, narrowed). */
interface ListItem {
  id: string
  personId: string
  channel: string
  handler: { id: string } | null
  version: number
}
interface Claim {
  amountCents: number
  acceptedCents?: number | null
}
interface Application {
  version: number
  claims: { supplementary: Claim[]; preventive: Claim[] }
}
interface Preview {
  count: number
  totalCents: number
  payables: { id: string; payeeName: string }[]
}
interface Batch {
  id: string
  number: number
  state: string
  version: number
  count: number
  totalCents: number
  canApprove: boolean
  createdBy: { id: string; name: string }
  payments: { payableId: string; amountCents: number; endToEndId: string }[]
}

/** A Finnish account that validates (the ECBS example; Nordea, BIC NDEAFIHH). */
const IBAN = 'FI2112345600000785'

/** Money as the UI writes it (`1 234,56 €`), whitespace normalised. */
const euro = (cents: number) => norm(new Intl.NumberFormat('fi-FI', { style: 'currency', currency: 'EUR' }).format(cents / 100))
const norm = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/\u2212/g, '-').trim()
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url)
  expect(res.ok(), `${url}: ${res.status()}`).toBe(true)
  return (await res.json()) as T
}

/** A state-changing API call as the web app makes it: the session cookie and the CSRF token from its cookie. */
async function post(page: Page, url: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'huoma-csrf')?.value ?? ''
  return page.request.post(url, { data, headers: { 'x-csrf-token': csrf, 'accept-language': 'fi' } })
}

async function logout(page: Page) {
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await expect(page.getByLabel('Käyttäjätunnus')).toBeVisible()
}

/**
 * Open payables for the batch: the demo has no decisions, so the benefit handler makes one through the API (takes a
 * Kela-forwarded application with claimed items from the queue and grants them, paid to the client's account).
 */
async function makeIncomeSupportDecision(page: Page): Promise<void> {
  await login(page, 'etuuskasittelija')
  let queue = (await getJson<{ items: ListItem[] }>(page, '/api/income-support/worklist?scope=queue')).items.filter((i) => !i.handler)
  if (queue.length === 0) {
    expect((await post(page, '/api/income-support/kela/fetch', {})).ok()).toBe(true)
    queue = (await getJson<{ items: ListItem[] }>(page, '/api/income-support/worklist?scope=queue')).items.filter((i) => !i.handler)
  }
  for (const item of queue.slice(0, 10)) {
    const taken = await post(page, `/api/income-support/applications/${item.id}/assign`, { version: item.version })
    if (!taken.ok()) continue
    const url = `/api/persons/${item.personId}/income-support/applications/${item.id}`
    const app = await getJson<Application>(page, url)
    const items = [
      ...app.claims.supplementary.map((c, index) => ({ kind: 'supplementary' as const, index, claim: c })),
      ...app.claims.preventive.map((c, index) => ({ kind: 'preventive' as const, index, claim: c })),
    ]
    if (items.length === 0) continue
    const decided = await post(page, `${url}/decisions`, {
      version: app.version,
      decidedOn: today(),
      language: 'fi',
      reasons: 'Menot ovat tarpeellisia; tukea myönnetään haetusti (e2e-maksuerä).',
      iban: IBAN,
      items: items.map(({ kind, index, claim }) => ({ kind, index, outcome: 'granted', grantedCents: claim.acceptedCents ?? claim.amountCents, reason: 'Meno on tarpeellinen.' })),
    })
    expect(decided.ok(), `decision: ${decided.status()} ${await decided.text()}`).toBe(true)
    const decision = (await decided.json()) as { payables: { amountCents: number; state: string }[] }
    if (decision.payables.some((p) => p.state === 'open')) break
  }
  await logout(page)
}

test('a payments clerk batches the open payables, cannot approve the batch, and the finance manager approves it and downloads the pain.001 file', async ({ page }) => {
  test.setTimeout(180_000)
  const range = (() => {
    const d = new Date(`${today()}T00:00:00Z`)
    const shift = (days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10)
    return { from: shift(-30), to: shift(14) }
  })()

  // ---- The clerk (maksuliikenne): preview the open payables and make a batch ---------------------------------------
  await login(page, 'maksuliikenne')
  let open = await getJson<Preview>(page, `/api/payments/preview?dueFrom=${range.from}&dueTo=${range.to}`)
  if (open.count === 0) {
    await logout(page)
    await makeIncomeSupportDecision(page)
    await login(page, 'maksuliikenne')
    open = await getJson<Preview>(page, `/api/payments/preview?dueFrom=${range.from}&dueTo=${range.to}`)
  }
  expect(open.count, 'open payables due in the range').toBeGreaterThan(0)

  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Maksuerät', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Maksuerät' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Uusi maksuerä' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi maksuerä' })).toBeVisible()
  await page.getByLabel('Eräpäivä alkaen').fill(range.from)
  await page.getByLabel('Eräpäivä päättyen').fill(range.to)
  await expect(page.getByLabel('Yksikkö')).toHaveValue('')
  const previewed = page.waitForResponse((r) => r.url().includes('/api/payments/preview?'))
  await page.getByRole('button', { name: 'Näytä avoimet maksut' }).click()
  const preview = (await (await previewed).json()) as Preview
  expect(preview.count).toBeGreaterThan(0)
  const summary = page.getByTestId('pay-preview-summary')
  await expect(summary).toBeFocused()
  expect(norm((await summary.textContent()) ?? '')).toContain(`${preview.count} ${preview.count === 1 ? 'avoin maksu' : 'avointa maksua'}, yhteensä ${euro(preview.totalCents)}`)
  // The payees by name (the server audits that finance saw them).
  const table = page.getByRole('table', { name: 'Erään tulevat maksut' })
  await expect(table.locator('tbody tr')).toHaveCount(preview.count)
  await expect(table.getByText(preview.payables[0]!.payeeName, { exact: true }).first()).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: /^Luo maksuerä \(/ }).click()
  const heading = page.getByRole('heading', { level: 1, name: /^Maksuerä \d+$/ })
  await expect(heading).toBeVisible()
  await expect(page.getByText(/^Maksuerä luotu\./)).toBeVisible()
  const batchId = page.url().split('/').pop()!
  let batch = await getJson<Batch>(page, `/api/payments/batches/${batchId}`)
  expect(batch.state).toBe('draft')
  expect(batch.count).toBe(preview.count)
  expect(batch.totalCents).toBe(preview.totalCents)
  expect(norm((await page.getByTestId('pay-batch-total').textContent()) ?? '')).toBe(euro(batch.totalCents))
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(batch.count)

  // The creator sees no approval button, and the server refuses the creator too.
  await expect(page.getByText('Olet laatinut tämän erän, joten et voi hyväksyä sitä.', { exact: false })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Hyväksy maksuerä' })).toHaveCount(0)
  expect(batch.canApprove).toBe(false)
  const refused = await post(page, `/api/payments/batches/${batchId}/approve`, { version: batch.version })
  expect(refused.ok()).toBe(false)
  expect([403, 409]).toContain(refused.status())
  const refusal = (await refused.json()) as { title: string }
  expect(refusal.title.length).toBeGreaterThan(0)
  expect((await getJson<Batch>(page, `/api/payments/batches/${batchId}`)).state).toBe('draft')
  await expectAccessible(page)
  await logout(page)

  // ---- The finance manager (talouspaallikko): approve, then download the bank file --------------------------------
  await login(page, 'talouspaallikko')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Maksuerät', exact: true }).click()
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Erä ${batch.number}`, exact: true }) })
  await expect(row.getByText('Odottaa hyväksyntääsi')).toBeVisible()
  await expect(row.getByText('Hanna Virtanen')).toBeVisible()
  await row.getByRole('link', { name: `Erä ${batch.number}`, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Maksuerä ${batch.number}` })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Hyväksy maksuerä' }).click()
  await expect(page.getByText('Maksuerä hyväksytty. Maksuaineiston voi nyt ladata.')).toBeVisible()
  await expect(page.getByText(/^Hyväksynyt Olli Koskinen, /)).toBeVisible()
  await expect(page.getByRole('radio', { name: 'pain.001.001.09 (oletus)' })).toBeChecked()
  await expectAccessible(page)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Lataa maksuaineisto' }).click()
  const file = await download
  await expect(page.getByRole('status').getByText(/^Maksuaineisto .+ ladattu \(/)).toBeVisible()
  const xml = fs.readFileSync((await file.path())!, 'utf8')

  // The file: it parses, one CdtTrfTxInf per payment, control sums equal to the batch total.
  batch = await getJson<Batch>(page, `/api/payments/batches/${batchId}`)
  const facts = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml')
    const all = (name: string) => [...doc.getElementsByTagNameNS('*', name)]
    const grpHdr = all('GrpHdr')[0]
    const child = (el: Element | undefined, name: string) => (el ? [...el.children].find((c) => c.localName === name)?.textContent ?? null : null)
    return {
      parseError: doc.getElementsByTagName('parsererror').length > 0,
      namespace: doc.documentElement.namespaceURI,
      transactions: all('CdtTrfTxInf').length,
      nbOfTxs: child(grpHdr, 'NbOfTxs'),
      ctrlSum: child(grpHdr, 'CtrlSum'),
      pmtInfCtrlSums: all('PmtInf').map((p) => child(p, 'CtrlSum')),
      amounts: all('InstdAmt').map((a) => a.textContent ?? ''),
      endToEndIds: all('EndToEndId').map((e) => e.textContent ?? ''),
      creditorNames: all('Cdtr').map((c) => child(c, 'Nm')),
    }
  }, xml)
  const cents = (amount: string | null) => Math.round(Number(amount) * 100)
  expect(facts.parseError).toBe(false)
  expect(facts.namespace).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09')
  expect(facts.transactions).toBe(batch.count)
  expect(Number(facts.nbOfTxs)).toBe(batch.count)
  expect(cents(facts.ctrlSum)).toBe(batch.totalCents)
  expect(facts.pmtInfCtrlSums.reduce((s, c) => s + cents(c), 0)).toBe(batch.totalCents)
  expect(facts.amounts.reduce((s, a) => s + cents(a), 0)).toBe(batch.totalCents)
  expect(new Set(facts.endToEndIds)).toEqual(new Set(batch.payments.map((p) => p.endToEndId)))

  // The batch is sent, and says so.
  expect(batch.state).toBe('sent')
  await expect(page.locator('.pay-facts').getByText('Lähetetty', { exact: true })).toBeVisible()
  await expect(page.getByText('pain.001.001.09', { exact: true })).toBeVisible()
  await expect(page.getByRole('radio', { name: 'pain.001.001.03 (pankin pyynnöstä)' })).toBeDisabled()
  await page.evaluate(() => window.scrollTo(0, 0))
  await expectAccessible(page)

  // In the list too.
  await page.getByRole('link', { name: 'Takaisin maksueriin' }).click()
  const listed = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Erä ${batch.number}`, exact: true }) })
  await expect(listed.getByText('Lähetetty', { exact: true })).toBeVisible()
  await expect(listed.getByText('Olli Koskinen')).toBeVisible()
})
