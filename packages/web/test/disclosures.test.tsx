import type { ClientCard } from '@huoma/contract'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ConsentsSection } from '../src/features/disclosures/ConsentsSection'
import { DisclosuresSection } from '../src/features/disclosures/DisclosuresSection'
import { json, mockApi } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const REQUEST = '7c6b5a49-3e2d-4c1b-8a9f-0e1d2c3b4a59'
const card = { person: { id: PERSON } } as unknown as ClientCard
const REGISTER = `GET /api/persons/${PERSON}/disclosures?serviceTask=adult_social_work`

const request = {
  id: REQUEST,
  number: 7,
  serviceTask: 'adult_social_work',
  requesterKind: 'police',
  requesterName: 'Komisario Kettunen',
  requesterOrganisation: 'Sisä-Suomen poliisilaitos',
  receivedOn: '2026-11-30',
  basis: 'client_act_18',
  basisCitation: null,
  consentId: null,
  purpose: 'Esitutkinta',
  requested: 'Tapaamisten päivät syyskuussa',
  registeredBy: 'Aino Lehtinen',
  decision: null,
  version: 1,
}

describe('disclosures and consents on the client card', () => {
  it('decides a police request after a confirmation and records the disclosure into the log', async () => {
    let register: { serviceTask: string; requests: unknown[]; log: unknown[]; informationRequests: unknown[] } = { serviceTask: 'adult_social_work', requests: [request], log: [], informationRequests: [] }
    const decided = { ...request, version: 2, decision: { outcome: 'disclose', reasons: 'Poliisilla on oikeus saada tiedot.', decidedOn: '2026-12-01', decidedBy: 'Aino Lehtinen' } }
    const api = mockApi({
      [REGISTER]: () => json(register),
      [`POST /api/persons/${PERSON}/disclosures/${REQUEST}/decision`]: () => {
        register = { ...register, requests: [decided] }
        return json(register)
      },
      [`POST /api/persons/${PERSON}/disclosures/${REQUEST}/disclosed`]: () => {
        register = { ...register, log: [{ id: 'f1000000-0000-4000-8000-000000000001', requestId: REQUEST, recipient: 'Komisario Kettunen, Sisä-Suomen poliisilaitos', basis: 'client_act_18', basisCitation: null, what: 'Tapaamisten päivät syyskuussa', method: 'secure_email', disclosedOn: '2026-12-02', disclosedBy: 'Aino Lehtinen' }] }
        return json(register)
      },
    })
    render(<DisclosuresSection card={card} reload={() => undefined} serviceTask="adult_social_work" />)
    const item = await screen.findByRole('article', { name: 'Pyyntö nro 7: Komisario Kettunen, Sisä-Suomen poliisilaitos' })
    expect(within(item).getByText('Ratkaisematta')).toBeTruthy()
    fireEvent.click(within(item).getByRole('button', { name: 'Ratkaise pyyntö' }))
    const form = within(item).getByRole('form', { name: 'Ratkaise pyyntö' })
    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    expect(await within(form).findByText('Kirjoita perustelut (vähintään 10 merkkiä).')).toBeTruthy()
    fireEvent.click(within(form).getByLabelText('Luovutetaan'))
    fireEvent.change(within(form).getByLabelText('Perustelut'), { target: { value: 'Poliisilla on oikeus saada tiedot.' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    const dialog = await screen.findByRole('dialog', { name: 'Tehdäänkö päätös luovutuksesta?' })
    expect(api.calls(`POST /api/persons/${PERSON}/disclosures/${REQUEST}/decision`)).toHaveLength(0)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tee päätös' }))
    expect(await screen.findByText('Pyyntö ratkaistiin.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/disclosures/${REQUEST}/decision`)[0]?.body).toMatchObject({ serviceTask: 'adult_social_work', outcome: 'disclose', reasons: 'Poliisilla on oikeus saada tiedot.', version: 1 })
    expect((await screen.findByRole('link', { name: 'Päätös (PDF, suomi)' })).getAttribute('href')).toBe(`/api/persons/${PERSON}/disclosures/${REQUEST}/decision/pdf?serviceTask=adult_social_work&language=fi`)

    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa luovutus' }))
    const disclose = screen.getByRole('form', { name: 'Kirjaa luovutus' })
    expect(within(disclose).getByLabelText<HTMLTextAreaElement>('Mitä luovutettiin').value).toBe('Tapaamisten päivät syyskuussa')
    fireEvent.click(within(disclose).getByRole('button', { name: 'Kirjaa luovutus' }))
    expect(await screen.findByText('Luovutus kirjattiin luovutuslokiin.')).toBeTruthy()
    const log = await screen.findByRole('table')
    expect(within(log).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2.12.2026', 'Komisario Kettunen, Sisä-Suomen poliisilaitos', 'Asiakaslaki 18 § (viranomaisen tiedonsaantioikeus)', 'Tapaamisten päivät syyskuussa', 'Aino Lehtinen'])
    expect(screen.queryByRole('button', { name: 'Kirjaa luovutus' })).toBeNull()
  })

  it('records a consent only with its recipient and registers', async () => {
    const api = mockApi({
      [`GET /api/persons/${PERSON}/consents`]: () => json({ consents: [] }),
      [`POST /api/persons/${PERSON}/consents`]: () => json({ consents: [] }, 201),
    })
    render(<ConsentsSection card={card} reload={() => undefined} />)
    expect(await screen.findByText('Suostumuksia tai kieltoja ei ole kirjattu.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa suostumus tai kielto' }))
    const form = screen.getByRole('form', { name: 'Kirjaa suostumus tai kielto' })
    fireEvent.click(within(form).getByRole('button', { name: 'Kirjaa' }))
    expect(await within(form).findByText('Valitse vähintään yksi rekisteri.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/consents`)).toHaveLength(0)
    fireEvent.change(within(form).getByLabelText('Kenelle tiedot saa luovuttaa'), { target: { value: 'Kela' } })
    fireEvent.change(within(form).getByLabelText('Mihin tarkoitukseen'), { target: { value: 'Etuuden käsittely' } })
    fireEvent.click(within(form).getByLabelText('Aikuisten sosiaalityö'))
    fireEvent.click(within(form).getByRole('button', { name: 'Kirjaa' }))
    expect(await screen.findByText('Kirjattiin.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/consents`)[0]?.body).toMatchObject({ kind: 'consent', recipient: 'Kela', purpose: 'Etuuden käsittely', serviceTasks: ['adult_social_work'], form: 'written', validUntil: null })
  })
})
