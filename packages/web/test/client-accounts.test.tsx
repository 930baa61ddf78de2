import type { ClientAccountDetail, ClientAccountEntry, Reconciliation } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { previousMonth } from '../src/features/client-accounts/ReconciliationPage'
import { todayInHelsinki } from '../src/lib/format'
import { parseSignedEuros as parseBalance } from '../src/lib/money'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const NBSP = '\u00a0'
const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const ACCOUNT = 'c0000000-0000-4000-8000-000000000001'
const UNIT = '7a7a7a7a-1111-4222-8333-944455566677'
const WORKER = { id: '6c1f3f0e-1b2a-4f43-9a51-0d0c5f0d2b11', displayName: 'Tiina Virtanen' }
const WORKER_ACTIONS = ['persons:search', 'client-accounts:read', 'client-accounts:open', 'client-accounts:record', 'client-accounts:print']
const FINANCE_ACTIONS = ['payments:batches', 'client-accounts:reconcile']
const ACCOUNT_API = `/api/persons/${PERSON}/client-accounts/adult_social_work/${ACCOUNT}`

const today = todayInHelsinki()

function entry(overrides: Partial<ClientAccountEntry>): ClientAccountEntry {
  return {
    id: 'e0000000-0000-4000-8000-000000000001',
    number: 1,
    kind: 'deposit',
    entryOn: '2030-01-07',
    amountCents: 128450,
    description: 'Työeläke',
    bankRef: null,
    reversesId: null,
    reversedById: null,
    payable: null,
    balanceAfterCents: 128450,
    createdBy: WORKER,
    createdAt: '2030-01-07T10:00:00.000Z',
    ...overrides,
  }
}

function detail(balanceCents: number, entries: ClientAccountEntry[]): ClientAccountDetail {
  return {
    account: {
      id: ACCOUNT,
      number: 12,
      personId: PERSON,
      serviceTask: 'adult_social_work',
      unitId: UNIT,
      kind: 'intermediary',
      reference: '70000127',
      openedOn: '2020-01-01',
      closedOn: null,
      responsible: WORKER,
      balanceCents,
      version: 1,
    },
    balanceOn: today,
    balanceOnCents: balanceCents,
    entries,
  }
}

const twoEntries = [
  entry({}),
  entry({
    id: 'e0000000-0000-4000-8000-000000000002',
    number: 2,
    kind: 'bill',
    entryOn: '2030-01-10',
    amountCents: -45000,
    description: 'Vuokra tammikuu',
    payable: { id: 'p0000000-0000-4000-8000-000000000001', payeeName: 'Vuokra Oy', iban: 'FI4950009420028730', reference: '10016', message: null, dueOn: '2030-01-15', state: 'open' },
    balanceAfterCents: 83450,
  }),
]

describe('a client account', () => {
  it('shows the balance and the entries, shows the overdraft message at the amount, and records a deposit', async () => {
    let balance = 83450
    const entries = [...twoEntries]
    let posts = 0
    const api = signedIn(sessionUser({ actions: WORKER_ACTIONS }), {
      [`GET ${ACCOUNT_API}`]: () => json(detail(balance, entries)),
      [`POST ${ACCOUNT_API}/entries`]: ({ init }) => {
        const body = JSON.parse(String(init.body)) as { kind: string; amountCents: number; description: string }
        if (++posts === 1)
          return problem({
            title: 'Tiedoissa on virheitä',
            status: 400,
            errors: [{ field: 'body.amountCents', code: 'ca.overdraft', message: `Tilin saldo (834,50${NBSP}€) ei riitä; tiliä ei voi ylittää.` }],
          })
        balance += body.amountCents
        entries.push(entry({ id: 'e0000000-0000-4000-8000-000000000003', number: 3, entryOn: today, amountCents: body.amountCents, description: body.description, balanceAfterCents: balance }))
        return json(entries.at(-1), 201)
      },
    })
    renderApp(`/persons/${PERSON}/client-accounts/adult_social_work/${ACCOUNT}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Välitystili 12' })).toBeTruthy()
    expect(screen.getByText('834,50 €', { selector: '.ca-balance' })).toBeTruthy()
    expect(screen.getByText('Tiina Virtanen', { selector: 'dd' })).toBeTruthy()

    // the entries newest first, with the running balance and the bill's payee and state
    const table = within(screen.getByRole('region', { name: 'Tapahtumat' })).getByRole('table')
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['10.1.2030', 'Lasku', 'Vuokra tammikuu (Vuokra Oy, eräpäivä 15.1.2030, odottaa maksuerää)', `−450,00${NBSP}€`, `834,50${NBSP}€`, 'Korjaa (vastakirjaus)'],
      ['7.1.2030', 'Talletus', 'Työeläke', `1${NBSP}284,50${NBSP}€`, `1${NBSP}284,50${NBSP}€`, 'Korjaa (vastakirjaus)'],
    ])

    // a bill larger than the balance: the server's message at the amount, linked for screen readers
    const form = within(screen.getByRole('region', { name: 'Kirjaa tapahtuma' }))
    fireEvent.change(form.getByLabelText('Laji'), { target: { value: 'bill' } })
    fireEvent.change(form.getByLabelText('Määrä (€)'), { target: { value: '900' } })
    fireEvent.change(form.getByLabelText('Eräpäivä'), { target: { value: '2030-02-15' } })
    fireEvent.change(form.getByLabelText('Selite'), { target: { value: 'Vuokra helmikuu' } })
    fireEvent.change(form.getByLabelText('Saaja'), { target: { value: 'Vuokra Oy' } })
    fireEvent.change(form.getByLabelText('Tilinumero (IBAN)'), { target: { value: 'FI49 5000 9420 0287 30' } })
    fireEvent.change(form.getByLabelText('Viitenumero'), { target: { value: '10016' } })
    fireEvent.click(form.getByRole('button', { name: 'Kirjaa' }))
    const message = await form.findByText('Tilin saldo (834,50 €) ei riitä; tiliä ei voi ylittää.')
    const amount = form.getByLabelText('Määrä (€)')
    expect(amount.getAttribute('aria-invalid')).toBe('true')
    expect(amount.getAttribute('aria-describedby')).toBe(message.id)
    expect(form.getByRole('alert').textContent).toContain('Tiedoissa on virheitä')
    expect(api.calls(`POST ${ACCOUNT_API}/entries`)[0]!.body).toEqual({
      kind: 'bill',
      dueOn: '2030-02-15',
      amountCents: 90000,
      description: 'Vuokra helmikuu',
      payee: { name: 'Vuokra Oy', iban: 'FI49 5000 9420 0287 30', reference: '10016' },
    })
    expect(screen.getByText('834,50 €', { selector: '.ca-balance' })).toBeTruthy()

    // an amount that is not a sum is refused before asking the server
    fireEvent.change(form.getByLabelText('Laji'), { target: { value: 'deposit' } })
    fireEvent.change(form.getByLabelText('Määrä (€)'), { target: { value: 'paljon' } })
    fireEvent.click(form.getByRole('button', { name: 'Kirjaa' }))
    expect(await form.findByText('Anna määrä euroina, esimerkiksi 125,50.')).toBeTruthy()
    expect(api.calls(`POST ${ACCOUNT_API}/entries`)).toHaveLength(1)

    // a deposit: recorded, the balance and the entries read again
    fireEvent.change(form.getByLabelText('Määrä (€)'), { target: { value: '200,50' } })
    fireEvent.change(form.getByLabelText('Päivä'), { target: { value: today } })
    fireEvent.change(form.getByLabelText('Selite'), { target: { value: 'Asumistuki' } })
    fireEvent.click(form.getByRole('button', { name: 'Kirjaa' }))
    expect(await screen.findByText('Tapahtuma kirjattu.')).toBeTruthy()
    expect(api.calls(`POST ${ACCOUNT_API}/entries`)[1]!.body).toEqual({ kind: 'deposit', entryOn: today, amountCents: 20050, description: 'Asumistuki' })
    await waitFor(() => expect(screen.getByText('1 035,00 €', { selector: '.ca-balance' })).toBeTruthy())
    expect(form.queryByText(/ei riitä/)).toBeNull()
    expect(within(screen.getByRole('region', { name: 'Tapahtumat' })).getAllByRole('row')).toHaveLength(4)

    // the statement PDF of a period opens from the API with the session
    const pdf = screen.getByRole('link', { name: 'Avaa tiliote (PDF)' })
    expect(pdf.getAttribute('href')).toBe(`${ACCOUNT_API}/statement?from=${today.slice(0, 7)}-01&to=${today}&language=fi`)
  })

  it('offers no recording to a user who may only read', async () => {
    signedIn(sessionUser({ actions: ['client-accounts:read'] }), { [`GET ${ACCOUNT_API}`]: () => json(detail(83450, twoEntries)) })
    renderApp(`/persons/${PERSON}/client-accounts/adult_social_work/${ACCOUNT}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Välitystili 12' })).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'Kirjaa tapahtuma' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Korjaa (vastakirjaus)' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'Avaa tiliote (PDF)' })).toBeNull()
  })
})

describe('the monthly reconciliation', () => {
  const month = previousMonth(today.slice(0, 7))
  const [y, m] = month.split('-').map(Number) as [number, number]
  const monthEnd = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
  const fiMonthEnd = `${new Date(Date.UTC(y, m, 0)).getUTCDate()}.${m}.${y}`
  const GET = `GET /api/client-accounts/reconciliation?month=${month}`
  const POST = 'POST /api/client-accounts/reconciliation'

  const view = (history: Reconciliation['history']): Reconciliation => ({
    month,
    monthEnd,
    closed: history.some((h) => h.differenceCents === 0),
    ledgerCents: 410037,
    accounts: [
      { id: ACCOUNT, number: 12, personId: PERSON, clientName: 'Perhonen Aino', kind: 'intermediary', serviceTask: 'adult_social_work', reference: '70000127', balanceCents: 384777 },
      { id: 'c0000000-0000-4000-8000-000000000002', number: 13, personId: 'd0000000-0000-4000-8000-000000000002', clientName: 'Nuori Niklas', kind: 'after_care_fund', serviceTask: 'child_welfare', reference: '70000130', balanceCents: 25260 },
    ],
    history,
  })
  const record = (bankCents: number, note: string | null, id: string) => ({
    id,
    month,
    ledgerCents: 410037,
    bankCents,
    differenceCents: bankCents - 410037,
    accountCount: 2,
    note,
    reconciledBy: { id: 'f0000000-0000-4000-8000-000000000001', displayName: 'Paula Päällikkö' },
    reconciledAt: `${today}T08:00:00.000Z`,
  })

  it('is in the navigation for finance, compares the ledger with the bank balance, records a difference and closes the month', async () => {
    const history: Reconciliation['history'] = []
    let posts = 0
    const api = signedIn(sessionUser({ roles: ['finance'], actions: FINANCE_ACTIONS }), {
      [GET]: () => json(view(history)),
      [POST]: ({ init }) => {
        const body = JSON.parse(String(init.body)) as { bankBalanceCents: number; note?: string }
        if (++posts === 3) return problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'body.month', code: 'ca.month.already_closed', message: 'Kuukausi on jo täsmäytetty ja suljettu.' }] })
        history.push(record(body.bankBalanceCents, body.note ?? null, `r000000${posts}-0000-4000-8000-000000000000`))
        return json(view(history), 201)
      },
    })
    renderApp('/')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    fireEvent.click(within(nav).getByRole('link', { name: 'Asiakasvarojen täsmäytys' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Asiakasvarojen täsmäytys' })).toBeTruthy()

    // the previous month by default: every account's balance at its end, and the total
    expect((screen.getByLabelText('Kuukausi') as HTMLInputElement).value).toBe(month)
    expect((await screen.findByTestId('ca-ledger')).textContent).toBe(`4${NBSP}100,37${NBSP}€`)
    expect(screen.getByTestId('ca-month-state').textContent).toBe('Avoin')
    const accounts = within(screen.getByRole('region', { name: `Asiakastilien saldot ${fiMonthEnd}` })).getByRole('table')
    expect(within(accounts).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'TiliAsiakasTiliPalvelutehtäväViitenumeroSaldo',
      `12Perhonen AinoVälitystiliAikuisten sosiaalityö70000127${`3${NBSP}847,77${NBSP}€`}`,
      `13Nuori NiklasItsenäistymisvaratLastensuojelu70000130252,60${NBSP}€`,
      `Yhteensä4${NBSP}100,37${NBSP}€`,
    ])
    expect(screen.getByText('Kuukautta ei ole vielä täsmäytetty.')).toBeTruthy()

    // the difference as the balance is typed; a balance that is not a sum is refused here
    const bank = screen.getByLabelText(`Kokoomatilin saldo pankissa ${fiMonthEnd} (€)`)
    fireEvent.change(bank, { target: { value: 'x' } })
    fireEvent.click(screen.getByRole('button', { name: 'Täsmäytä kuukausi' }))
    expect(await screen.findByText('Anna saldo euroina, esimerkiksi 12 345,67.')).toBeTruthy()
    expect(bank.getAttribute('aria-invalid')).toBe('true')
    expect(api.calls(POST)).toHaveLength(0)
    fireEvent.change(bank, { target: { value: '4 090,37' } })
    expect(screen.getByTestId('ca-difference').textContent).toBe(`Erotus (pankki − asiakastilit): −10,00${NBSP}€`)

    // a difference is recorded with its note, and the month stays open
    // a negative bank balance is not recorded at once: the dialog says so, and Cancel records nothing
    fireEvent.change(bank, { target: { value: '-5,00' } })
    fireEvent.click(screen.getByRole('button', { name: 'Täsmäytä kuukausi' }))
    const negative = await screen.findByRole('dialog', { name: `Kirjataanko kuukauden ${m}/${y} täsmäytys?` })
    expect(negative.textContent).toContain(`Pankkitilin saldo on negatiivinen (−5,00${NBSP}€)`)
    expect(negative.textContent).toContain('Erotus kirjataan täsmäytyshistoriaan, eikä kirjausta voi poistaa.')
    fireEvent.click(within(negative).getByRole('button', { name: 'Peruuta' }))
    expect(api.calls(POST)).toHaveLength(0)
    fireEvent.change(bank, { target: { value: '4 090,37' } })

    fireEvent.change(screen.getByLabelText('Huomautus'), { target: { value: 'Pankin kulu kirjaamatta' } })
    fireEvent.click(screen.getByRole('button', { name: 'Täsmäytä kuukausi' }))
    const dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain(`Kirjanpidon saldo 4${NBSP}100,37${NBSP}€, pankkitilin saldo 4${NBSP}090,37${NBSP}€, erotus −10,00${NBSP}€.`)
    expect(dialog.textContent).not.toContain('negatiivinen')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kirjaa täsmäytys' }))
    expect(await screen.findByText('Täsmäytys kirjattu; erotus −10,00 €. Kuukausi jää avoimeksi, kunnes erotus on selvitetty.')).toBeTruthy()
    expect(api.calls(POST)[0]!.body).toEqual({ month, bankBalanceCents: 409037, note: 'Pankin kulu kirjaamatta' })
    const historyTable = () => within(screen.getByRole('region', { name: 'Kuukauden täsmäytykset' })).getByRole('table')
    expect(within(historyTable()).getAllByRole('row')[1]!.textContent).toContain('Paula Päällikkö')
    expect(within(historyTable()).getAllByRole('row')[1]!.textContent).toContain(`−10,00${NBSP}€`)
    expect(screen.getByTestId('ca-month-state').textContent).toBe('Avoin')

    // the matching balance closes the month: no form any more
    fireEvent.change(screen.getByLabelText(`Kokoomatilin saldo pankissa ${fiMonthEnd} (€)`), { target: { value: '4100,37' } })
    expect(screen.getByTestId('ca-difference').textContent).toBe(`Erotus (pankki − asiakastilit): 0,00${NBSP}€`)
    fireEvent.click(screen.getByRole('button', { name: 'Täsmäytä kuukausi' }))
    expect((await screen.findByRole('dialog')).textContent).toContain('Erotus on nolla: kuukausi suljetaan')
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Kirjaa täsmäytys' }))
    expect(await screen.findByText(`Kuukausi ${m}/${y} täsmäytetty ja suljettu.`)).toBeTruthy()
    expect(api.calls(POST)[1]!.body).toEqual({ month, bankBalanceCents: 410037 })
    expect(screen.getByTestId('ca-month-state').textContent).toBe('Täsmäytetty ja suljettu')
    expect(screen.queryByRole('button', { name: 'Täsmäytä kuukausi' })).toBeNull()
    expect(within(historyTable()).getAllByRole('row')).toHaveLength(3)
  })

  it('shows the server\'s message at the month, and offers no form for a month that has not ended', async () => {
    const current = today.slice(0, 7)
    signedIn(sessionUser({ roles: ['finance'], actions: FINANCE_ACTIONS }), {
      [GET]: () => json(view([])),
      [`GET /api/client-accounts/reconciliation?month=${current}`]: () => json({ ...view([]), month: current, monthEnd: `${current}-28` }),
      [POST]: () => problem({ title: 'Tiedoissa on virheitä', status: 400, errors: [{ field: 'body.month', code: 'ca.month.already_closed', message: `Kuukausi ${month} on jo täsmäytetty ja suljettu.` }] }),
    })
    renderApp('/client-accounts/reconciliation')
    await screen.findByTestId('ca-ledger')
    fireEvent.change(screen.getByLabelText(`Kokoomatilin saldo pankissa ${fiMonthEnd} (€)`), { target: { value: '4100,37' } })
    fireEvent.click(screen.getByRole('button', { name: 'Täsmäytä kuukausi' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Kirjaa täsmäytys' }))
    const message = await screen.findByText(`Kuukausi ${month} on jo täsmäytetty ja suljettu.`)
    expect(screen.getByLabelText('Kuukausi').getAttribute('aria-describedby')).toBe(message.id)

    fireEvent.change(screen.getByLabelText('Kuukausi'), { target: { value: current } })
    await waitFor(() => expect(screen.getByText('Kuukautta voi täsmäyttää vasta sen päätyttyä.')).toBeTruthy())
    expect(screen.queryByRole('button', { name: 'Täsmäytä kuukausi' })).toBeNull()
  })

  it('is not offered to others', async () => {
    signedIn(sessionUser({ actions: WORKER_ACTIONS }))
    renderApp('/client-accounts/reconciliation')
    expect(await screen.findByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeTruthy()
    expect(screen.queryByRole('link', { name: 'Asiakasvarojen täsmäytys' })).toBeNull()
  })

  it('reads months and balances', () => {
    expect(previousMonth('2030-01')).toBe('2029-12')
    expect(previousMonth('2030-11')).toBe('2030-10')
    expect(parseBalance('4 100,37')).toBe(410037)
    expect(parseBalance('-12,5')).toBe(-1250)
    expect(parseBalance('')).toBeNull()
    expect(parseBalance('abc')).toBeNull()
  })
})
