import type { Application, ApplicationListItem, Calculation, Worklist } from '@huoma/contract'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { EuroInput } from '../src/features/income-support/EuroInput'
import { centsToInput, formatEuros, parseEuroInput as parseEuros } from '../src/lib/money'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const CHILD = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a22'
const UNIT = '7a7a7a7a-1111-4222-8333-944455566677'
const APP = 'a1000000-0000-4000-8000-000000000001'
const HANDLER = ['income-support:worklist', 'income-support:kela-import', 'income-support:assign', 'income-support:read', 'income-support:edit', 'income-support:decide', 'income-support:print', 'income-support:notify']

describe('euros typed ↔ cents', () => {
  it.each([
    ['123,45', 12345],
    ['123.45', 12345],
    ['1 234,5', 123450],
    ['1\u00a0234,50 €', 123450],
    ['80', 8000],
    ['0,07', 7],
    ['0', 0],
    [',5', null],
  ])('"%s" → %s cents', (text, cents) => {
    const parsed = parseEuros(text)
    if (cents === null) expect(parsed.ok).toBe(false)
    else expect(parsed).toEqual({ ok: true, cents })
  })

  it('refuses negative, non-numeric, over-precise and too large amounts with a reason', () => {
    expect(parseEuros('-5')).toEqual({ ok: false, error: 'negative' })
    expect(parseEuros('−5,00')).toEqual({ ok: false, error: 'negative' })
    expect(parseEuros('kymppi')).toEqual({ ok: false, error: 'invalid' })
    expect(parseEuros('1,2,3')).toEqual({ ok: false, error: 'invalid' })
    expect(parseEuros('12,345')).toEqual({ ok: false, error: 'precision' })
    expect(parseEuros('10000000')).toEqual({ ok: false, error: 'tooLarge' })
    expect(parseEuros('9999999,99')).toEqual({ ok: true, cents: 999_999_999 })
    expect(parseEuros('  ')).toEqual({ ok: true, cents: null })
  })

  it('writes cents back as input text and as display text that round-trip', () => {
    expect(centsToInput(12345)).toBe('123,45')
    expect(centsToInput(5)).toBe('0,05')
    expect(centsToInput(null)).toBe('')
    expect(formatEuros(123456)).toBe('1\u00a0234,56\u00a0€')
    expect(formatEuros(-2550)).toBe('−25,50\u00a0€')
    for (const cents of [0, 1, 99, 100, 12345, 999_999_999]) expect(parseEuros(centsToInput(cents))).toEqual({ ok: true, cents })
    for (const cents of [0, 12345, 123456789]) expect(parseEuros(formatEuros(cents))).toEqual({ ok: true, cents })
  })
})

describe('the euro input', () => {
  function Harness({ onChange, required = true }: { onChange: (c: number | null) => void; required?: boolean }) {
    const [value, setValue] = useState<number | null>(5000)
    return (
      <>
        <EuroInput
          label="Vuokra"
          value={value}
          required={required}
          onChange={(c) => {
            setValue(c)
            onChange(c)
          }}
        />
        <output data-testid="cents">{String(value)}</output>
        <button type="button" onClick={() => setValue(99)}>
          reset
        </button>
      </>
    )
  }

  it('shows cents as euros and hands on what is typed as cents', () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    const input = screen.getByLabelText('Vuokra') as HTMLInputElement
    expect(input.value).toBe('50,00')
    fireEvent.change(input, { target: { value: '123,45' } })
    expect(onChange).toHaveBeenLastCalledWith(12345)
    expect(screen.getByTestId('cents').textContent).toBe('12345')
    expect(input.value).toBe('123,45')
    expect(input.getAttribute('aria-invalid')).toBeNull()
  })

  it('marks a bad amount at the field, hands nothing on, and recovers', () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    const input = screen.getByLabelText('Vuokra')
    fireEvent.change(input, { target: { value: '-12' } })
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Summa ei voi olla negatiivinen.')).toBeTruthy()
    expect(input.getAttribute('aria-describedby')).toBe(screen.getByText('Summa ei voi olla negatiivinen.').id)
    fireEvent.change(input, { target: { value: '12,345' } })
    expect(screen.getByText('Anna enintään kaksi desimaalia (senttiä).')).toBeTruthy()
    fireEvent.change(input, { target: { value: '' } })
    expect(screen.getByText('Anna summa.')).toBeTruthy()
    expect(onChange).not.toHaveBeenCalled()
    fireEvent.change(input, { target: { value: '7,5' } })
    expect(onChange).toHaveBeenLastCalledWith(750)
    expect(input.getAttribute('aria-invalid')).toBeNull()
  })

  it('takes a new amount from outside', () => {
    render(<Harness onChange={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'reset' }))
    expect((screen.getByLabelText('Vuokra') as HTMLInputElement).value).toBe('0,99')
  })
})

function listItem(overrides: Partial<ApplicationListItem> = {}): ApplicationListItem {
  return {
    id: APP,
    number: 41,
    personId: PERSON,
    applicantName: 'Kelanen Kaisa',
    unitId: UNIT,
    unitName: 'Etuuskäsittely',
    channel: 'kela',
    receivedOn: '2030-01-02',
    urgent: false,
    state: 'received',
    dueOn: '2030-01-11',
    overdue: false,
    workingDaysLeft: 3,
    completionPending: false,
    handler: null,
    memberCount: 3,
    version: 1,
    ...overrides,
  }
}

const worklist = (items: ApplicationListItem[]): Worklist => ({ today: '2030-01-08', items, overdueCount: items.filter((i) => i.overdue).length, offset: 0, limit: 100, total: items.length, handlers: [] })

describe('the income support worklist', () => {
  it('is in the navigation for benefit handlers and lists applications by deadline with overdue, urgent and Kela marked', async () => {
    signedIn(sessionUser({ actions: HANDLER }), {
      'GET /api/income-support/worklist?scope=mine': () =>
        json(
          worklist([
            listItem({ id: 'a1000000-0000-4000-8000-000000000002', number: 12, applicantName: 'Myöhänen Matti', channel: 'paper', dueOn: '2030-01-03', overdue: true, workingDaysLeft: -2, handler: { id: PERSON, name: 'Eetu Etuus' }, memberCount: 1 }),
            listItem({ number: 41, urgent: true, dueOn: '2030-01-09', workingDaysLeft: 1, handler: { id: PERSON, name: 'Eetu Etuus' } }),
          ]),
        ),
    })
    renderApp('/income-support')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    expect(within(nav).getByRole('link', { name: 'Toimeentulotuki' }).getAttribute('href')).toBe('/income-support')
    expect(await screen.findByText('2 / 2 hakemusta, myöhässä 1 (tänään 8.1.2030).')).toBeTruthy()
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    const [late, urgent] = rows as [HTMLElement, HTMLElement]
    expect(within(late).getByText('Myöhässä')).toBeTruthy()
    expect(within(late).getByText('2 työpäivää myöhässä')).toBeTruthy()
    expect(late.className).toContain('is-row-overdue')
    expect(within(late).getByRole('link', { name: 'Myöhänen Matti' }).getAttribute('href')).toBe(`/persons/${PERSON}/income-support/a1000000-0000-4000-8000-000000000002`)
    expect(within(late).queryByText('Kelan välittämä')).toBeNull()
    expect(within(urgent).queryByText('Myöhässä')).toBeNull()
    expect(within(urgent).getByText('1 työpäivä jäljellä')).toBeTruthy()
    expect(within(urgent).getByText('Kiireellinen')).toBeTruthy()
    expect(within(urgent).getByText('Kelan välittämä')).toBeTruthy()
    expect(within(urgent).getByText('3 henkilöä')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Omat' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('switches to the unit queue, fetches from Kela and takes an application into handling', async () => {
    const queue = [listItem()]
    const api = signedIn(sessionUser({ actions: HANDLER }), {
      'GET /api/income-support/worklist?scope=mine': () => json(worklist([])),
      'GET /api/income-support/worklist?scope=queue': () => json(worklist(queue)),
      'POST /api/income-support/kela/fetch': () => json({ imported: 2, alreadyImported: 1, refused: [{ kelaCaseRef: 'KELA-9', reason: 'Henkilö ei ole rekisterissä' }], applications: [] }),
      [`POST /api/income-support/applications/${APP}/assign`]: () => json({}),
      [`GET /api/persons/${PERSON}/income-support/applications/${APP}`]: () => problem({ title: 'Ei löytynyt', status: 404 }),
      [`GET /api/persons/${PERSON}/card`]: () => problem({ title: 'Ei löytynyt', status: 404 }),
    })
    renderApp('/income-support')
    expect(await screen.findByText('Sinulla ei ole avoimia hakemuksia.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Yksikön jono' }))
    const row = (await screen.findByText('Kelanen Kaisa')).closest('tr')!
    expect(within(row).getByText('Jonossa: Etuuskäsittely')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Hae Kelan välittämät hakemukset' }))
    expect(await screen.findByText('Kelalta tuotiin 2 uutta hakemusta; 1 oli tuotu jo aiemmin; 1 jäi tuomatta.')).toBeTruthy()
    expect(screen.getByText('KELA-9: Henkilö ei ole rekisterissä')).toBeTruthy()
    await waitFor(() => expect(api.calls('GET /api/income-support/worklist?scope=queue')).toHaveLength(2))

    fireEvent.click(within(screen.getByText('Kelanen Kaisa').closest('tr')!).getByRole('button', { name: /^Ota käsittelyyn/ }))
    await waitFor(() => expect(api.calls(`POST /api/income-support/applications/${APP}/assign`)).toHaveLength(1))
    expect(api.calls(`POST /api/income-support/applications/${APP}/assign`)[0]!.body).toEqual({ version: 1 })
    expect(await screen.findByRole('heading', { level: 1, name: 'Toimeentulotukihakemus' })).toBeTruthy()
  })
})

const calculation = (supplementaryCents: number): Calculation => ({
  parametersValidFrom: '2030-01-01',
  lines: [
    { section: 'perusosa', code: 'single_parent', memberId: PERSON, amountCents: 60000, rule: 'TTTL 9 §' },
    { section: 'expense', code: 'rent', amountCents: 70000, rule: 'TTTL 7 b §' },
    { section: 'supplementary', code: 'children_hobbies', amountCents: supplementaryCents, rule: 'TTTL 7 c §' },
  ],
  basic: { expensesCents: 130000, incomeCents: 120000, assetsCents: 0, resultCents: 10000 },
  withSupplementary: { expensesCents: 130000 + supplementaryCents, incomeCents: 120000, assetsCents: 0, resultCents: 10000 + supplementaryCents },
  supplementaryCents,
  preventiveCents: 0,
  countyTotalCents: supplementaryCents,
})

function application(): Application {
  return {
    id: APP,
    number: 41,
    personId: PERSON,
    unitId: UNIT,
    channel: 'kela',
    kelaCaseRef: 'KELA-2030-1',
    receivedOn: '2030-01-02',
    urgent: false,
    periodStart: '2030-01-01',
    periodEnd: '2030-01-31',
    state: 'in_preparation',
    handler: { id: PERSON, name: 'Eetu Etuus' },
    dueOn: '2030-01-07',
    deadlineRule: 'TTTL 14 a § 1 mom',
    overdue: true,
    completion: null,
    housingCapped: false,
    members: [
      { personId: PERSON, role: 'applicant', alternatingResidence: false, perusosaReductionPercent: 0, reductionGround: null, sanctionMonth: null, firstNames: 'Kaisa', lastName: 'Kelanen', birthDate: '1990-05-05' },
      { personId: CHILD, role: 'child', alternatingResidence: false, perusosaReductionPercent: 0, reductionGround: null, sanctionMonth: null, firstNames: 'Kalle', lastName: 'Kelanen', birthDate: '2020-02-02' },
    ],
    claims: { expenses: [{ type: 'rent', amountCents: 70000 }], incomes: [], assets: [], supplementary: [{ type: 'children_hobbies', amountCents: 12000 }], preventive: [] },
    kelaBasic: { decisionDate: '2030-01-03', basicCents: 10000, lines: [{ code: 'total', label: 'Perustoimeentulotuki', amountCents: 10000 }] },
    calculation: { ok: true, calculation: calculation(12000) },
    decisions: [],
    version: 3,
  }
}

describe('the application screen', () => {
  it('recalculates the edited claims beside them and saves with the version', async () => {
    const api = signedIn(sessionUser({ actions: HANDLER }), {
      [`GET /api/persons/${PERSON}/income-support/applications/${APP}`]: () => json(application()),
      [`GET /api/persons/${PERSON}/card`]: () => problem({ title: 'Ei löytynyt', status: 404 }),
      [`POST /api/persons/${PERSON}/income-support/applications/${APP}/calculate`]: ({ init }) => {
        const body = JSON.parse(String(init.body)) as { claims: Application['claims'] }
        return json({ ok: true, calculation: calculation(body.claims.supplementary[0]!.acceptedCents ?? body.claims.supplementary[0]!.amountCents) })
      },
      [`PUT /api/persons/${PERSON}/income-support/applications/${APP}`]: () => problem({ title: 'Ristiriita', status: 409 }),
    })
    renderApp(`/persons/${PERSON}/income-support/${APP}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Hakemus 41: Kelanen Kaisa' })).toBeTruthy()
    expect(screen.getAllByText('Myöhässä').length).toBeGreaterThan(0)
    expect(screen.getByText('KELA-2030-1')).toBeTruthy()
    expect(screen.getByTestId('is-county-total').textContent).toBe('120,00\u00a0€')
    expect(screen.getByRole('table', { name: 'Kelan perusosalaskelma (päätös 3.1.2030)' })).toBeTruthy()

    const accepted = screen.getByLabelText('Hyväksytty (rivi 1, Täydentävät menot)')
    fireEvent.change(accepted, { target: { value: '95,5' } })
    await waitFor(() => expect(screen.getByTestId('is-county-total').textContent).toBe('95,50\u00a0€'), { timeout: 3000 })
    const sent = api.calls(`POST /api/persons/${PERSON}/income-support/applications/${APP}/calculate`).at(-1)!.body as { claims: Application['claims']; urgent?: boolean }
    expect(sent.claims.supplementary[0]).toEqual({ type: 'children_hobbies', amountCents: 12000, acceptedCents: 9550 })
    expect(sent.urgent).toBeUndefined()

    fireEvent.click(screen.getByRole('button', { name: 'Tallenna muutokset' }))
    expect(await screen.findByText(/Hakemusta on muutettu sillä välin toisaalla/)).toBeTruthy()
    expect(api.calls(`PUT /api/persons/${PERSON}/income-support/applications/${APP}`)[0]!.body).toMatchObject({ version: 3 })
    expect(screen.getByRole('button', { name: 'Lataa hakemus uudelleen' })).toBeTruthy()
  })
})

describe('the decision form', () => {
  it('sends an outcome, amount and reason per item, shows the server field messages at their fields, and takes an account', async () => {
    let round = 0
    const api = signedIn(sessionUser({ actions: HANDLER }), {
      [`GET /api/persons/${PERSON}/income-support/applications/${APP}`]: () => json(application()),
      [`GET /api/persons/${PERSON}/card`]: () => json({ person: { serviceLanguage: 'sv' } }),
      [`POST /api/persons/${PERSON}/income-support/applications/${APP}/decisions`]: () =>
        ++round === 1
          ? problem({
              title: 'Tiedoissa on virheitä',
              status: 400,
              errors: [
                { field: 'iban', code: 'is.decision.iban_missing', message: 'Asiakkaalla ei ole tilinumeroa.' },
                { field: 'items[0].grantedCents', code: 'is.decision.granted_mismatch', message: 'Määrä ei vastaa ratkaisua.' },
                { field: 'items', code: 'is.decision.exceeds_calculation', message: 'Myönnetty ylittää laskelman.' },
              ],
            })
          : json({ id: 'd1000000-0000-4000-8000-000000000001', number: 7 }, 201),
    })
    renderApp(`/persons/${PERSON}/income-support/${APP}`)
    const form = await screen.findByRole('region', { name: 'Päätös' })
    // The client's service language is Swedish: the decision defaults to it.
    await waitFor(() => expect((within(form).getByRole('radio', { name: 'ruotsi' }) as HTMLInputElement).checked).toBe(true))
    const item = within(form).getByRole('group', { name: 'Täydentävä: Lasten harrastukset' })
    expect((within(item).getByLabelText('Ratkaisu') as HTMLSelectElement).value).toBe('granted')
    expect((within(item).getByLabelText('Myönnetty määrä') as HTMLInputElement).value).toBe('120,00')

    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    expect(await within(form).findByText('Kirjoita päätöksen perustelut.')).toBeTruthy()
    expect(within(item).getByText('Kirjoita perustelu.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/income-support/applications/${APP}/decisions`)).toHaveLength(0)

    fireEvent.change(within(item).getByLabelText('Ratkaisu'), { target: { value: 'partly_granted' } })
    fireEvent.change(within(item).getByLabelText('Myönnetty määrä'), { target: { value: '80' } })
    fireEvent.change(within(item).getByLabelText('Perustelu'), { target: { value: 'Yksi harrastus kohtuullinen.' } })
    fireEvent.change(within(form).getByLabelText('Päätöksen perustelut'), { target: { value: 'Harkinnan mukaan.' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    // A decision cannot be undone: the dialog says what it does; Cancel sends nothing.
    const dialog = await screen.findByRole('dialog', { name: 'Tehdäänkö päätös?' })
    expect(dialog.textContent).toContain('(ruotsi): myönnetään yhteensä 80,00')
    expect(dialog.textContent).toContain('1/1 erää myönnetty kokonaan tai osittain')
    expect(dialog.textContent).toContain('Tehtyä päätöstä ei voi muuttaa eikä poistaa')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }))
    expect(api.calls(`POST /api/persons/${PERSON}/income-support/applications/${APP}/decisions`)).toHaveLength(0)
    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /^Tee päätös \(80,00/ }))
    const ibanError = await within(form).findByText('Asiakkaalla ei ole tilinumeroa.')
    const ibanInput = within(form).getByLabelText('Tilinumero (IBAN), jos muu kuin rekisterissä')
    expect(ibanInput.getAttribute('aria-describedby')).toContain(ibanError.id)
    expect(within(item).getByText('Määrä ei vastaa ratkaisua.')).toBeTruthy()
    expect(within(form).getByRole('alert').textContent).toContain('Myönnetty ylittää laskelman.')
    expect(api.calls(`POST /api/persons/${PERSON}/income-support/applications/${APP}/decisions`)[0]!.body).toMatchObject({
      version: 3,
      language: 'sv',
      reasons: 'Harkinnan mukaan.',
      items: [{ kind: 'supplementary', index: 0, outcome: 'partly_granted', grantedCents: 8000, reason: 'Yksi harrastus kohtuullinen.' }],
    })

    fireEvent.change(ibanInput, { target: { value: 'fi21 1234 5600 0007 85' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Tee päätös' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /^Tee päätös \(/ }))
    expect(await screen.findByText('Päätös 7 on tehty.')).toBeTruthy()
    expect(api.calls(`POST /api/persons/${PERSON}/income-support/applications/${APP}/decisions`)[1]!.body).toMatchObject({ iban: 'FI2112345600000785' })
  })
})
