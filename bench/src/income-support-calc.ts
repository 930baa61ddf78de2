/**
 * `npm run bench -- income-support-calc [--seconds S]`: `calculateIncomeSupport` in a loop for a family of five
 * (two adults, children aged 15, 8 and 3) for March 2026 with rent, water, wage, housing allowance, child benefit
 * and two supplementary items, with the default parameter sets. Prints calculations per second and µs per
 * calculation (issue 5).
 */
import { parseArgs } from 'node:util'
import { calculateIncomeSupport, cents, DEFAULT_INCOME_SUPPORT_PARAMETERS, localDate, type CalculationInput } from '@huoma/domain'

export const FAMILY_OF_FIVE: CalculationInput = {
  periodStart: localDate('2026-03-01'),
  periodEnd: localDate('2026-03-31'),
  members: [
    { id: 'A', role: 'applicant', birthDate: localDate('1986-04-12') },
    { id: 'S', role: 'spouse', birthDate: localDate('1988-09-30') },
    { id: 'C1', role: 'child', birthDate: localDate('2010-11-02') }, // 15
    { id: 'C2', role: 'child', birthDate: localDate('2017-06-21') }, // 8
    { id: 'C3', role: 'child', birthDate: localDate('2022-08-15') }, // 3
  ],
  expenses: [
    { type: 'rent', amountCents: cents(1_150_00) },
    { type: 'water', amountCents: cents(100_00) },
  ],
  incomes: [
    { type: 'net_wage', amountCents: cents(1_820_45), memberId: 'A' },
    { type: 'housing_allowance', amountCents: cents(612_00), memberId: 'A' },
    { type: 'child_benefit', amountCents: cents(112_00), memberId: 'S' },
    { type: 'child_benefit', amountCents: cents(123_75), memberId: 'S' },
    { type: 'child_benefit', amountCents: cents(145_50), memberId: 'S' },
  ],
  assets: [],
  supplementary: [
    { type: 'children_hobbies', amountCents: cents(85_00), note: 'jalkapallo' },
    { type: 'furniture', amountCents: cents(240_00), acceptedCents: cents(180_00), note: 'sänky' },
  ],
  preventive: [],
}

export function incomeSupportCalcCommand(args: string[]): void {
  const { values } = parseArgs({ args, options: { seconds: { type: 'string', default: '5' } } })
  const seconds = Number(values.seconds)
  if (!(seconds > 0)) throw new Error(`--seconds must be positive, got "${values.seconds}"`)
  const first = calculateIncomeSupport(FAMILY_OF_FIVE, DEFAULT_INCOME_SUPPORT_PARAMETERS)
  if (!first.ok) throw new Error(`calculation failed: ${JSON.stringify(first.error)}`)

  // Warm-up (JIT), then batches of 1000 until the time is up.
  const warmEnd = performance.now() + Math.min(1000, seconds * 200)
  while (performance.now() < warmEnd) calculateIncomeSupport(FAMILY_OF_FIVE, DEFAULT_INCOME_SUPPORT_PARAMETERS)
  let n = 0
  let sink = 0
  const started = performance.now()
  const end = started + seconds * 1000
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const outcome = calculateIncomeSupport(FAMILY_OF_FIVE, DEFAULT_INCOME_SUPPORT_PARAMETERS)
      if (outcome.ok) sink += outcome.value.lines.length
    }
    n += 1000
  }
  const elapsedMs = performance.now() - started
  const r = first.value
  const eur = (c: number) => (c / 100).toFixed(2)
  process.stdout.write(
    `income support, family of five, 2026-03: ${Math.round(n / (elapsedMs / 1000)).toLocaleString('en')} calculations/s, ` +
      `${((elapsedMs * 1000) / n).toFixed(2)} µs per calculation (${n.toLocaleString('en')} in ${(elapsedMs / 1000).toFixed(1)} s, ` +
      `${r.lines.length} lines; basic ${eur(r.basic.resultCents)} €, supplementary ${eur(r.supplementaryCents)} €; sink ${sink % 7})\n`,
  )
}
