import { expect, test, type APIRequestContext } from '@playwright/test'
import { apiLogin, expectAccessible, login } from '../support/fixtures'

/**
 * Destruction at the end of retention: a client whose records' retention ran out (born 1890, death not known: 120
 * years from birth; the adult social work matter closed in 2001) is proposed by the data protection officer, the
 * list approved and executed by the archive officer in Chromium; afterwards the client is gone from search, from
 * attachments and from exports, and the destruction record remains, found by the client's identity. Beside them on the
 * list, a client who stays (an open income support matter) loses only their adult social work register.
 */
const LAST_NAME = `Hävitettävä${Date.now() % 100000}`
const STAYING = `Jatkava${Date.now() % 100000}`
const TASK = 'adult_social_work'

async function as(playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } }, baseURL: string, username: string) {
  const request = await playwright.request.newContext({ baseURL })
  const { userId, csrf } = await apiLogin(request, username)
  return { request, userId, headers: { 'x-csrf-token': csrf } }
}

test('a destruction list is approved and executed; the client is gone from search, attachments and exports, the record remains', async ({ browser, playwright, baseURL }) => {
  const base = baseURL!
  const sec = await as(playwright, base, 'toimistosihteeri')
  const worker = await as(playwright, base, 'sosiaalityontekija')
  const dpoApi = await as(playwright, base, 'tietosuojavastaava')

  // the client, their matter in adult social work since 2000 and an attachment
  let res = await sec.request.post('/api/persons', { data: { firstNames: 'Arkisto', lastName: LAST_NAME, birthDate: '1890-05-05' }, headers: sec.headers })
  expect(res.status()).toBe(201)
  const { id } = (await res.json()) as { id: string }
  const { temporaryId } = (await (await sec.request.get(`/api/persons/${id}`)).json()) as { temporaryId: string }
  res = await sec.request.post(`/api/persons/${id}/relationships`, { data: { serviceTask: TASK, userId: worker.userId, kind: 'responsible', startDate: '2000-01-01', startReason: 'other' }, headers: sec.headers })
  expect(res.status()).toBe(201)
  res = await worker.request.post(`/api/persons/${id}/attachments/${TASK}`, { multipart: { documentType: 'client_account', file: { name: 'muistio.txt', mimeType: 'text/plain', buffer: Buffer.from('Tapaamisen muistio.') } }, headers: worker.headers })
  expect(res.status()).toBe(201)
  const attachment = (await res.json()) as { id: string }
  // the matter closed in 2001: its ten years ran out in 2011
  const card = (await (await sec.request.get(`/api/persons/${id}/card`)).json()) as { relationships: { id: string }[] }
  res = await sec.request.post(`/api/persons/${id}/relationships/${card.relationships[0]!.id}/end`, { data: { endDate: '2001-06-30', endReason: 'needs_met' }, headers: sec.headers })
  expect(res.status()).toBe(200)
  expect((await sec.request.get(`/api/persons?name=${encodeURIComponent(LAST_NAME)}`)).status()).toBe(200)
  // the client who stays: adult social work closed in 2001, income support open today (the worker responsible)
  res = await sec.request.post('/api/persons', { data: { firstNames: 'Rekisteri', lastName: STAYING, birthDate: '1950-05-05' }, headers: sec.headers })
  expect(res.status()).toBe(201)
  const staying = ((await res.json()) as { id: string }).id
  for (const serviceTask of [TASK, 'income_support']) {
    res = await sec.request.post(`/api/persons/${staying}/relationships`, { data: { serviceTask, userId: worker.userId, kind: 'responsible', startDate: '2000-01-01', startReason: 'other' }, headers: sec.headers })
    expect(res.status()).toBe(201)
  }
  // (the secretary sees the other task as `confidential`: the one that is not income support)
  const stayingCard = (await (await sec.request.get(`/api/persons/${staying}/card`)).json()) as { relationships: { id: string; serviceTask: string }[] }
  res = await sec.request.post(`/api/persons/${staying}/relationships/${stayingCard.relationships.find((r) => r.serviceTask !== 'income_support')!.id}/end`, { data: { endDate: '2001-06-30', endReason: 'needs_met' }, headers: sec.headers })
  expect(res.status()).toBe(200)

  // the data protection officer proposes the list
  const dpo = await (await browser.newContext()).newPage()
  await login(dpo, 'tietosuojavastaava')
  await dpo.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Hävitysluettelot' }).click()
  await expect(dpo.getByRole('heading', { level: 1, name: 'Hävitysluettelot' })).toBeVisible()
  await expectAccessible(dpo)
  await dpo.getByRole('button', { name: 'Tee hävitysehdotus nyt' }).click()
  await expect(dpo.getByRole('heading', { level: 1, name: /^Hävitysluettelo \d+$/ })).toBeVisible()
  const listUrl = dpo.url()
  await expect(dpo.getByRole('table', { name: 'Luettelon asiakkaat' }).getByRole('row').filter({ hasText: `${LAST_NAME}, Arkisto` })).toContainText('30.6.2011')
  await expect(dpo.getByRole('table', { name: 'Luettelon asiakkaat' }).getByRole('row').filter({ hasText: `${STAYING}, Rekisteri` })).toContainText('Vain rekisteri: Aikuisten sosiaalityö')
  // the proposer may not approve: no such button for the data protection officer
  await expect(dpo.getByRole('button', { name: 'Hyväksy hävitysluettelo' })).toHaveCount(0)
  await expectAccessible(dpo)

  // the archive officer takes off every other client, approves and executes
  const archivist = await (await browser.newContext()).newPage()
  await login(archivist, 'arkistonhoitaja')
  await archivist.goto(listUrl)
  const items = archivist.getByRole('table', { name: 'Luettelon asiakkaat' })
  await expect(items.getByRole('row').filter({ hasText: `${LAST_NAME}, Arkisto` })).toBeVisible()
  for (;;) {
    const buttons = await items.getByRole('button', { name: /^Poista luettelosta: / }).all()
    const mine = [`Poista luettelosta: ${LAST_NAME}, Arkisto`, `Poista luettelosta: ${STAYING}, Rekisteri`]
    const other = (await Promise.all(buttons.map(async (b) => (mine.includes((await b.getAttribute('aria-label')) ?? '') ? null : b)))).find((b) => b)
    if (!other) break
    await other.click()
    await archivist.getByLabel('Peruste poistolle').fill('Ei tämän testin asiakas')
    await archivist.getByRole('button', { name: 'Poista', exact: true }).click()
    await expect(archivist.getByText('Asiakas poistettiin luettelosta.')).toBeVisible()
  }
  await expectAccessible(archivist)
  await archivist.getByRole('button', { name: 'Hyväksy hävitysluettelo' }).click()
  let dialog = archivist.getByRole('dialog', { name: 'Hyväksytäänkö hävitysluettelo?' })
  await expect(dialog).toContainText('2 asiakkaan kaikki tiedot hävitetään pysyvästi')
  await dialog.getByRole('button', { name: 'Hyväksy hävitysluettelo' }).click()
  await expect(archivist.getByText('Luettelo on hyväksytty.')).toBeVisible()
  await archivist.getByRole('button', { name: 'Toimeenpane hävitys' }).click()
  dialog = archivist.getByRole('dialog', { name: 'Hävitetäänkö asiakkaiden tiedot?' })
  await expect(dialog).toContainText('Tätä ei voi perua')
  await dialog.getByRole('button', { name: 'Toimeenpane hävitys' }).click()
  await expect(archivist.getByText('Hävitys on tehty: 2 asiakasta hävitetty.')).toBeVisible()
  await expect(items.getByRole('row').filter({ hasText: /Hävitetty asiakas \(pöytäkirja \d+\)/ })).toBeVisible()
  await expect(items.getByRole('row').filter({ hasText: /Asiakkaan rekisteri hävitetty \(pöytäkirja \d+\)/ })).toContainText('Vain rekisteri: Aikuisten sosiaalityö')
  await expect(items).not.toContainText(LAST_NAME)

  // the client who stays: the card answers, adult social work destroyed, income support kept
  expect((await worker.request.get(`/api/persons/${staying}/card`)).status()).toBe(200)
  const kept = (await (await worker.request.get(`/api/persons/${staying}/retention`)).json()) as { registers: { register: string; status: string; destroyed: { recordNumber: number } | null }[] }
  expect(kept.registers.find((r) => r.register === TASK)).toMatchObject({ status: 'destroyed', destroyed: { recordNumber: expect.any(Number) } })
  expect(kept.registers.find((r) => r.register === 'income_support')).toMatchObject({ status: 'running' })
  await expectAccessible(archivist)

  // gone from search, attachments and exports
  const search = (await (await sec.request.get(`/api/persons?name=${encodeURIComponent(LAST_NAME)}`)).json()) as { results?: { id: string }[] }
  expect(JSON.stringify(search)).not.toContain(id)
  expect((await worker.request.get(`/api/persons/${id}/attachments/${TASK}`)).status()).toBe(410)
  expect((await worker.request.get(`/api/persons/${id}/attachments/${TASK}/${attachment.id}/content`)).status()).toBe(410)
  expect((await dpoApi.request.post('/api/privacy/access-report', { data: { personId: id, language: 'fi' }, headers: dpoApi.headers })).ok()).toBe(false)

  // the destruction record remains, found by the identity
  await archivist.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Hävityspöytäkirjat' }).click()
  await expect(archivist.getByRole('heading', { level: 1, name: 'Hävityspöytäkirjat' })).toBeVisible()
  await archivist.getByLabel('Henkilötunnus tai tilapäinen tunniste').fill(temporaryId)
  await archivist.getByRole('button', { name: 'Hae' }).click()
  const records = archivist.getByRole('table', { name: 'Hävityspöytäkirjat, uusin ensin' })
  await expect(records.getByRole('row')).toHaveCount(2)
  await expect(records.getByRole('row').nth(1)).toContainText('Aikuisten sosiaalityö, Asiakkuusasiakirja ja perustiedot')
  await expect(records.getByRole('row').nth(1)).toContainText('Raili Saarinen')
  await expectAccessible(archivist)
})
