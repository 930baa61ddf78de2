import { expect, test } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

interface Worklist {
  items: { id: string; number: number; applicantName: string }[]
  total: number
}

test('the benefit handler pages the worklist to the 134th application', async ({ page, playwright, baseURL }) => {
  const handler = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(handler, 'etuuskasittelija')
  const secretary = await playwright.request.newContext({ baseURL })
  const sec = await apiLogin(secretary, 'toimistosihteeri')
  const worklist = async (query: string) => (await (await handler.get(`/api/income-support/worklist?${query}`)).json()) as Worklist
  // the demo's open applications, and more registered into the unit's queue until there are 134
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())
  const units = (await (await handler.get('/api/units')).json()) as { units: { id: string; code: string }[] }
  const etuu = units.units.find((u) => u.code === 'ETUU')!.id
  for (let n = (await worklist('scope=all&limit=1')).total; n < 134; n++) {
    const person = await secretary.post('/api/persons', { headers: { 'x-csrf-token': sec.csrf }, data: { firstNames: 'Sivu', lastName: `Selaaja${n}`, birthDate: '1981-02-03' } })
    expect(person.status()).toBe(201)
    const { id } = (await person.json()) as { id: string }
    const res = await handler.post(`/api/persons/${id}/income-support/applications`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        unitId: etuu,
        channel: 'paper',
        receivedOn: today,
        urgent: false,
        periodStart: `${today.slice(0, 7)}-01`,
        periodEnd: `${today.slice(0, 7)}-28`,
        members: [{ personId: id, role: 'applicant' }],
        claims: { expenses: [{ type: 'rent', amountCents: 40000 }], incomes: [], assets: [], supplementary: [], preventive: [] },
        takeIt: false,
      },
    })
    expect(res.status(), await res.text()).toBe(201)
  }
  const total = (await worklist('scope=all&limit=1')).total
  expect(total).toBeGreaterThanOrEqual(134)
  const the134th = (await worklist('scope=all&offset=133&limit=1')).items[0]!
  await secretary.dispose()
  await handler.dispose()

  await login(page, 'etuuskasittelija')
  await page.goto('/income-support?scope=all')
  const pager = page.getByRole('navigation', { name: 'Sivut' })
  const pages = Math.ceil(total / 100)
  await expect(pager).toContainText(`Näytetään 1–100 / ${total} · Sivu 1 / ${pages}`)
  await expect(page.locator('table.is-worklist tbody tr')).toHaveCount(100)
  await expectAccessible(page)
  await pager.getByRole('button', { name: 'Seuraava sivu' }).click()
  await expect(pager).toContainText(`Näytetään 101–${Math.min(200, total)} / ${total}`)
  const row = page.locator('table.is-worklist tbody tr').filter({ has: page.getByRole('cell', { name: String(the134th.number), exact: true }) })
  await expect(row).toContainText(the134th.applicantName)
  await expect(page).toHaveURL(/offset=100/)

  // sorted by the applicant's name, from the first page; the header says the order
  await page.getByRole('button', { name: 'Hakija', exact: true }).click()
  await expect(page.getByRole('columnheader', { name: /Hakija/ })).toHaveAttribute('aria-sort', 'ascending')
  await expect(pager).toContainText(`Näytetään 1–100 / ${total}`)
  // only the overdue ones
  // (the address holds the filter: the box shows it once the address has changed)
  await page.getByRole('checkbox', { name: 'Vain myöhässä olevat' }).click()
  await expect(page).toHaveURL(/overdue=true/)
  await expect(page.getByRole('checkbox', { name: 'Vain myöhässä olevat' })).toBeChecked()
  const rows = page.locator('table.is-worklist tbody tr')
  await expect(rows.first()).toContainText('Myöhässä')
  await expectAccessible(page)
})
