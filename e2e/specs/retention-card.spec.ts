import { expect, test } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

/**
 * Retention on the client card: the social worker sees how long each register is kept and on what basis, places a
 * legal hold (an appeal pending) on the client, sees it keep the records, and lifts it behind a confirmation.
 */
test('the worker sees the retention per register and places and lifts a legal hold on the card', async ({ page, playwright, baseURL }) => {
  const worker = await playwright.request.newContext({ baseURL })
  const { userId } = await apiLogin(worker, 'sosiaalityontekija')
  await worker.dispose()
  const secretary = await playwright.request.newContext({ baseURL })
  const { csrf } = await apiLogin(secretary, 'toimistosihteeri')
  const created = await secretary.post('/api/persons', { headers: { 'x-csrf-token': csrf }, data: { firstNames: 'Säilö', lastName: `Pitola${Date.now() % 100000}`, birthDate: '1961-04-05' } })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  expect((await secretary.post(`/api/persons/${id}/relationships`, { headers: { 'x-csrf-token': csrf }, data: { serviceTask: 'adult_social_work', userId, kind: 'responsible', startReason: 'application' } })).status()).toBe(201)
  await secretary.dispose()

  await login(page, 'sosiaalityontekija')
  await page.goto(`/persons/${id}`)
  const section = page.getByRole('region', { name: 'Säilytys' })
  const table = section.getByRole('table', { name: 'Tietojen säilytys rekistereittäin' })
  await expect(table.getByRole('row', { name: /Aikuisten sosiaalityö.*Säilytysaika alkaa kulua asian päättymisestä/ })).toBeVisible()
  await expect(table.getByRole('row', { name: /Asiakkuusasiakirja ja perustiedot.*kuolemasta.*703\/2023/ })).toBeVisible()
  await expect(section.getByText('Ei voimassa olevia pitoja.')).toBeVisible()

  // an appeal pending: the whole client is held
  await section.getByRole('button', { name: 'Aseta pito' }).click()
  const form = section.getByRole('form', { name: 'Aseta pito' })
  await form.getByLabel('Syy').selectOption({ label: 'Valitus vireillä' })
  await form.getByRole('button', { name: 'Aseta pito' }).click()
  await expect(form.getByText('Kirjoita perustelu (vähintään 3 merkkiä).').first()).toBeVisible()
  await form.getByLabel('Perustelu').fill('Valitus hallinto-oikeudessa toimeentulotukipäätöksestä.')
  await form.getByRole('button', { name: 'Aseta pito' }).click()
  await expect(section.getByText('Pito asetettiin: tietoja ei hävitetä ennen kuin se puretaan.')).toBeVisible()
  await expect(section.getByRole('listitem').filter({ hasText: 'Valitus vireillä' })).toContainText('Koko asiakas')
  await expect(table.getByRole('row', { name: /Aikuisten sosiaalityö.*Oikeudellinen pito/ })).toBeVisible()
  await expectAccessible(page)

  await section.getByRole('button', { name: 'Pura pito' }).click()
  const dialog = page.getByRole('dialog', { name: 'Puretaanko pito?' })
  await expect(dialog).toContainText('Koko asiakas')
  await dialog.getByRole('button', { name: 'Pura pito' }).click()
  await expect(section.getByText('Pito purettiin.')).toBeVisible()
  await expect(section.getByText('Ei voimassa olevia pitoja.')).toBeVisible()
  await expect(table.getByRole('row', { name: /Aikuisten sosiaalityö.*asian päättymisestä/ })).toBeVisible()
})
