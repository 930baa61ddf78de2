import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, expectAccessible, login } from '../support/fixtures'

const REASON = 'Asiakas soitti kriisitilanteessa, vastuutyöntekijä on lomalla'

interface Found {
  id: string
  hetu: string
  firstNames: string
  lastName: string
  turvakielto: boolean
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await expect(page).toHaveURL(/\/login/)
}

test('a social worker breaks the glass for a hidden client, and the data protection officer reviews the access', async ({ page, playwright, baseURL }) => {
  // The office secretary may see the registry: read a person's henkilötunnus through their search.
  const secretary = await playwright.request.newContext({ baseURL })
  const signedIn = await secretary.post('/api/auth/login', { data: { username: 'toimistosihteeri', password: DEMO_PASSWORD } })
  expect(signedIn.ok()).toBe(true)
  const found = await secretary.get('/api/persons?name=ko&limit=30')
  expect(found.ok()).toBe(true)
  const { persons } = (await found.json()) as { persons: Found[] }
  const person = persons.find((p) => !p.turvakielto && p.hetu)!
  expect(person).toBeDefined()
  await secretary.dispose()

  // The social worker has no relationship with the person: the search says only that someone exists.
  await login(page, 'sosiaalityontekija')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Asiakkaat' }).click()
  const search = page.getByRole('search')
  await search.getByRole('searchbox').fill(person.hetu)
  await search.getByRole('button', { name: 'Hae', exact: true }).click()
  await expect(page.getByText(/jonka tietoihin sinulla ei ole asiakassuhdetta/)).toBeVisible()
  await expect(page.getByText(person.lastName)).toHaveCount(0)
  await expectAccessible(page)

  const open = page.getByRole('button', { name: 'Avaa tiedot poikkeuksellisesti…' })
  await open.click()
  const dialog = page.getByRole('dialog', { name: 'Avaa tiedot ilman asiakassuhdetta' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Pääsy ja sen syy kirjataan lokiin')
  await expect(dialog).toContainText('tietosuojavastaava tarkastaa sen jälkikäteen')
  await expect(dialog.getByLabel('Palvelutehtävä')).toBeFocused()
  await expectAccessible(page)

  // Escape closes the dialog and gives the focus back; nothing was opened.
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(open).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()

  // Keyboard only: choose the task, try without a reason, then give one.
  await dialog.getByLabel('Palvelutehtävä').selectOption({ label: 'Aikuisten sosiaalityö' })
  await dialog.getByRole('button', { name: 'Avaa tiedot' }).click()
  await expect(dialog.getByText('Kirjoita syy omin sanoin: vähintään 10 kirjainta tai numeroa.')).toBeVisible()
  await expect(dialog.getByLabel('Syy tietojen avaamiseen')).toBeFocused()
  await expectAccessible(page)
  await page.keyboard.type(REASON)
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Avaa tiedot' })).toBeFocused()
  await page.keyboard.press('Enter')

  // The access is open: the client card shows the person (the card page has its own accessibility checks).
  await expect(dialog).toBeHidden()
  await expect(page).toHaveURL(new RegExp(`/persons/${person.id}$`))
  await expect(page.getByRole('heading', { level: 1, name: `${person.lastName} ${person.firstNames}` })).toBeVisible()
  await expect(page.getByText(person.hetu, { exact: true }).first()).toBeVisible()
  await signOut(page)

  // The data protection officer finds the access in the review queue and closes it with a verdict.
  await login(page, 'tietosuojavastaava')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Lokivalvonta' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lokivalvonta' })).toBeVisible()
  await expectAccessible(page)
  const logTab = page.getByRole('tab', { name: 'Lokihaku' })
  await logTab.focus()
  await page.keyboard.press('ArrowRight')
  const queueTab = page.getByRole('tab', { name: 'Poikkeukselliset pääsyt' })
  await expect(queueTab).toBeFocused()
  await expect(queueTab).toHaveAttribute('aria-selected', 'true')

  const card = page.getByRole('article').filter({ hasText: REASON })
  await expect(card).toBeVisible()
  await expect(card).toContainText('Aino Lehtinen')
  await expect(card).toContainText('Aikuisten sosiaalityö')
  await expect(card).toContainText(person.id)
  await expectAccessible(page)
  await card.getByRole('radio', { name: 'Perusteltu' }).check()
  await card.getByLabel('Perustelu').fill('Kiireellinen tilanne, asiakassuhde avattiin samana päivänä')
  await card.getByRole('button', { name: 'Tallenna arvio' }).click()
  await expect(page.getByText('Arvio tallennettu.')).toBeFocused()
  const closed = page.getByRole('article').filter({ hasText: REASON })
  await expect(closed).toContainText('Arvioitu: Perusteltu')
  await expect(closed).toContainText('Arvioija Maria Lindqvist')
  await expect(closed.getByRole('button', { name: 'Tallenna arvio' })).toHaveCount(0)
  await expectAccessible(page)

  // The log of the client, found by henkilötunnus as the officer types, shows the worker's use of the access.
  await logTab.click()
  await page.getByLabel('Asiakas', { exact: true }).fill(person.hetu)
  await page.getByRole('button', { name: `${person.lastName} ${person.firstNames}, ${person.hetu}` }).click()
  await expect(page.getByRole('button', { name: 'Vaihda asiakas' })).toBeVisible()
  await page.getByRole('button', { name: 'Hae', exact: true }).click()
  const table = page.getByRole('table')
  await expect(table.getByRole('row').filter({ hasText: 'Aino Lehtinen' }).first()).toContainText('Poikkeuksellinen pääsy')
  await expectAccessible(page)
})
