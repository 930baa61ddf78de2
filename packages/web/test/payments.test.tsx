import type { BankImportResult, PaymentBatch, PaymentBatchSummary, PaymentItem } from '@huoma/contract'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { sniffBankFile } from '../src/features/payments/api'
import { maskIban } from '../src/features/payments/format'
import { fileNameFrom } from '../src/api/download'
import { formatBytes } from '../src/lib/format'
import { TransferProgress } from '../src/features/payments/Progress'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const CLERK = '11111111-1111-4111-8111-111111111111'
const MANAGER = '22222222-2222-4222-8222-222222222222'
const BATCH = 'b0000000-0000-4000-8000-000000000001'
const OTHER_BATCH = 'b0000000-0000-4000-8000-000000000002'
const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const UNIT = '7a7a7a7a-1111-4222-8333-944455566677'
const FINANCE = ['payments:preview', 'payments:create', 'payments:batches', 'payments:batch-read', 'payments:approve', 'payments:cancel', 'payments:file', 'payments:import', 'payments:accounting']
const NBSP = '\u00a0'

function item(overrides: Partial<PaymentItem> = {}): PaymentItem {
  return {
    id: 'c0000000-0000-4000-8000-000000000001',
    payableId: 'd0000000-0000-4000-8000-000000000001',
    payableNumber: 7,
    personId: PERSON,
    serviceTask: 'income_support',
    unitId: UNIT,
    payeeName: 'Åkerlund Öljy Äijälä',
    iban: 'FI4950009420028730',
    bic: 'OKOYFIHH',
    amountCents: 100_000,
    dueOn: '2030-01-10',
    executionOn: null,
    reference: '10016',
    message: null,
    endToEndId: 'HUOMA-1-7',
    state: 'pending',
    reasonCode: null,
    reasonText: null,
    bankReference: null,
    ...overrides,
  }
}

function batch(overrides: Partial<PaymentBatch> = {}): PaymentBatch {
  const payments = overrides.payments ?? [item(), item({ id: 'c0000000-0000-4000-8000-000000000002', payableNumber: 8, payeeName: 'Virtanen Ville', amountCents: 23_456, reference: null, message: 'Toimeentulotuki 1/2030' })]
  const summary: PaymentBatchSummary = {
    id: BATCH,
    number: 3,
    state: 'draft',
    version: 1,
    unitId: UNIT,
    unitName: 'Etuuskäsittely',
    dueFrom: '2030-01-01',
    dueTo: '2030-01-31',
    count: payments.length,
    totalCents: payments.reduce((s, p) => s + p.amountCents, 0),
    createdBy: { id: CLERK, name: 'Hanna Virtanen' },
    createdAt: '2030-01-08T08:00:00.000Z',
    approvedBy: null,
    approvedAt: null,
    cancelledAt: null,
    sentAt: null,
    painVersion: null,
    msgId: null,
    bankStatus: null,
    items: { pending: payments.length, accepted: 0, rejected: 0, settled: 0, returned: 0 },
    canApprove: false,
  }
  return { ...summary, ...overrides, payments }
}

describe('payment formatting helpers', () => {
  it('masks an account but for its country and last four characters', () => {
    expect(maskIban('FI4950009420028730')).toBe('FI•• •••• •••• ••87 30')
    expect(maskIban('FI49 5000 9420 0287 30')).toBe('FI•• •••• •••• ••87 30')
  })

  it('reads the file name of a download and recognises bank files', () => {
    expect(fileNameFrom('attachment; filename="a.xml"; filename*=UTF-8\'\'maksuer%C3%A4-3.xml', 'x.xml')).toBe('maksuerä-3.xml')
    expect(fileNameFrom('attachment; filename="a.xml"', 'x.xml')).toBe('a.xml')
    expect(fileNameFrom(null, 'x.xml')).toBe('x.xml')
    expect(sniffBankFile('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">')).toBe('pain002')
    expect(sniffBankFile('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>')).toBe('camt054')
    expect(sniffBankFile('<html>')).toBeUndefined()
  })
})

describe('the progress display', () => {
  it('shows a bar with a value and the bytes of the total when the total is known', () => {
    render(<TransferProgress label="Maksuaineistoa muodostetaan…" progress={{ loaded: 2048, total: 8192 }} />)
    const bar = screen.getByRole('progressbar', { name: 'Maksuaineistoa muodostetaan…' })
    expect(bar.getAttribute('value')).toBe('25')
    expect(bar.getAttribute('max')).toBe('100')
    expect(screen.getByText(`${formatBytes(2048)} / ${formatBytes(8192)} vastaanotettu (25 %)`)).toBeTruthy()
  })

  it('is indeterminate with the bytes received so far when the total is unknown, and only the label before any byte', () => {
    const { rerender } = render(<TransferProgress label="Maksuaineistoa muodostetaan…" />)
    const bar = screen.getByRole('progressbar', { name: 'Maksuaineistoa muodostetaan…' })
    expect(bar.hasAttribute('value')).toBe(false)
    expect(screen.queryByText(/vastaanotettu/)).toBeNull()
    rerender(<TransferProgress label="Maksuaineistoa muodostetaan…" progress={{ loaded: 1536, total: undefined }} />)
    expect(screen.getByRole('progressbar').hasAttribute('value')).toBe(false)
    expect(screen.getByText(`${formatBytes(1536)} vastaanotettu`)).toBeTruthy()
    expect(formatBytes(1536)).toMatch(/^1,5\s?kt|^1,5\s?kB/)
  })
})

describe('a payment batch', () => {
  it('hides the approval from the creator and shows the totals in euros', async () => {
    signedIn(sessionUser({ id: CLERK, displayName: 'Hanna Virtanen', roles: ['finance'], actions: FINANCE }), {
      [`GET /api/payments/batches/${BATCH}`]: () => json(batch({ canApprove: false })),
    })
    renderApp(`/payments/batches/${BATCH}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Maksuerä 3' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Hyväksy maksuerä' })).toBeNull()
    expect(screen.getByText(/Olet laatinut tämän erän, joten et voi hyväksyä sitä/)).toBeTruthy()
    expect(screen.getByTestId('pay-batch-total').textContent).toBe(`1${NBSP}234,56${NBSP}€`)
    expect(screen.getByTestId('pay-table-total').textContent).toBe(`1${NBSP}234,56${NBSP}€`)
    // Each payment: payee, masked account, amount in euros, reference or message, status in words.
    const table = screen.getByRole('table')
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(4)
    expect(within(rows[1]!).getByText('Åkerlund Öljy Äijälä')).toBeTruthy()
    expect(within(rows[1]!).getByText("1 000,00 €")).toBeTruthy()
    expect(within(rows[1]!).getByText('FI•• •••• •••• ••87 30')).toBeTruthy()
    expect(within(rows[1]!).queryByText('FI4950009420028730')).toBeNull()
    expect(within(rows[2]!).getByText("234,56 €")).toBeTruthy()
    expect(within(rows[2]!).getByText('Toimeentulotuki 1/2030')).toBeTruthy()
    // a draft batch's payment is not yet waiting for the bank
    expect(within(rows[1]!).getByText('Erässä, odottaa hyväksyntää')).toBeTruthy()
    expect(within(table).queryByText('Odottaa pankkia')).toBeNull()
    expect(within(rows[3]!).getByText('Yhteensä 2 maksua')).toBeTruthy()
    // No file before the approval.
    expect(screen.queryByRole('button', { name: 'Lataa maksuaineisto' })).toBeNull()
  })

  it('lets another finance person approve, and shows the server refusal in its own words', async () => {
    const api = signedIn(sessionUser({ id: MANAGER, displayName: 'Olli Koskinen', roles: ['finance'], actions: FINANCE }), {
      [`GET /api/payments/batches/${BATCH}`]: () => json(batch({ canApprove: true, version: 4 })),
      [`POST /api/payments/batches/${BATCH}/approve`]: () =>
        problem({ title: 'Erän laatija ei voi hyväksyä erää', detail: 'Maksuerän hyväksyy eri henkilö kuin sen laatija.', status: 403 }),
    })
    renderApp(`/payments/batches/${BATCH}`)
    const approve = await screen.findByRole('button', { name: 'Hyväksy maksuerä' })
    expect(screen.queryByText(/Olet laatinut tämän erän/)).toBeNull()
    // Approval cannot be undone: a dialog says what it does, and Cancel (focused first) sends nothing.
    fireEvent.click(approve)
    let dialog = await screen.findByRole('dialog', { name: /^Hyväksytäänkö maksuerä \d+\?$/ })
    expect(dialog.textContent).toMatch(/Hyväksyt \d+ maksua, yhteensä .*€, eräpäivät/)
    expect(dialog.textContent).toContain('Hyväksyttyä erää ei voi muuttaa eikä hyväksyntää perua.')
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Peruuta' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(api.calls(`POST /api/payments/batches/${BATCH}/approve`)).toHaveLength(0)
    fireEvent.click(approve)
    dialog = await screen.findByRole('dialog')
    fireEvent.click(within(dialog).getByRole('button', { name: /^Hyväksy \d+ maksua/ }))
    await waitFor(() => expect(api.calls(`POST /api/payments/batches/${BATCH}/approve`)).toHaveLength(1))
    expect(api.calls(`POST /api/payments/batches/${BATCH}/approve`)[0]!.body).toEqual({ version: 4 })
    const alert = await screen.findByText('Erän laatija ei voi hyväksyä erää')
    expect(alert.closest('[role="alert"]')).toBeTruthy()
    expect(screen.getByText('Maksuerän hyväksyy eri henkilö kuin sen laatija.')).toBeTruthy()
  })

  it('approves for another finance person and moves the focus to the outcome', async () => {
    let approved = false
    const api = signedIn(sessionUser({ id: MANAGER, displayName: 'Olli Koskinen', roles: ['finance'], actions: FINANCE }), {
      [`GET /api/payments/batches/${BATCH}`]: () =>
        json(approved ? batch({ state: 'approved', version: 2, approvedBy: { id: MANAGER, name: 'Olli Koskinen' }, approvedAt: '2030-01-08T09:00:00.000Z' }) : batch({ canApprove: true })),
      [`POST /api/payments/batches/${BATCH}/approve`]: () => {
        approved = true
        return json({ ...batch({ state: 'approved', version: 2 }), payments: undefined })
      },
    })
    renderApp(`/payments/batches/${BATCH}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Hyväksy maksuerä' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /^Hyväksy \d+ maksua/ }))
    const notice = await screen.findByText('Maksuerä hyväksytty. Maksuaineiston voi nyt ladata.')
    await waitFor(() => expect(document.activeElement).toBe(notice))
    expect(notice.closest('[role="status"]')).toBeTruthy()
    await waitFor(() => expect(api.calls(`GET /api/payments/batches/${BATCH}`)).toHaveLength(2))
    expect(await screen.findByRole('button', { name: 'Lataa maksuaineisto' })).toBeTruthy()
    expect(screen.getByRole('radio', { name: 'pain.001.001.09 (oletus)' })).toHaveProperty('checked', true)
    expect(screen.queryByRole('button', { name: 'Hyväksy maksuerä' })).toBeNull()
  })

  it('downloads the pain.001 file as a stream, showing the bytes received in a live region, then reloads the batch as sent', async () => {
    let chunks: ReadableStreamDefaultController<Uint8Array> | undefined
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (chunks = c) })
    let sent = false
    const api = signedIn(sessionUser({ id: MANAGER, roles: ['finance'], actions: FINANCE }), {
      [`GET /api/payments/batches/${BATCH}`]: () =>
        json(
          sent
            ? batch({ state: 'sent', approvedBy: { id: MANAGER, name: 'Olli Koskinen' }, approvedAt: '2030-01-08T09:00:00.000Z', sentAt: '2030-01-08T09:05:00.000Z', painVersion: '001.001.03', msgId: 'HUOMA-3' })
            : batch({ state: 'approved', approvedBy: { id: MANAGER, name: 'Olli Koskinen' }, approvedAt: '2030-01-08T09:00:00.000Z' }),
        ),
      [`GET /api/payments/batches/${BATCH}/pain001?version=001.001.03`]: () =>
        new Response(body, { status: 200, headers: { 'content-type': 'application/xml', 'content-disposition': 'attachment; filename="maksuera-3.xml"' } }),
    })
    const createObjectURL = vi.fn(() => 'blob:file')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    renderApp(`/payments/batches/${BATCH}`)
    expect(await screen.findByText(/^Hyväksynyt Olli Koskinen, /)).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: 'pain.001.001.03 (pankin pyynnöstä)' }))
    fireEvent.click(screen.getByRole('button', { name: 'Lataa maksuaineisto' }))

    const progress = await screen.findByRole('progressbar', { name: 'Maksuaineistoa muodostetaan…' })
    expect(progress.closest('[role="status"]')).toBeTruthy()
    expect(progress.hasAttribute('value')).toBe(false)
    expect(screen.getByRole('button', { name: 'Ladataan…' }).hasAttribute('disabled')).toBe(true)
    chunks!.enqueue(new TextEncoder().encode('<?xml version="1.0"?>'.padEnd(1500, ' ')))
    expect(await screen.findByText(`${formatBytes(1500)} vastaanotettu`)).toBeTruthy()
    chunks!.enqueue(new TextEncoder().encode('<Document/>'.padEnd(1500, ' ')))
    expect(await screen.findByText(`${formatBytes(3000)} vastaanotettu`)).toBeTruthy()
    sent = true
    chunks!.close()

    const done = await screen.findByText(`Maksuaineisto maksuera-3.xml ladattu (${formatBytes(3000)}).`)
    expect(done.closest('[role="status"]')).toBeTruthy()
    expect(click).toHaveBeenCalledTimes(1)
    expect(createObjectURL).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(api.calls(`GET /api/payments/batches/${BATCH}`)).toHaveLength(2))
    expect(await screen.findByText('Lähetetty')).toBeTruthy()
    // The version is fixed by the first download.
    expect((screen.getByRole('radio', { name: 'pain.001.001.09 (oletus)' }) as HTMLInputElement).disabled).toBe(true)
  })
})

describe('bank feedback import', () => {
  class FakeXhr {
    static last: FakeXhr | undefined
    static answer: { status: number; body: unknown } = { status: 200, body: {} }
    upload = { onprogress: null as null | ((e: { loaded: number; total: number; lengthComputable: boolean }) => void), onload: null as null | (() => void) }
    onload: null | (() => void) = null
    onerror: null | (() => void) = null
    status = 0
    responseText = ''
    withCredentials = false
    url = ''
    headers: Record<string, string> = {}
    body: unknown
    constructor() {
      FakeXhr.last = this
    }
    open(_method: string, url: string) {
      this.url = url
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value
    }
    send(body: unknown) {
      this.body = body
    }
    /** The test drives the transfer: bytes sent, upload done, the server's answer. */
    progress(loaded: number, total: number) {
      this.upload.onprogress?.({ loaded, total, lengthComputable: true })
    }
    finish() {
      this.upload.onload?.()
    }
    respond() {
      this.status = FakeXhr.answer.status
      this.responseText = JSON.stringify(FakeXhr.answer.body)
      this.onload?.()
    }
  }

  const sentBatch = () => batch({ state: 'sent', approvedBy: { id: MANAGER, name: 'Olli Koskinen' }, approvedAt: '2030-01-08T09:00:00.000Z', sentAt: '2030-01-08T09:05:00.000Z', painVersion: '001.001.09', msgId: 'HUOMA-3' })

  it('recognises a camt.054 file, shows the bytes sent and the result counts', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const result: BankImportResult = { id: 'e0000000-0000-4000-8000-000000000001', kind: 'camt054', duplicate: false, messageId: 'NTF-1', batchIds: [BATCH, OTHER_BATCH], batchNumbers: [3, 4], accepted: 0, rejected: 0, settled: 1, returned: 1, skipped: 0, unrelated: 4 }
    FakeXhr.answer = { status: 200, body: result }
    signedIn(sessionUser({ id: MANAGER, roles: ['finance'], actions: FINANCE }), { [`GET /api/payments/batches/${BATCH}`]: () => json(sentBatch()) })
    renderApp(`/payments/batches/${BATCH}`)
    const input = await screen.findByLabelText('Palautetiedosto (XML)')
    const file = new File(['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn/></Document>'], 'camt.xml', { type: 'application/xml' })
    fireEvent.change(input, { target: { files: [file] } })
    expect(await screen.findByText('Tiedosto tunnistettiin: Tapahtumailmoitus (camt.054).')).toBeTruthy()
    expect((screen.getByRole('radio', { name: 'Tapahtumailmoitus (camt.054)' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Tuo palaute' }))
    const xhr = FakeXhr.last!
    expect(xhr.url).toBe('/api/payments/imports/camt054')
    expect(xhr.headers['Content-Type']).toBe('application/xml')
    xhr.progress(50, 100)
    expect(await screen.findByText(/lähetetty \(50 %\)/)).toBeTruthy()
    xhr.finish()
    expect(await screen.findByRole('progressbar', { name: 'Palautetta käsitellään…' })).toBeTruthy()
    xhr.respond()
    const box = await screen.findByTestId('pay-import-result')
    expect(within(box).getByText('Tapahtumailmoitus (camt.054) tuotu.')).toBeTruthy()
    expect(within(box).getByText('Maksettu').nextElementSibling!.textContent).toBe('1')
    expect(within(box).getByText('Palautunut').nextElementSibling!.textContent).toBe('1')
    expect(within(box).getByText('Muita tilitapahtumia (ei koske maksueriä)').nextElementSibling!.textContent).toBe('4')
    // the batches by number: this one as text, the other one a link
    expect(within(box).getByTestId('pay-import-batches').textContent).toBe('Erä 3, Erä 4')
    expect(within(box).queryByRole('link', { name: 'Erä 3' })).toBeNull()
    expect(within(box).getByRole('link', { name: 'Erä 4' }).getAttribute('href')).toBe(`/payments/batches/${OTHER_BATCH}`)
  })

  it("shows a malformed file's message from the server", async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    FakeXhr.answer = { status: 422, body: { type: 'about:blank', title: 'Tiedostoa ei voitu lukea', status: 422, errors: [{ field: 'body', message: 'XML ei ole hyvin muodostettu (rivi 1).' }] } }
    signedIn(sessionUser({ id: MANAGER, roles: ['finance'], actions: FINANCE }), { [`GET /api/payments/batches/${BATCH}`]: () => json(sentBatch()) })
    renderApp(`/payments/batches/${BATCH}`)
    const input = await screen.findByLabelText('Palautetiedosto (XML)')
    fireEvent.change(input, { target: { files: [new File(['<rikki'], 'x.xml', { type: 'application/xml' })] } })
    expect(await screen.findByText(/Tiedostoa ei tunnistettu/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Tuo palaute' }))
    FakeXhr.last!.respond()
    const title = await screen.findByText('Tiedostoa ei voitu lukea')
    expect(title.closest('[role="alert"]')).toBeTruthy()
    expect(screen.getByText('XML ei ole hyvin muodostettu (rivi 1).')).toBeTruthy()
  })
})

describe('the batches list', () => {
  it('is in the navigation for finance and lists batches with state, people, count and total', async () => {
    signedIn(sessionUser({ id: MANAGER, roles: ['finance'], actions: FINANCE }), {
      'GET /api/payments/batches': () =>
        json({ batches: [batch({ canApprove: true }), batch({ id: 'b0000000-0000-4000-8000-000000000002', number: 2, state: 'sent', approvedBy: { id: MANAGER, name: 'Olli Koskinen' }, approvedAt: '2030-01-05T09:00:00.000Z', unitId: null, unitName: null })] }),
    })
    renderApp('/payments')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    expect(within(nav).getByRole('link', { name: 'Maksuerät' }).getAttribute('href')).toBe('/payments')
    expect(within(nav).queryByRole('link', { name: 'Palautuneet maksut' })).toBeNull()
    const table = await screen.findByRole('table', { name: 'Maksuerät, uusin ensin' })
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(3)
    expect(within(rows[1]!).getByRole('link', { name: 'Erä 3' }).getAttribute('href')).toBe(`/payments/batches/${BATCH}`)
    expect(within(rows[1]!).getByText('Luonnos')).toBeTruthy()
    expect(within(rows[1]!).getByText('Odottaa hyväksyntääsi')).toBeTruthy()
    expect(within(rows[1]!).getByText("1 234,56 €")).toBeTruthy()
    expect(within(rows[2]!).getByText('Kaikki yksiköt')).toBeTruthy()
    expect(within(rows[2]!).getByText('Olli Koskinen')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Uusi maksuerä' }).getAttribute('href')).toBe('/payments/new')
  })
})

describe('returned payments', () => {
  it("are listed for a benefit handler's clients with the bank's reason in words", async () => {
    signedIn(sessionUser({ roles: ['benefit_handler'], actions: ['income-support:worklist', 'persons:card', 'payments:returned'] }), {
      'GET /api/payments/returned': () =>
        json({
          payments: [
            {
              payableId: 'd0000000-0000-4000-8000-000000000001',
              payableNumber: 7,
              personId: PERSON,
              serviceTask: 'income_support',
              sourceKind: 'income_support_decision',
              sourceId: 'f0000000-0000-4000-8000-000000000001',
              payeeName: 'Äijälä Åsa',
              iban: 'FI4950009420028730',
              amountCents: 45_000,
              dueOn: '2030-01-10',
              state: 'returned',
              reasonCode: 'AC01',
              reasonText: '1+TILIÄ EI LÖYDY',
              batchId: BATCH,
              batchNumber: 3,
              returnedOn: '2030-01-14',
            },
          ],
        }),
    })
    renderApp('/payments/returns')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    expect(within(nav).getByRole('link', { name: 'Palautuneet maksut' }).getAttribute('href')).toBe('/payments/returns')
    expect(within(nav).queryByRole('link', { name: 'Maksuerät' })).toBeNull()
    const table = await screen.findByRole('table', { name: '1 palautunut maksu' })
    expect(within(table).getByRole('link', { name: 'Äijälä Åsa' }).getAttribute('href')).toBe(`/persons/${PERSON}`)
    expect(within(table).getByText('AC01 – tilinumero on virheellinen tai tiliä ei ole (pankki: 1+TILIÄ EI LÖYDY)')).toBeTruthy()
    expect(within(table).getByText('450,00 €')).toBeTruthy()
    // A handler reads no batches: the batch is named, not linked.
    expect(within(table).getByText('Erä 3').closest('a')).toBeNull()
  })

  it('are listed for finance too, with the batch linked and no client card link', async () => {
    const returned = {
      payableId: 'd0000000-0000-4000-8000-000000000001',
      payableNumber: 7,
      personId: PERSON,
      serviceTask: 'income_support',
      sourceKind: 'income_support_decision',
      sourceId: 'f0000000-0000-4000-8000-000000000001',
      payeeName: 'Äijälä Åsa',
      iban: 'FI4950009420028730',
      amountCents: 45_000,
      dueOn: '2030-01-10',
      state: 'returned',
      reasonCode: 'AC01',
      reasonText: '1+TILIÄ EI LÖYDY',
      batchId: BATCH,
      batchNumber: 3,
      returnedOn: '2030-01-14',
    }
    signedIn(sessionUser({ roles: ['finance'], actions: [...FINANCE, 'payments:returned'] }), { 'GET /api/payments/returned': () => json({ payments: [returned] }) })
    renderApp('/payments/returns')
    const table = await screen.findByRole('table', { name: '1 palautunut maksu' })
    expect(within(table).getByText('Äijälä Åsa').closest('a')).toBeNull()
    expect(within(table).getByRole('link', { name: 'Erä 3' }).getAttribute('href')).toBe(`/payments/batches/${BATCH}`)
  })

  it('are gathered for finance from the batches that have returns or rejections', async () => {
    const withReturn = batch({
      state: 'partly_accepted',
      payments: [item({ state: 'returned', reasonCode: 'MD07', reasonText: null, bankReference: '1207RF0001' }), item({ id: 'c0000000-0000-4000-8000-000000000002', state: 'settled' })],
    })
    const api = signedIn(sessionUser({ id: MANAGER, roles: ['finance'], actions: FINANCE }), {
      'GET /api/payments/batches': () =>
        json({ batches: [{ ...withReturn, items: { pending: 0, accepted: 0, rejected: 0, settled: 1, returned: 1 } }, { ...batch({ id: 'b0000000-0000-4000-8000-000000000002', number: 2 }), payments: undefined }] }),
      [`GET /api/payments/batches/${BATCH}`]: () => json(withReturn),
    })
    renderApp('/payments/bank-returns')
    const table = await screen.findByRole('table', { name: '1 hylätty tai palautunut maksu' })
    expect(within(table).getByText('MD07 – saaja on kuollut')).toBeTruthy()
    expect(within(table).getByText('1207RF0001')).toBeTruthy()
    expect(within(table).getByRole('link', { name: 'Erä 3' }).getAttribute('href')).toBe(`/payments/batches/${BATCH}`)
    // Only the batch with returns is read.
    expect(api.calls('GET /api/payments/batches/b0000000-0000-4000-8000-000000000002')).toHaveLength(0)
  })
})

describe('a new batch', () => {
  it('previews the open payables of the selection with count and total, then creates the batch at what was seen', async () => {
    const payable = {
      id: 'd0000000-0000-4000-8000-000000000001',
      number: 7,
      personId: PERSON,
      serviceTask: 'income_support',
      unitId: UNIT,
      unitName: 'Etuuskäsittely',
      payeeKind: 'client' as const,
      payeeName: 'Åkerlund Öljy Äijälä',
      iban: 'FI4950009420028730',
      bic: null,
      amountCents: 123_456,
      dueOn: '2030-01-12',
      executionOn: '2030-01-14',
      reference: '10016',
      message: null,
    }
    const api = signedIn(sessionUser({ id: CLERK, roles: ['finance'], actions: FINANCE }), {
      'GET /api/units': () =>
        json({
          units: [
            { id: UNIT, code: 'ETUU', name: 'Etuuskäsittely', mine: false, myServiceTasks: [] },
            { id: 'a0000000-0000-4000-8000-0000000000aa', code: 'AIKU', name: 'Aikuissosiaalityö', mine: false, myServiceTasks: [] },
          ],
        }),
      'GET /api/payments/preview?dueFrom=2030-01-01&dueTo=2030-01-31': () => json({ count: 1, totalCents: 123_456, payables: [payable] }),
      [`GET /api/payments/preview?dueFrom=2030-01-01&dueTo=2030-01-31&unitId=${UNIT}`]: () => json({ count: 1, totalCents: 123_456, payables: [payable] }),
      'POST /api/payments/batches': () => json({ ...batch(), payments: undefined }, 201),
      [`GET /api/payments/batches/${BATCH}`]: () => json(batch()),
    })
    renderApp('/payments/new')
    // The organisation's units are the choices, in Finnish order, before any preview.
    const unit = await screen.findByLabelText('Yksikkö')
    await waitFor(() => expect(within(unit).getAllByRole('option').map((o) => o.textContent)).toEqual(['Kaikki yksiköt', 'Aikuissosiaalityö', 'Etuuskäsittely']))
    fireEvent.change(await screen.findByLabelText('Eräpäivä alkaen'), { target: { value: '2030-02-01' } })
    fireEvent.change(screen.getByLabelText('Eräpäivä päättyen'), { target: { value: '2030-01-31' } })
    fireEvent.click(screen.getByRole('button', { name: 'Näytä avoimet maksut' }))
    expect(await screen.findByText('Anna alku- ja loppupäivä; alku ei voi olla lopun jälkeen.')).toBeTruthy()
    expect(screen.getByLabelText('Eräpäivä alkaen').getAttribute('aria-invalid')).toBe('true')
    fireEvent.change(screen.getByLabelText('Eräpäivä alkaen'), { target: { value: '2030-01-01' } })
    fireEvent.click(screen.getByRole('button', { name: 'Näytä avoimet maksut' }))
    const summary = await screen.findByTestId('pay-preview-summary')
    expect(summary.textContent).toBe(`1 avoin maksu, yhteensä 1${NBSP}234,56${NBSP}€ (eräpäivät 1.1.2030–31.1.2030, kaikki yksiköt).`)
    await waitFor(() => expect(document.activeElement).toBe(summary))
    const table = screen.getByRole('table', { name: 'Erään tulevat maksut' })
    expect(within(table).getByText('Åkerlund Öljy Äijälä')).toBeTruthy()
    expect(within(table).getByText('14.1.2030')).toBeTruthy()
    // Choosing a unit asks again.
    fireEvent.change(unit, { target: { value: UNIT } })
    expect(screen.queryByTestId('pay-preview-summary')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Näytä avoimet maksut' }))
    expect((await screen.findByTestId('pay-preview-summary')).textContent).toContain('Etuuskäsittely')
    fireEvent.click(screen.getByRole('button', { name: /^Luo maksuerä \(1 maksu, 1\s234,56\s€\)$/ }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Maksuerä 3' })).toBeTruthy()
    expect(api.calls('POST /api/payments/batches')[0]!.body).toEqual({ dueFrom: '2030-01-01', dueTo: '2030-01-31', unitId: UNIT, expectedCount: 1, expectedTotalCents: 123_456 })
    expect(screen.getByText('Maksuerä luotu. Toinen henkilö hyväksyy sen ennen maksuaineiston muodostamista.')).toBeTruthy()
  })

  it('cancels a draft only after a confirmation', async () => {
    let cancelled = false
    const api = signedIn(sessionUser({ id: CLERK, roles: ['finance'], actions: FINANCE }), {
      [`GET /api/payments/batches/${BATCH}`]: () => json(cancelled ? batch({ state: 'cancelled', version: 2, cancelledAt: '2030-01-08T10:00:00.000Z' }) : batch()),
      [`POST /api/payments/batches/${BATCH}/cancel`]: () => {
        cancelled = true
        return json({ ...batch({ state: 'cancelled', version: 2 }), payments: undefined })
      },
    })
    renderApp(`/payments/batches/${BATCH}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Peru maksuerä' }))
    expect(api.calls(`POST /api/payments/batches/${BATCH}/cancel`)).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Kyllä, peru erä' }))
    const notice = await screen.findByText('Maksuerä peruttu; sen maksut ovat taas avoimia.')
    await waitFor(() => expect(document.activeElement).toBe(notice))
    expect(api.calls(`POST /api/payments/batches/${BATCH}/cancel`)[0]!.body).toEqual({ version: 1 })
    expect(await screen.findByText('Peruttu', { selector: '.pay-state' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Peru maksuerä' })).toBeNull()
  })
})
