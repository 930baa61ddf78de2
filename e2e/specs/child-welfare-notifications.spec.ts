import { expect, test, type APIRequestContext } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

/** The parts of the API answers this spec reads (the contract's types, narrowed). */
interface PersonSummary {
  id: string
  hetu: string | null
  firstNames: string
  lastName: string
  birthDate: string | null
}
interface Card {
  family: { id: string; relation: string; firstNames: string; lastName: string; birthDate: string | null; validUntil: string | null }[]
}
interface Child {
  id: string
  hetu: string
  firstNames: string
  lastName: string
  birthDate: string
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
/** `2030-01-04` → `4.1.2030`, as the UI writes dates. */
const fiDate = (date: string) => {
  const [y, m, d] = date.split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}
/** `date` plus whole months, the last day of a shorter month when the day does not exist there (150/1930 3 §). */
const addMonths = (date: string, months: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10)
}

/**
 * Two minors under a shared guardian, with henkilötunnus (the demo population differs from run to run): a guardian
 * whose card, as the office secretary reaches the registry, names two wards under 16 — found by common surnames.
 */
async function findSiblings(api: APIRequestContext): Promise<[Child, Child]> {
  const limit = addMonths(today(), -16 * 12)
  for (const surname of ['Virtanen', 'Korhonen', 'Nieminen', 'Mäkinen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo']) {
    const found = await api.get(`/api/persons?name=${encodeURIComponent(surname)}&limit=50`)
    if (!found.ok()) continue
    const { persons } = (await found.json()) as { persons: PersonSummary[] }
    for (const adult of persons.filter((p) => p.birthDate && p.birthDate < addMonths(today(), -18 * 12))) {
      const res = await api.get(`/api/persons/${adult.id}/card`)
      if (!res.ok()) continue
      const card = (await res.json()) as Card
      const wards = card.family.filter((f) => f.relation === 'ward' && f.birthDate && f.birthDate > limit && (!f.validUntil || f.validUntil > today()))
      if (wards.length < 2) continue
      const children: Child[] = []
      for (const ward of wards.slice(0, 2)) {
        const person = (await (await api.get(`/api/persons/${ward.id}`)).json()) as PersonSummary
        if (person.hetu && person.birthDate) children.push({ id: person.id, hetu: person.hetu, firstNames: person.firstNames, lastName: person.lastName, birthDate: person.birthDate })
      }
      if (children.length === 2) return [children[0]!, children[1]!]
    }
  }
  throw new Error('No two minors with a shared guardian in the demo registry')
}

test('a school reports two siblings through the public e-form; the social worker assesses, identifies, decides, informs and closes', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000)
  const secretary = await playwright.request.newContext({ baseURL })
  await apiLogin(secretary, 'toimistosihteeri')
  const [older, younger] = await findSiblings(secretary)
  await secretary.dispose()
  const name = (c: Child) => `${c.lastName} ${c.firstNames}`

  // The school's teacher opens the e-form from the sign-in page, without signing in.
  await page.goto('/login')
  await page.getByRole('link', { name: 'Tee lastensuojeluilmoitus' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lastensuojeluilmoitus' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Kuka ilmoittaa').selectOption('school')
  await expect(page.getByLabel('Nimi (pakollinen)', { exact: true })).toBeVisible()
  // an official who does not identify themselves is told so, at the fields
  await page.getByRole('button', { name: 'Lähetä ilmoitus' }).click()
  await expect(page.getByText('Anna nimesi.')).toBeVisible()
  await expect(page.getByLabel('Nimi (pakollinen)', { exact: true })).toBeFocused()
  await expectAccessible(page)
  await page.getByLabel('Nimi (pakollinen)', { exact: true }).fill('Outi Opettaja')
  await page.getByLabel('Organisaatio tai toimipaikka (pakollinen)').fill('Demolan koulu')
  await page.getByLabel('Puhelinnumero (pakollinen)').fill('040 123 4567')
  await page.getByLabel('Sähköposti').fill('outi.opettaja@koulu.example')
  const first = page.getByRole('group', { name: 'Lapsi 1' })
  await first.getByLabel('Lapsen nimi (pakollinen)').fill(`${older.firstNames.split(' ')[0]} ${older.lastName}`)
  await first.getByLabel('Syntymäaika, jos tiedossa').fill(older.birthDate)
  await page.getByRole('button', { name: 'Lisää lapsi' }).click()
  const second = page.getByRole('group', { name: 'Lapsi 2' })
  await expect(second.getByLabel('Lapsen nimi (pakollinen)')).toBeFocused()
  await second.getByLabel('Lapsen nimi (pakollinen)').fill(`${younger.firstNames.split(' ')[0]} ${younger.lastName}`)
  await second.getByLabel('Lisätiedot (ikä, koulu tai päiväkoti, osoite)').fill('Isomman sisarus, käy samaa koulua')
  await page
    .getByLabel('Mistä olet huolissasi? (pakollinen)')
    .fill('Sisarukset ovat tulleet kouluun useana aamuna nälkäisinä ja kertoneet, ettei kotona ole ollut aikuista iltaisin.')
  await expect(page.getByText(/^[\d\s]+ merkkiä jäljellä \(enintään 20\s000\)$/)).toBeVisible()
  await page.getByRole('checkbox', { name: 'Pyydän, ettei henkilöllisyyttäni kerrota lapsen perheelle' }).check()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Lähetä ilmoitus' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Ilmoitus on vastaanotettu' })).toBeVisible()
  const receipt = ((await page.getByTestId('cw-receipt').textContent()) ?? '').trim()
  expect(receipt).toMatch(/^LS-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  await expect(page.getByText('Lapsiperheiden palvelut ja lastensuojelu', { exact: false })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Mitä seuraavaksi tapahtuu?' })).toBeVisible()
  await expectAccessible(page)

  // The social worker finds it at the top of the intake queue.
  await login(page, 'sosiaalityontekija')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Lastensuojeluilmoitukset' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lastensuojeluilmoitukset' })).toBeVisible()
  const queue = page.getByRole('table', { name: 'Lastensuojeluilmoitukset' })
  const top = queue.getByRole('row').nth(1)
  await expect(top).toContainText(receipt)
  await expect(top).toContainText('Arvioimatta')
  await expect(top).toContainText('Kiireellisyyden arviointi')
  await expect(top).toContainText('(tunnistamatta)')
  await expectAccessible(page)
  await top.getByRole('link', { name: receipt }).click()

  await expect(page.getByRole('heading', { level: 1, name: `Lastensuojeluilmoitus ${receipt}` })).toBeVisible()
  await expect(page.getByText('Ilmoitusvelvollinen (lastensuojelulaki 25 §)')).toBeVisible()
  await expect(page.getByText('Ilmoittaja on pyytänyt, ettei hänen henkilöllisyyttään kerrota perheelle.')).toBeVisible()
  await expectAccessible(page)

  // The urgency, assessed at once.
  await page.getByRole('radio', { name: 'Ei kiireellinen' }).check()
  await page.getByLabel('Perustelut').fill('Ei välitöntä vaaraa; koulu seuraa tilannetta päivittäin.')
  await page.getByRole('button', { name: 'Tallenna arvio' }).click()
  await expect(page.getByText('Kiireellisyyden arvio tallennettiin.')).toBeVisible()
  await expect(page.getByText(/Arvioinut Aino Lehtinen/)).toBeVisible()
  await expectAccessible(page)

  // The younger found by name in the client registry (minors at the receipt, on the notification's own basis) ...
  await page.getByRole('searchbox', { name: 'Hae asiakasrekisteristä nimellä' }).fill(`${younger.lastName} ${younger.firstNames.split(' ')[0]}`)
  await page.getByRole('button', { name: `Liitä ${name(younger)} ilmoitukseen` }).click()
  await expect(page.getByText(`${name(younger)} liitettiin ilmoitukseen.`)).toBeVisible()
  await expect(page.getByRole('article', { name: new RegExp(name(younger)) })).toContainText('Päätös arvioinnin aloittamisesta:')
  // ... and the older from the population register by henkilötunnus.
  await page.getByLabel('Henkilötunnus').fill(older.hetu)
  await page.getByRole('button', { name: 'Hae', exact: true }).click()
  await page.getByRole('button', { name: `Liitä ${name(older)} ilmoitukseen` }).click()
  await expect(page.getByText(`${name(older)} liitettiin ilmoitukseen.`)).toBeVisible()
  await expect(page.getByRole('article', { name: new RegExp(name(older)) })).toContainText('Päätös arvioinnin aloittamisesta:')
  await expectAccessible(page)

  // Start the assessment for one, today; no assessment for the other.
  const olderCard = page.getByRole('article', { name: new RegExp(name(older)) })
  await olderCard.getByRole('radio', { name: 'Aloitetaan palvelutarpeen arviointi' }).check()
  // the licensed social workers of her unit, herself chosen
  await expect(olderCard.getByLabel('Vastuusosiaalityöntekijä').locator('option')).toHaveText(['Aino Lehtinen (sinä)', 'Jari Heikkilä'])
  await expect(olderCard.getByLabel('Vastuusosiaalityöntekijä').locator('option:checked')).toHaveText('Aino Lehtinen (sinä)')
  await expect(olderCard.getByLabel('Päätöspäivä')).toHaveValue(today())
  await olderCard.getByLabel('Perustelut').fill('Palvelutarpeen arviointi aloitetaan koulun huolen vuoksi.')
  await olderCard.getByRole('button', { name: 'Tallenna päätös' }).click()
  await expect(page.getByText(`Päätös tallennettiin: ${name(older)}.`)).toBeVisible()
  const due = addMonths(today(), 3)
  await expect(olderCard).toContainText(`Palvelutarpeen arviointi valmis: ${fiDate(due)}`)
  await expect(olderCard).toContainText('Vastuusosiaalityöntekijä: Aino Lehtinen.')

  const youngerCard = page.getByRole('article', { name: new RegExp(name(younger)) })
  await youngerCard.getByRole('radio', { name: 'Palvelutarpeen arviointia ei aloiteta' }).check()
  await youngerCard.getByLabel('Perustelut').fill('Lapsi on jo perhesosiaalityön palvelujen piirissä.')
  await youngerCard.getByRole('button', { name: 'Tallenna päätös' }).click()
  await expect(page.getByText(`Päätös tallennettiin: ${name(younger)}.`)).toBeVisible()
  await expect(youngerCard).toContainText('Päättynyt')

  // Informing the child and the guardians.
  await olderCard.getByLabel('Tapa').selectOption({ label: 'Kirje' })
  await olderCard.getByRole('button', { name: 'Kirjaa tiedottaminen' }).click()
  await expect(page.getByText(`Tiedottaminen kirjattiin: ${name(older)}.`)).toBeVisible()
  await expect(olderCard).toContainText(`Tiedotettu ${fiDate(today())}: Kirje.`)
  await expectAccessible(page)

  // Closing, with a confirmation.
  await page.getByLabel('Sulkemisen syy').fill('Käsitelty: arviointi aloitettu yhden lapsen osalta.')
  await page.getByRole('button', { name: 'Sulje ilmoitus' }).click()
  const confirm = page.getByRole('group', { name: `Suljetaanko ilmoitus ${receipt}?` })
  await expect(confirm).toBeVisible()
  await expectAccessible(page)
  await confirm.getByRole('button', { name: 'Kyllä, sulje ilmoitus' }).click()
  await expect(page.getByText('Ilmoitus suljettiin. Se säilyy ilmoitusrekisterissä.')).toBeVisible()
  await expect(page.getByText(`Suljettu ${fiDate(today())}`)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sulje ilmoitus' })).toHaveCount(0)
  await expectAccessible(page)

  // It left the queue and stays among the closed ones.
  await page.getByRole('link', { name: 'Takaisin ilmoituksiin' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lastensuojeluilmoitukset' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /ilmoitus/ })).toBeVisible()
  await expect(page.getByRole('link', { name: receipt })).toHaveCount(0)
  await page.getByRole('button', { name: 'Suljetut' }).click()
  await expect(page.getByRole('link', { name: receipt })).toBeVisible()
  await expectAccessible(page)

  // The 3-month assessment deadline is hers on the deadline worklist.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Määräajat' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Määräajat' })).toBeVisible()
  const row = page.getByRole('table', { name: 'Määräajat, aikaisin ensin' }).getByRole('row').filter({ hasText: name(older) }).filter({ hasText: 'Palvelutarpeen arviointi valmis' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(fiDate(due))
  await expect(row).toContainText('Aino Lehtinen')
  await expect(row).toContainText('Lastensuojelu')
  await expectAccessible(page)
})
