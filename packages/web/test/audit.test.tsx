import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const dpo = sessionUser({
  displayName: 'Maria Lindqvist',
  roles: ['data_protection_officer'],
  actions: ['audit:read', 'audit:review', 'audit:client-report'],
})
const CLIENT = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const WORKER = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'
const staff = () => json({ users: [{ id: WORKER, username: 'sosiaalityontekija', displayName: 'Aino Lehtinen' }] })

function entry(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    occurredAt: '2026-03-02T08:15:00.000Z',
    userId: WORKER,
    userName: 'Aino Lehtinen',
    roleCode: 'social_worker',
    clientIds: [CLIENT],
    dataGroup: 'registry/person',
    action: 'view',
    event: 'persons:read',
    basis: 'relationship',
    refId: null,
    outcome: 'success',
    ...overrides,
  }
}

describe('Lokivalvonta, the data protection officer\'s page', () => {
  it('searches the log with filters and shows who, role, when, client, data group, action, basis and outcome; older pages on request', async () => {
    const api = signedIn(dpo, {
      'GET /api/privacy/staff': staff,
      [`GET /api/privacy/audit-log?clientId=${CLIENT}&userId=${WORKER}&from=2026-03-01&outcome=success&limit=50`]: () =>
        json({ entries: [entry(12), entry(11, { action: 'search', event: 'persons:search', basis: 'search', clientIds: [CLIENT, 'a', 'b', 'c', 'd'] })], nextBefore: 11 }),
      [`GET /api/privacy/audit-log?clientId=${CLIENT}&userId=${WORKER}&from=2026-03-01&outcome=success&before=11&limit=50`]: () =>
        json({ entries: [entry(7, { outcome: 'denied', basis: null })], nextBefore: null }),
    })
    renderApp('/audit')
    expect(await screen.findByRole('tab', { name: 'Lokihaku', selected: true })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Asiakas'), { target: { value: ` ${CLIENT} ` } })
    const user = screen.getByLabelText<HTMLSelectElement>('Käyttäjä')
    await waitFor(() => expect(user.options).toHaveLength(2))
    fireEvent.change(user, { target: { value: WORKER } })
    fireEvent.change(screen.getByLabelText('Alkaen'), { target: { value: '2026-03-01' } })
    fireEvent.change(screen.getByLabelText('Tulos'), { target: { value: 'success' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))

    const results = await screen.findByRole('heading', { name: 'Hakutulokset' })
    await waitFor(() => expect(document.activeElement).toBe(results))
    const table = screen.getByRole('table')
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Aika',
      'Käsittelijä',
      'Rooli',
      'Asiakas',
      'Tietoryhmä',
      'Toimenpide',
      'Peruste',
      'Tulos',
    ])
    const [first, second] = within(table).getAllByRole('row').slice(1)
    const cells = within(first!).getAllByRole('cell').map((c) => c.textContent)
    expect(cells[0]).toBe('2.3.2026 klo 10.15')
    expect(cells.slice(1, 3)).toEqual(['Aino Lehtinen', 'Sosiaalityöntekijä'])
    expect(cells[3]).toContain(CLIENT)
    expect(cells.slice(4)).toEqual(['registry/person', 'Katselupersons:read', 'Asiakassuhde', 'Onnistui'])
    expect(within(second!).getByText('+ 2 muuta')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Näytetään 2 tapahtumaa.')

    fireEvent.click(screen.getByRole('button', { name: 'Näytä vanhemmat tapahtumat' }))
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4))
    expect(within(within(table).getAllByRole('row')[3]!).getByText('Estetty')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Näytä vanhemmat tapahtumat' })).toBeNull()
    expect(api.calls(`GET /api/privacy/audit-log?clientId=${CLIENT}&userId=${WORKER}&from=2026-03-01&outcome=success&before=11&limit=50`)).toHaveLength(1)
  })

  it('finds the client by henkilötunnus as the officer types, and filters the log by the one chosen', async () => {
    const api = signedIn(dpo, {
      'GET /api/privacy/staff': staff,
      'GET /api/privacy/clients?q=010190-901X': () => json({ persons: [{ id: CLIENT, hetu: '010190-901X', temporaryId: null, firstNames: 'Aino Maria', lastName: 'Asiakas', birthDate: '1990-01-01', deathDate: null }] }),
      [`GET /api/privacy/audit-log?clientId=${CLIENT}&limit=50`]: () => json({ entries: [entry(12)], nextBefore: null }),
    })
    renderApp('/audit')
    fireEvent.change(await screen.findByLabelText('Asiakas'), { target: { value: '010190-901X' } })
    fireEvent.click(await screen.findByRole('button', { name: 'Asiakas Aino Maria, 010190-901X' }))
    expect(screen.getByText('Asiakas Aino Maria')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    await screen.findByRole('heading', { name: 'Hakutulokset' })
    expect(api.fetchMock.mock.calls.some(([url]) => String(url) === `/api/privacy/audit-log?clientId=${CLIENT}&limit=50`)).toBe(true)
  })

  it('asks to choose the client when the text names none, before asking the server', async () => {
    const api = signedIn(dpo, { 'GET /api/privacy/staff': staff })
    renderApp('/audit')
    const input = await screen.findByLabelText('Asiakas')
    fireEvent.change(input, { target: { value: '010190-9012' } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Valitse asiakas hakutuloksista.')).toBeTruthy()
    expect(document.activeElement).toBe(input)
    expect(api.fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/privacy/audit-log'))).toHaveLength(0)
  })

  it('moves between the views with the arrow keys, Home and End', async () => {
    signedIn(dpo, {
      'GET /api/privacy/staff': staff,
      'GET /api/privacy/break-glass': () => json({ items: [] }),
      'GET /api/privacy/samples': () => json({ items: [] }),
      'GET /api/rights/requests?state=open': () => json({ requests: [] }),
    })
    renderApp('/audit')
    const log = await screen.findByRole('tab', { name: 'Lokihaku' })
    expect(log.getAttribute('tabindex')).toBe('0')
    fireEvent.keyDown(log, { key: 'ArrowRight' })
    const queue = screen.getByRole('tab', { name: 'Poikkeukselliset pääsyt' })
    expect(queue.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(queue)
    expect(screen.getByRole('tabpanel', { name: 'Poikkeukselliset pääsyt' })).toBeTruthy()
    expect(await screen.findByText('Poikkeuksellisia pääsyjä ei ole.')).toBeTruthy()
    fireEvent.keyDown(queue, { key: 'End' })
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Tietosuojapyynnöt' }))
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(log)
    fireEvent.keyDown(log, { key: 'ArrowLeft' })
    expect(screen.getByRole('tab', { name: 'Tietosuojapyynnöt', selected: true })).toBeTruthy()
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' })
    expect(screen.getByRole('tab', { name: 'Selvitys asiakkaalle', selected: true })).toBeTruthy()
  })

  it('lists the break-the-glass queue and closes an access with a verdict and its grounds', async () => {
    const ID = '0e9b7c1d-1111-4222-8333-944455566677'
    let reviewed = false
    const item = {
      id: ID,
      userId: WORKER,
      userName: 'Aino Lehtinen',
      personId: CLIENT,
      serviceTask: 'adult_social_work',
      serviceTaskName: 'Aikuisten sosiaalityö',
      reason: 'Asiakas soitti kriisitilanteessa',
      createdAt: '2026-03-02T08:15:00.000Z',
      expiresAt: '2026-03-03T08:15:00.000Z',
      active: true,
      accessCount: 2,
      reviewedAt: null,
      reviewedByName: null,
      verdict: null,
      note: null,
    }
    const api = signedIn(dpo, {
      'GET /api/privacy/staff': staff,
      'GET /api/privacy/break-glass': () =>
        json({ items: [reviewed ? { ...item, reviewedAt: '2026-03-04T09:00:00.000Z', reviewedByName: 'Maria Lindqvist', verdict: 'justified', note: 'Kiireellinen tilanne' } : item] }),
      [`POST /api/privacy/break-glass/${ID}/verdict`]: () => {
        reviewed = true
        return new Response(null, { status: 204 })
      },
    })
    renderApp('/audit')
    fireEvent.click(await screen.findByRole('tab', { name: 'Poikkeukselliset pääsyt' }))
    const card = await screen.findByRole('article', { name: 'Aino Lehtinen, avattu 2.3.2026 klo 10.15' })
    expect(within(card).getByText('Asiakas soitti kriisitilanteessa')).toBeTruthy()
    expect(within(card).getByText('Aikuisten sosiaalityö')).toBeTruthy()
    expect(within(card).getByText(/Voimassa/)).toBeTruthy()
    expect(screen.getByText('Arvioimatta: 1')).toBeTruthy()

    const form = within(card).getByRole('form', { name: 'Arvio: Aino Lehtinen, avattu 2.3.2026 klo 10.15' })
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna arvio' }))
    expect(within(form).getByText('Valitse arvio.')).toBeTruthy()
    expect(document.activeElement).toBe(within(form).getByRole('radio', { name: 'Perusteltu' }))
    fireEvent.click(within(form).getByRole('radio', { name: 'Perusteltu' }))
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna arvio' }))
    expect(within(form).getByText('Kirjoita arvion perustelu.')).toBeTruthy()
    fireEvent.change(within(form).getByLabelText('Perustelu'), { target: { value: 'Kiireellinen tilanne' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna arvio' }))

    const saved = await screen.findByText('Arvio tallennettu.')
    await waitFor(() => expect(document.activeElement).toBe(saved))
    expect(api.calls(`POST /api/privacy/break-glass/${ID}/verdict`)[0]?.body).toEqual({ verdict: 'justified', note: 'Kiireellinen tilanne' })
    expect(await screen.findByText('Arvioitu: Perusteltu')).toBeTruthy()
    expect(screen.getByText('Arvioija Maria Lindqvist, 4.3.2026 klo 11.00')).toBeTruthy()
    expect(screen.getByText('Arvioimatta: 0')).toBeTruthy()
  })

  it('draws a sample and reviews a sampled access', async () => {
    const REVIEW = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d'
    let items: unknown[] = []
    const api = signedIn(dpo, {
      'GET /api/privacy/staff': staff,
      'GET /api/privacy/samples': () => json({ items }),
      'POST /api/privacy/samples': () => {
        items = [{ id: REVIEW, sampledAt: '2026-03-05T07:00:00.000Z', entry: entry(42), reviewedAt: null, reviewedByName: null, verdict: null, note: null }]
        return json({ drawn: 1, windowDays: 30, items })
      },
      [`POST /api/privacy/samples/${REVIEW}/verdict`]: () =>
        problem({ title: 'Tiedot ovat muuttuneet', status: 409, errors: [{ field: 'body.verdict', code: 'privacy.alreadyReviewed', message: 'Tämä tapahtuma on jo arvioitu.' }] }),
    })
    renderApp('/audit?view=sample')
    expect(await screen.findByText('Poimittuja tapahtumia ei ole. Aloita poimimalla pistokoe.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Poimi pistokoe' }))
    expect(await screen.findByText('Poimittiin 1 uutta tapahtumaa viimeisiltä 30 päivältä.')).toBeTruthy()
    const card = await screen.findByRole('article', { name: 'Tapahtuma 42' })
    expect(within(card).getByText('Sosiaalityöntekijä')).toBeTruthy()
    expect(api.calls('POST /api/privacy/samples')[0]?.body).toEqual({})

    fireEvent.click(within(card).getByRole('radio', { name: 'Vaatii selvitystä' }))
    fireEvent.change(within(card).getByLabelText('Perustelu'), { target: { value: 'Kysyttävä esihenkilöltä' } })
    fireEvent.click(within(card).getByRole('button', { name: 'Tallenna arvio' }))
    expect(await within(card).findByText('Tämä tapahtuma on jo arvioitu.')).toBeTruthy()
    expect(api.calls(`POST /api/privacy/samples/${REVIEW}/verdict`)[0]?.body).toEqual({ verdict: 'needs_follow_up', note: 'Kysyttävä esihenkilöltä' })
  })

  it('prepares the client report from a log row: language, period, a reason for an older period, and the PDF download', async () => {
    const createObjectURL = vi.fn(() => 'blob:report')
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL, revokeObjectURL: vi.fn() }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    const api = signedIn(dpo, {
      'GET /api/privacy/staff': staff,
      [`GET /api/privacy/audit-log?clientId=${CLIENT}&limit=50`]: () => json({ entries: [entry(5)], nextBefore: null }),
      'POST /api/privacy/access-report': () =>
        new Response('%PDF-1.7', {
          status: 200,
          headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="kasittelyselvitys-2026-03-05.pdf"' },
        }),
    })
    renderApp('/audit')
    fireEvent.change(await screen.findByLabelText('Asiakas'), { target: { value: CLIENT } })
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
    fireEvent.click(await screen.findByRole('button', { name: `Selvitys asiakkaalle ${CLIENT}` }))

    expect(screen.getByRole('tab', { name: 'Selvitys asiakkaalle', selected: true })).toBeTruthy()
    expect(screen.getByLabelText<HTMLInputElement>('Asiakas').value).toBe(CLIENT)
    const from = screen.getByLabelText<HTMLInputElement>('Ajanjakso alkaen')
    const to = screen.getByLabelText<HTMLInputElement>('Ajanjakso päättyen')
    const [year, month, day] = to.value.split('-').map(Number) as [number, number, number]
    expect(from.value.slice(0, 4)).toBe(String(year - 2))
    expect(Number(from.value.slice(5, 7))).toBe(month)
    expect(Number(from.value.slice(8))).toBeLessThanOrEqual(day)

    fireEvent.click(screen.getByRole('radio', { name: 'ruotsi' }))
    fireEvent.change(from, { target: { value: `${year - 3}-01-01` } })
    fireEvent.click(screen.getByRole('button', { name: 'Lataa PDF-selvitys' }))
    const reason = screen.getByLabelText('Erityinen syy')
    expect(reason.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(reason)
    expect(api.calls('POST /api/privacy/access-report')).toHaveLength(0)

    fireEvent.change(reason, { target: { value: 'Asiakas epäilee tietojen väärinkäyttöä' } })
    fireEvent.click(screen.getByRole('button', { name: 'Lataa PDF-selvitys' }))
    await waitFor(() => expect(screen.getByRole('tabpanel').textContent).toContain('Selvitys on ladattu.'), { timeout: 3000 })
    expect(api.calls('POST /api/privacy/access-report')[0]?.body).toEqual({
      personId: CLIENT,
      language: 'sv',
      from: `${year - 3}-01-01`,
      to: to.value,
      reason: 'Asiakas epäilee tietojen väärinkäyttöä',
    })
    expect(createObjectURL).toHaveBeenCalledTimes(1)
    expect(click).toHaveBeenCalledTimes(1)
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('kasittelyselvitys-2026-03-05.pdf')
  })

  it('shows the server\'s refusal of a report at the field it concerns', async () => {
    signedIn(dpo, {
      'GET /api/privacy/staff': staff,
      'POST /api/privacy/access-report': () => problem({ title: 'Ei löytynyt', status: 404 }),
    })
    renderApp('/audit?view=report')
    fireEvent.change(await screen.findByLabelText('Asiakas'), { target: { value: CLIENT } })
    fireEvent.click(screen.getByRole('button', { name: 'Lataa PDF-selvitys' }))
    expect(await within(within(screen.getByRole('tabpanel')).getByRole('alert')).findByText('Ei löytynyt')).toBeTruthy()
  })
})
