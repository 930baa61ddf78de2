import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

/** A calendar date in Finland `days` from today, as `YYYY-MM-DD` (what a date input takes). */
function helsinkiDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const date = new Date(`${today}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** 2026-03-05 → 5.3.2026, as the Finnish UI writes it. */
const finnish = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number)
  return `${d}.${m}.${y}`
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await expect(page).toHaveURL(/\/login/)
}

test('a main user asks for a substitute right, another grants it, and the worker has the role at the next sign-in', async ({ page }) => {
  const until = helsinkiDate(30)
  await login(page, 'paakayttaja')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät ja oikeudet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttäjät ja oikeudet' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Käyttäjät' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Nimi tai käyttäjätunnus').fill('salonen')
  await page.getByRole('button', { name: 'Hae' }).click()
  await expect(page.getByText('1 käyttäjä.')).toBeVisible()
  await page.getByRole('link', { name: 'Mikko Salonen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Mikko Salonen' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Myönnä käyttöoikeus' }).click()
  const form = page.getByRole('form', { name: 'Uusi käyttöoikeus' })
  await form.getByLabel('Rooli').selectOption({ label: 'Sosiaalityöntekijä' })
  await form.getByLabel('Yksikkö').selectOption({ label: 'Lapsiperheiden palvelut ja lastensuojelu (LAPS)' })
  await form.getByRole('checkbox', { name: 'Lastensuojelu', exact: true }).check()
  await form.getByRole('checkbox', { name: /^Sijainen/ }).check()
  // The right sees client data: two people give it, so the form sends a request for another main user.
  await expect(form.getByText(/Tämä rooli näkee asiakastietoja, joten sen myöntää kaksi henkilöä/)).toBeVisible()
  const send = form.getByRole('button', { name: 'Lähetä toiselle pääkäyttäjälle' })
  // A substitute without an end date is refused at the field before anything is sent.
  await send.click()
  await expect(form.getByText('Sijaisen käyttöoikeudelle pitää antaa päättymispäivä.')).toBeVisible()
  await expect(form.getByLabel('Päättyy (pakollinen sijaiselle)')).toBeFocused()
  await expectAccessible(page)

  await form.getByLabel('Päättyy (pakollinen sijaiselle)').fill(until)
  await form.getByLabel('Perustelu').fill('Lastensuojelun sijaisuus joulun ajan.')
  await send.click()
  await expect(page.getByRole('status').filter({ hasText: 'Pyyntö on lähetetty toisen pääkäyttäjän hyväksyttäväksi.' })).toBeVisible()
  // The asker sees the request but cannot grant it.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät ja oikeudet' }).click()
  const mine = page.getByRole('region', { name: 'Avoimet käyttöoikeuspyynnöt' })
  await expect(mine).toContainText('Teit pyynnön itse')
  await expect(mine.getByRole('button', { name: 'Myönnä Mikko Salonen: Sosiaalityöntekijä' })).toHaveCount(0)
  await signOut(page)

  await login(page, 'paakayttaja2')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät ja oikeudet' }).click()
  const open = page.getByRole('region', { name: 'Avoimet käyttöoikeuspyynnöt' })
  await expect(open).toContainText('Lastensuojelun sijaisuus joulun ajan.')
  await open.getByRole('button', { name: 'Myönnä Mikko Salonen: Sosiaalityöntekijä' }).click()
  await expect(open.getByRole('status')).toContainText('Pyyntö on myönnetty')
  await page.getByLabel('Nimi tai käyttäjätunnus').fill('salonen')
  await page.getByRole('button', { name: 'Hae' }).click()
  await page.getByRole('link', { name: 'Mikko Salonen' }).click()
  const grants = page.getByRole('table', { name: 'Käyttäjän Mikko Salonen käyttöoikeudet' })
  const row = grants.getByRole('row').filter({ hasText: 'Sosiaalityöntekijä' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('Lastensuojelu')
  await expect(row).toContainText(`–${finnish(until)}`)
  await expect(row).toContainText('Voimassa')
  await expectAccessible(page)
  await signOut(page)

  await login(page, 'sosiaaliohjaaja')
  await expect(page.getByRole('banner').getByText(/Sosiaaliohjaaja, Sosiaalityöntekijä|Sosiaalityöntekijä, Sosiaaliohjaaja/)).toBeVisible()
})

test.describe.serial('a new colleague', () => {
  let oneTimePassword = ''

  test('the main user creates an account and sees its one-time password once', async ({ page }) => {
    await login(page, 'paakayttaja')
    await page.goto('/admin/users')
    await page.getByRole('link', { name: 'Lisää käyttäjä' }).click()
    const form = page.getByRole('region', { name: 'Uusi käyttäjä' })
    await form.getByLabel('Käyttäjätunnus').fill('Kaisa.Kesa')
    await form.getByLabel('Nimi', { exact: true }).fill('Kaisa Kesä')
    await form.getByLabel('Sähköposti (vapaaehtoinen)').fill('kaisa.kesa@demola.fi')
    await expectAccessible(page)
    await form.getByRole('button', { name: 'Tallenna käyttäjä' }).click()
    const created = page.getByRole('region', { name: 'Käyttäjä Kaisa Kesä on lisätty' })
    await expect(created).toContainText('kaisa.kesa')
    oneTimePassword = (await created.locator('code').textContent()) ?? ''
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    await expectAccessible(page)
    await created.getByRole('button', { name: 'Siirry myöntämään käyttöoikeuksia' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Kaisa Kesä' })).toBeVisible()
    await expect(page.getByText('Vaihdettava seuraavalla kirjautumisella')).toBeVisible()
    await expect(page.getByText(oneTimePassword)).toHaveCount(0)
  })

  test('a supervisor requests a right for them and a main user who did not create the account grants it', async ({ page }) => {
    await login(page, 'esihenkilo')
    const nav = page.getByRole('navigation', { name: 'Päävalikko' })
    await expect(nav.getByRole('link', { name: 'Käyttäjät ja oikeudet' })).toHaveCount(0)
    await nav.getByRole('link', { name: 'Käyttöoikeuspyynnöt' }).click()
    const form = page.getByRole('region', { name: 'Pyydä käyttöoikeutta' })
    await expect(form).toBeVisible()
    await expectAccessible(page)
    await form.getByLabel('Työntekijä').selectOption({ label: 'Kaisa Kesä (kaisa.kesa)' })
    await form.getByLabel('Rooli').selectOption({ label: 'Sosiaaliohjaaja' })
    await form.getByLabel('Yksikkö').selectOption({ label: 'Lapsiperheiden palvelut ja lastensuojelu (LAPS)' })
    await form.getByRole('checkbox', { name: 'Lapsiperheiden sosiaalipalvelut' }).check()
    await form.getByRole('checkbox', { name: /^Sijainen/ }).check()
    await form.getByLabel('Päättyy (pakollinen sijaiselle)').fill(helsinkiDate(60))
    await form.getByLabel('Perustelu').fill('Perhetyön sijaisuus kesän ajan.')
    await form.getByRole('button', { name: 'Lähetä pyyntö' }).click()
    await expect(form.getByRole('status')).toContainText('Pyyntö on lähetetty pääkäyttäjälle')
    await expect(page.getByRole('region', { name: 'Lähettämäsi pyynnöt' })).toContainText('Odottaa pääkäyttäjän käsittelyä')
    await expectAccessible(page)
    await signOut(page)

    // The main user who created the account does not grant it a right that sees client data.
    await login(page, 'paakayttaja')
    await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät ja oikeudet' }).click()
    const created = page.getByRole('region', { name: 'Avoimet käyttöoikeuspyynnöt' })
    await expect(created).toContainText('Perhetyön sijaisuus kesän ajan.')
    await expect(created).toContainText('Loit käyttäjätunnuksen itse')
    await expect(created.getByRole('button', { name: 'Myönnä Kaisa Kesä: Sosiaaliohjaaja' })).toHaveCount(0)
    await expectAccessible(page)
    await signOut(page)

    await login(page, 'paakayttaja2')
    await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät ja oikeudet' }).click()
    const open = page.getByRole('region', { name: 'Avoimet käyttöoikeuspyynnöt' })
    await expect(open).toContainText('Perhetyön sijaisuus kesän ajan.')
    await open.getByRole('button', { name: 'Myönnä Kaisa Kesä: Sosiaaliohjaaja' }).click()
    await expect(open.getByRole('status')).toContainText('Pyyntö on myönnetty')
    await expect(open).toContainText('Ei avoimia pyyntöjä.')
  })

  test('deactivation asks first, and the account can no longer sign in', async ({ page, request }) => {
    const before = await request.post('/api/auth/login', { data: { username: 'kaisa.kesa', password: oneTimePassword } })
    expect(before.status()).toBe(200)
    expect((await before.json()).stage).toBe('password_change')

    await login(page, 'paakayttaja')
    await page.goto('/admin/users?q=kaisa')
    await page.getByRole('link', { name: 'Kaisa Kesä' }).click()
    await expect(page.getByRole('table', { name: 'Käyttäjän Kaisa Kesä käyttöoikeudet' })).toContainText('pyytäjä Jari Heikkilä')
    await page.getByRole('button', { name: 'Poista käytöstä' }).click()
    const confirm = page.getByRole('group', { name: 'Poistetaanko käyttäjän Kaisa Kesä tunnus käytöstä?' })
    await expect(confirm.getByRole('heading')).toBeFocused()
    await expectAccessible(page)
    await confirm.getByRole('button', { name: 'Poista tunnus käytöstä' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Tunnus on poistettu käytöstä' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Ota uudelleen käyttöön' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Käyttäjän Kaisa Kesä käyttöoikeudet' })).toContainText('Lopetettu')

    const after = await request.post('/api/auth/login', { data: { username: 'kaisa.kesa', password: oneTimePassword } })
    expect(after.status()).toBe(401)
  })
})
