import { expect, test, type APIRequestContext } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

/** Helsinki wall clock `YYYY-MM-DD` and `HH:MM` of an instant. */
function helsinki(at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
  const [date, time] = parts.split(' ')
  return { date: date!, time: time! }
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function post(api: APIRequestContext, csrf: string, url: string, data: unknown) {
  const res = await api.post(url, { headers: { 'x-csrf-token': csrf }, data })
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201)
  return res.json()
}

test("the social worker's desk shows today's appointment and an overdue deadline, with links into the work", async ({ page, playwright, baseURL }) => {
  // an appointment later today (a quarter of an hour, starting ten minutes from now on a five-minute boundary)
  const startAt = new Date(Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000)
  const start = helsinki(startAt)
  const end = helsinki(new Date(startAt.getTime() + 15 * 60_000))
  test.skip(end.date !== helsinki(new Date()).date || end.time < start.time, 'too close to midnight in Helsinki for an appointment today')
  const today = helsinki(new Date()).date

  const worker = await playwright.request.newContext({ baseURL })
  const { userId, csrf } = await apiLogin(worker, 'sosiaalityontekija')
  const secretary = await playwright.request.newContext({ baseURL })
  const sec = await apiLogin(secretary, 'toimistosihteeri')
  const suffix = String(Date.now() % 100000)
  const { id } = (await post(secretary, sec.csrf, '/api/persons', { firstNames: 'Pöytä', lastName: `Asiakas${suffix}`, birthDate: '1980-04-05' })) as { id: string }
  for (const serviceTask of ['adult_social_work', 'income_support']) {
    await post(secretary, sec.csrf, `/api/persons/${id}/relationships`, { serviceTask, userId, kind: 'team', startReason: 'application' })
  }
  await secretary.dispose()
  const name = `Asiakas${suffix} Pöytä`

  await post(worker, csrf, `/api/persons/${id}/appointments`, { workerId: userId, serviceTask: 'adult_social_work', start: `${start.date}T${start.time}`, end: `${end.date}T${end.time}`, place: 'office' })
  // an application received a month ago that the worker took: its TTTL 14 a § deadline is overdue
  const units = (await (await worker.get('/api/units')).json()) as { units: { id: string; code: string }[] }
  const aiku = units.units.find((u) => u.code === 'AIKU')!.id
  const received = addDays(today, -30)
  await post(worker, csrf, `/api/persons/${id}/income-support/applications`, {
    unitId: aiku,
    channel: 'paper',
    receivedOn: received,
    urgent: false,
    // the calculation period is one calendar month: the month the application came in
    periodStart: `${received.slice(0, 7)}-01`,
    periodEnd: addDays(`${addDays(`${received.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1),
    members: [{ personId: id, role: 'applicant' }],
    claims: { expenses: [{ type: 'rent', amountCents: 60000 }], incomes: [], assets: [], supplementary: [], preventive: [] },
    takeIt: true,
  })
  await worker.dispose()

  await login(page, 'sosiaalityontekija')
  await expect(page.getByRole('heading', { level: 1, name: 'Etusivu' })).toBeVisible()
  const todayPanel = page.getByRole('region', { name: 'Tänään' })
  const appointment = todayPanel.getByRole('listitem').filter({ hasText: name })
  const [h, m] = start.time.split(':')
  await expect(appointment).toContainText(`klo ${Number(h)}.${m}`)
  const deadlines = page.getByRole('region', { name: 'Määräaikani' })
  const overdue = deadlines.getByRole('listitem').filter({ hasText: name })
  await expect(overdue).toContainText('Myöhässä')
  await expect(overdue.getByRole('link', { name: `Toimeentulotukipäätös: ${name}` })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Keskeneräiset' }).getByRole('link', { name: new RegExp(`${name}: Toimeentulotukihakemus`) })).toBeVisible()
  // the workers' home page shows no database details
  await expect(page.getByText('PGlite', { exact: false })).toHaveCount(0)
  await expectAccessible(page)

  // the deadline opens the client's card
  await overdue.getByRole('link').click()
  await expect(page).toHaveURL(new RegExp(`/persons/${id}$`))
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Asiakas${suffix}`) })).toBeVisible()

  // the unfinished application opens the application
  await page.goto('/')
  await page.getByRole('region', { name: 'Keskeneräiset' }).getByRole('link', { name: new RegExp(`${name}: Toimeentulotukihakemus`) }).click()
  await expect(page).toHaveURL(new RegExp(`/persons/${id}/income-support/[0-9a-f-]{36}$`))

  // the appointment's client opens the card, the calendar link the calendar
  await page.goto('/')
  await page.getByRole('region', { name: 'Tänään' }).getByRole('link', { name }).click()
  await expect(page).toHaveURL(new RegExp(`/persons/${id}$`))
  await page.goto('/')
  await page.getByRole('region', { name: 'Tänään' }).getByRole('link', { name: 'Avaa kalenteri' }).click()
  await expect(page).toHaveURL(/\/appointments\?date=/)
  await expect(page.getByText(name).first()).toBeVisible()
})

test('the statistician is told what the role will do', async ({ page }) => {
  await login(page, 'tilastot')
  await expect(page.getByText(/Tilastoijan työpöytä: tilastot ovat vielä tekeillä/)).toBeVisible()
  await expect(page.getByText(/Sinulla ei ole vielä oikeuksia/)).toHaveCount(0)
  await expectAccessible(page)
})
