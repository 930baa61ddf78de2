import type { ChildWelfareRecord } from '@huoma/contract'
import type { TFunction } from 'i18next'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { decisionPdfUrl } from './api'
import { PdfLinks } from './display'
import { GuardianCopies } from './GuardianCopies'

const DECISION_TYPES = [
  'child_welfare_urgent_placement',
  'child_welfare_urgent_placement_extension',
  'child_welfare_care_order',
  'child_welfare_care_end',
  'child_welfare_open_care',
  'child_welfare_after_care',
] as const
type DecisionType = (typeof DECISION_TYPES)[number]
const OUTCOMES = ['placed', 'extended', 'care_order', 'care_ended', 'granted', 'partly_granted', 'refused'] as const
type Outcome = (typeof OUTCOMES)[number]

/** A child welfare decision type in words; a type this page does not know yet as the server names it. */
export const decisionTypeName = (t: TFunction, type: string) =>
  (DECISION_TYPES as readonly string[]).includes(type) ? t(`childWelfare.record.decisions.types.${type as DecisionType}`) : type.replace(/^child_welfare_/, '').replace(/_/g, ' ')
const outcomeName = (t: TFunction, outcome: string) => ((OUTCOMES as readonly string[]).includes(outcome) ? t(`childWelfare.record.decisions.outcomes.${outcome as Outcome}`) : outcome)

/** The child's child welfare decisions, the latest first, each with its PDF in Finnish and Swedish (appeal instructions). */
export function DecisionsSection({ record: r }: { record: ChildWelfareRecord }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const mayPrint = can(user, 'child-welfare:print')
  const decisions = [...r.decisions].sort((a, b) => (a.decidedOn !== b.decidedOn ? (a.decidedOn < b.decidedOn ? 1 : -1) : b.number - a.number))
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.record.decisions.heading')}</h2>
      {decisions.length === 0 ? (
        <p>{t('childWelfare.record.decisions.none')}</p>
      ) : (
        <div className="cw-table-wrap">
          <table>
            <caption>{t('childWelfare.record.decisions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('childWelfare.record.decisions.number')}</th>
                <th scope="col">{t('childWelfare.record.decisions.type')}</th>
                <th scope="col">{t('childWelfare.record.decisions.decidedOn')}</th>
                <th scope="col">{t('childWelfare.record.decisions.maker')}</th>
                <th scope="col">{t('childWelfare.record.decisions.outcome')}</th>
                {mayPrint && <th scope="col">{t('childWelfare.record.decisions.pdf')}</th>}
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id}>
                  <td>{d.number}</td>
                  <th scope="row">{decisionTypeName(t, d.type)}</th>
                  <td>{formatDate(d.decidedOn)}</td>
                  <td>{d.maker}</td>
                  <td>{outcomeName(t, d.outcome)}</td>
                  {mayPrint && (
                    <td>
                      <PdfLinks kind="decision" href={(language) => decisionPdfUrl(r.person.id, d.id, language)} number={d.number} />
                      <GuardianCopies kind="decision" number={d.number} guardians={r.guardians} href={(language, recipient) => decisionPdfUrl(r.person.id, d.id, language, recipient)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
