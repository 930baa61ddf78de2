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
 * Open payables for the batch: the demo has no decisions, so the benefit handler makes them through the API (takes
 * applications with claimed items from the queue and grants them, paid to the client's account), one payable each.
 */
async function makeIncomeSupportDecisions(page: Page, wanted: number): Promise<void> {
  await login(page, 'etuuskasittelija')
  let made = 0
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
    made += decision.payables.filter((p) => p.state === 'open').length
    if (made >= wanted) break
  }
  expect(made, 'open payables made by decisions').toBeGreaterThanOrEqual(wanted)
  await logout(page)
}

/** What the first test leaves for the second: the sent batch and facts of its file. */
const sent: { batchId?: string; debtorIban?: string } = {}

test.describe.configure({ mode: 'serial' })

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
  if (open.count < 2) {
    await logout(page)
    await makeIncomeSupportDecisions(page, 2 - open.count)
    await login(page, 'maksuliikenne')
    open = await getJson<Preview>(page, `/api/payments/preview?dueFrom=${range.from}&dueTo=${range.to}`)
  }
  expect(open.count, 'open payables due in the range').toBeGreaterThanOrEqual(2)

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
  // Approval cannot be withdrawn: a dialog says what is approved, and only its button approves.
  await page.getByRole('button', { name: 'Hyväksy maksuerä' }).click()
  const confirm = page.getByRole('dialog', { name: `Hyväksytäänkö maksuerä ${batch.number}?` })
  await expect(confirm).toContainText(`Hyväksyt ${batch.count} maksua, yhteensä`)
  await expect(confirm).toContainText('Hyväksyttyä erää ei voi muuttaa eikä hyväksyntää perua.')
  await expect(confirm.getByRole('button', { name: 'Peruuta' })).toBeFocused()
  await expectAccessible(page)
  await confirm.getByRole('button', { name: 'Peruuta' }).click()
  await expect(confirm).toBeHidden()
  expect((await getJson<Batch>(page, `/api/payments/batches/${batchId}`)).state).toBe('draft')
  await page.getByRole('button', { name: 'Hyväksy maksuerä' }).click()
  await confirm.getByRole('button', { name: `Hyväksy ${batch.count} maksua`, exact: false }).click()
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
      debtorIban: all('DbtrAcct')[0]?.getElementsByTagNameNS('*', 'IBAN')[0]?.textContent ?? null,
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
  sent.batchId = batchId
  sent.debtorIban = facts.debtorIban ?? undefined
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

const amt = (cents: number) => (cents / 100).toFixed(2)

/** A pain.002.001.03 about our file as a Finnish bank sends it: the whole file accepted for payment. */
function pain002Accepted(msgId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>E2E-STS-${Date.now()}</MsgId><CreDtTm>2026-11-20T16:31:48+02:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts><OrgnlMsgId>${msgId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>ACCP</GrpSts></OrgnlGrpInfAndSts>
  </CstmrPmtStsRpt>
</Document>`
}

/** A camt.054.001.02 in the Finance Finland sample's shape: the payments booked, the first one back with AC01. */
function camt054(iban: string, payments: { endToEndId: string; amountCents: number }[]): string {
  const tx = (p: { endToEndId: string; amountCents: number }, i: number, back: boolean) => `
          <TxDtls>
            <Refs><AcctSvcrRef>E2E${back ? 'R' : 'D'}${Date.now()}${i}</AcctSvcrRef><EndToEndId>${p.endToEndId}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">${amt(p.amountCents)}</Amt></TxAmt></AmtDtls>
            ${back ? '<RtrInf><Rsn><Cd>AC01</Cd></Rsn><AddtlInf>1+TILIÄ EI LÖYDY</AddtlInf></RtrInf>' : ''}
          </TxDtls>`
  const entry = (txs: { endToEndId: string; amountCents: number }[], back: boolean, n: number) => `
      <Ntry>
        <NtryRef>${n}</NtryRef>
        <Amt Ccy="EUR">${amt(txs.reduce((s, p) => s + p.amountCents, 0))}</Amt>
        <CdtDbtInd>${back ? 'CRDT' : 'DBIT'}</CdtDbtInd>
        ${back ? '<RvslInd>true</RvslInd>' : ''}
        <Sts>${back ? 'INFO' : 'BOOK'}</Sts>
        <BookgDt><Dt>2026-11-20</Dt></BookgDt>
        <ValDt><Dt>2026-11-20</Dt></ValDt>
        <AcctSvcrRef>E2E${back ? 'RE' : 'DE'}${Date.now()}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>${txs.map((p, i) => tx(p, i, back)).join('')}
        </NtryDtls>
      </Ntry>`
  const [first, ...rest] = payments
  const entries = [rest.length ? entry(rest, false, 1) : '', entry([first!], true, 2)].join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>E2E-NTF-${Date.now()}</MsgId><CreDtTm>2026-11-20T20:00:00+02:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>N${Date.now()}</Id>
      <CreDtTm>2026-11-20T20:00:00+02:00</CreDtTm>
      <Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>`
}

test("the bank's feedback on the sent batch: accepted (pain.002), booked and one returned (camt.054), a malformed file refused; the return reaches finance and the handler", async ({ page }) => {
  test.setTimeout(120_000)
  expect(sent.batchId, 'the batch of the previous test').toBeTruthy()
  await login(page, 'talouspaallikko')
  await page.goto(`/payments/batches/${sent.batchId}`)
  let batch = await getJson<Batch & { msgId: string }>(page, `/api/payments/batches/${sent.batchId}`)
  await expect(page.getByRole('heading', { level: 1, name: `Maksuerä ${batch.number}` })).toBeVisible()
  const importForm = page.getByRole('region', { name: 'Pankin palaute' })
  const fileInput = importForm.getByLabel('Palautetiedosto (XML)')
  const result = importForm.getByTestId('pay-import-result')
  const count = (label: string) => result.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]')

  // pain.002: the bank accepted the whole file for payment.
  await fileInput.setInputFiles({ name: 'pain002.xml', mimeType: 'application/xml', buffer: Buffer.from(pain002Accepted(batch.msgId)) })
  await expect(importForm.getByText('Tiedosto tunnistettiin: Maksun tilaraportti (pain.002).')).toBeVisible()
  await expect(importForm.getByRole('radio', { name: 'Maksun tilaraportti (pain.002)' })).toBeChecked()
  await importForm.getByRole('button', { name: 'Tuo palaute' }).click()
  await expect(result.getByText('Maksun tilaraportti (pain.002) tuotu.')).toBeVisible()
  await expect(result).toBeFocused()
  await expect(count('Hyväksytty')).toHaveText(String(batch.count))
  // the batch the feedback changed, by its number (this batch: not a link)
  await expect(count('Maksuerät')).toHaveText(`Erä ${batch.number}`)
  batch = await getJson<Batch & { msgId: string }>(page, `/api/payments/batches/${sent.batchId}`)
  expect(batch.state).toBe('accepted')
  await expect(page.locator('.pay-facts').getByText('Pankki hyväksynyt', { exact: true })).toBeVisible()

  // camt.054: booked, and the first payment back from the bank (AC01).
  expect(sent.debtorIban, "the municipality's account from the file").toBeTruthy()
  await fileInput.setInputFiles({ name: 'camt054.xml', mimeType: 'application/xml', buffer: Buffer.from(camt054(sent.debtorIban!, batch.payments)) })
  await expect(importForm.getByRole('radio', { name: 'Tapahtumailmoitus (camt.054)' })).toBeChecked()
  await importForm.getByRole('button', { name: 'Tuo palaute' }).click()
  await expect(result.getByText('Tapahtumailmoitus (camt.054) tuotu.')).toBeVisible()
  await expect(count('Palautunut')).toHaveText('1')
  await expect(count('Maksettu')).toHaveText(String(batch.count - 1))
  await expect(count('Maksuerät')).toHaveText(`Erä ${batch.number}`)
  const returnedRow = page.getByRole('region', { name: 'Maksut' }).locator('tbody tr').filter({ hasText: 'Palautunut' })
  await expect(returnedRow).toHaveCount(1)
  await expect(returnedRow.getByText('AC01 – tilinumero on virheellinen tai tiliä ei ole (pankki: 1+TILIÄ EI LÖYDY)')).toBeVisible()
  await page.evaluate(() => window.scrollTo(0, 0))
  await expectAccessible(page)

  // A file that is not XML at all: refused with the server's message, nothing changed.
  await fileInput.setInputFiles({ name: 'rikki.xml', mimeType: 'application/xml', buffer: Buffer.from('<Document><rikki') })
  await expect(importForm.getByText(/^Tiedostoa ei tunnistettu/)).toBeVisible()
  await importForm.getByRole('button', { name: 'Tuo palaute' }).click()
  await expect(importForm.getByRole('alert')).not.toBeEmpty()
  await expect(result).toHaveCount(0)

  // The accounting export of the batch as CSV: a header and a row per payment.
  const csvDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Lataa CSV' }).click()
  const csv = fs.readFileSync((await (await csvDownload).path())!, 'utf8').replace(/^\uFEFF/, '')
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '')
  expect(lines[0]).toContain('endToEndId')
  expect(lines).toHaveLength(batch.count + 1)
  await expect(page.getByText(/^Kirjanpitoaineisto .+ ladattu \(/)).toBeVisible()

  // Finance's list of returns and rejections.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Palautukset ja hylkäykset' }).click()
  const returns = page.getByRole('table', { name: '1 hylätty tai palautunut maksu' })
  await expect(returns.getByText(/^AC01 – tilinumero on virheellinen/)).toBeVisible()
  await expectAccessible(page)
  await logout(page)

  // The benefit handler sees the returned payment of their client, the reason in words.
  await login(page, 'etuuskasittelija')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Palautuneet maksut' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Palautuneet maksut' })).toBeVisible()
  const handlerList = page.getByRole('table', { name: /palautunut maksu/ })
  await expect(handlerList.getByText(/^AC01 – tilinumero on virheellinen/).first()).toBeVisible()
  await expectAccessible(page)
})
