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
/** 1 = Monday … 7 = Sunday. */
const isoDay = (iso: string) => ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1
/** ISO 8601 week number: the week of the year that holds this week's Thursday. */
function isoWeek(iso: string): number {
  const thursday = addDays(iso, 4 - isoDay(iso))
  const jan1 = `${thursday.slice(0, 4)}-01-01`
  return Math.floor((Date.parse(`${thursday}T12:00:00Z`) - Date.parse(`${jan1}T12:00:00Z`)) / 86_400_000 / 7) + 1
}
const finnish = (iso: string) => `${Number(iso.slice(8, 10))}.${Number(iso.slice(5, 7))}.${iso.slice(0, 4)}`
const short = (iso: string) => `${['Ma', 'Ti', 'Ke', 'To', 'Pe', 'La', 'Su'][isoDay(iso) - 1]} ${Number(iso.slice(8, 10))}.${Number(iso.slice(5, 7))}.`
const clock = (hhmm: string) => `${Number(hhmm.slice(0, 2))}.${hhmm.slice(3)}`

async function post(api: APIRequestContext, csrf: string, url: string, data: unknown) {
  const res = await api.post(url, { headers: { 'x-csrf-token': csrf }, data })
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201)
  return res.json()
}

test("the week grid shows this week's appointment at its time, pages weeks, and an empty slot starts a booking", async ({ page, playwright, baseURL }) => {
  // half an hour starting ten minutes from now on a five-minute boundary (the past cannot be booked)
  const startAt = new Date(Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000)
  const start = helsinki(startAt)
  const end = helsinki(new Date(startAt.getTime() + 30 * 60_000))
  test.skip(end.date !== helsinki(new Date()).date || end.time < start.time, 'too close to midnight in Helsinki for an appointment today')
  const today = start.date
  const monday = addDays(today, 1 - isoDay(today))

  // the social counsellor (not the social worker, whose calendar other specs book near now) and a client of theirs
  const worker = await playwright.request.newContext({ baseURL })
  const { userId, csrf } = await apiLogin(worker, 'sosiaaliohjaaja')
  const secretary = await playwright.request.newContext({ baseURL })
  const sec = await apiLogin(secretary, 'toimistosihteeri')
  const suffix = String(Date.now() % 100000)
  const { id } = (await post(secretary, sec.csrf, '/api/persons', { firstNames: 'Ruudukko', lastName: `Asiakas${suffix}`, birthDate: '1981-05-06' })) as { id: string }
  await post(secretary, sec.csrf, `/api/persons/${id}/relationships`, { serviceTask: 'adult_social_work', userId, kind: 'team', startReason: 'application' })
  await secretary.dispose()
  await post(worker, csrf, `/api/persons/${id}/appointments`, { workerId: userId, serviceTask: 'adult_social_work', start: `${today}T${start.time}`, end: `${today}T${end.time}`, place: 'office' })
  await worker.dispose()
  const name = `Asiakas${suffix} Ruudukko`

  await login(page, 'sosiaaliohjaaja')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Ajanvaraus' }).click()
  const thisWeek = `Viikko ${isoWeek(today)}: ${finnish(monday)}–${finnish(addDays(monday, 6))}`
  await expect(page.getByRole('heading', { name: thisWeek })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Aikataulukko' })).toHaveAttribute('aria-pressed', 'true')

  // the appointment stands in today's column (highlighted), named by day, time, client and type, at its hour row
  const column = page.getByRole('region', { name: short(today) })
  await expect(column.getByText('Tänään')).toBeVisible()
  const item = column.getByRole('button', { name: `${short(today)} klo ${clock(start.time)}–${clock(end.time)}, ${name}, Aikuisten sosiaalityö, Toimisto` })
  await expect(item).toBeVisible()
  const hour = page.locator('.appt-tg-hours .appt-tg-hour', { hasText: new RegExp(`^${Number(start.time.slice(0, 2))}\\.00$`) })
  const [itemBox, hourBox, columnBox] = [await item.boundingBox(), await hour.boundingBox(), await column.boundingBox()]
  const hourRow = 2 * 1.4 * 16 // two half-hour rows of 1.4 rem
  const expectedTop = hourBox!.y + (Number(start.time.slice(3)) / 60) * hourRow
  expect(Math.abs(itemBox!.y - expectedTop)).toBeLessThan(6)
  expect(itemBox!.x).toBeGreaterThanOrEqual(columnBox!.x)
  expect(itemBox!.x + itemBox!.width).toBeLessThanOrEqual(columnBox!.x + columnBox!.width + 1)
  await expectAccessible(page)

  // a click opens it: the client's card is a link away
  await item.click()
  await expect(page.getByRole('region', { name: new RegExp(`${finnish(today)}$`) }).getByRole('link', { name })).toBeVisible()

  // next week has no such appointment; back again shows it
  const nextMonday = addDays(monday, 7)
  await page.getByRole('button', { name: 'Seuraava viikko' }).click()
  await expect(page.getByRole('heading', { name: `Viikko ${isoWeek(nextMonday)}: ${finnish(nextMonday)}–${finnish(addDays(nextMonday, 6))}` })).toBeVisible()
  await expect(page.getByRole('button', { name: new RegExp(name) })).toHaveCount(0)
  await page.getByRole('button', { name: 'Edellinen viikko' }).click()
  await expect(page.getByRole('heading', { name: thisWeek })).toBeVisible()
  await expect(item).toBeVisible()
  await page.getByRole('button', { name: 'Seuraava viikko' }).click()
  await page.getByRole('button', { name: 'Tämä viikko' }).click()
  await expect(page.getByRole('heading', { name: thisWeek })).toBeVisible()

  // an empty slot on next week's Wednesday at 10.30 opens the booking form with that day and time
  await page.getByRole('button', { name: 'Seuraava viikko' }).click()
  const wednesday = addDays(nextMonday, 2)
  await page.getByRole('region', { name: short(wednesday) }).getByRole('button', { name: `Varaa aika: ${short(wednesday)} klo 10.30` }).click()
  const form = page.getByRole('region', { name: 'Varaa aika' })
  await expect(form.getByLabel('Päivä', { exact: true })).toHaveValue(wednesday)
  await expect(form.getByLabel('Alkaa')).toHaveValue('10:30')
  await expect(form.getByLabel('Päättyy')).toHaveValue('11:30')
  await expect(form.getByLabel('Hae asiakasta nimellä')).toBeFocused()
  await expectAccessible(page)

  // the list stays available as a toggle
  await page.getByRole('button', { name: 'Lista' }).click()
  await page.getByRole('button', { name: 'Tämä viikko' }).click()
  await expect(page.getByRole('region', { name: short(today) }).getByRole('link', { name })).toBeVisible()
})

test('a narrow screen gets the list', async ({ page }) => {
  await page.setViewportSize({ width: 600, height: 900 })
  await login(page, 'sosiaaliohjaaja')
  await page.goto('/appointments?date=2031-03-12')
  await expect(page.getByRole('button', { name: 'Lista' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('region', { name: 'Ke 12.3.' }).getByText('Ei varauksia.')).toBeVisible()
})
