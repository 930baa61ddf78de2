import { expect, test } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

test('a benefit handler sees the statutory deadlines of the unit queue and of their own clients', async ({ page }) => {
  await login(page, 'etuuskasittelija')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Määräajat' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Määräajat' })).toBeVisible()
  // own: the demo handler has taken two of Kela's forwarded applications
  const table = page.getByRole('table', { name: 'Määräajat, aikaisin ensin' })
  await expect(table.getByRole('row').filter({ hasText: 'Toimeentulotukipäätös' }).first()).toBeVisible()
  await expectAccessible(page)

  // the unit's queue: nobody responsible yet, the earliest first, overdue ones marked
  await page.getByRole('radio', { name: 'Yksikön jono' }).check()
  const queueRow = table.getByRole('row').filter({ hasText: 'Ei vielä' }).first()
  await expect(queueRow).toBeVisible()
  await expect(queueRow).toContainText('TTTL 14 a §')
  await page.getByRole('checkbox', { name: 'Vain myöhässä olevat' }).check()
  await expect(page.getByRole('status').filter({ hasText: /määräai/ })).toBeVisible()
  const rows = table.getByRole('row')
  const count = await rows.count()
  for (let i = 1; i < count; i++) await expect(rows.nth(i)).toContainText('Myöhässä')
  await expectAccessible(page)

  // the queue names clients without opening their cards (a row links only where the handler has a basis of her
  // own, e.g. an earlier matter: which row comes first depends on the demo data); my own rows link to the card
  await page.getByRole('checkbox', { name: 'Vain myöhässä olevat' }).uncheck()
  await expect(table.getByRole('row').filter({ hasText: 'Ei vielä' }).filter({ hasNot: page.getByRole('link') }).first()).toBeVisible()
  await page.getByRole('radio', { name: 'Omat' }).check()
  await table.getByRole('row').filter({ hasText: 'Toimeentulotukipäätös' }).first().getByRole('link').click()
  await expect(page).toHaveURL(/\/persons\/[0-9a-f-]{36}/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})
