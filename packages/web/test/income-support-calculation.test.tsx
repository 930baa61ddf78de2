import type { Calculation, KelaBasic } from '@huoma/contract'
import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CalculationPanel } from '../src/features/income-support/CalculationPanel'
import { i18n } from '../src/i18n'

/** Issue 14: the calculation's legal grounds and Kela's lines stayed Finnish in Swedish and English. */
const calculation: Calculation = {
  parametersValidFrom: '2026-01-01',
  lines: [
    { section: 'perusosa', code: 'single', amountCents: 57843, rule: 'TTTL 9 § 1 mom' },
    { section: 'expense', code: 'rent', amountCents: 70000, rule: 'TTTL 7 a §' },
    { section: 'deduction', code: 'earned_income_deduction', amountCents: 15000, rule: 'TTTL 11 § 3 mom (Kela practice)' },
    { section: 'result', code: 'county_total', amountCents: 0, rule: 'TTTL 7 c §, 13 §' },
  ],
  basic: { expensesCents: 127843, incomeCents: 0, assetsCents: 0, resultCents: 127843 },
  withSupplementary: { expensesCents: 127843, incomeCents: 0, assetsCents: 0, resultCents: 127843 },
  supplementaryCents: 0,
  preventiveCents: 0,
  countyTotalCents: 0,
}

const kela: KelaBasic = {
  decisionDate: '2026-01-03',
  basicCents: 40000,
  lines: [
    { code: 'perusosa', label: 'Perusosa', amountCents: 57843 },
    { code: 'rent', label: 'Vuokra', amountCents: 70000 },
    { code: 'labour_market_subsidy', label: 'Työmarkkinatuki', amountCents: -87843 },
    { code: 'result', label: 'Perustoimeentulotuki', amountCents: 40000 },
    { code: 'kela_own_code', label: 'Kelan oma rivi', amountCents: 0 },
  ],
}

function renderPanel() {
  return render(<CalculationPanel outcome={{ ok: true, calculation }} kelaBasic={kela} memberNames={{}} busy={false} unsaved={false} />)
}

function cellTexts(table: HTMLElement): string[] {
  return within(table).getAllByRole('cell').map((c) => c.textContent ?? '')
}

describe('the calculation panel in the user’s language', () => {
  it('cites the act and Kela’s practice in Swedish, and names Kela’s lines in Swedish', async () => {
    await i18n.changeLanguage('sv')
    renderPanel()
    const all = document.body.textContent ?? ''
    expect(all).toContain('Lag om utkomststöd 9 § 1 mom.')
    expect(all).toContain('Lag om utkomststöd 11 § 3 mom. (FPA:s tillämpningspraxis)')
    expect(all).not.toMatch(/TTTL|Kela practice/)
    const kelaTable = screen.getByRole('table', { name: /FPA:s kalkyl/ })
    const cells = cellTexts(kelaTable).join(' | ')
    for (const finnish of ['Perusosa', 'Vuokra', 'Työmarkkinatuki', 'Perustoimeentulotuki']) expect(cells).not.toContain(finnish)
    // a code Huoma does not know keeps Kela's own label
    expect(cells).toContain('Kelan oma rivi')
  })

  it('reads in English', async () => {
    await i18n.changeLanguage('en')
    renderPanel()
    const all = document.body.textContent ?? ''
    expect(all).toContain("Act on Social Assistance s. 11(3) (Kela's practice)")
    expect(all).toContain('Act on Social Assistance s. 7a')
    const cells = cellTexts(screen.getByRole('table', { name: /Kela's basic calculation/ })).join(' | ')
    expect(cells).not.toMatch(/Vuokra|Työmarkkinatuki|Perusosa\b/)
  })

  it('keeps the Finnish citation in Finnish', async () => {
    renderPanel()
    expect(document.body.textContent).toContain('TTTL 11 § 3 mom. (Kelan soveltamiskäytäntö)')
    const cells = cellTexts(screen.getByRole('table', { name: /Kelan perusosalaskelma/ })).join(' | ')
    expect(cells).toContain('Vuokra')
  })
})
