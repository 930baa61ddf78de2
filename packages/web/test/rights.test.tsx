import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, renderApp, sessionUser, signedIn } from './helpers'

const dpo = sessionUser({
  displayName: 'Maria Lindqvist',
  roles: ['data_protection_officer'],
  actions: ['audit:read', 'audit:review', 'audit:client-report', 'rights:read', 'rights:register', 'rights:handle', 'rights:decide', 'rights:print', 'rights:copy'],
})
const CLIENT = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const REQUEST = '7c6b5a49-3e2d-4c1b-8a9f-0e1d2c3b4a59'

function request(overrides: Record<string, unknown> = {}) {
  return {
    id: REQUEST,
    number: 12,
    person: { id: CLIENT, name: 'Aino Asiakas', hetu: '010190-901X' },
    kind: 'access',
    requesterKind: 'client',
    requester: null,
    channel: 'in_person',
    identityCheck: 'identity_document',
    identityCheckedBy: 'Maria Lindqvist',
    receivedOn: '2026-10-01',
    dueOn: '2026-11-01',
    extendedTo: null,
    extensionReason: null,
    extensionNoticeOn: null,
    effectiveDue: '2026-11-01',
    standing: 'overdue',
    serviceTasks: ['adult_social_work', 'income_support'],
    periodFrom: null,
    periodTo: null,
    details: 'Pyydän kaikki tietoni.',
    language: 'fi',
    state: 'open',
    withdrawnOn: null,
    decision: null,
    version: 1,
    ...overrides,
  }
}

const decided = request({
  state: 'decided',
  standing: 'closed',
  version: 2,
  decision: {
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    number: 44,
    decidedOn: '2026-10-20',
    maker: 'Maria Lindqvist',
    outcome: 'partly',
    reasons: 'Pyyntöön vastataan osittain.',
    parts: [
      { serviceTask: 'adult_social_work', outcome: 'granted', ground: null, explanation: 'Annetaan.' },
      { serviceTask: 'income_support', outcome: 'refused', ground: 'others_rights', explanation: 'Tiedot koskevat puolisoa.' },
    ],
  },
})

describe("the clients' requests about their data (Tietosuojapyynnöt)", () => {
  it('registers a request only once the identity is checked, choosing the client by henkilötunnus', async () => {
    const api = signedIn(dpo, {
      'GET /api/rights/requests?state=open': () => json({ requests: [request()] }),
      'GET /api/privacy/clients?q=010190-901X': () => json({ persons: [{ id: CLIENT, hetu: '010190-901X', temporaryId: null, firstNames: 'Aino', lastName: 'Asiakas', birthDate: '1990-01-01', deathDate: null }] }),
      'POST /api/rights/requests': () => json(request({ number: 13, kind: 'log', standing: 'open', dueOn: '2026-12-20' }), 201),
    })
    renderApp('/audit?view=rights')
    const table = await screen.findByRole('table')
    const row = within(table).getAllByRole('row')[1]!
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['12', 'Aino Asiakas, 010190-901X', 'Tietojen saanti', '1.10.2026', '1.11.2026', 'Myöhässä', 'Avaa'])

    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa uusi pyyntö' }))
    const form = screen.getByRole('form', { name: 'Kirjaa uusi pyyntö' })
    fireEvent.click(within(form).getByRole('button', { name: 'Kirjaa pyyntö' }))
    expect(await within(form).findByText('Valitse asiakas.')).toBeTruthy()
    expect(within(form).getByText('Tarkista pyytäjän henkilöllisyys ennen kirjaamista.')).toBeTruthy()
    expect(api.calls('POST /api/rights/requests')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('Asiakas'), { target: { value: '010190-901X' } })
    fireEvent.click(await within(form).findByRole('button', { name: 'Asiakas Aino, 010190-901X' }))
    fireEvent.click(within(form).getByLabelText('Lokitiedot (kuka käsitteli, kenelle luovutettiin)'))
    fireEvent.change(within(form).getByLabelText('Miten henkilöllisyys tarkistettiin'), { target: { value: 'strong_electronic' } })
    fireEvent.click(within(form).getByLabelText('Toimeentulotuki'))
    fireEvent.change(within(form).getByLabelText('Mitä pyydetään'), { target: { value: 'Kuka on katsonut tietojani?' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Kirjaa pyyntö' }))
    expect(await screen.findByText('Pyyntö nro 13 kirjattiin. Vastattava viimeistään 20.12.2026.')).toBeTruthy()
    expect(api.calls('POST /api/rights/requests')[0]?.body).toMatchObject({
      personId: CLIENT,
      kind: 'log',
      requesterKind: 'client',
      requesterId: null,
      identityCheck: 'strong_electronic',
      serviceTasks: ['income_support'],
      details: 'Kuka on katsonut tietojani?',
    })
  })

  it('decides in parts: a refused part needs its ground, the decision is confirmed, then its documents are offered', async () => {
    let current = request()
    const api = signedIn(dpo, {
      'GET /api/rights/requests?state=open': () => json({ requests: [request()] }),
      [`GET /api/rights/requests/${REQUEST}`]: () => json(current),
      [`GET /api/rights/restrictions?personId=${CLIENT}`]: () => json({ restrictions: [] }),
      [`POST /api/rights/requests/${REQUEST}/decision`]: () => {
        current = decided
        return json(decided)
      },
    })
    renderApp('/audit?view=rights')
    fireEvent.click(await screen.findByRole('button', { name: 'Avaa 12' }))
    expect(await screen.findByRole('heading', { name: /Pyyntö nro 12/ })).toBeTruthy()
    const form = screen.getByRole('form', { name: 'Ratkaisu' })
    const adult = within(form).getByRole('group', { name: 'Aikuisten sosiaalityö' })
    const benefit = within(form).getByRole('group', { name: 'Toimeentulotuki' })
    fireEvent.change(within(adult).getByLabelText('Ratkaisu'), { target: { value: 'granted' } })
    fireEvent.change(within(benefit).getByLabelText('Ratkaisu'), { target: { value: 'refused' } })
    fireEvent.change(within(form).getByLabelText('Perustelut'), { target: { value: 'Pyyntöön vastataan osittain.' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    expect(await within(benefit).findByText('Valitse kieltäytymisen peruste.')).toBeTruthy()
    // the grounds offered are those of an access request
    const ground = within(benefit).getByLabelText<HTMLSelectElement>('Kieltäytymisen peruste')
    expect([...ground.options].map((o) => o.value)).toEqual(['', 'health_or_care', 'child_development', 'others_rights', 'unfounded'])
    fireEvent.change(ground, { target: { value: 'others_rights' } })
    fireEvent.change(within(benefit).getByLabelText('Selitys asiakkaalle'), { target: { value: 'Tiedot koskevat puolisoa.' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    const dialog = await screen.findByRole('dialog', { name: 'Tehdäänkö päätös?' })
    expect(api.calls(`POST /api/rights/requests/${REQUEST}/decision`)).toHaveLength(0)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tee päätös' }))
    expect(await screen.findByText('Päätös nro 44 tehtiin.')).toBeTruthy()
    expect(api.calls(`POST /api/rights/requests/${REQUEST}/decision`)[0]?.body).toEqual({
      parts: [
        { serviceTask: 'adult_social_work', outcome: 'granted', ground: null, explanation: '' },
        { serviceTask: 'income_support', outcome: 'refused', ground: 'others_rights', explanation: 'Tiedot koskevat puolisoa.' },
      ],
      reasons: 'Pyyntöön vastataan osittain.',
      decidedOn: expect.any(String),
      version: 1,
    })
    await waitFor(() => expect(screen.getByRole('link', { name: 'Kieltäytymistodistus (PDF)' }).getAttribute('href')).toBe(`/api/rights/requests/${REQUEST}/refusal-certificate/pdf`))
    expect(screen.getByRole('link', { name: 'Jäljennös asiakastiedoista (PDF)' }).getAttribute('href')).toBe(`/api/rights/requests/${REQUEST}/copy/pdf`)
    expect(screen.getByRole('link', { name: 'Jäljennös koneluettavana (JSON)' }).getAttribute('href')).toBe(`/api/rights/requests/${REQUEST}/copy`)
    expect(screen.getByText(/Toimeentulotuki: Kieltäydytään — Loukkaisi toisen henkilön oikeuksia/)).toBeTruthy()
  })
})
