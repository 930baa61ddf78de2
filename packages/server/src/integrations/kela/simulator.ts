import { createHash } from 'node:crypto'
import type { Claims, KelaBasic, MemberRole } from '@huoma/contract'
import {
  addDays,
  addWorkingDays,
  calculateIncomeSupport,
  dateParts,
  daysInMonth,
  isWorkingDay,
  localDate,
  localDateFromParts,
  type Cents,
  type IncomeSupportParameters,
  type LocalDate,
} from '@huoma/domain'
import type { ForwardedApplication, KelaForwardingClient } from './types'

/** A household as the simulated Kela knows it (from the population it mirrors). */
export interface SimulatedHousehold {
  id: string
  adults: { hetu: string; birthDate: string }[]
  children: { hetu: string; birthDate: string }[]
}

export interface KelaSimulatorOptions {
  households: readonly SimulatedHousehold[]
  parameters: readonly IncomeSupportParameters[]
  /** how many working days back forwarded applications exist (default 15) */
  windowWorkingDays?: number
  /** share of households that apply on a given working day, in per mille (default 60 = 6 %) */
  dailyPerMille?: number
}

const LABELS: Record<string, string> = {
  perusosa: 'Perusosa',
  rent: 'Vuokra',
  water: 'Vesimaksu',
  electricity: 'Sähkö',
  health_care_fees: 'Terveydenhuoltomenot',
  prescribed_medicines: 'Lääkemenot',
  labour_market_subsidy: 'Työmarkkinatuki',
  housing_allowance: 'Yleinen asumistuki',
  child_benefit: 'Lapsilisä',
  net_wage: 'Nettopalkka',
  result: 'Perustoimeentulotuki',
}

/** A deterministic number in [0, n) from the parts (same inputs, same answer on every run and machine). */
function pick(n: number, ...parts: string[]): number {
  const h = createHash('sha256').update(parts.join('|')).digest()
  return h.readUInt32BE(0) % n
}

/**
 * Simulated Kela: on every working day a deterministic share of the households apply; Kela makes its basic
 * calculation (with the same engine and parameters Huoma uses — Kela's part is reproduced exactly) and forwards the
 * application the next working day with the supplementary and preventive items the client asked for. The set of
 * forwarded applications for a day never changes, so repeated fetches return the same case references.
 */
export class KelaSimulator implements KelaForwardingClient {
  readonly kind = 'simulator' as const
  private readonly extra: ForwardedApplication[] = []

  constructor(private readonly opts: KelaSimulatorOptions) {}

  /** Add a forwarded application explicitly (tests, demo). */
  forward(app: ForwardedApplication): void {
    this.extra.push(app)
  }

  async forwarded(today: string): Promise<ForwardedApplication[]> {
    const end = localDate(today)
    const window = this.opts.windowWorkingDays ?? 15
    const perMille = this.opts.dailyPerMille ?? 60
    // the working days of the window, oldest first
    const days: LocalDate[] = []
    let d = end
    while (days.length < window) {
      if (isWorkingDay(d)) days.unshift(d)
      d = addDays(d, -1)
    }
    const out: ForwardedApplication[] = []
    for (const day of days) {
      for (const h of this.opts.households) {
        if (!h.adults.length || pick(1000, day, h.id) >= perMille) continue
        const app = this.application(h, day)
        if (app && app.forwardedOn <= today) out.push(app)
      }
    }
    return [...out, ...this.extra.filter((e) => e.forwardedOn <= today)].sort((a, b) => a.forwardedOn.localeCompare(b.forwardedOn) || a.kelaCaseRef.localeCompare(b.kelaCaseRef))
  }

  /** The application a household made on `day` (Kela decided it that day and forwards it the next working day). */
  private application(h: SimulatedHousehold, day: LocalDate): ForwardedApplication | null {
    const forwardedOn = addWorkingDays(day, 1)
    const { year, month } = dateParts(day)
    const periodStart = localDateFromParts(year, month, 1)!
    const periodEnd = localDateFromParts(year, month, daysInMonth(year, month))!
    const applicant = h.adults[0]!
    const spouse = h.adults[1]
    const members: { hetu: string; role: MemberRole; birthDate: string }[] = [
      { hetu: applicant.hetu, role: 'applicant', birthDate: applicant.birthDate },
      ...(spouse ? [{ hetu: spouse.hetu, role: 'spouse' as const, birthDate: spouse.birthDate }] : []),
      ...h.children.map((c) => ({ hetu: c.hetu, role: 'child' as const, birthDate: c.birthDate })),
    ]
    const size = members.length
    const seed = `${day}|${h.id}`
    const rent = 45000 + size * 12000 + pick(200, seed, 'rent') * 100
    const expenses: ForwardedApplication['claims']['expenses'] = [
      { type: 'rent', amountCents: rent },
      { type: 'water', amountCents: 2000 * size },
      { type: 'electricity', amountCents: 3000 + pick(40, seed, 'el') * 100 },
    ]
    if (pick(3, seed, 'med') === 0) expenses.push({ type: 'prescribed_medicines', amountCents: 1500 + pick(60, seed, 'medc') * 100, memberHetu: applicant.hetu })
    const incomes: ForwardedApplication['claims']['incomes'] = [
      { type: 'labour_market_subsidy', amountCents: 60000 + pick(100, seed, 'tmt') * 100, memberHetu: applicant.hetu },
      { type: 'housing_allowance', amountCents: Math.round(rent * 0.6), memberHetu: applicant.hetu },
    ]
    if (h.children.length) incomes.push({ type: 'child_benefit', amountCents: 11200 * h.children.length, memberHetu: applicant.hetu })
    if (spouse && pick(2, seed, 'wage') === 0) incomes.push({ type: 'net_wage', amountCents: 40000 + pick(300, seed, 'w') * 100, memberHetu: spouse.hetu })
    const supplementary: Claims['supplementary'] = []
    const wish = pick(6, seed, 'supp')
    if (h.children.length && wish <= 2) supplementary.push({ type: 'children_hobbies', amountCents: 8000 + pick(50, seed, 'hob') * 100 })
    if (wish === 1 || wish === 3) supplementary.push({ type: 'furniture', amountCents: 15000 + pick(100, seed, 'fur') * 100 })
    if (wish === 4) supplementary.push({ type: 'rent_deposit', amountCents: rent })
    if (wish === 5) supplementary.push({ type: 'health_care_special', amountCents: 6000 + pick(80, seed, 'hc') * 100 })
    if (!supplementary.length) supplementary.push({ type: 'other_supplementary', amountCents: 5000, note: 'Silmälasit' })
    const preventive: Claims['preventive'] = pick(5, seed, 'prev') === 0 ? [{ purpose: 'Velkaneuvonnan matkakulut', amountCents: 4000 }] : []

    // Kela's own basic calculation, with the engine and the parameters of the month
    const byHetu = (x?: string) => (x ? x : undefined)
    const basicResult = calculateIncomeSupport(
      {
        periodStart,
        periodEnd,
        members: members.map((m) => ({ id: m.hetu, role: m.role, birthDate: localDate(m.birthDate) })),
        expenses: expenses.map((e) => ({ type: e.type, amountCents: e.amountCents as Cents, ...(byHetu(e.memberHetu) ? { memberId: e.memberHetu! } : {}) })),
        incomes: incomes.map((i) => ({ type: i.type, amountCents: i.amountCents as Cents, memberId: i.memberHetu })),
        assets: [],
        supplementary: [],
        preventive: [],
      },
      this.opts.parameters,
    )
    if (!basicResult.ok) return null
    const r = basicResult.value
    const perusosa = r.lines.filter((l) => l.section === 'perusosa').reduce((s, l) => s + l.amountCents, 0)
    const basic: KelaBasic = {
      decisionDate: day,
      basicCents: r.basic.resultCents,
      lines: [
        { code: 'perusosa', label: LABELS.perusosa!, amountCents: perusosa },
        ...expenses.map((e) => ({ code: e.type, label: LABELS[e.type] ?? e.type, amountCents: e.amountCents })),
        ...incomes.map((i) => ({ code: i.type, label: LABELS[i.type] ?? i.type, amountCents: -i.amountCents })),
        { code: 'result', label: LABELS.result!, amountCents: r.basic.resultCents },
      ],
    }
    return {
      kelaCaseRef: `KELA-${day.replaceAll('-', '')}-${h.id.slice(0, 8).toUpperCase()}`,
      forwardedOn,
      urgent: pick(10, seed, 'urgent') === 0,
      applicantHetu: applicant.hetu,
      members: members.map(({ hetu, role }) => ({ hetu, role })),
      periodStart,
      periodEnd,
      basic,
      claims: { expenses, incomes, assets: [], supplementary, preventive },
    }
  }
}
