import { execFileSync } from 'node:child_process'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

/** The parts of the API answers this spec reads (the contract's types, narrowed). */
interface ListItem {
  id: string
  number: number
  personId: string
  applicantName: string
  channel: string
  overdue: boolean
  memberCount: number
  handler: { id: string } | null
}
interface Calculation {
  basic: { resultCents: number }
  supplementaryCents: number
  preventiveCents: number
  countyTotalCents: number
}
interface Application {
  number: number
  version: number
  members: { role: string }[]
  claims: { supplementary: { amountCents: number; acceptedCents?: number | null }[]; preventive: { amountCents: number }[] }
  kelaBasic: { basicCents: number } | null
  calculation: { ok: true; calculation: Calculation } | { ok: false }
  decisions: { id: string; number: number }[]
}
interface Decision {
  number: number
  language: string
  grantedCents: number
  items: { grantedCents: number; outcome: string }[]
  calculation: Calculation
  appealDeadline: string | null
}

/** Money as the UI and the PDFs write it (`1 234,56 €`), whitespace normalised. */
const euro = (cents: number) => norm(new Intl.NumberFormat('fi-FI', { style: 'currency', currency: 'EUR' }).format(cents / 100))
const norm = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/\u2212/g, '-').trim()

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url)
  expect(res.ok(), `${url}: ${res.status()}`).toBe(true)
  return (await res.json()) as T
}

test('the benefit handler sees overdue applications marked on the worklist', async ({ page }) => {
  await login(page, 'etuuskasittelija')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Toimeentulotuki', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Toimeentulotuki' })).toBeVisible()
  await page.getByRole('button', { name: 'Kaikki' }).click()
  await expect(page.getByRole('button', { name: 'Kaikki' })).toHaveAttribute('aria-pressed', 'true')

  const all = await getJson<{ items: ListItem[]; overdueCount: number }>(page, '/api/income-support/worklist?scope=all')
  expect(all.overdueCount, 'the demo data has overdue applications').toBeGreaterThan(0)
  const late = all.items.find((i) => i.overdue)!
  // Marked with words (and colour), the deadline first: the earliest deadlines are at the top.
  const rows = page.locator('table.is-worklist tbody tr')
  await expect(rows).toHaveCount(all.items.length)
  const lateRow = rows.filter({ hasText: late.applicantName }).filter({ hasText: String(late.number) }).first()
  await expect(lateRow.getByText('Myöhässä', { exact: true })).toBeVisible()
  await expect(lateRow.getByText(/työpäivää? myöhässä/)).toBeVisible()
  await expect(rows.first().getByText('Myöhässä', { exact: true })).toBeVisible()
  await expectAccessible(page)
})

test('a Kela-forwarded family application goes from the worklist to a Swedish decision PDF', async ({ page }) => {
  test.setTimeout(120_000)
  await login(page, 'etuuskasittelija')
  await page.goto('/income-support')
  await expect(page.getByRole('heading', { level: 1, name: 'Toimeentulotuki' })).toBeVisible()
  await page.getByRole('button', { name: 'Yksikön jono' }).click()
  await expect(page.getByRole('button', { name: 'Yksikön jono' })).toHaveAttribute('aria-pressed', 'true')

  const family = (items: ListItem[]) =>
    items
      .filter((i) => i.channel === 'kela' && !i.handler && i.memberCount >= 3)
      .sort((a, b) => Number(a.overdue) - Number(b.overdue) || b.memberCount - a.memberCount)[0]
  let target = family((await getJson<{ items: ListItem[] }>(page, '/api/income-support/worklist?scope=queue')).items)
  if (!target) {
    // An empty queue: fetch what Kela has forwarded.
    await page.getByRole('button', { name: 'Hae Kelan välittämät hakemukset' }).click()
    await expect(page.getByRole('status').getByText(/^Kelalta tuotiin/)).toBeVisible()
    target = family((await getJson<{ items: ListItem[] }>(page, '/api/income-support/worklist?scope=queue')).items)
  }
  expect(target, 'a Kela-forwarded family application in the queue').toBeTruthy()
  const take = page.getByRole('button', { name: `Ota käsittelyyn: ${target!.applicantName}, hakemus ${target!.number}` })
  const row = page.locator('table.is-worklist tbody tr').filter({ has: take })
  await expect(row.getByText('Kelan välittämä')).toBeVisible()
  await expect(row.getByText(`${target!.memberCount} henkilöä`)).toBeVisible()
  await expectAccessible(page)
  await take.click()

  // The application: header, household, claimed items and the calculation beside them.
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Hakemus ${target!.number}: `) })).toBeVisible()
  await expect(page).toHaveURL(`/persons/${target!.personId}/income-support/${target!.id}`)
  const appUrl = `/api/persons/${target!.personId}/income-support/applications/${target!.id}`
  const app = await getJson<Application>(page, appUrl)
  expect(app.members.length).toBeGreaterThanOrEqual(3)
  expect(app.members.some((m) => m.role === 'child')).toBe(true)
  expect(app.kelaBasic).not.toBeNull()
  expect(app.calculation.ok).toBe(true)
  const calc = (app.calculation as { calculation: Calculation }).calculation
  // Kela decides basic assistance; Huoma's calculation of the same household reproduces it exactly.
  expect(calc.basic.resultCents).toBe(app.kelaBasic!.basicCents)
  await expect(page.getByText('Kelan välittämä', { exact: true }).first()).toBeVisible()
  await expect(page.getByRole('table', { name: /^Kelan perusosalaskelma/ })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Kotitalouden jäsenet' }).getByRole('row')).toHaveCount(app.members.length + 1)
  const countyTotal = page.getByTestId('is-county-total')
  expect(norm((await countyTotal.textContent()) ?? '')).toBe(euro(calc.countyTotalCents))
  await expectAccessible(page)

  // Accept less than claimed for the first supplementary item: the calculation follows at once, then save.
  const first = app.claims.supplementary[0]!
  const acceptedCents = Math.floor(first.amountCents / 200) * 100 // half, in whole euros
  const accepted = page.getByLabel('Hyväksytty (rivi 1, Täydentävät menot)')
  await accepted.fill(String(acceptedCents / 100))
  const expectedCounty = calc.countyTotalCents - (first.acceptedCents ?? first.amountCents) + acceptedCents
  await expect.poll(async () => norm((await countyTotal.textContent()) ?? '')).toBe(euro(expectedCounty))
  await expect(page.getByText('Laskelma tallentamattomista muutoksista.')).toBeVisible()
  await page.getByRole('button', { name: 'Tallenna muutokset' }).click()
  await expect(page.getByText('Hakemus tallennettu.')).toBeVisible()
  await expect(page.getByText('Laskelma tallennetuista tiedoista.')).toBeVisible()
  expect(norm((await countyTotal.textContent()) ?? '')).toBe(euro(expectedCounty))

  // The decision: an outcome, amount and reason per item, general reasons, Swedish.
  const decisionForm = page.getByRole('region', { name: 'Päätös', exact: true })
  const items = decisionForm.locator('fieldset.is-decision-item')
  const itemCount = app.claims.supplementary.length + app.claims.preventive.length
  await expect(items).toHaveCount(itemCount)
  // Each item starts as granted at the amount accepted into the calculation.
  await expect(items.first().getByLabel('Ratkaisu')).toHaveValue('granted')
  await expect(items.first().getByLabel('Myönnetty määrä')).toHaveValue(`${acceptedCents / 100},00`)
  const partCents = Math.max(100, acceptedCents - 2000)
  let expectedGranted = partCents
  for (let i = 0; i < itemCount; i++) {
    const item = items.nth(i)
    if (i === 0) {
      await item.getByLabel('Ratkaisu').selectOption({ label: 'Osittain myönnetty' })
      await item.getByLabel('Myönnetty määrä').fill(`${partCents / 100},00`)
      await item.getByLabel('Perustelu').fill('Kohtuullinen osa haetusta menosta hyväksytään.')
    } else if (i === 1) {
      await item.getByLabel('Ratkaisu').selectOption({ label: 'Hylätty' })
      await item.getByLabel('Perustelu').fill('Menoa ei katsota välttämättömäksi.')
    } else {
      await item.getByLabel('Perustelu').fill('Meno on tarpeellinen.')
      const claim = [...app.claims.supplementary, ...app.claims.preventive][i]! as { amountCents: number; acceptedCents?: number | null }
      expectedGranted += claim.acceptedCents ?? claim.amountCents
    }
  }
  await decisionForm.getByLabel('Päätöksen perustelut').fill('Täydentävää toimeentulotukea myönnetään erityismenoihin harkinnan mukaan.')
  await decisionForm.getByRole('radio', { name: 'ruotsi' }).check()
  // demo clients have no account in the registry: the money goes to the account the client gave on the application
  await decisionForm.getByLabel('Tilinumero (IBAN), jos muu kuin rekisterissä').fill('FI21 1234 5600 0007 85')
  expect(norm((await decisionForm.locator('.is-decision-total').textContent()) ?? '')).toBe(`Myönnetään yhteensä ${euro(expectedGranted)}`)
  await expectAccessible(page)

  // Preview before deciding: a PDF marked as a draft opens in a new window.
  const previewResponse = page.waitForResponse((r) => r.url().endsWith('/decision-preview'))
  const popup = page.waitForEvent('popup')
  await decisionForm.getByRole('button', { name: 'Esikatsele päätös' }).click()
  const preview = await previewResponse
  expect(preview.status()).toBe(200)
  expect(preview.headers()['content-type']).toContain('application/pdf')
  await (await popup).close()
  await expect(decisionForm.getByRole('link', { name: 'Avaa esikatselu (PDF)' })).toBeVisible()

  // A decision cannot be undone: a dialog says what it does, Cancel is focused first and makes nothing.
  await decisionForm.getByRole('button', { name: 'Tee päätös' }).click()
  const confirm = page.getByRole('dialog', { name: 'Tehdäänkö päätös?' })
  await expect(confirm).toContainText('(ruotsi): myönnetään yhteensä')
  await expect(confirm).toContainText('Tehtyä päätöstä ei voi muuttaa eikä poistaa')
  await expect(confirm.getByRole('button', { name: 'Peruuta' })).toBeFocused()
  await expectAccessible(page)
  await page.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  expect((await getJson<Application>(page, appUrl)).decisions).toHaveLength(0)
  await decisionForm.getByRole('button', { name: 'Tee päätös' }).click()
  await confirm.getByRole('button', { name: /^Tee päätös \(/ }).click()
  await expect(page.getByText(/^Päätös \d+ on tehty\.$/)).toBeVisible()
  const decided = await getJson<Application>(page, appUrl)
  expect(decided.decisions).toHaveLength(1)
  const decision = await getJson<Decision>(page, `/api/persons/${target!.personId}/income-support/decisions/${decided.decisions[0]!.id}`)
  expect(decision.language).toBe('sv')
  expect(decision.grantedCents).toBe(expectedGranted)
  expect(decision.items[0]).toMatchObject({ outcome: 'partly_granted', grantedCents: partCents })
  const decisionsRegion = page.getByRole('region', { name: 'Päätökset', exact: true })
  expect(norm((await decisionsRegion.getByTestId('is-decision-granted').textContent()) ?? '')).toBe(euro(decision.grantedCents))
  await expect(decisionsRegion.getByText('Osittain myönnetty').first()).toBeVisible()

  // The Swedish decision PDF: the amounts and the instructions for requesting a review (omprövning).
  const download = page.waitForEvent('download')
  await decisionsRegion.getByRole('link', { name: `Päätös ${decision.number} PDF (ruotsi)` }).click()
  const file = await (await download).path()
  const text = norm(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }))
  expect(text).toContain('omprövning')
  expect(text).toMatch(/Anvisning om begäran om omprövning/i)
  expect(text).toContain(euro(decision.grantedCents))
  expect(text).toContain(euro(partCents))
  expect(text).toContain(euro(acceptedCents))
  expect(text).toContain(euro(decision.calculation.countyTotalCents))
  expect(text).toContain(euro(decision.calculation.basic.resultCents))
  expect(text).not.toContain('Oikaisuvaatimusohje')

  // The notification (tiedoksianto) starts the 30 days for a review.
  await decisionsRegion.getByLabel('Tiedoksiantotapa').selectOption({ label: 'Kirjeellä' })
  await decisionsRegion.getByRole('button', { name: 'Kirjaa tiedoksianto' }).click()
  await expect(page.getByText('Tiedoksianto kirjattu.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Päätökset', exact: true }).getByText('Oikaisuvaatimus viimeistään')).toBeVisible()
  await expectAccessible(page)

  // The client card leads to the client's income support applications.
  await page.getByRole('link', { name: 'Asiakkaan kortti' }).click()
  const section = page.getByRole('region', { name: 'Toimeentulotuki', exact: true })
  await expect(section.getByRole('link', { name: `Hakemus ${target!.number}` })).toBeVisible()
  await expect(section.getByText('Tiedoksi annettu')).toBeVisible()
  await section.getByRole('link', { name: `Hakemus ${target!.number}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Hakemus ${target!.number}: `) })).toBeVisible()
})

test('the main user changes a parameter set and its history keeps who and when; a handler only reads', async ({ page }) => {
  await login(page, 'paakayttaja')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Toimeentulotuen parametrit' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Toimeentulotuen parametrit' })).toBeVisible()
  const sets = page.getByRole('table', { name: 'Parametrijaksot' })
  await expect(sets.getByRole('row')).not.toHaveCount(1)
  const detail = page.getByRole('region', { name: /^Parametrit / })
  await expect(detail.getByRole('table', { name: 'Perusosat' }).getByRole('row')).toHaveCount(11)
  await expectAccessible(page)

  await detail.getByRole('button', { name: 'Muokkaa' }).click()
  const form = page.getByRole('form', { name: 'Parametrien muokkaus' })
  await expect(form.getByRole('heading', { name: 'Parametrien muokkaus' })).toBeFocused()
  const single = form.getByLabel('Yksin asuva', { exact: true })
  const before = await single.inputValue()
  await single.fill('-1')
  await expect(form.getByText('Summa ei voi olla negatiivinen.')).toBeVisible()
  await single.fill(before)
  await form.getByLabel('Lähde').fill('Kela, tarkistettu e2e-testissä')
  await expectAccessible(page)
  await form.getByRole('button', { name: 'Tallenna' }).click()
  await expect(page.getByText('Parametrit tallennettu.')).toBeVisible()
  await expect(detail.getByText('Kela, tarkistettu e2e-testissä')).toBeVisible()
  await detail.getByRole('button', { name: 'Muutoshistoria' }).click()
  const history = detail.getByRole('table', { name: 'Jakson muutokset' })
  await expect(history.getByRole('row').nth(1)).toContainText('Muutettu')
  // From the top: axe counts a button scrolled half under the sticky page header as a too small target.
  await page.evaluate(() => window.scrollTo(0, 0))
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await login(page, 'etuuskasittelija')
  await page.goto('/income-support/parameters')
  await expect(page.getByRole('table', { name: 'Perusosat' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Muokkaa' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Uusi parametrijakso' })).toHaveCount(0)
})
