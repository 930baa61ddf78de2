import type { Application, Calculation, ClientCard, HouseholdProposal, UnitList } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { todayInHelsinki } from '../src/lib/format'
import { monthPeriod } from '../src/features/income-support/RegisterPage'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const SPOUSE = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a22'
const CHILD = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a23'
const FLATMATE = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a24'
const UNIT = '7a7a7a7a-1111-4222-8333-944455566677'
const HALL = '7a7a7a7a-1111-4222-8333-944455566678'
const APP = 'a1000000-0000-4000-8000-000000000001'
const OTHER = '7a7a7a7a-1111-4222-8333-944455566679'
const SECRETARY = ['persons:search', 'income-support:register', 'income-support:household', 'income-support:calculate', 'appointments:read']
const HANDLER = ['income-support:register', 'income-support:household', 'income-support:calculate', 'income-support:assign', 'income-support:read', 'income-support:edit', 'appointments:read']

const today = todayInHelsinki()
const { periodStart, periodEnd } = monthPeriod(today.slice(0, 7))
const REGISTER = `POST /api/persons/${PERSON}/income-support/applications`
const HOUSEHOLD = `GET /api/persons/${PERSON}/income-support/household?on=${periodStart}`
const UNITS = 'GET /api/units'
const CALCULATE = `POST /api/persons/${PERSON}/income-support/calculate`

/** The organisation's units as `GET /api/units` gives them to a user with these service tasks in each. */
const unitList = (tasks: { hall?: string[]; etuu?: string[]; other?: string[] } = {}): UnitList => ({
  units: [
    { id: OTHER, code: 'AIKU', name: 'Aikuissosiaalityö', mine: !!tasks.other, myServiceTasks: tasks.other ?? [] },
    { id: UNIT, code: 'ETUU', name: 'Etuuskäsittely', mine: !!tasks.etuu, myServiceTasks: tasks.etuu ?? [] },
    { id: HALL, code: 'HALL', name: 'Hallinto', mine: !!tasks.hall, myServiceTasks: tasks.hall ?? [] },
  ],
})

const calculation = (rentCents: number): Calculation => ({
  parametersValidFrom: '2026-01-01',
  lines: [
    { section: 'perusosa', code: 'single_parent', memberId: PERSON, amountCents: 60000, rule: 'TTTL 9 §' },
    { section: 'expense', code: 'rent', amountCents: rentCents, rule: 'TTTL 7 b §' },
  ],
  basic: { expensesCents: 60000 + rentCents, incomeCents: 0, assetsCents: 0, resultCents: 60000 + rentCents },
  withSupplementary: { expensesCents: 60000 + rentCents, incomeCents: 0, assetsCents: 0, resultCents: 60000 + rentCents },
  supplementaryCents: 0,
  preventiveCents: 0,
  countyTotalCents: 0,
})
const unitOptions = () => within(screen.getByLabelText('Yksikkö, jonka jonoon hakemus kirjataan')).getAllByRole('option').map((o) => o.textContent)

const proposal: HouseholdProposal = {
  on: periodStart,
  members: [
    { personId: PERSON, firstNames: 'Aino', lastName: 'Perhonen', birthDate: '1988-03-03', role: 'applicant' },
    { personId: SPOUSE, firstNames: 'Bertil', lastName: 'Perhonen', birthDate: '1987-04-04', role: 'spouse' },
    { personId: CHILD, firstNames: 'Cecilia', lastName: 'Perhonen', birthDate: '2019-05-05', role: 'child' },
    { personId: FLATMATE, firstNames: 'Daniel', lastName: 'Kämppis', birthDate: '1999-06-06', role: null },
  ],
}

function created(overrides: Partial<Application> = {}): Application {
  return {
    id: APP,
    number: 118,
    personId: PERSON,
    unitId: UNIT,
    channel: 'paper',
    kelaCaseRef: null,
    receivedOn: today,
    urgent: false,
    periodStart,
    periodEnd,
    state: 'received',
    handler: null,
    dueOn: '2030-01-11',
    deadlineRule: 'TTTL 14 a § 1 mom',
    overdue: false,
    completion: null,
    housingCapped: false,
    members: proposal.members.slice(0, 3).map((m) => ({ ...m, role: m.role!, alternatingResidence: false, perusosaReductionPercent: 0, reductionGround: null, sanctionMonth: null })),
    claims: { expenses: [], incomes: [], assets: [], supplementary: [], preventive: [] },
    kelaBasic: null,
    calculation: { ok: false, field: 'periodStart', code: 'is.calc.no_parameters', message: '-' },
    decisions: [],
    version: 1,
    ...overrides,
  }
}

const membersTable = () => screen.getByRole('table', { name: 'Kotitalouden jäsenet' })
const memberRows = () => within(membersTable()).getAllByRole('row').slice(1)

describe('registering an income support application', () => {
  it('proposes the registry household, lets the secretary change it, shows the server messages at their fields and then the receipt', async () => {
    let round = 0
    const api = signedIn(sessionUser({ roles: ['office_secretary'], actions: SECRETARY }), {
      [UNITS]: () => json(unitList({ hall: ['registry'] })),
      [HOUSEHOLD]: () => json(proposal),
      [CALCULATE]: () => json({ ok: false, field: 'periodStart', code: 'is.calc.no_parameters', message: 'Laskelmaa ei voi tehdä.' }),
      [REGISTER]: () =>
        ++round === 1
          ? problem({
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [
                { field: '/body/members/2/personId', code: 'is.member.not_in_registry', message: 'Henkilöä ei löydy asiakasrekisteristä.' },
                { field: 'body.claims.incomes[0].memberId', code: 'is.member.not_member', message: 'Tulon saaja ei ole kotitalouden jäsen.' },
                { field: 'periodStart', code: 'is.calc.no_parameters', message: 'Kuukaudelle ei ole parametreja.' },
                { field: 'housingCapped', code: 'x', message: 'Muu virhe.' },
              ],
            })
          : json(created(), 201),
    })
    renderApp(`/persons/${PERSON}/income-support/new`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaa toimeentulotukihakemus' })).toBeTruthy()

    // The registry's family is proposed; the flatmate is offered but not a member.
    await waitFor(() => expect(memberRows()).toHaveLength(3))
    expect(memberRows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Perhonen Aino', 'Perhonen Bertil', 'Perhonen Cecilia'])
    expect((screen.getByLabelText('Asema: Perhonen Bertil') as HTMLSelectElement).value).toBe('spouse')
    expect((screen.getByLabelText('Asema: Perhonen Cecilia') as HTMLSelectElement).value).toBe('child')
    expect(screen.getByText(/asuu samassa asunnossa, ei perheenjäsen/)).toBeTruthy()
    // the applicant cannot be removed
    expect(screen.queryByRole('button', { name: 'Poista kotitaloudesta: Perhonen Aino' })).toBeNull()

    // the whole current month by default
    expect((screen.getByLabelText('Tukikausi alkaa') as HTMLInputElement).value).toBe(periodStart)
    expect((screen.getByLabelText('Tukikausi päättyy') as HTMLInputElement).value).toBe(periodEnd)
    // the office secretary does not take applications, and may register into any unit's queue
    expect(screen.queryByLabelText('Ota käsittelyyn heti')).toBeNull()
    await waitFor(() => expect(unitOptions()).toEqual(['Valitse yksikkö', 'Aikuissosiaalityö', 'Etuuskäsittely', 'Hallinto']))

    // remove the spouse, add the flatmate as an adult, an income for the flatmate
    fireEvent.click(screen.getByRole('button', { name: 'Poista kotitaloudesta: Perhonen Bertil' }))
    fireEvent.click(screen.getByRole('button', { name: 'Lisää jäseneksi: Kämppis Daniel' }))
    expect(memberRows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Perhonen Aino', 'Perhonen Cecilia', 'Kämppis Daniel'])
    expect((screen.getByLabelText('Asema: Kämppis Daniel') as HTMLSelectElement).value).toBe('adult_child')
    fireEvent.click(screen.getByRole('button', { name: 'Lisää tulo' }))
    fireEvent.change(screen.getByLabelText('Henkilö (rivi 1, Tulot)'), { target: { value: FLATMATE } })
    fireEvent.change(screen.getByLabelText('Määrä (rivi 1, Tulot)'), { target: { value: '500' } })

    // the unit must be chosen first
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa hakemus' }))
    const unitError = await screen.findByText('Valitse yksikkö.')
    const unit = screen.getByLabelText('Yksikkö, jonka jonoon hakemus kirjataan')
    expect(unit.getAttribute('aria-describedby')).toBe(unitError.id)
    expect(api.calls(REGISTER)).toHaveLength(0)

    fireEvent.change(unit, { target: { value: UNIT } })
    fireEvent.click(screen.getByRole('radio', { name: 'Sähköinen lomake' }))
    fireEvent.click(screen.getByLabelText('Kiireellinen hakemus'))
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa hakemus' }))

    // each message at its field, linked for screen readers; the rest in the summary
    const memberError = await screen.findByText('Henkilöä ei löydy asiakasrekisteristä.')
    expect(memberRows()[2]!.contains(memberError)).toBe(true)
    expect(screen.getByLabelText('Asema: Kämppis Daniel').getAttribute('aria-describedby')).toContain(memberError.id)
    const incomeError = screen.getByText('Tulon saaja ei ole kotitalouden jäsen.')
    const incomeMember = screen.getByLabelText('Henkilö (rivi 1, Tulot)')
    expect(incomeMember.getAttribute('aria-describedby')).toBe(incomeError.id)
    expect(incomeMember.getAttribute('aria-invalid')).toBe('true')
    const periodError = screen.getByText('Kuukaudelle ei ole parametreja.')
    expect(screen.getByLabelText('Tukikausi alkaa').getAttribute('aria-describedby')).toBe(periodError.id)
    const summary = screen.getAllByRole('alert').find((a) => a.textContent)!
    expect(summary.textContent).toContain('Tiedoissa on virheitä')
    expect(summary.textContent).toContain('Muu virhe.')
    expect(summary.textContent).not.toContain('Henkilöä ei löydy')

    expect(api.calls(REGISTER)[0]!.body).toEqual({
      unitId: UNIT,
      channel: 'eform',
      receivedOn: today,
      urgent: true,
      periodStart,
      periodEnd,
      members: [
        { personId: PERSON, role: 'applicant' },
        { personId: CHILD, role: 'child' },
        { personId: FLATMATE, role: 'adult_child' },
      ],
      claims: { expenses: [], incomes: [{ type: 'net_wage', amountCents: 50000, memberId: FLATMATE }], assets: [], supplementary: [], preventive: [] },
      housingCapped: false,
    })

    // accepted: the receipt with the number and the deadline, and the way back to the card
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa hakemus' }))
    expect(await screen.findByRole('heading', { level: 2, name: 'Hakemus 118 kirjattu' })).toBeTruthy()
    expect(screen.getByTestId('is-receipt-number').textContent).toBe('118')
    expect(screen.getByTestId('is-receipt-deadline').textContent).toContain('11.1.2030')
    expect(screen.getByRole('link', { name: 'Takaisin asiakkaan kortille' }).getAttribute('href')).toBe(`/persons/${PERSON}`)
  })

  it('takes the application at once for a handler and opens it', async () => {
    const api = signedIn(sessionUser({ id: 'b0000000-0000-4000-8000-000000000009', roles: ['benefit_handler'], actions: HANDLER }), {
      // a grant in the administration unit without income support does not make it a choice
      [UNITS]: () => json(unitList({ etuu: ['income_support'], hall: ['registry'] })),
      [HOUSEHOLD]: () => json(proposal),
      [CALCULATE]: () => json({ ok: true, calculation: calculation(70000) }),
      [REGISTER]: () => json(created({ handler: { id: 'b0000000-0000-4000-8000-000000000009', name: 'Eetu Etuus' }, state: 'in_preparation' }), 201),
      [`GET /api/persons/${PERSON}/income-support/applications/${APP}`]: () => problem({ title: 'Ei löytynyt', status: 404 }),
      [`GET /api/persons/${PERSON}/card`]: () => problem({ title: 'Ei löytynyt', status: 404 }),
    })
    renderApp(`/persons/${PERSON}/income-support/new`)
    await waitFor(() => expect(memberRows()).toHaveLength(3))
    // the handler's only income support unit is chosen for them
    await waitFor(() => expect((screen.getByLabelText('Yksikkö, jonka jonoon hakemus kirjataan') as HTMLSelectElement).value).toBe(UNIT))
    expect(unitOptions()).toEqual(['Valitse yksikkö', 'Etuuskäsittely'])
    fireEvent.click(screen.getByLabelText('Ota käsittelyyn heti'))
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa hakemus' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Toimeentulotukihakemus' })).toBeTruthy()
    expect(api.calls(REGISTER)[0]!.body).toMatchObject({ unitId: UNIT, channel: 'paper', takeIt: true, members: [{ personId: PERSON }, { personId: SPOUSE }, { personId: CHILD }] })
  })

  it('calculates what is typed beside the claims, debounced, and holds the calculation while an amount is invalid', async () => {
    const api = signedIn(sessionUser({ roles: ['office_secretary'], actions: SECRETARY }), {
      [UNITS]: () => json(unitList({ hall: ['registry'] })),
      [HOUSEHOLD]: () => json(proposal),
      [CALCULATE]: ({ init }) => {
        const body = JSON.parse(String(init.body)) as { claims: Application['claims'] }
        return json({ ok: true, calculation: calculation(body.claims.expenses[0]?.amountCents ?? 0) })
      },
    })
    renderApp(`/persons/${PERSON}/income-support/new`)
    await waitFor(() => expect(memberRows()).toHaveLength(3))
    const panel = screen.getByRole('region', { name: 'Laskelma' })
    // the proposed household is calculated at once; nothing is saved
    await waitFor(() => expect(api.calls(CALCULATE)).toHaveLength(1), { timeout: 3000 })
    expect(api.calls(CALCULATE)[0]!.body).toEqual({
      periodStart,
      periodEnd,
      housingCapped: false,
      members: [
        { personId: PERSON, role: 'applicant' },
        { personId: SPOUSE, role: 'spouse' },
        { personId: CHILD, role: 'child' },
      ],
      claims: { expenses: [], incomes: [], assets: [], supplementary: [], preventive: [] },
    })
    await waitFor(() => expect(within(panel).getByText('Laskelma kirjattavista tiedoista; mitään ei ole vielä tallennettu.')).toBeTruthy())
    expect(within(panel).getByText('Perhonen Aino')).toBeTruthy()

    // typing an amount: one request after the typing stops, with the amount
    fireEvent.click(screen.getByRole('button', { name: 'Lisää perusmeno' }))
    const amount = screen.getByLabelText('Haettu (rivi 1, Perusmenot)')
    fireEvent.change(amount, { target: { value: 'x' } })
    expect(amount.getAttribute('aria-invalid')).toBe('true')
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(api.calls(CALCULATE)).toHaveLength(1)
    fireEvent.change(amount, { target: { value: '6' } })
    fireEvent.change(amount, { target: { value: '650' } })
    await waitFor(() => expect((api.calls(CALCULATE).at(-1)!.body as { claims: Application['claims'] }).claims.expenses[0]).toMatchObject({ amountCents: 65000 }), { timeout: 3000 })
    await waitFor(() => expect(within(panel).queryByText('Lasketaan uudelleen…')).toBeNull())
    await waitFor(() => expect(within(panel).getAllByText('Vuokra').length).toBeGreaterThan(0))
    // the debounce sent neither the invalid amount nor the half-typed one
    expect(api.calls(CALCULATE).map((c) => (c.body as { claims: Application['claims'] }).claims.expenses[0]?.amountCents ?? null)).toEqual([null, 65000])
    expect(api.calls(REGISTER)).toHaveLength(0)
  })

})

describe('the household on the application page', () => {
  const saved = (): Application =>
    created({
      state: 'in_preparation',
      handler: { id: PERSON, name: 'Eetu Etuus' },
      periodStart: '2030-01-01',
      periodEnd: '2030-01-31',
      claims: { expenses: [], incomes: [{ type: 'net_wage', amountCents: 90000, memberId: SPOUSE }], assets: [], supplementary: [], preventive: [] },
      version: 4,
    })

  it('adds a member from the registry and removes one, recalculating, and holds a removed member\'s claims until they are given to another', async () => {
    const api = signedIn(sessionUser({ actions: HANDLER }), {
      [`GET /api/persons/${PERSON}/income-support/applications/${APP}`]: () => json(saved()),
      [`GET /api/persons/${PERSON}/card`]: () => problem({ title: 'Ei löytynyt', status: 404 }),
      [`GET /api/persons/${PERSON}/income-support/household?on=2030-01-01`]: () => json({ ...proposal, on: '2030-01-01' }),
      [`POST /api/persons/${PERSON}/income-support/applications/${APP}/calculate`]: () => json({ ok: false, field: 'periodStart', code: 'is.calc.no_parameters', message: 'Ei parametreja.' }),
    })
    const calcs = () => api.calls(`POST /api/persons/${PERSON}/income-support/applications/${APP}/calculate`)
    renderApp(`/persons/${PERSON}/income-support/${APP}`)
    await screen.findByRole('heading', { level: 1, name: 'Hakemus 118: Perhonen Aino' })
    fireEvent.click(await screen.findByRole('button', { name: 'Lisää jäseneksi: Kämppis Daniel' }))
    expect(memberRows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Perhonen Aino', 'Perhonen Bertil', 'Perhonen Cecilia', 'Kämppis Daniel'])
    await waitFor(() => expect(calcs()).toHaveLength(1), { timeout: 3000 })
    expect((calcs()[0]!.body as { members: unknown[] }).members).toHaveLength(4)

    // the spouse has an income: removing him holds the calculation until the income is given to a member
    fireEvent.click(screen.getByRole('button', { name: 'Poista kotitaloudesta: Perhonen Bertil' }))
    const orphan = screen.getByLabelText('Henkilö (rivi 1, Tulot)')
    expect(orphan.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(orphan.getAttribute('aria-describedby')!)!.textContent).toMatch(/ei ole enää kotitalouden jäsen/)
    fireEvent.change(orphan, { target: { value: PERSON } })
    expect(orphan.getAttribute('aria-invalid')).toBeNull()
    await waitFor(() => expect(calcs()).toHaveLength(2), { timeout: 3000 })
    const last = calcs()[1]!.body as { members: { personId: string }[]; claims: Application['claims'] }
    expect(last.members.map((m) => m.personId)).toEqual([PERSON, CHILD, FLATMATE])
    expect(last.claims.incomes[0]!.memberId).toBe(PERSON)
    // the applicant is never removed
    expect(screen.queryByRole('button', { name: 'Poista kotitaloudesta: Perhonen Aino' })).toBeNull()
  })
})

describe('the client card', () => {
  const card: ClientCard = {
    person: {
      id: PERSON,
      hetu: '030388-900X',
      temporaryId: null,
      firstNames: 'Aino',
      lastName: 'Perhonen',
      birthDate: '1988-03-03',
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
    relationships: [],
    timeline: [],
    accessBasis: 'registry',
    vtjCheckedAt: '2026-03-01T10:00:00.000Z',
    vtjChanges: [],
  }

  it('offers registering an application to those who may, and it leads to the form', async () => {
    signedIn(sessionUser({ roles: ['office_secretary'], actions: [...SECRETARY, 'persons:card'] }), {
      [`GET /api/persons/${PERSON}/card`]: () => json(card),
      [UNITS]: () => json(unitList()),
      [HOUSEHOLD]: () => json(proposal),
      [CALCULATE]: () => json({ ok: false, field: 'periodStart', code: 'is.calc.no_parameters', message: '-' }),
    })
    renderApp(`/persons/${PERSON}`)
    fireEvent.click(await screen.findByRole('link', { name: 'Kirjaa toimeentulotukihakemus' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaa toimeentulotukihakemus' })).toBeTruthy()
  })

  it('does not offer it to others', async () => {
    signedIn(sessionUser({ actions: ['persons:search', 'persons:card'] }), { [`GET /api/persons/${PERSON}/card`]: () => json(card) })
    renderApp(`/persons/${PERSON}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Perhonen Aino' })).toBeTruthy()
    expect(screen.queryByRole('link', { name: 'Kirjaa toimeentulotukihakemus' })).toBeNull()
  })
})
