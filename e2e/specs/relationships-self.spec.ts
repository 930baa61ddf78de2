import { expect, test } from '@playwright/test'
import { expectAccessible, login, newClientOfWorker } from '../support/fixtures'

const REASON = 'Asiakas pyysi samaa työntekijää päihdetyöhön.'

test('a worker opens a relationship for herself with a reason, and her supervisor sees it', async ({ page, playwright, baseURL }) => {
  // The office secretary registers the client and names the social worker in adult social work.
  const id = await newClientOfWorker(playwright, baseURL, { firstNames: 'Pertti Olavi', lastName: 'Omavalinta', birthDate: '1975-03-12' })

  // The worker opens one for herself in substance abuse work: without a reason it is refused at the field.
  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  const section = page.getByRole('region', { name: 'Asiakkuudet' })
  await section.getByRole('button', { name: 'Avaa asiakkuus' }).click()
  const form = section.getByRole('form', { name: 'Avaa uusi asiakkuus' })
  await form.getByLabel('Palvelutehtävä').selectOption({ label: 'Päihde- ja mielenterveystyö' })
  await form.getByLabel('Alkamisen syy').selectOption({ index: 1 })
  await form.getByRole('button', { name: 'Avaa asiakkuus' }).click()
  const reason = form.getByLabel('Perustelu, kun asia ei ole yksikkösi saapuneissa')
  await expect(reason).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText(/esihenkilö näkee sen/)).toBeVisible()
  await expectAccessible(page)
  await reason.fill(REASON)
  await form.getByRole('button', { name: 'Avaa asiakkuus' }).click()
  await expect(section.getByRole('row').filter({ hasText: 'Päihde- ja mielenterveystyö' })).toBeVisible()
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
  await expect(page).toHaveURL(/\/login/)

  // The supervisor of the service task sees who opened it for herself and why.
  await login(page, 'esihenkilo')
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Itse avatut asiakkuudet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Itse avatut asiakkuudet' })).toBeVisible()
  const row = page.getByRole('table', { name: 'Itse avatut asiakkuudet, uusin ensin' }).getByRole('row').filter({ hasText: REASON })
  await expect(row).toContainText('Aino Lehtinen')
  await expect(row).toContainText('Päihde- ja mielenterveystyö')
  await expect(row.getByRole('link', { name: 'Omavalinta, Pertti Olavi' })).toBeVisible()
  await expectAccessible(page)
})
