import type { CommitmentForBilling, Provider } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const FINANCE = sessionUser({
  displayName: 'Kari Mattila',
  roles: ['finance'],
  actions: ['payments:batches', 'payments:batch-read', 'payments:commitments', 'payments:commitment-bill', 'providers:read'],
})
const COMMITMENT = 'c1000000-0000-4000-8000-000000000001'
const PHARMACY = 'a1000000-0000-4000-8000-000000000001'
const PAYABLE = 'd1000000-0000-4000-8000-000000000001'
const NBSP = '\u00a0'
/** Money as the UI writes it, with no-break spaces (`100,00 €`). */
const euros = (text: string) => text.replace(/ /g, NBSP)

function commitment(overrides: Partial<CommitmentForBilling> = {}): CommitmentForBilling {
  return {
    id: COMMITMENT,
    number: 41,
    serviceTask: 'income_support',
    clientName: 'Aino Virtanen',
    providerKind: 'pharmacy',
    providerName: 'Demolan Keskusapteekki',
    providerId: PHARMACY,
    purpose: 'Reseptilääkkeet',
    validFrom: '2026-03-02',
    validUntil: '2026-03-31',
    maxCents: 10_000,
    billedCents: 0,
    decisionNumber: 17,
    ...overrides,
  }
}

const BILL = `POST /api/payments/commitments/${COMMITMENT}/bills`

async function lookUp(number: string) {
  fireEvent.change(await screen.findByLabelText('Maksusitoumuksen numero'), { target: { value: number } })
  fireEvent.click(screen.getByRole('button', { name: 'Hae' }))
}

function fillBill(values: { amount?: string; servedOn?: string; dueOn?: string; reference?: string; message?: string }) {
  if (values.amount !== undefined) fireEvent.change(screen.getByLabelText('Summa (€)'), { target: { value: values.amount } })
  if (values.servedOn !== undefined) fireEvent.change(screen.getByLabelText('Palvelupäivä'), { target: { value: values.servedOn } })
  if (values.dueOn !== undefined) fireEvent.change(screen.getByLabelText('Eräpäivä'), { target: { value: values.dueOn } })
  if (values.reference !== undefined) fireEvent.change(screen.getByLabelText('Viitenumero'), { target: { value: values.reference } })
  if (values.message !== undefined) fireEvent.change(screen.getByLabelText('Viesti'), { target: { value: values.message } })
}

describe('Laskut maksusitoumuksella', () => {
  it('finds a commitment by its number, records a bill as a payable, and says so when the same bill comes again', async () => {
    let bills = 0
    const api = signedIn(FINANCE, {
      'GET /api/payments/commitments/41': () => json(commitment()),
      'GET /api/payments/commitments/999': () => problem({ title: 'Ei löytynyt', status: 404 }),
      [BILL]: () => (++bills === 1 ? json({ payableId: PAYABLE, leftCents: 3_950 }, 201) : problem({ title: 'Tiedot ovat muuttuneet', status: 409 })),
    })
    renderApp('/')
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
    fireEvent.click(within(nav).getByRole('link', { name: 'Laskut maksusitoumuksella' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Laskut maksusitoumuksella' })).toBeTruthy()

    // a number that is not one, and a commitment that does not exist
    await lookUp('4l')
    expect(await screen.findByText('Anna maksusitoumuksen numero numeroina.')).toBeTruthy()
    await lookUp('999')
    const missing = await screen.findByText('Maksusitoumusta numero 999 ei löytynyt.')
    expect(missing.closest('[role="alert"]')).toBeTruthy()

    await lookUp('41')
    expect(await screen.findByRole('heading', { level: 2, name: 'Maksusitoumus 41' })).toBeTruthy()
    const facts = screen.getByTestId('pay-commitment')
    expect(within(facts).getByText('Demolan Keskusapteekki')).toBeTruthy()
    expect(within(facts).getByText('Aino Virtanen')).toBeTruthy()
    expect(within(facts).getByText('Reseptilääkkeet')).toBeTruthy()
    expect(within(facts).getByText('2.3.2026–31.3.2026')).toBeTruthy()
    expect(screen.getByTestId('pay-commitment-max').textContent).toBe(euros('100,00 €'))
    expect(screen.getByTestId('pay-commitment-billed').textContent).toBe(euros('0,00 €'))
    expect(screen.getByTestId('pay-commitment-left').textContent).toBe(euros('100,00 €'))
    expect(screen.queryByText('Maksusitoumusta numero 999 ei löytynyt.')).toBeNull()
    // the commitment names its provider: nothing to choose
    expect(screen.queryByLabelText('Laskuttava palveluntuottaja')).toBeNull()

    // what the form sees itself: amount, dates, a reference or a message
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa lasku' }))
    expect(await screen.findByText('Anna summa.')).toBeTruthy()
    expect(screen.getAllByText('Anna päivämäärä.')).toHaveLength(2)
    expect(screen.getByText('Anna viitenumero tai viesti.')).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByLabelText('Summa (€)'))
    fillBill({ amount: '60,555' })
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa lasku' }))
    expect(await screen.findByText('Anna summa sentin tarkkuudella (enintään kaksi desimaalia).')).toBeTruthy()
    expect(api.calls(BILL)).toHaveLength(0)

    // euros with a comma become integer cents; a reference is sent without its spaces
    fillBill({ amount: '60,50', servedOn: '2026-03-05', dueOn: '2026-03-20', reference: '1232 ' })
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa lasku' }))
    // (the queries by text read no-break spaces as spaces)
    const recorded = await screen.findByText('Lasku kirjattiin maksettavaksi: 60,50 €, eräpäivä 20.3.2026. Maksusitoumuksesta on jäljellä 39,50 €.')
    expect(recorded.closest('[role="status"]')).toBeTruthy()
    expect(screen.getByText(`Maksun tunniste: ${PAYABLE}`)).toBeTruthy()
    expect(api.calls(BILL)[0]!.body).toEqual({ amountCents: 6_050, servedOn: '2026-03-05', dueOn: '2026-03-20', reference: '1232' })
    expect(screen.getByTestId('pay-commitment-billed').textContent).toBe(euros('60,50 €'))
    expect(screen.getByTestId('pay-commitment-left').textContent).toBe(euros('39,50 €'))
    expect((screen.getByLabelText('Summa (€)') as HTMLInputElement).value).toBe('')

    // the same bill sent again is paid once
    fillBill({ amount: '60,50', reference: '1232' })
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa lasku' }))
    const duplicate = await screen.findByText(
      'Tämä lasku on jo kirjattu tälle maksusitoumukselle (sama viitenumero tai viesti), eikä sitä kirjattu toista kertaa.',
    )
    expect(duplicate.closest('[role="alert"]')).toBeTruthy()
    expect(api.calls(BILL)).toHaveLength(2)
    expect(screen.queryByText(/Lasku kirjattiin maksettavaksi/)).toBeNull()
    expect(screen.getByTestId('pay-commitment-left').textContent).toBe(euros('39,50 €'))
  })

  it('shows the server\'s field messages beside their fields, and asks for the provider when the commitment names none', async () => {
    const clinic: Provider = {
      id: PHARMACY,
      number: 1,
      name: 'Demolan Keskusapteekki',
      businessId: '2734561-5',
      iban: 'FI6510183000123457',
      bic: 'NDEAFIHH',
      street: null,
      postalCode: null,
      postOffice: null,
      email: null,
      phone: null,
      serviceTypes: ['pharmacy'],
      validFrom: '2026-01-01',
      validUntil: null,
      active: true,
      version: 1,
    }
    const api = signedIn(FINANCE, {
      'GET /api/payments/commitments/42': () => json(commitment({ number: 42, providerId: null, providerName: 'Apteekki', billedCents: 6_000 })),
      'GET /api/providers': () => json({ providers: [clinic] }),
      [BILL]: () =>
        problem({
          title: 'Tiedoissa on virheitä',
          status: 400,
          errors: [
            { field: 'amountCents', code: 'commitment.exceeds', message: 'Lasku ylittää maksusitoumuksen jäljellä olevan enimmäismäärän (40,00 €).' },
            { field: 'servedOn', code: 'commitment.outsideValidity', message: 'Palvelupäivä ei ole maksusitoumuksen voimassaoloaikana.' },
          ],
        }),
    })
    renderApp('/payments/commitments')
    await lookUp('42')
    expect(await screen.findByTestId('pay-commitment-left')).toHaveProperty('textContent', euros('40,00 €'))
    const chooser = await screen.findByLabelText('Laskuttava palveluntuottaja')
    await screen.findByRole('option', { name: 'Demolan Keskusapteekki (2734561-5)' })

    fillBill({ amount: '45', servedOn: '2026-04-01', dueOn: '2026-04-20', message: 'Lasku 8812' })
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa lasku' }))
    expect(await screen.findByText('Valitse laskuttava palveluntuottaja.')).toBeTruthy()
    expect(api.calls(BILL)).toHaveLength(0)

    fireEvent.change(chooser, { target: { value: PHARMACY } })
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa lasku' }))
    const amount = screen.getByLabelText('Summa (€)')
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'))
    const exceeds = screen.getByText('Lasku ylittää maksusitoumuksen jäljellä olevan enimmäismäärän (40,00 €).')
    expect(amount.getAttribute('aria-describedby')).toBe(exceeds.id)
    const servedOn = screen.getByLabelText('Palvelupäivä')
    expect(servedOn.getAttribute('aria-describedby')).toBe(screen.getByText('Palvelupäivä ei ole maksusitoumuksen voimassaoloaikana.').id)
    expect(document.activeElement).toBe(amount)
    expect(api.calls(BILL)[0]!.body).toEqual({ providerId: PHARMACY, amountCents: 4_500, servedOn: '2026-04-01', dueOn: '2026-04-20', message: 'Lasku 8812' })
  })

  it('is not offered to a case worker', async () => {
    signedIn(sessionUser({ actions: ['persons:search', 'providers:read'] }))
    renderApp('/payments/commitments')
    expect(await screen.findByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeTruthy()
    expect(within(screen.getByRole('navigation', { name: 'Päävalikko' })).queryByRole('link', { name: 'Laskut maksusitoumuksella' })).toBeNull()
  })
})
