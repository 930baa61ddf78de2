import type { ClientCard, NoticeVersion } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, mockApi, problem, renderApp, sessionUser, signedIn } from './helpers'

const notSignedIn = () => problem({ title: 'Kirjautuminen vaaditaan', status: 401 })
const user = sessionUser({ actions: ['persons:search'] })
const gatedUser = sessionUser({ actions: [] })

function notice(language: 'fi' | 'sv', number = 3): NoticeVersion {
  const fi = language === 'fi'
  return {
    number,
    generatedAt: '2026-12-07T08:00:00.000Z',
    contentHash: 'a'.repeat(64),
    reason: 'regular_disclosures',
    language,
    document: {
      title: fi ? 'Tietosuojaseloste – sosiaalihuollon asiakasrekisteri' : 'Dataskyddsbeskrivning – socialvårdens klientregister',
      sections: [
        { id: 'controller', heading: fi ? 'Rekisterinpitäjä' : 'Personuppgiftsansvarig', paragraphs: ['Demolan kaupunki'], items: [] },
        {
          id: 'disclosures',
          heading: fi ? 'Säännönmukaiset tietojen luovutukset' : 'Regelbundna utlämnanden av uppgifter',
          paragraphs: [],
          items: [{ title: fi ? 'Kansaneläkelaitos (Kela)' : 'Folkpensionsanstalten (FPA)', lines: [fi ? 'Oikeusperuste: Laki toimeentulotuesta 1412/1997 14 a §' : 'Rättslig grund: Lagen om utkomststöd 1412/1997 14 a §'] }],
        },
      ],
    },
  }
}

describe('the public privacy notice', () => {
  it('opens without signing in, in Finnish, and switches to Swedish with its PDF link', async () => {
    const api = mockApi({
      'GET /api/auth/me': notSignedIn,
      'GET /api/privacy-notice?language=fi': () => json(notice('fi')),
      'GET /api/privacy-notice?language=sv': () => json(notice('sv')),
      'GET /api/privacy-notice/versions': () => json({ versions: [] }),
    })
    const router = renderApp('/tietosuojaseloste')
    expect(await screen.findByRole('heading', { level: 1, name: 'Tietosuojaseloste – sosiaalihuollon asiakasrekisteri' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/tietosuojaseloste')
    const disclosures = screen.getByRole('region', { name: 'Säännönmukaiset tietojen luovutukset' })
    expect(within(disclosures).getByText('Kansaneläkelaitos (Kela)')).toBeTruthy()
    expect(within(disclosures).getByText('Oikeusperuste: Laki toimeentulotuesta 1412/1997 14 a §')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Lataa PDF' }).getAttribute('href')).toBe('/api/privacy-notice/pdf?language=fi')

    fireEvent.change(screen.getByLabelText('Selosteen kieli'), { target: { value: 'sv' } })
    expect(await screen.findByRole('heading', { level: 1, name: 'Dataskyddsbeskrivning – socialvårdens klientregister' })).toBeTruthy()
    expect(screen.getByText('Folkpensionsanstalten (FPA)')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Lataa PDF' }).getAttribute('href')).toBe('/api/privacy-notice/pdf?language=sv')
    expect(api.calls('GET /api/privacy-notice?language=sv')).toHaveLength(1)
  })

  it('lists the earlier versions and opens one', async () => {
    mockApi({
      'GET /api/auth/me': notSignedIn,
      'GET /api/privacy-notice?language=fi': () => json(notice('fi')),
      'GET /api/privacy-notice/versions/1?language=fi': () => json({ ...notice('fi', 1), document: { title: 'Vanha seloste', sections: [] } }),
      'GET /api/privacy-notice/versions': () =>
        json({
          versions: [
            { number: 3, generatedAt: '2026-12-07T08:00:00.000Z', contentHash: 'a'.repeat(64), reason: 'regular_disclosures' },
            { number: 1, generatedAt: '2026-12-01T08:00:00.000Z', contentHash: 'b'.repeat(64), reason: 'startup' },
          ],
        }),
    })
    renderApp('/tietosuojaseloste')
    const versions = await screen.findByRole('navigation', { name: 'Aiemmat versiot' })
    fireEvent.click(within(versions).getByRole('button', { name: /^Versio 1,/ }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Vanha seloste' })).toBeTruthy()
  })
})

describe('the user commitment at sign-in', () => {
  it('shows only the commitment until it is accepted, then the page asked for', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json({ user: gatedUser, stage: 'commitment' }),
      'GET /api/commitment': () =>
        json({ version: 2, textFi: 'Käyttäjäsitoumus\n\nSitoudun pitämään asiakastiedot salassa.', textSv: 'Användarförbindelse', publishedAt: '2026-12-07T08:00:00.000Z', acceptedAt: null }),
      'POST /api/commitment/accept': () => json({ user, stage: 'active' }),
    })
    const router = renderApp('/persons')
    const heading = await screen.findByRole('heading', { level: 1, name: 'Käyttäjäsitoumus' })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    expect(router.state.location.pathname).toBe('/login')
    expect(await screen.findByText('Sitoudun pitämään asiakastiedot salassa.')).toBeTruthy()
    expect(screen.getByText('Versio 2')).toBeTruthy()
    expect(screen.queryByRole('navigation', { name: 'Päävalikko' })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Hyväksyn käyttäjäsitoumuksen' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/persons')
    expect(api.calls('POST /api/commitment/accept')[0]?.body).toEqual({ version: 2 })
  })

  it('shows the refusal when the commitment changed meanwhile and reads it again', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json({ user: gatedUser, stage: 'commitment' }),
      'GET /api/commitment': () => json({ version: 3, textFi: 'Uusin sitoumus.', textSv: 'Nyaste förbindelsen.', publishedAt: '2026-12-07T08:00:00.000Z', acceptedAt: null }),
      'POST /api/commitment/accept': () =>
        problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'body.version', code: 'commitment.version', message: 'Käyttäjäsitoumus on muuttunut. Lue voimassa oleva versio ja hyväksy se.' }] }),
    })
    renderApp('/login')
    await screen.findByText('Uusin sitoumus.')
    fireEvent.click(screen.getByRole('button', { name: 'Hyväksyn käyttäjäsitoumuksen' }))
    expect(await screen.findByText('Tiedoissa on virheitä')).toBeTruthy()
    await waitFor(() => expect(api.calls('GET /api/commitment')).toHaveLength(2))
    expect(screen.getByRole('heading', { level: 1, name: 'Käyttäjäsitoumus' })).toBeTruthy()
  })
})

const providerReader = sessionUser({ actions: ['providers:read'] })

describe('a new commitment published during the session', () => {
  it('takes the user to the commitment when a request is refused for it', async () => {
    let gated = false
    mockApi({
      'GET /api/auth/me': () => json(gated ? { user: gatedUser, stage: 'commitment' } : { user: providerReader, stage: 'active' }),
      'GET /api/health': () => json({ status: 'ok', database: 'pglite', migration: '0045_privacy_notice' }),
      'GET /api/providers': () => {
        gated = true
        return problem({ type: 'https://huoma.fi/problems/commitment-required', title: 'Ei oikeutta', status: 403, detail: 'Hyväksy käyttäjäsitoumus ennen kuin jatkat.' })
      },
      'GET /api/commitment': () => json({ version: 4, textFi: 'Neljäs sitoumus.', textSv: 'Fjärde förbindelsen.', publishedAt: '2026-12-07T08:00:00.000Z', acceptedAt: null }),
    })
    renderApp('/providers')
    expect(await screen.findByRole('heading', { level: 1, name: 'Käyttäjäsitoumus' })).toBeTruthy()
    expect(await screen.findByText('Neljäs sitoumus.')).toBeTruthy()
  })
})

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const WORKER_ID = '6b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const worker = sessionUser({ id: WORKER_ID, actions: ['persons:search', 'persons:read', 'persons:card', 'notice:informed-read', 'notice:informed-record'] })

function card(): ClientCard {
  return {
    person: {
      id: PERSON,
      hetu: '050776-900H',
      temporaryId: null,
      firstNames: 'Tuulikki',
      lastName: 'Salminen',
      birthDate: '1976-07-05',
      deathDate: null,
      turvakielto: false,
      callingName: null,
      serviceLanguage: 'fi',
      nativeLanguage: 'fi',
      phone: null,
      email: null,
      iban: null,
      addresses: [],
      version: 1,
    },
    family: [],
    household: [],
    relationships: [
      { id: '8b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21', serviceTask: 'adult_social_work', kind: 'responsible', userId: WORKER_ID, userName: 'Aino Lehtinen', startDate: '2026-01-02', endDate: null, startReason: 'application', endReason: null },
    ],
    timeline: [],
    accessBasis: 'relationship',
    vtjCheckedAt: '2026-03-01T10:00:00.000Z',
    vtjChanges: [],
  } as ClientCard
}

describe('informed of the processing, on the client card', () => {
  it('shows that nothing is recorded, records the day and how, and lists it', async () => {
    const recorded = {
      id: 'c1000000-0000-4000-8000-000000000001',
      serviceTask: 'adult_social_work' as const,
      informedOn: '2026-12-03',
      method: 'letter' as const,
      informedBy: { id: WORKER_ID, displayName: 'Aino Lehtinen' },
      noticeVersion: 3,
      recordedAt: '2026-12-07T08:00:00.000Z',
    }
    let records: (typeof recorded)[] = []
    const api = signedIn(worker, {
      [`GET /api/persons/${PERSON}/card`]: () => json(card()),
      [`GET /api/persons/${PERSON}/processing-notices?serviceTask=adult_social_work`]: () => json({ records }),
      [`POST /api/persons/${PERSON}/processing-notices`]: () => {
        records = [recorded]
        return json({ records }, 201)
      },
    })
    renderApp(`/persons/${PERSON}`)
    const section = await screen.findByRole('region', { name: 'Informointi tietojen käsittelystä (Aikuisten sosiaalityö)' })
    expect(await within(section).findByText('Asiakkaan informoimista tietojen käsittelystä ei ole kirjattu.')).toBeTruthy()
    fireEvent.change(within(section).getByLabelText('Informoitu (pp.kk.vvvv)'), { target: { value: '3.12.2026' } })
    fireEvent.change(within(section).getByLabelText('Tapa'), { target: { value: 'letter' } })
    fireEvent.click(within(section).getByRole('button', { name: 'Kirjaa informointi' }))
    expect(await within(section).findByText('3.12.2026: kirjeellä, informoi Aino Lehtinen')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/processing-notices`)[0]?.body).toEqual({ serviceTask: 'adult_social_work', informedOn: '2026-12-03', method: 'letter' })
  })
})

const MAIN_USER = sessionUser({ displayName: 'Pekka Aaltonen', roles: ['main_user'], actions: ['notice:configure', 'commitment:manage'] })
const SETTINGS = {
  controllerName: 'Demolan kaupunki',
  businessId: '0000000-0',
  updatedAt: '2026-12-07T08:00:00.000Z',
  controllerAddress: 'PL 100, 99990 Demola',
  controllerEmail: 'kirjaamo@demola.fi',
  controllerPhone: '09 123 4567',
  dpoName: 'Maria Lindqvist',
  dpoEmail: 'tietosuoja@demola.fi',
  dpoPhone: '',
  dpoAddress: '',
  rightsContactFi: '',
  rightsContactSv: '',
  transfersFi: '',
  transfersSv: '',
  securityFi: '',
  securitySv: '',
  version: 2,
}

describe('the main user\'s privacy notice page', () => {
  it('adds a regular disclosure, changes the officer\'s email and publishes a new commitment after confirming', async () => {
    const kela = { id: 'd1000000-0000-4000-8000-000000000001', serviceTask: 'income_support', recipientFi: 'Kansaneläkelaitos (Kela)', recipientSv: 'Folkpensionsanstalten (FPA)', legalBasisFi: 'Laki toimeentulotuesta 1412/1997 14 a §', legalBasisSv: 'Lagen om utkomststöd 1412/1997 14 a §', contentFi: 'Päätökset', contentSv: 'Besluten', frequency: 'per_event', active: true, version: 1 }
    const api = signedIn(MAIN_USER, {
      'GET /api/admin/regular-disclosures': () => json({ disclosures: [kela] }),
      'POST /api/admin/regular-disclosures': () => json({ ...kela, id: 'd1000000-0000-4000-8000-000000000002' }, 201),
      'GET /api/admin/paper-records': () => json({ records: [] }),
      'GET /api/units': () => json({ units: [] }),
      'GET /api/admin/data-protection': () => json(SETTINGS),
      'PUT /api/admin/data-protection': () => json({ ...SETTINGS, version: 3 }),
      'GET /api/admin/commitment': () => json({ versions: [{ version: 1, textFi: 'x', textSv: 'y', publishedAt: '2026-12-01T08:00:00.000Z', publishedBy: 'Pekka Aaltonen', acceptances: 12 }], pendingUsers: 0 }),
      'POST /api/admin/commitment': () => json({ versions: [], pendingUsers: 12 }, 201),
    })
    renderApp('/admin/privacy-notice')
    expect(await screen.findByRole('heading', { level: 1, name: 'Tietosuojaseloste ja säännönmukaiset luovutukset' })).toBeTruthy()
    expect(await screen.findByText('Kansaneläkelaitos (Kela)')).toBeTruthy()

    fireEvent.change(screen.getByLabelText('Vastaanottaja (suomeksi)'), { target: { value: 'Verohallinto' } })
    fireEvent.change(screen.getByLabelText('Vastaanottaja (ruotsiksi)'), { target: { value: 'Skatteförvaltningen' } })
    fireEvent.change(screen.getByLabelText('Oikeusperuste ja lainkohta (suomeksi)'), { target: { value: 'VML 15 §' } })
    fireEvent.change(screen.getByLabelText('Oikeusperuste ja lainkohta (ruotsiksi)'), { target: { value: 'BFL 15 §' } })
    fireEvent.change(screen.getByLabelText('Luovutettavat tiedot (suomeksi)'), { target: { value: 'Korvaukset' } })
    fireEvent.change(screen.getByLabelText('Luovutettavat tiedot (ruotsiksi)'), { target: { value: 'Ersättningar' } })
    fireEvent.click(screen.getByRole('button', { name: 'Lisää luovutus' }))
    await waitFor(() => expect(api.calls('POST /api/admin/regular-disclosures')).toHaveLength(1))
    expect(api.calls('POST /api/admin/regular-disclosures')[0]?.body).toMatchObject({ serviceTask: 'income_support', recipientFi: 'Verohallinto', legalBasisSv: 'BFL 15 §', frequency: 'per_event' })

    const email = await screen.findByLabelText<HTMLInputElement>('Tietosuojavastaavan sähköposti')
    expect(email.value).toBe('tietosuoja@demola.fi')
    fireEvent.change(email, { target: { value: 'dpo@demola.fi' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna tiedot' }))
    await waitFor(() => expect(api.calls('PUT /api/admin/data-protection')).toHaveLength(1))
    expect(api.calls('PUT /api/admin/data-protection')[0]?.body).toMatchObject({ dpoEmail: 'dpo@demola.fi', version: 2 })

    expect(await screen.findByText('Versio 1: hyväksynyt 12 käyttäjää')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Uusi sitoumus (suomeksi)'), { target: { value: 'Uusi sitoumus, joka on riittävän pitkä.' } })
    fireEvent.change(screen.getByLabelText('Uusi sitoumus (ruotsiksi)'), { target: { value: 'Ny förbindelse som är tillräckligt lång.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Julkaise uusi versio' }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByText('Jokainen käyttäjä, myös sinä, joutuu hyväksymään uuden version ennen kuin voi jatkaa työtään.')).toBeTruthy()
    expect(api.calls('POST /api/admin/commitment')).toHaveLength(0)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Julkaise uusi versio' }))
    await waitFor(() => expect(api.calls('POST /api/admin/commitment')).toHaveLength(1))
    expect(api.calls('POST /api/admin/commitment')[0]?.body).toEqual({ textFi: 'Uusi sitoumus, joka on riittävän pitkä.', textSv: 'Ny förbindelse som är tillräckligt lång.' })
  })

  it('shows the regular disclosures\' runs with those left out, and runs an ended period now', async () => {
    const runner = sessionUser({ displayName: 'Pekka Aaltonen', roles: ['main_user'], actions: ['notice:configure', 'disclosures:regular-read', 'disclosures:regular-run', 'disclosures:regular-file'] })
    const run = { id: 'r1000000-0000-4000-8000-000000000001', number: 1, periodStart: '2026-12-06', periodEnd: '2026-12-06', trigger: 'job', runBy: null, ranAt: '2026-12-07T04:30:00.000Z', included: 12, records: 14, leftOutRestricted: 1, leftOutBanned: 0, leftOutNoIdentity: 2, fileName: 'kela-toimeentulotukipaatokset-2026-12-06.csv', fileSha256: 'b'.repeat(64) }
    const definition = { id: 'd1000000-0000-4000-8000-000000000001', serviceTask: 'income_support', recipientFi: 'Kansaneläkelaitos (Kela)', recipientSv: 'Folkpensionsanstalten (FPA)', legalBasisFi: 'Laki toimeentulotuesta 1412/1997 14 a §', legalBasisSv: 'x', contentFi: 'Päätökset', contentSv: 'Besluten', frequency: 'per_event', active: true, producer: 'kela_income_support_decisions', runs: [run] }
    const api = signedIn(runner, {
      'GET /api/admin/regular-disclosures': () => json({ disclosures: [] }),
      'GET /api/admin/regular-disclosures/runs': () => json({ definitions: [definition] }),
      [`POST /api/admin/regular-disclosures/${definition.id}/runs`]: () => json({ run: { ...run, id: 'r1000000-0000-4000-8000-000000000002', periodStart: '2026-11-01', periodEnd: '2026-11-30', trigger: 'manual', runBy: 'Pekka Aaltonen', included: 40 }, alreadyRan: false }),
      'GET /api/admin/paper-records': () => json({ records: [] }),
      'GET /api/units': () => json({ units: [] }),
      'GET /api/admin/data-protection': () => json(SETTINGS),
    })
    renderApp('/admin/privacy-notice')
    expect(await screen.findByRole('heading', { level: 2, name: 'Säännönmukaisten luovutusten ajot' })).toBeTruthy()
    expect(screen.getByRole('heading', { level: 3, name: 'Kansaneläkelaitos (Kela): Toimeentulotukipäätökset Kelalle (CSV)' })).toBeTruthy()
    expect(screen.getByText('rajoitus 1, kielto 0, ei henkilötunnusta 2')).toBeTruthy()
    expect(screen.getByText('ajastettu tehtävä')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'kela-toimeentulotukipaatokset-2026-12-06.csv' }).getAttribute('href')).toBe(`/api/admin/regular-disclosures/${definition.id}/runs/${run.id}/file`)

    fireEvent.change(screen.getByLabelText('Jakson alku (pp.kk.vvvv)'), { target: { value: '1.11.2026' } })
    fireEvent.change(screen.getByLabelText('Jakson loppu (pp.kk.vvvv)'), { target: { value: 'huomenna' } })
    fireEvent.click(screen.getByRole('button', { name: 'Aja nyt' }))
    expect(await screen.findByText('Anna päivä muodossa pp.kk.vvvv.')).toBeTruthy()
    expect(api.calls(`POST /api/admin/regular-disclosures/${definition.id}/runs`)).toHaveLength(0)
    fireEvent.change(screen.getByLabelText('Jakson loppu (pp.kk.vvvv)'), { target: { value: '30.11.2026' } })
    fireEvent.click(screen.getByRole('button', { name: 'Aja nyt' }))
    await waitFor(() => expect(api.calls(`POST /api/admin/regular-disclosures/${definition.id}/runs`)).toHaveLength(1))
    expect(api.calls(`POST /api/admin/regular-disclosures/${definition.id}/runs`)[0]?.body).toEqual({ periodStart: '2026-11-01', periodEnd: '2026-11-30' })
    expect(await screen.findByText(/^Ajo .*30\.11\.2026 tehty: 40 asiakasta kirjattiin luovutuslokiin\.$/)).toBeTruthy()
    // the list reloads after the run; the period typed stays, so running it again asks for the same period
    expect(screen.getByLabelText<HTMLInputElement>('Jakson alku (pp.kk.vvvv)').value).toBe('1.11.2026')
    expect(screen.getByLabelText<HTMLInputElement>('Jakson loppu (pp.kk.vvvv)').value).toBe('30.11.2026')
  })
})
