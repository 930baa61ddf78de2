import type { Calculation, CalculationLine, CalculationOutcome, KelaBasic } from '@huoma/contract'
import { incomeSupportRuleText } from '@huoma/domain'
import { useId } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { isLabel, lineLabel } from './labels'
import { formatDate } from '../../lib/format'
import { isUiLanguage } from '../../lib/language'
import { formatEuros } from '../../lib/money'

const SECTIONS = ['perusosa', 'expense', 'income', 'deduction', 'excluded', 'asset', 'supplementary', 'preventive'] as const

interface PanelProps {
  outcome: CalculationOutcome | undefined
  kelaBasic: KelaBasic | null
  memberNames: Record<string, string>
  /** a recalculation of the edited items is under way */
  busy: boolean
  /** the shown calculation is of unsaved edits */
  unsaved: boolean
  /** what the calculation is of, instead of the saved/unsaved note (the registration form: nothing saved yet) */
  note?: string
}

/** The calculation beside the claimed items: lines by section with the rule behind each, the totals, Kela's calculation. */
export function CalculationPanel({ outcome, kelaBasic, memberNames, busy, unsaved, note }: PanelProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section className="panel is-calculation" aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h2 id={`${id}-title`}>{t('incomeSupport.calculation.title')}</h2>
      <p role="status" className="muted is-calc-status">
        {busy ? t('incomeSupport.calculation.calculating') : (note ?? (unsaved ? t('incomeSupport.calculation.unsaved') : t('incomeSupport.calculation.saved')))}
      </p>
      {outcome && !outcome.ok && (
        <div className="alert alert-error">
          <p className="alert-title">{t('incomeSupport.calculation.failed')}</p>
          <p>{outcome.message}</p>
        </div>
      )}
      {outcome?.ok && <CalculationView calculation={outcome.calculation} memberNames={memberNames} />}
      {kelaBasic && <KelaBasicView kela={kelaBasic} />}
    </section>
  )
}

export function CalculationView({ calculation, memberNames }: { calculation: Calculation; memberNames: Record<string, string> }) {
  const { t, i18n } = useTranslation()
  const lang = isUiLanguage(i18n.language) ? i18n.language : 'fi'
  const groups = SECTIONS.map((section) => ({ section, lines: calculation.lines.filter((l) => l.section === section) })).filter((g) => g.lines.length > 0)
  return (
    <>
      <p className="muted">{t('incomeSupport.calculation.parameters', { date: formatDate(calculation.parametersValidFrom) })}</p>
      {groups.map(({ section, lines }) => (
        <table key={section} className="compact is-calc-table">
          <caption>{isLabel(t, 'sections', section)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incomeSupport.calculation.line')}</th>
              <th scope="col">{t('incomeSupport.calculation.rule')}</th>
              <th scope="col" className="num">
                {t('incomeSupport.calculation.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              <tr key={`${line.code}-${line.memberId ?? ''}-${i}`}>
                <td>
                  {lineLabel(t, line.section, line.code)}
                  {line.memberId && memberNames[line.memberId] && <span className="is-line-member">{memberNames[line.memberId]}</span>}
                  <LineDetail line={line} />
                </td>
                <td className="is-rule">{incomeSupportRuleText(line.rule, lang)}</td>
                <td className="num">{formatEuros(line.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <table className="compact is-calc-table is-totals">
        <caption>{t('incomeSupport.calculation.totals')}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col" className="num">
              {t('incomeSupport.calculation.basic')}
            </th>
            <th scope="col" className="num">
              {t('incomeSupport.calculation.withSupplementary')}
            </th>
          </tr>
        </thead>
        <tbody>
          {(['expensesCents', 'incomeCents', 'assetsCents', 'resultCents'] as const).map((k) => (
            <tr key={k}>
              <th scope="row">{t(`incomeSupport.calculation.${k}`)}</th>
              <td className="num">{formatEuros(calculation.basic[k])}</td>
              <td className="num">{formatEuros(calculation.withSupplementary[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts is-county">
        <dt>{t('incomeSupport.calculation.supplementaryCents')}</dt>
        <dd className="num" data-testid="is-supplementary-total">
          {formatEuros(calculation.supplementaryCents)}
        </dd>
        <dt>{t('incomeSupport.calculation.preventiveCents')}</dt>
        <dd className="num" data-testid="is-preventive-total">
          {formatEuros(calculation.preventiveCents)}
        </dd>
        <dt>{t('incomeSupport.calculation.countyTotalCents')}</dt>
        <dd className="num is-county-total" data-testid="is-county-total">
          {formatEuros(calculation.countyTotalCents)}
        </dd>
      </dl>
    </>
  )
}

/** The detail that explains a line where it matters to the handler: what an excluded income was, a reduction. */
function LineDetail({ line }: { line: CalculationLine }) {
  const { t } = useTranslation()
  const d = line.detail ?? {}
  if (line.section === 'excluded' && typeof d.amountCents === 'number')
    return <span className="is-line-detail">{t('incomeSupport.calculation.excludedAmount', { amount: formatEuros(d.amountCents) })}</span>
  if (line.section === 'preventive' && typeof d.purpose === 'string') return <span className="is-line-detail">{d.purpose}</span>
  if (typeof d.percent === 'number') return <span className="is-line-detail">{t('incomeSupport.calculation.percent', { percent: d.percent })}</span>
  return null
}

/**
 * A line of Kela's calculation in the user's language: Kela forwards its lines with the same codes Huoma uses for
 * perusosa, expenses and incomes (and `result`), with a Finnish label; the label is shown only for a code Huoma
 * does not know.
 */
function kelaLineLabel(t: TFunction, line: KelaBasic['lines'][number]): string {
  if (line.code === 'perusosa') return isLabel(t, 'sections', 'perusosa')
  if (line.code === 'result') return isLabel(t, 'sections', 'result')
  for (const group of ['expenseTypes', 'incomeTypes', 'supplementaryTypes', 'assetTypes'] as const) {
    const label = isLabel(t, group, line.code)
    if (label !== line.code) return label
  }
  return line.label
}

function KelaBasicView({ kela }: { kela: KelaBasic }) {
  const { t } = useTranslation()
  return (
    <table className="compact is-calc-table is-kela">
      <caption>{t('incomeSupport.calculation.kelaTitle', { date: formatDate(kela.decisionDate) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('incomeSupport.calculation.line')}</th>
          <th scope="col" className="num">
            {t('incomeSupport.calculation.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {kela.lines.map((l, i) => (
          <tr key={`${l.code}-${i}`}>
            <td>{kelaLineLabel(t, l)}</td>
            <td className="num">{formatEuros(l.amountCents)}</td>
          </tr>
        ))}
        <tr className="is-total-row">
          <th scope="row">{t('incomeSupport.calculation.kelaBasic')}</th>
          <td className="num">{formatEuros(kela.basicCents)}</td>
        </tr>
      </tbody>
    </table>
  )
}
