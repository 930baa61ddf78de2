import { describe, expect, it } from 'vitest'
import { benefitRemittanceText, checkSepaText, remittancePeriod } from '../../src'

describe('the remittance text of a benefit payment', () => {
  it('writes the period short within a year, in full across years, and one day alone', () => {
    expect(remittancePeriod('2026-11-01', '2026-11-30')).toBe('1.11.-30.11.2026')
    expect(remittancePeriod('2026-12-15', '2027-01-14')).toBe('15.12.2026-14.1.2027')
    expect(remittancePeriod('2026-12-07', '2026-12-07')).toBe('7.12.2026')
  })

  it('says what is paid, for when, on which decision and by whom, in the payee\'s language', () => {
    expect(benefitRemittanceText({ language: 'fi', benefit: 'Toimeentulotuki', periodStart: '2026-11-01', periodEnd: '2026-11-30', decisionNumber: 123, payer: 'Demolan kaupunki' })).toBe(
      'Toimeentulotuki 1.11.-30.11.2026, päätös 123. Demolan kaupunki',
    )
    expect(benefitRemittanceText({ language: 'sv', benefit: 'Utkomststöd', periodStart: '2026-11-01', periodEnd: '2026-11-30', decisionNumber: 123, payer: 'Demola stad' })).toBe(
      'Utkomststöd 1.11.-30.11.2026, beslut 123. Demola stad',
    )
  })

  it('fits 140 Latin-9 characters: a long payer is shortened, never the benefit, period or decision', () => {
    const long = benefitRemittanceText({ language: 'fi', benefit: 'Toimeentulotuki', periodStart: '2026-11-01', periodEnd: '2026-11-30', decisionNumber: 987654, payer: `Hyvinvointialue ${'Pohjois-'.repeat(20)}Suomi` })
    expect(long.length).toBe(140)
    expect(long.startsWith('Toimeentulotuki 1.11.-30.11.2026, päätös 987654. Hyvinvointialue Pohjois-')).toBe(true)
    expect(checkSepaText(long, 140)).toBeNull()
    const noRoom = benefitRemittanceText({ language: 'fi', benefit: 'T'.repeat(130), periodStart: '2026-11-01', periodEnd: '2026-11-30', decisionNumber: 1, payer: 'Demolan kaupunki' })
    expect(noRoom.length).toBe(140)
    expect(noRoom).not.toContain('Demola')
    // a character outside Latin-9 is transliterated, so the bank accepts the file
    expect(checkSepaText(benefitRemittanceText({ language: 'fi', benefit: 'Toimeentulotuki', periodStart: '2026-11-01', periodEnd: '2026-11-30', decisionNumber: 5, payer: 'Kaupunki “Ω”' }), 140)).toBeNull()
  })
})
