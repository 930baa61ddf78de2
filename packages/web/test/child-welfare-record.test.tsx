import type { Caseload, ChildWelfareRecord, DeadlineInfo, DeadlineList, Notification, Placement, Plan, ProviderList } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import {
  anyObjection,
  careOrderParties,
  deadlineMark,
  isPlaced,
  placementTimeline,
  planGroup,
  positionsBody,
} from '../src/features/child-welfare/record'
import { todayInHelsinki } from '../src/lib/format'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const CHILD = 'd2000000-0000-4000-8000-000000000001'
const MUM = 'd2000000-0000-4000-8000-0000000000a1'
const DAD = 'd2000000-0000-4000-8000-0000000000a2'
const MATTER = 'c3000000-0000-4000-8000-000000000001'
const NOTIFICATION = 'c1000000-0000-4000-8000-000000000001'
const URGENT = 'e3000000-0000-4000-8000-000000000001'
const DECISION = 'f3000000-0000-4000-8000-000000000001'
const APPLICATION = 'a3000000-0000-4000-8000-000000000001'
const PROVIDER = 'b3000000-0000-4000-8000-000000000001'
const REC = `/api/persons/${CHILD}/child-welfare`
const today = todayInHelsinki()

const WORKER = sessionUser({
  id: 'e1000000-0000-4000-8000-000000000001',
  displayName: 'Aino Lehtinen',
  roles: ['social_worker'],
  actions: ['child-welfare:notifications', 'child-welfare:handle', 'child-welfare:read', 'child-welfare:assess', 'child-welfare:decide', 'child-welfare:print', 'child-welfare:plan', 'child-welfare:workers', 'deadlines:list'],
})
const SUPERVISOR = sessionUser({
  id: 'e1000000-0000-4000-8000-000000000002',
  displayName: 'Jari Heikkilä',
  roles: ['supervisor'],
  actions: [...WORKER.actions, 'child-welfare:caseload'],
})

const field = (element: HTMLElement) => element as HTMLInputElement
const errorOf = (element: Element) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((e) => e?.classList.contains('field-error'))
    .map((e) => e!.textContent)
    .join(' ')

function deadline(overrides: Partial<DeadlineInfo> = {}): DeadlineInfo {
  return { dueOn: '2099-12-10', state: 'open', metOn: null, standing: 'upcoming', workingDaysLeft: 30, ...overrides }
}

function placement(overrides: Partial<Placement> = {}): Placement {
  return {
    id: URGENT,
    basis: 'urgent',
    form: 'institution',
    place: 'Lastenkoti Kotikallio',
    providerId: PROVIDER,
    reasons: ['neglect'],
    startsOn: '2026-01-10',
    endsOn: null,
    decision: { id: DECISION, number: 41, maker: 'Aino Lehtinen' },
    extension: null,
    deadline: deadline({ dueOn: '2026-02-08', standing: 'upcoming', workingDaysLeft: 3 }),
    version: 1,
    ...overrides,
  }
}

function record(overrides: Partial<ChildWelfareRecord> = {}): ChildWelfareRecord {
  return {
    person: { id: CHILD, name: 'Virtanen Aino', birthDate: '2012-05-05', ageToday: 13 },
    guardians: [
      { id: MUM, name: 'Virtanen Maija' },
      { id: DAD, name: 'Virtanen Matti' },
    ],
    matters: [],
    decisions: [],
    placements: [],
    courtApplications: [],
    measures: [],
    bans: [],
    afterCare: null,
    ...overrides,
  }
}

const matter = (overrides: Partial<ChildWelfareRecord['matters'][number]> = {}): ChildWelfareRecord['matters'][number] => ({
  id: MATTER,
  notificationId: NOTIFICATION,
  receipt: 'LS-ABCD-2345',
  pendingOn: '2026-01-02',
  state: 'assessment',
  responsibleName: 'Aino Lehtinen',
  completeDeadline: deadline({ dueOn: '2099-04-02', standing: 'upcoming', workingDaysLeft: 4 }),
  assessment: null,
  version: 3,
  ...overrides,
})

const noPlans = () => json({ plans: [] })

describe('the rules of the child welfare record', () => {
  it('orders the placements latest first, the open one first of two begun the same day, each with where it stands', () => {
    const ended = placement({ id: 'p1', startsOn: '2025-01-01', endsOn: '2025-02-01' })
    const current = placement({ id: 'p2', startsOn: '2026-01-10', endsOn: null })
    const shortOne = placement({ id: 'p3', startsOn: '2026-01-10', endsOn: '2026-01-12' })
    const upcoming = placement({ id: 'p4', basis: 'care_order', startsOn: '2026-03-01' })
    const timeline = placementTimeline([ended, shortOne, upcoming, current], '2026-02-01')
    expect(timeline.map((e) => [e.placement.id, e.phase])).toEqual([
      ['p4', 'upcoming'],
      ['p2', 'current'],
      ['p3', 'ended'],
      ['p1', 'ended'],
    ])
    // the end day itself still counts as placed
    expect(placementTimeline([shortOne], '2026-01-12')[0]!.phase).toBe('current')
    expect(isPlaced({ placements: [shortOne] }, '2026-01-12')).toBe(true)
    expect(isPlaced({ placements: [shortOne] }, '2026-01-13')).toBe(false)
    expect(isPlaced({ placements: [placement({ basis: 'after_care' })] }, '2026-02-01')).toBe(false)
  })

  it('hears every guardian, and the child from the day of turning 12', () => {
    const r = record({ person: { id: CHILD, name: 'Virtanen Aino', birthDate: '2014-06-15', ageToday: 11 } })
    expect(careOrderParties(r, '2026-06-14').map((p) => [p.name, p.role])).toEqual([
      ['Virtanen Maija', 'guardian'],
      ['Virtanen Matti', 'guardian'],
    ])
    expect(careOrderParties(r, '2026-06-15').map((p) => p.role)).toEqual(['guardian', 'guardian', 'child'])
    // no date yet: today's age
    expect(careOrderParties(r, '').map((p) => p.role)).toEqual(['guardian', 'guardian'])
    expect(careOrderParties(record({ guardians: [] }), '2026-01-01').map((p) => p.personId)).toEqual([CHILD])
  })

  it('builds the positions in the parties’ order, the not-heard without a day, and finds an objection', () => {
    const parties = careOrderParties(record(), '2026-02-01')
    const drafts = {
      [DAD]: { position: 'objection' as const, heardOn: '2026-01-30', note: '  Vastustaa sijoitusta. ' },
      [MUM]: { position: 'not_heard' as const, heardOn: '', note: 'Ei tavoitettu.' },
      [CHILD]: { position: 'consent' as const, heardOn: '2026-01-31', note: '' },
    }
    expect(positionsBody(parties, drafts)).toEqual([
      { personId: MUM, position: 'not_heard', heardOn: null, note: 'Ei tavoitettu.' },
      { personId: DAD, position: 'objection', heardOn: '2026-01-30', note: 'Vastustaa sijoitusta.' },
      { personId: CHILD, position: 'consent', heardOn: '2026-01-31', note: null },
    ])
    expect(anyObjection(parties, drafts)).toBe(true)
    expect(anyObjection(parties, { ...drafts, [DAD]: { position: 'consent', heardOn: '2026-01-30', note: '' } })).toBe(false)
  })

  it('marks a deadline overdue, due today, due soon within five working days, or as it stands', () => {
    expect(deadlineMark(deadline({ standing: 'overdue', workingDaysLeft: -2 }))).toBe('overdue')
    expect(deadlineMark(deadline({ standing: 'due_today', workingDaysLeft: 0 }))).toBe('due_today')
    expect(deadlineMark(deadline({ workingDaysLeft: 5 }))).toBe('due_soon')
    expect(deadlineMark(deadline({ workingDaysLeft: 6 }))).toBe('open')
    expect(deadlineMark(deadline({ state: 'met', metOn: '2026-01-01', standing: 'met_on_time' }))).toBe('met')
    expect(deadlineMark(deadline({ state: 'met', metOn: '2026-01-01', standing: 'met_late' }))).toBe('met_late')
  })

  it('keeps the current plan apart from its earlier versions, latest first', () => {
    const plan = (id: string, madeOn: string, current: boolean, kind: Plan['kind'] = 'child'): Plan => ({
      id,
      kind,
      replacesId: null,
      current,
      goals: 'Tavoitteet',
      measures: 'Toimet',
      childViews: null,
      parentViews: null,
      madeOn,
      madeBy: 'Aino Lehtinen',
      reviewBy: '2027-01-01',
      reviewDeadline: null,
    })
    const group = planGroup([plan('a', '2025-01-01', false), plan('c', '2026-01-01', true), plan('b', '2025-06-01', false), plan('p', '2026-01-01', true, 'parents')], 'child')
    expect(group.current?.id).toBe('c')
    expect(group.earlier.map((p) => p.id)).toEqual(['b', 'a'])
  })
})

describe('the child’s child welfare page', () => {
  it('completes the assessment: the checks and the server’s messages at the fields, nothing lost, then the conclusion shown', async () => {
    const before = record({ matters: [matter()] })
    let posts = 0
    const api = signedIn(WORKER, {
      [`GET ${REC}`]: () => json(before),
      [`GET ${REC}/plans`]: noPlans,
      [`POST ${REC}/matters/${MATTER}/assessment`]: () =>
        ++posts === 1
          ? problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'completedOn', code: 'cw.start.before_pending', message: 'Päätös ei voi olla ennen kuin asia tuli vireille (2026-01-02).' }] })
          : json(
              record({
                matters: [
                  matter({
                    state: 'closed',
                    assessment: { childViews: 'Lapsi viihtyy koulussa.', guardianViews: 'Huoltajat pitävät huolta aiheettomana.', summary: 'Perhe tarvitsee tukea arkeen.', conclusion: 'client', completedOn: today, completedBy: 'Aino Lehtinen' },
                    completeDeadline: deadline({ state: 'met', metOn: today, standing: 'met_on_time' }),
                  }),
                ],
              }),
            ),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Lastensuojelu: Virtanen Aino' })).toBeTruthy()
    const article = within(screen.getByRole('article', { name: /Asia LS-ABCD-2345/ }))
    // the 3-month deadline, four working days ahead: due soon, in words
    expect(article.getByText('Erääntyy pian')).toBeTruthy()
    expect(article.getByRole('link', { name: 'LS-ABCD-2345' }).getAttribute('href')).toBe(`/child-welfare/notifications/${NOTIFICATION}`)
    fireEvent.click(article.getByRole('button', { name: 'Kirjaa arviointi valmiiksi' }))
    const form = within(screen.getByRole('form', { name: 'Palvelutarpeen arviointi, asia LS-ABCD-2345' }))
    fireEvent.click(form.getByRole('button', { name: 'Tallenna arviointi' }))
    const childViews = form.getByLabelText('Lapsen näkemykset')
    expect(errorOf(childViews)).toBe('Kirjaa lapsen näkemykset.')
    expect(document.activeElement).toBe(childViews)
    expect(errorOf(form.getByLabelText('Huoltajien näkemykset'))).toBe('Kirjaa huoltajien näkemykset.')
    expect(errorOf(form.getByRole('group', { name: 'Johtopäätös' }))).toBe('Valitse johtopäätös.')
    expect(api.calls(`POST ${REC}/matters/${MATTER}/assessment`)).toHaveLength(0)

    fireEvent.change(childViews, { target: { value: 'Lapsi viihtyy koulussa.' } })
    fireEvent.change(form.getByLabelText('Huoltajien näkemykset'), { target: { value: 'Huoltajat pitävät huolta aiheettomana.' } })
    fireEvent.change(form.getByLabelText('Yhteenveto'), { target: { value: 'Perhe tarvitsee tukea arkeen.' } })
    fireEvent.click(form.getByRole('radio', { name: 'Lapsi on lastensuojelun asiakas' }))
    fireEvent.change(form.getByLabelText('Valmistumispäivä'), { target: { value: '2026-01-01' } })
    fireEvent.click(form.getByRole('button', { name: 'Tallenna arviointi' }))
    const completedOn = form.getByLabelText('Valmistumispäivä')
    await waitFor(() => expect(errorOf(completedOn)).toBe('Päätös ei voi olla ennen kuin asia tuli vireille (2026-01-02).'))
    expect(document.activeElement).toBe(completedOn)
    // nothing lost
    expect(field(form.getByLabelText('Yhteenveto')).value).toBe('Perhe tarvitsee tukea arkeen.')
    expect(field(form.getByRole('radio', { name: 'Lapsi on lastensuojelun asiakas' })).checked).toBe(true)
    expect(api.calls(`POST ${REC}/matters/${MATTER}/assessment`)[0]!.body).toEqual({
      childViews: 'Lapsi viihtyy koulussa.',
      guardianViews: 'Huoltajat pitävät huolta aiheettomana.',
      summary: 'Perhe tarvitsee tukea arkeen.',
      conclusion: 'client',
      completedOn: '2026-01-01',
      version: 3,
    })

    fireEvent.change(completedOn, { target: { value: today } })
    fireEvent.click(form.getByRole('button', { name: 'Tallenna arviointi' }))
    expect(await screen.findByText('Palvelutarpeen arviointi tallennettiin (asia LS-ABCD-2345).')).toBeTruthy()
    const done = within(screen.getByRole('article', { name: /Asia LS-ABCD-2345/ }))
    expect(done.getByText('Lapsi on lastensuojelun asiakas')).toBeTruthy()
    expect(done.getByText('Hoidettu')).toBeTruthy()
    expect(screen.queryByRole('form', { name: /Palvelutarpeen arviointi/ })).toBeNull()
  })

  it('shows the placements timeline with the urgent placement’s end due soon, and the extension refused to the same official at the top of its form', async () => {
    const placed = record({
      placements: [placement(), placement({ id: 'old', basis: 'open_care', form: 'kinship_care', place: 'Mummola', providerId: null, startsOn: '2025-01-01', endsOn: '2025-03-01', deadline: null })],
      decisions: [{ id: DECISION, number: 41, type: 'child_welfare_urgent_placement', decidedOn: '2026-01-10', maker: 'Aino Lehtinen', outcome: 'placed' }],
    })
    const api = signedIn(WORKER, {
      [`GET ${REC}`]: () => json(placed),
      [`GET ${REC}/plans`]: noPlans,
      [`POST ${REC}/urgent-placements/${URGENT}/extension`]: () =>
        problem({
          title: 'Tiedoissa on virheitä',
          status: 400,
          errors: [{ field: 'decisionMaker', code: 'cw.extension.same_official', message: 'Jatkamisesta päättää muu viranhaltija kuin sijoituksesta päättänyt (LSL 38 a §).' }],
        }),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    const timeline = await screen.findByRole('list', { name: 'Sijoitukset, uusin ensin' })
    const [latest, earlier] = within(timeline).getAllByRole('listitem')
    expect(within(latest!).getByRole('heading', { name: /Kiireellinen sijoitus, 10\.1\.2026 alkaen Voimassa/ })).toBeTruthy()
    expect(within(latest!).getByText('Lastenkoti Kotikallio')).toBeTruthy()
    expect(within(latest!).getByText('Lapsen hoidon laiminlyönti')).toBeTruthy()
    expect(within(latest!).getByText('Kiireellinen sijoitus päättyy')).toBeTruthy()
    expect(within(latest!).getByText('Erääntyy pian')).toBeTruthy()
    expect(within(earlier!).getByRole('heading', { name: /Avohuollon sijoitus, ajalla 1\.1\.2025–1\.3\.2025 Päättynyt/ })).toBeTruthy()
    // the decisions with their PDFs in both languages
    const decisions = screen.getByRole('table', { name: 'Lastensuojelun päätökset, uusin ensin' })
    expect(within(decisions).getByRole('link', { name: 'Päätös n:o 41 (PDF, suomi)' }).getAttribute('href')).toBe(`${REC}/decisions/${DECISION}/pdf?language=fi`)
    expect(within(decisions).getByRole('link', { name: 'Päätös n:o 41 (PDF, ruotsi)' }).getAttribute('href')).toBe(`${REC}/decisions/${DECISION}/pdf?language=sv`)

    fireEvent.click(within(latest!).getByRole('button', { name: 'Jatka kiireellistä sijoitusta' }))
    const form = within(screen.getByRole('form', { name: 'Kiireellisen sijoituksen jatkaminen' }))
    expect(form.getByText(/Sinä \(Aino Lehtinen\) päätit tästä sijoituksesta/)).toBeTruthy()
    fireEvent.change(form.getByLabelText('Päätöksen perustelut'), { target: { value: 'Huostaanoton valmistelu on kesken.' } })
    fireEvent.click(form.getByRole('button', { name: 'Tee jatkopäätös' }))
    const refusal = await form.findByText('Jatkamisesta päättää muu viranhaltija kuin sijoituksesta päättänyt (LSL 38 a §).')
    expect(form.getByText('Jatkopäätöstä ei tallennettu')).toBeTruthy()
    expect(document.activeElement).toBe(refusal.closest('.cw-refusal'))
    expect(field(form.getByLabelText('Päätöksen perustelut')).value).toBe('Huostaanoton valmistelu on kesken.')
    expect(api.calls(`POST ${REC}/urgent-placements/${URGENT}/extension`)[0]!.body).toEqual({ decidedOn: today, decisionReasons: 'Huostaanoton valmistelu on kesken.', version: 1, language: 'fi' })
  })

  it('decides an urgent placement: the place from the register by the form of care, or a name for kinship care, and the reasons', async () => {
    const providers = (names: string[]): ProviderList => ({
      offset: 0,
      limit: 200,
      total: names.length,
      providers: names.map((name, i) => ({
        id: i === 0 ? PROVIDER : `b3000000-0000-4000-8000-00000000000${i + 1}`,
        number: i + 1,
        name,
        businessId: null,
        iban: null,
        bic: null,
        street: null,
        postalCode: null,
        postOffice: null,
        email: null,
        phone: null,
        serviceTypes: ['institutional_care'],
        validFrom: '2020-01-01',
        validUntil: null,
        active: true,
        version: 1,
      })),
    })
    const api = signedIn(WORKER, {
      [`GET ${REC}`]: () => json(record()),
      [`GET ${REC}/plans`]: noPlans,
      'GET /api/providers?serviceType=institutional_care': () => json(providers(['Lastenkoti Kotikallio'])),
      'GET /api/providers?serviceType=family_care': () => json(providers(['Perhekoti Metsätähti'])),
      [`POST ${REC}/urgent-placements`]: () => json(record({ placements: [placement()] }), 201),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    fireEvent.click(await screen.findByRole('button', { name: 'Päätä kiireellisestä sijoituksesta' }))
    const form = within(screen.getByRole('form', { name: 'Kiireellinen sijoitus' }))
    fireEvent.click(form.getByRole('button', { name: 'Tee päätös kiireellisestä sijoituksesta' }))
    expect(errorOf(form.getByLabelText('Sijoitusmuoto'))).toBe('Valitse sijoitusmuoto.')
    expect(errorOf(form.getByRole('group', { name: 'Sijoituksen syyt' }))).toBe('Valitse vähintään yksi sijoituksen syy.')
    expect(errorOf(form.getByLabelText('Päätöksen perustelut'))).toBe('Kirjoita perustelut (vähintään 10 merkkiä).')

    fireEvent.change(form.getByLabelText('Sijoitusmuoto'), { target: { value: 'kinship_care' } })
    expect(form.queryByLabelText('Sijoituspaikka')).toBeNull()
    expect(form.getByLabelText('Sijoituspaikka (sukulainen tai läheinen)')).toBeTruthy()
    fireEvent.change(form.getByLabelText('Sijoitusmuoto'), { target: { value: 'institution' } })
    const provider = form.getByLabelText('Sijoituspaikka')
    await waitFor(() => expect(within(provider).getByRole('option', { name: 'Lastenkoti Kotikallio' })).toBeTruthy())
    fireEvent.change(provider, { target: { value: PROVIDER } })
    fireEvent.click(form.getByRole('checkbox', { name: 'Väkivalta perheessä' }))
    fireEvent.click(form.getByRole('checkbox', { name: 'Vanhempien päihteiden käyttö' }))
    fireEvent.change(form.getByLabelText('Päätöksen perustelut'), { target: { value: 'Lapsi on välittömässä vaarassa kotona.' } })
    fireEvent.change(form.getByLabelText('Päätöksen kieli'), { target: { value: 'sv' } })
    fireEvent.click(form.getByRole('button', { name: 'Tee päätös kiireellisestä sijoituksesta' }))
    expect(await screen.findByText(/Päätös kiireellisestä sijoituksesta tehtiin/)).toBeTruthy()
    expect(api.calls(`POST ${REC}/urgent-placements`)[0]!.body).toEqual({
      decidedOn: today,
      placedOn: today,
      form: 'institution',
      providerId: PROVIDER,
      placeName: null,
      // in the list's order, not the clicks'
      reasons: ['parents_substance_abuse', 'violence'],
      decisionReasons: 'Lapsi on välittömässä vaarassa kotona.',
      language: 'sv',
    })
  })

  it('hears each guardian and the child of 12; an objection makes it a court application with its PDF, filed on a day', async () => {
    let reads = 0
    const application = {
      id: APPLICATION,
      number: 7,
      preparedOn: today,
      preparedBy: 'Aino Lehtinen',
      positions: [
        { personId: MUM, name: 'Virtanen Maija', role: 'guardian' as const, position: 'objection' as const, heardOn: today, note: 'Vastustaa.' },
        { personId: DAD, name: 'Virtanen Matti', role: 'guardian' as const, position: 'not_heard' as const, heardOn: null, note: 'Ei tavoitettu.' },
        { personId: CHILD, name: 'Virtanen Aino', role: 'child' as const, position: 'consent' as const, heardOn: today, note: null },
      ],
      filedOn: null,
    }
    let posts = 0
    const api = signedIn(WORKER, {
      [`GET ${REC}`]: () => json(++reads === 1 ? record({ placements: [placement()] }) : record({ placements: [placement()], courtApplications: [application] })),
      [`GET ${REC}/plans`]: noPlans,
      'GET /api/providers?serviceType=family_care': () => json({ providers: [] }),
      [`POST ${REC}/care-orders`]: () =>
        ++posts === 1
          ? problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'positions', code: 'cw.care.guardian_missing', message: 'Huoltajan Pekka Virtanen kanta puuttuu.' }] })
          : json({ outcome: 'court_application', applicationId: APPLICATION, applicationNumber: 7 }, 201),
      [`POST ${REC}/court-applications/${APPLICATION}/filed`]: () => json(record({ placements: [placement()], courtApplications: [{ ...application, filedOn: today }] })),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    fireEvent.click(await screen.findByRole('button', { name: 'Valmistele huostaanotto' }))
    const form = within(screen.getByRole('form', { name: 'Huostaanotto' }))
    // one position per guardian, and the child's (13)
    const mum = within(form.getByRole('group', { name: 'Huoltaja Virtanen Maija' }))
    const dad = within(form.getByRole('group', { name: 'Huoltaja Virtanen Matti' }))
    const child = within(form.getByRole('group', { name: 'Lapsi Virtanen Aino (12 vuotta täyttänyt)' }))
    expect(mum.getAllByRole('radio').map((r) => r.closest('div')!.textContent)).toEqual(['Suostuu', 'Vastustaa', 'Ei kuultu'])
    fireEvent.click(form.getByRole('button', { name: 'Tee huostaanottopäätös' }))
    expect(errorOf(form.getByRole('group', { name: 'Huoltaja Virtanen Maija' }))).toBe('Valitse kanta.')

    fireEvent.click(mum.getByRole('radio', { name: 'Vastustaa' }))
    fireEvent.click(dad.getByRole('radio', { name: 'Ei kuultu' }))
    fireEvent.click(child.getByRole('radio', { name: 'Suostuu' }))
    // an objection: the court decides; the button says so
    expect(form.getByText(/Huostaanottoa vastustetaan/)).toBeTruthy()
    const [mumHeard, , childHeard] = form.getAllByLabelText(/^Kuultu/)
    fireEvent.change(mumHeard!, { target: { value: today } })
    fireEvent.change(childHeard!, { target: { value: today } })
    fireEvent.change(form.getAllByLabelText('Lisätieto')[0]!, { target: { value: 'Vastustaa.' } })
    fireEvent.click(form.getByRole('button', { name: 'Laadi hakemus hallinto-oikeudelle' }))
    expect(errorOf(form.getByLabelText('Miksi ei kuultu'))).toBe('Kirjoita, miksi henkilöä ei voitu kuulla.')
    fireEvent.change(form.getByLabelText('Miksi ei kuultu'), { target: { value: 'Ei tavoitettu.' } })
    fireEvent.change(form.getByLabelText('Sijoitusmuoto'), { target: { value: 'kinship_care' } })
    fireEvent.change(form.getByLabelText('Sijoituspaikka (sukulainen tai läheinen)'), { target: { value: 'Isovanhemmat' } })
    fireEvent.click(form.getByRole('checkbox', { name: 'Lapsen hoidon laiminlyönti' }))
    fireEvent.change(form.getByLabelText('Hakemuksen perustelut'), { target: { value: 'Avohuollon tukitoimet eivät ole riittäneet.' } })
    fireEvent.click(form.getByRole('button', { name: 'Laadi hakemus hallinto-oikeudelle' }))
    // the server's message about the positions at the positions
    const positionsError = await form.findByText('Huoltajan Pekka Virtanen kanta puuttuu.')
    expect(document.activeElement).toBe(positionsError)
    expect(api.calls(`POST ${REC}/care-orders`)[0]!.body).toEqual({
      decidedOn: today,
      positions: [
        { personId: MUM, position: 'objection', heardOn: today, note: 'Vastustaa.' },
        { personId: DAD, position: 'not_heard', heardOn: null, note: 'Ei tavoitettu.' },
        { personId: CHILD, position: 'consent', heardOn: today, note: null },
      ],
      form: 'kinship_care',
      providerId: null,
      placeName: 'Isovanhemmat',
      reasons: ['neglect'],
      startsOn: today,
      decisionReasons: 'Avohuollon tukitoimet eivät ole riittäneet.',
      language: 'fi',
    })

    fireEvent.click(form.getByRole('button', { name: 'Laadi hakemus hallinto-oikeudelle' }))
    expect(await screen.findByText(/Hakemus n:o 7 hallinto-oikeudelle laadittiin/)).toBeTruthy()
    const app = within(screen.getByRole('article', { name: 'Huostaanottohakemus n:o 7' }))
    expect(app.getByText('Ei vielä jätetty')).toBeTruthy()
    expect(app.getByRole('link', { name: 'Hakemus n:o 7 (PDF, suomi)' }).getAttribute('href')).toBe(`${REC}/court-applications/${APPLICATION}/pdf?language=fi`)
    expect(app.getByRole('link', { name: 'Hakemus n:o 7 (PDF, ruotsi)' }).getAttribute('href')).toBe(`${REC}/court-applications/${APPLICATION}/pdf?language=sv`)
    const positions = app.getByRole('table', { name: 'Kuultujen kannat' })
    expect(within(within(positions).getByRole('row', { name: /Virtanen Maija/ })).getByText('Vastustaa')).toBeTruthy()
    fireEvent.click(app.getByRole('button', { name: 'Kirjaa jätetyksi' }))
    expect(await screen.findByText(/kirjattiin jätetyksi hallinto-oikeuteen/)).toBeTruthy()
    expect(api.calls(`POST ${REC}/court-applications/${APPLICATION}/filed`)[0]!.body).toEqual({ filedOn: today })
  })

  it('makes the child’s plan, offers the parents’ plan only while placed, and reviews as a new version', async () => {
    const plan: Plan = {
      id: 'f4000000-0000-4000-8000-000000000001',
      kind: 'child',
      replacesId: null,
      current: true,
      goals: 'Koulunkäynti vakiintuu.',
      measures: 'Tukihenkilö kerran viikossa.',
      childViews: null,
      parentViews: null,
      madeOn: '2026-01-05',
      madeBy: 'Aino Lehtinen',
      reviewBy: '2027-01-05',
      reviewDeadline: deadline({ dueOn: '2027-01-05' }),
    }
    const api = signedIn(WORKER, {
      [`GET ${REC}`]: () => json(record()),
      [`GET ${REC}/plans`]: () => json({ plans: [plan] }),
      [`POST ${REC}/plans`]: () => json({ plans: [{ ...plan, current: false, reviewDeadline: null }, { ...plan, id: 'f4000000-0000-4000-8000-000000000002', replacesId: plan.id, madeOn: today, goals: 'Koulunkäynti on vakiintunut.' }] }, 201),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    const childPlan = within(await screen.findByRole('article', { name: 'Lapsen asiakassuunnitelma' }))
    expect(childPlan.getByText('Koulunkäynti vakiintuu.')).toBeTruthy()
    const parents = within(screen.getByRole('article', { name: 'Vanhempien asiakassuunnitelma' }))
    expect(parents.getByText(/tehdään, kun lapsi on sijoitettuna/)).toBeTruthy()
    expect(parents.queryByRole('button')).toBeNull()

    fireEvent.click(childPlan.getByRole('button', { name: 'Tarkista suunnitelma (uusi versio)' }))
    const form = within(screen.getByRole('form', { name: 'Tarkistus: Lapsen asiakassuunnitelma' }))
    expect(field(form.getByLabelText('Tavoitteet')).value).toBe('Koulunkäynti vakiintuu.')
    fireEvent.change(form.getByLabelText('Tavoitteet'), { target: { value: 'Koulunkäynti on vakiintunut.' } })
    fireEvent.click(form.getByRole('button', { name: 'Tallenna suunnitelma' }))
    expect(await screen.findByText('Lapsen asiakassuunnitelma tarkistettiin; uusi versio on nyt voimassa.')).toBeTruthy()
    expect(api.calls(`POST ${REC}/plans`)[0]!.body).toMatchObject({ kind: 'child', goals: 'Koulunkäynti on vakiintunut.', replacesId: plan.id, madeOn: today, reviewBy: null })
    const after = within(screen.getByRole('article', { name: 'Lapsen asiakassuunnitelma' }))
    expect(after.getByText('Aiempi versio (1)')).toBeTruthy()
  })
})

describe('what the record shows besides its forms', () => {
  it('shows the support measures granted and refused, the child’s prohibition, the assessment summary’s PDF and the after-care', async () => {
    const shown = record({
      matters: [
        matter({
          state: 'closed',
          assessment: { childViews: 'Lapsi toivoo tukihenkilöä.', guardianViews: 'Huoltajat suostuvat tukeen.', summary: 'Perhe tarvitsee tukea.', conclusion: 'client', completedOn: '2026-02-01', completedBy: 'Aino Lehtinen' },
          completeDeadline: deadline({ state: 'met', metOn: '2026-02-01', standing: 'met_on_time' }),
        }),
      ],
      measures: [
        { id: 'f5000000-0000-4000-8000-000000000001', phase: 'open_care', code: 'support_person', granted: true, description: 'Tukihenkilö kerran viikossa.', startsOn: '2026-02-02', endsOn: null, decision: { id: DECISION, number: 50, maker: 'Aino Lehtinen' }, placementId: null, version: 1 },
        { id: 'f5000000-0000-4000-8000-000000000002', phase: 'open_care', code: 'hobby_support', granted: false, description: 'Ratsastusharrastus.', startsOn: '2026-02-02', endsOn: null, decision: { id: DECISION, number: 50, maker: 'Aino Lehtinen' }, placementId: null, version: 1 },
      ],
      bans: [
        {
          id: 'f6000000-0000-4000-8000-000000000001',
          guardian: { id: DAD, name: 'Virtanen Matti' },
          scope: 'child_views',
          childStatement: 'En halua, että isä lukee mitä kerroin.',
          maturityAssessment: 'Lapsi ymmärtää kiellon merkityksen ikänsä ja kehitystasonsa puolesta.',
          recordedOn: '2026-02-01',
          recordedBy: 'Aino Lehtinen',
          lifted: null,
          version: 1,
        },
      ],
      decisions: [{ id: DECISION, number: 50, type: 'child_welfare_open_care', decidedOn: '2026-02-02', maker: 'Aino Lehtinen', outcome: 'partly_granted' }],
      afterCare: { eligible: true, endsOn: '2035-05-05', law: 'age_23', reason: 'eligible', placementId: URGENT },
    })
    signedIn(WORKER, { [`GET ${REC}`]: () => json(shown), [`GET ${REC}/plans`]: noPlans })
    renderApp(`/persons/${CHILD}/child-welfare`)
    const measures = await screen.findByRole('table', { name: /^Avohuollon tukitoimet/ })
    expect(within(within(measures).getByRole('row', { name: /Tukihenkilö/ })).getByText('Myönnetty')).toBeTruthy()
    expect(within(within(measures).getByRole('row', { name: /Harrastusten tuki/ })).getByText('Hylätty')).toBeTruthy()
    const ban = within(screen.getByRole('article', { name: 'Kielto: Virtanen Matti' }))
    expect(ban.getByText('Voimassa')).toBeTruthy()
    expect(ban.getByText('Lapsen omia näkemyksiä')).toBeTruthy()
    const assessment = screen.getByRole('link', { name: 'Palvelutarpeen arvion yhteenveto, asia LS-ABCD-2345 (PDF, suomi)' })
    expect(assessment.getAttribute('href')).toBe(`${REC}/matters/${MATTER}/assessment/pdf?language=fi`)
    const decisions = within(screen.getByRole('table', { name: 'Lastensuojelun päätökset, uusin ensin' }))
    expect(decisions.getByText('Avohuollon tukitoimet')).toBeTruthy()
    expect(decisions.getByText('Myönnetty osittain')).toBeTruthy()
    expect(screen.getByText('Jälkihuolto 23 ikävuoteen asti (vuodesta 2024)')).toBeTruthy()
    expect(screen.getByText('5.5.2035')).toBeTruthy()
  })
})

const BANNER = sessionUser({ ...WORKER, actions: [...WORKER.actions, 'child-welfare:ban'] })
const MEASURE = 'f5000000-0000-4000-8000-000000000001'
const BAN = 'f6000000-0000-4000-8000-000000000001'
const supportPerson = (overrides: Partial<ChildWelfareRecord['measures'][number]> = {}): ChildWelfareRecord['measures'][number] => ({
  id: MEASURE,
  phase: 'open_care',
  code: 'support_person',
  granted: true,
  description: 'Tukihenkilö kerran viikossa.',
  startsOn: '2026-02-02',
  endsOn: null,
  decision: { id: DECISION, number: 50, maker: 'Aino Lehtinen' },
  placementId: null,
  version: 2,
  ...overrides,
})
const dadsBan = (overrides: Partial<ChildWelfareRecord['bans'][number]> = {}): ChildWelfareRecord['bans'][number] => ({
  id: BAN,
  guardian: { id: DAD, name: 'Virtanen Matti' },
  scope: 'all',
  childStatement: 'Isälle ei saa kertoa mitään.',
  maturityAssessment: 'Lapsi ymmärtää kiellon merkityksen ikänsä ja kehitystasonsa puolesta.',
  recordedOn: '2026-02-01',
  recordedBy: 'Aino Lehtinen',
  lifted: null,
  version: 3,
  ...overrides,
})

describe('the support measures, the child’s prohibitions and the guardians’ copies', () => {
  it('decides support measures row by row: the checks and the server’s messages at each row’s fields, nothing lost, then the body', async () => {
    const api = signedIn(WORKER, {
      [`GET ${REC}`]: () => json(record()),
      [`GET ${REC}/plans`]: noPlans,
      [`POST ${REC}/support-measures`]: ({ init }) => {
        const body = JSON.parse(String(init.body)) as { measures: unknown[] }
        return body.measures.length === 2 && api.calls(`POST ${REC}/support-measures`).length === 1
          ? problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'measures/1/startsOn', code: 'cw.measure.adult', message: 'Avohuollon tukitoimi ei voi alkaa täysi-ikäiselle.' }] })
          : json(record({ measures: [supportPerson()] }), 201)
      },
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    fireEvent.click(await screen.findByRole('button', { name: 'Päätä tukitoimista' }))
    const form = within(screen.getByRole('form', { name: 'Päätös tukitoimista' }))
    // no after-care without the right to it: the phase is not asked
    expect(form.queryByRole('group', { name: 'Tukitoimien laji' })).toBeNull()
    fireEvent.click(form.getByRole('button', { name: 'Tee päätös tukitoimista' }))
    const first = within(form.getByRole('group', { name: 'Tukitoimi 1' }))
    expect(errorOf(first.getByLabelText('Tukitoimi'))).toBe('Valitse tukitoimi.')
    expect(errorOf(first.getByRole('group', { name: 'Ratkaisu' }))).toBe('Valitse, myönnetäänkö vai hylätäänkö tukitoimi.')
    expect(errorOf(first.getByLabelText('Kuvaus'))).toMatch(/^Kuvaa tukitoimi/)
    expect(errorOf(form.getByLabelText('Päätöksen perustelut'))).toBe('Kirjoita perustelut (vähintään 10 merkkiä).')
    expect(document.activeElement).toBe(first.getByLabelText('Tukitoimi'))
    // the open-care list only
    expect(first.queryByRole('option', { name: 'Tuettu asuminen' })).toBeNull()

    fireEvent.change(first.getByLabelText('Tukitoimi'), { target: { value: 'family_work' } })
    fireEvent.click(first.getByRole('radio', { name: 'Myönnetään' }))
    fireEvent.change(first.getByLabelText('Kuvaus'), { target: { value: 'Perhetyö kahdesti viikossa.' } })
    fireEvent.click(form.getByRole('button', { name: 'Lisää tukitoimi' }))
    const second = within(form.getByRole('group', { name: 'Tukitoimi 2' }))
    fireEvent.change(second.getByLabelText('Tukitoimi'), { target: { value: 'open_care_placement' } })
    expect(second.getByLabelText('Sijoitusmuoto')).toBeTruthy()
    fireEvent.change(second.getByLabelText('Tukitoimi'), { target: { value: 'support_person' } })
    expect(second.queryByLabelText('Sijoitusmuoto')).toBeNull()
    fireEvent.click(second.getByRole('radio', { name: 'Hylätään' }))
    fireEvent.change(second.getByLabelText('Kuvaus'), { target: { value: 'Tukihenkilöä ei ole nyt saatavilla.' } })
    fireEvent.change(second.getByLabelText('Päättyy (jos tiedossa)'), { target: { value: '2000-01-01' } })
    fireEvent.change(form.getByLabelText('Päätöksen perustelut'), { target: { value: 'Perhe tarvitsee tukea arkeen.' } })
    fireEvent.click(form.getByRole('button', { name: 'Tee päätös tukitoimista' }))
    expect(errorOf(second.getByLabelText('Päättyy (jos tiedossa)'))).toBe('Tukitoimi ei voi päättyä ennen kuin se alkaa.')
    fireEvent.change(second.getByLabelText('Päättyy (jos tiedossa)'), { target: { value: '' } })

    // the server's refusal at the second row's start, everything kept
    fireEvent.click(form.getByRole('button', { name: 'Tee päätös tukitoimista' }))
    await waitFor(() => expect(errorOf(second.getByLabelText('Alkaa'))).toBe('Avohuollon tukitoimi ei voi alkaa täysi-ikäiselle.'))
    expect(errorOf(first.getByLabelText('Alkaa'))).toBe('')
    expect(field(first.getByLabelText('Kuvaus')).value).toBe('Perhetyö kahdesti viikossa.')
    expect(field(second.getByLabelText('Kuvaus')).value).toBe('Tukihenkilöä ei ole nyt saatavilla.')
    expect(document.activeElement).toBe(second.getByLabelText('Alkaa'))

    fireEvent.click(form.getByRole('button', { name: 'Tee päätös tukitoimista' }))
    expect(await screen.findByText('Päätös tukitoimista tehtiin.')).toBeTruthy()
    expect(api.calls(`POST ${REC}/support-measures`)[1]!.body).toEqual({
      phase: 'open_care',
      decidedOn: today,
      measures: [
        { code: 'family_work', granted: true, description: 'Perhetyö kahdesti viikossa.', startsOn: today },
        { code: 'support_person', granted: false, description: 'Tukihenkilöä ei ole nyt saatavilla.', startsOn: today },
      ],
      decisionReasons: 'Perhe tarvitsee tukea arkeen.',
      language: 'fi',
    })
  })

  it('decides an after-care placement with its place when the young person is entitled, and ends a running measure', async () => {
    const entitled = record({ measures: [supportPerson(), supportPerson({ id: 'f5000000-0000-4000-8000-000000000009', granted: false, code: 'hobby_support' })], afterCare: { eligible: true, endsOn: '2035-05-05', law: 'age_23', reason: 'eligible', placementId: URGENT } })
    const api = signedIn(WORKER, {
      [`GET ${REC}`]: () => json(entitled),
      [`GET ${REC}/plans`]: noPlans,
      'GET /api/providers?serviceType=family_care': () =>
        json({ providers: [{ id: PROVIDER, number: 1, name: 'Perhekoti Metsätähti', businessId: null, iban: null, bic: null, street: null, postalCode: null, postOffice: null, email: null, phone: null, serviceTypes: ['family_care'], validFrom: '2020-01-01', validUntil: null, active: true, version: 1 }], offset: 0, limit: 200, total: 1 } satisfies ProviderList),
      [`POST ${REC}/support-measures`]: () => json(entitled, 201),
      [`POST ${REC}/support-measures/${MEASURE}/end`]: () => json(record({ measures: [supportPerson({ endsOn: today })] })),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    fireEvent.click(await screen.findByRole('button', { name: 'Päätä tukitoimista' }))
    const form = within(screen.getByRole('form', { name: 'Päätös tukitoimista' }))
    fireEvent.click(form.getByRole('radio', { name: /^Jälkihuollon tukitoimet/ }))
    const row = within(form.getByRole('group', { name: 'Tukitoimi 1' }))
    expect(row.getByRole('option', { name: 'Tuettu asuminen' })).toBeTruthy()
    fireEvent.change(row.getByLabelText('Tukitoimi'), { target: { value: 'after_care_placement' } })
    fireEvent.click(row.getByRole('radio', { name: 'Myönnetään' }))
    fireEvent.change(row.getByLabelText('Kuvaus'), { target: { value: 'Nuori asuu perhekodissa.' } })
    fireEvent.change(form.getByLabelText('Päätöksen perustelut'), { target: { value: 'Nuori tarvitsee tukea itsenäistymiseen.' } })
    fireEvent.click(form.getByRole('button', { name: 'Tee päätös tukitoimista' }))
    expect(errorOf(row.getByLabelText('Sijoitusmuoto'))).toBe('Valitse sijoitusmuoto.')
    fireEvent.change(row.getByLabelText('Sijoitusmuoto'), { target: { value: 'family_care' } })
    const provider = row.getByLabelText('Sijoituspaikka')
    await waitFor(() => expect(within(provider).getByRole('option', { name: 'Perhekoti Metsätähti' })).toBeTruthy())
    fireEvent.change(provider, { target: { value: PROVIDER } })
    fireEvent.click(row.getByRole('checkbox', { name: 'Väkivalta perheessä' }))
    fireEvent.click(form.getByRole('button', { name: 'Tee päätös tukitoimista' }))
    expect(await screen.findByText('Päätös tukitoimista tehtiin.')).toBeTruthy()
    expect(api.calls(`POST ${REC}/support-measures`)[0]!.body).toMatchObject({
      phase: 'after_care',
      measures: [{ code: 'after_care_placement', granted: true, description: 'Nuori asuu perhekodissa.', startsOn: today, form: 'family_care', providerId: PROVIDER, placeName: null, reasons: ['violence'] }],
    })

    // the granted, running measure may be ended; the refused one not
    const table = within(screen.getByRole('table', { name: /^Avohuollon tukitoimet/ }))
    expect(table.queryByRole('button', { name: 'Päätä tukitoimi: Harrastusten tuki' })).toBeNull()
    fireEvent.click(table.getByRole('button', { name: 'Päätä tukitoimi: Tukihenkilö' }))
    const end = within(screen.getByRole('form', { name: 'Tukitoimen päättäminen: Tukihenkilö' }))
    fireEvent.change(end.getByLabelText('Tukitoimi päättyy'), { target: { value: '2026-01-01' } })
    fireEvent.click(end.getByRole('button', { name: 'Kirjaa tukitoimi päättyväksi' }))
    expect(errorOf(end.getByLabelText('Tukitoimi päättyy'))).toBe('Tukitoimi ei voi päättyä ennen kuin se alkoi (2.2.2026).')
    fireEvent.change(end.getByLabelText('Tukitoimi päättyy'), { target: { value: today } })
    fireEvent.click(end.getByRole('button', { name: 'Kirjaa tukitoimi päättyväksi' }))
    expect(await screen.findByText(/^Tukihenkilö päättyy/)).toBeTruthy()
    expect(api.calls(`POST ${REC}/support-measures/${MEASURE}/end`)[0]!.body).toEqual({ endsOn: today, version: 2 })
  })

  it('records the child’s prohibition from an empty section, the server’s refusal at the guardian, and lifts one in force', async () => {
    let bans: ChildWelfareRecord['bans'] = []
    const api = signedIn(BANNER, {
      [`GET ${REC}`]: () => json(record({ bans })),
      [`GET ${REC}/plans`]: noPlans,
      [`POST ${REC}/disclosure-bans`]: () =>
        api.calls(`POST ${REC}/disclosure-bans`).length === 1
          ? problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'guardianId', code: 'ban.not_guardian', message: 'Henkilö ei ole lapsen huoltaja.' }] })
          : json(record({ bans: [dadsBan()] }), 201),
      [`POST ${REC}/disclosure-bans/${BAN}/lift`]: () => json(record({ bans: [dadsBan({ lifted: { on: today, by: 'Aino Lehtinen', reason: 'Lapsi peruutti kiellon.' } })] })),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    expect(await screen.findByText('Lapsi ei ole kieltänyt tietojensa luovuttamista huoltajalle.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa lapsen kielto' }))
    const form = within(screen.getByRole('form', { name: 'Lapsen kielto luovuttaa tietoja huoltajalle' }))
    fireEvent.click(form.getByRole('button', { name: 'Kirjaa kielto' }))
    expect(errorOf(form.getByLabelText('Huoltaja'))).toBe('Valitse huoltaja tai kaikki huoltajat.')
    expect(errorOf(form.getByRole('group', { name: 'Mitä kielto koskee' }))).toBe('Valitse, mitä kielto koskee.')
    expect(errorOf(form.getByLabelText('Lapsen oma ilmaisu'))).toMatch(/^Kirjaa lapsen oma ilmaisu/)
    expect(errorOf(form.getByLabelText(/^Arvio lapsen ikä- ja kehitystasosta/))).toMatch(/^Kirjaa arvio/)
    expect(within(form.getByLabelText('Huoltaja')).getByRole('option', { name: 'Kaikki huoltajat' })).toBeTruthy()

    fireEvent.change(form.getByLabelText('Huoltaja'), { target: { value: DAD } })
    fireEvent.click(form.getByRole('radio', { name: 'Kaikkia lapsen tietoja' }))
    fireEvent.change(form.getByLabelText('Lapsen oma ilmaisu'), { target: { value: 'Isälle ei saa kertoa mitään.' } })
    fireEvent.change(form.getByLabelText(/^Arvio lapsen ikä- ja kehitystasosta/), { target: { value: 'Lapsi ymmärtää kiellon merkityksen ikänsä ja kehitystasonsa puolesta.' } })
    fireEvent.click(form.getByRole('button', { name: 'Kirjaa kielto' }))
    await waitFor(() => expect(errorOf(form.getByLabelText('Huoltaja'))).toBe('Henkilö ei ole lapsen huoltaja.'))
    expect(field(form.getByLabelText('Lapsen oma ilmaisu')).value).toBe('Isälle ei saa kertoa mitään.')
    fireEvent.click(form.getByRole('button', { name: 'Kirjaa kielto' }))
    expect(await screen.findByText('Lapsen kielto kirjattiin.')).toBeTruthy()
    expect(api.calls(`POST ${REC}/disclosure-bans`)[1]!.body).toEqual({
      guardianId: DAD,
      scope: 'all',
      childStatement: 'Isälle ei saa kertoa mitään.',
      maturityAssessment: 'Lapsi ymmärtää kiellon merkityksen ikänsä ja kehitystasonsa puolesta.',
      recordedOn: today,
    })
    bans = [dadsBan()]

    const ban = within(screen.getByRole('article', { name: 'Kielto: Virtanen Matti' }))
    fireEvent.click(ban.getByRole('button', { name: 'Kumoa kielto' }))
    const lift = within(screen.getByRole('form', { name: 'Kiellon kumoaminen: Kielto: Virtanen Matti' }))
    fireEvent.click(lift.getByRole('button', { name: 'Kirjaa kielto kumotuksi' }))
    expect(errorOf(lift.getByLabelText('Syy'))).toBe('Kirjaa syy (vähintään 3 merkkiä).')
    fireEvent.change(lift.getByLabelText('Syy'), { target: { value: 'Lapsi peruutti kiellon.' } })
    fireEvent.click(lift.getByRole('button', { name: 'Kirjaa kielto kumotuksi' }))
    expect(await screen.findByText('Kielto kumottiin (Kielto: Virtanen Matti).')).toBeTruthy()
    expect(api.calls(`POST ${REC}/disclosure-bans/${BAN}/lift`)[0]!.body).toEqual({ liftedOn: today, reason: 'Lapsi peruutti kiellon.', version: 3 })
    expect(screen.getByRole('article', { name: 'Kielto: Virtanen Matti' }).textContent).toContain('Kumottu')
  })

  it('fetches a guardian’s copy of a decision, and says so when the child forbade everything to that guardian', async () => {
    const createObjectURL = vi.fn(() => 'blob:copy')
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL, revokeObjectURL: vi.fn() }))
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    const pdf = `${REC}/decisions/${DECISION}/pdf`
    signedIn(WORKER, {
      [`GET ${REC}`]: () => json(record({ bans: [dadsBan()], decisions: [{ id: DECISION, number: 50, type: 'child_welfare_open_care', decidedOn: '2026-02-02', maker: 'Aino Lehtinen', outcome: 'granted' }] })),
      [`GET ${REC}/plans`]: noPlans,
      [`GET ${pdf}?language=fi&recipient=${MUM}`]: () => new Response('%PDF-1.7', { status: 200, headers: { 'content-type': 'application/pdf' } }),
      [`GET ${pdf}?language=fi&recipient=${DAD}`]: () =>
        problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'recipient', code: 'ban.guardian', message: 'Lapsi on kieltänyt tietojensa luovuttamisen huoltajalle.' }] }),
    })
    renderApp(`/persons/${CHILD}/child-welfare`)
    const decisions = within(await screen.findByRole('table', { name: 'Lastensuojelun päätökset, uusin ensin' }))
    fireEvent.click(decisions.getByText('Huoltajan kopio'))
    fireEvent.click(decisions.getByRole('button', { name: 'Päätös n:o 50 huoltajalle Virtanen Maija (PDF, suomi)' }))
    await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1))
    fireEvent.click(decisions.getByRole('button', { name: 'Päätös n:o 50 huoltajalle Virtanen Matti (PDF, suomi)' }))
    expect(await decisions.findByText('Huoltajalle Virtanen Matti ei voi antaa kopiota.')).toBeTruthy()
    expect(decisions.getByText(/Lapsi on kieltänyt kaikkien tietojensa luovuttamisen/)).toBeTruthy()
    expect(createObjectURL).toHaveBeenCalledTimes(1)
  })
})

describe('the caseload and the responsible worker', () => {
  it('shows the supervisors the children per worker against the maximum, over the limit marked; not in others’ menus', async () => {
    const caseload: Caseload = {
      today: '2026-03-02',
      maximum: 30,
      workers: [
        { userId: 'e1000000-0000-4000-8000-000000000003', name: 'Kaisa Kuormitettu', unitName: 'Lapsiperheiden palvelut', children: 33, over: true },
        { userId: WORKER.id, name: 'Aino Lehtinen', unitName: 'Lapsiperheiden palvelut', children: 12, over: false },
      ],
    }
    signedIn(SUPERVISOR, { 'GET /api/child-welfare/caseload': () => json(caseload) })
    renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Lastensuojelun asiakasmäärät' }))
    const table = await screen.findByRole('table', { name: 'Lapsia vastuusosiaalityöntekijää kohden' })
    const over = within(table).getByRole('row', { name: /Kaisa Kuormitettu/ })
    expect(over.className).toBe('cw-row-over')
    expect(within(over).getByText('33 / 30')).toBeTruthy()
    expect(within(over).getByText('Yli enimmäismäärän (3 lasta liikaa)')).toBeTruthy()
    expect(within(within(table).getByRole('row', { name: /Aino Lehtinen/ })).getByText('Enimmäismäärän rajoissa')).toBeTruthy()
    expect(screen.getByText(/Enimmäismäärä 2\.3\.2026: 30 lasta työntekijää kohden\. 1 työntekijällä enimmäismäärä ylittyy\./)).toBeTruthy()
  })

  it('leaves the caseload out of a social worker’s menu', async () => {
    signedIn(WORKER)
    renderApp('/')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    expect(within(nav).getByRole('link', { name: 'Lastensuojeluilmoitukset' })).toBeTruthy()
    expect(within(nav).queryByRole('link', { name: 'Lastensuojelun asiakasmäärät' })).toBeNull()
  })

  it('lets the start decision name another licensed social worker of the unit as responsible, the user by default', async () => {
    const n: Notification = {
      id: NOTIFICATION,
      receipt: 'LS-ABCD-2345',
      kind: 'notification',
      channel: 'eform',
      reporterType: 'school',
      reporterDuty: true,
      reporterName: 'Outi Opettaja',
      reporterOrganisation: 'Demolan koulu',
      reporterPhone: '040 123 4567',
      reporterEmail: null,
      withholdIdentity: false,
      reporterHidden: false,
      receivedAt: '2026-03-02T07:30:00.000Z',
      receivedOn: today,
      unit: { id: '7a7a7a7a-1111-4222-8333-944455566601', name: 'Lapsiperheiden palvelut ja lastensuojelu' },
      content: 'Huoli.',
      reportedChildren: [{ name: 'Aino Virtanen', birthDate: null, details: null }],
      family: null,
      urgency: { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa.', assessedBy: 'Aino Lehtinen', assessedAt: '2026-03-02T08:00:00.000Z' },
      urgencyDeadline: null,
      state: 'open',
      closed: null,
      registeredBy: null,
      matters: [
        {
          id: MATTER,
          person: { id: CHILD, name: 'Virtanen Aino', birthDate: '2012-05-05' },
          pendingOn: today,
          state: 'pending',
          startDecision: null,
          informed: null,
          startDeadline: deadline(),
          completeDeadline: null,
          version: 1,
        },
      ],
      version: 2,
    }
    const url = `/api/child-welfare/notifications/${NOTIFICATION}`
    const api = signedIn(WORKER, {
      [`GET ${url}`]: () => json(n),
      'GET /api/child-welfare/responsible-workers': () =>
        json({
          workers: [
            { userId: WORKER.id, name: 'Aino Lehtinen', unitId: n.unit.id, unitName: n.unit.name },
            { userId: SUPERVISOR.id, name: 'Jari Heikkilä', unitId: n.unit.id, unitName: n.unit.name },
          ],
        }),
      [`POST ${url}/matters/${MATTER}/start-decision`]: () =>
        json({ ...n, matters: [{ ...n.matters[0]!, state: 'assessment', startDecision: { decision: 'start', decidedOn: today, reasons: 'Arviointi aloitetaan.', decidedBy: 'Aino Lehtinen', responsibleName: 'Jari Heikkilä' } }] }),
    })
    renderApp(`/child-welfare/notifications/${NOTIFICATION}`)
    const card = within(await screen.findByRole('article', { name: /Virtanen Aino/ }))
    fireEvent.click(card.getByRole('radio', { name: 'Aloitetaan palvelutarpeen arviointi' }))
    const responsible = card.getByLabelText('Vastuusosiaalityöntekijä') as HTMLSelectElement
    await waitFor(() => expect(within(responsible).getAllByRole('option').map((o) => o.textContent)).toEqual(['Aino Lehtinen (sinä)', 'Jari Heikkilä']))
    expect(responsible.value).toBe(WORKER.id)
    fireEvent.change(responsible, { target: { value: SUPERVISOR.id } })
    fireEvent.change(card.getByLabelText('Perustelut'), { target: { value: 'Arviointi aloitetaan.' } })
    fireEvent.click(card.getByRole('button', { name: 'Tallenna päätös' }))
    expect(await screen.findByText(/Vastuusosiaalityöntekijä: Jari Heikkilä/)).toBeTruthy()
    expect(api.calls(`POST ${url}/matters/${MATTER}/start-decision`)[0]!.body).toMatchObject({ decision: 'start', responsibleUserId: SUPERVISOR.id })
    // and the way to the child's record
    expect(screen.getByRole('link', { name: 'Avaa lapsen lastensuojelu: Virtanen Aino' }).getAttribute('href')).toBe(`/persons/${CHILD}/child-welfare`)
  })

  it('links the worklist’s child welfare deadlines to the child’s record', async () => {
    const list: DeadlineList = {
      today: '2026-03-06',
      items: [
        {
          id: '11111111-1111-4111-8111-111111111111',
          kind: 'child_welfare.urgent_placement',
          serviceTask: 'child_welfare',
          unitId: '00000000-0000-4000-8000-0000000000a1',
          unitName: 'Lapsiperheiden palvelut',
          legalBasis: 'LSL 38 §',
          person: { id: CHILD, name: 'Virtanen Aino', canOpen: true },
          responsibleName: 'Aino Lehtinen',
          startedOn: '2026-03-01',
          dueOn: '2026-03-30',
          urgent: true,
          state: 'open',
          standing: 'upcoming',
          workingDaysLeft: 17,
          reminded: false,
        },
      ],
      total: 1,
      overdueCount: 0,
      units: [],
    }
    signedIn(WORKER, { 'GET /api/deadlines?scope=mine': () => json(list) })
    renderApp('/deadlines')
    const link = await screen.findByRole('link', { name: 'Kiireellinen sijoitus päättyy' })
    expect(link.getAttribute('href')).toBe(`/persons/${CHILD}/child-welfare`)
    expect(screen.getByRole('link', { name: 'Virtanen Aino' }).getAttribute('href')).toBe(`/persons/${CHILD}`)
  })
})
