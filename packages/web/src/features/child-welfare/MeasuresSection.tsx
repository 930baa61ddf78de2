import { AFTER_CARE_MEASURES, OPEN_CARE_MEASURES, type ChildWelfareRecord, type SupportMeasure } from '@huoma/contract'
import type { TFunction } from 'i18next'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { BanForm, LiftBanForm } from './BanForms'
import type { RecordChanged } from './display'
import { Expander } from '../../components/FormFields'
import { EndMeasureForm, mayEnd, SupportMeasuresForm } from './MeasureForms'

const CODES: readonly string[] = [...OPEN_CARE_MEASURES, ...AFTER_CARE_MEASURES]
type Code = (typeof OPEN_CARE_MEASURES)[number] | (typeof AFTER_CARE_MEASURES)[number]
const codeName = (t: TFunction, code: string) => (CODES.includes(code) ? t(`childWelfare.record.measures.codes.${code as Code}`) : code)
const PHASES = ['open_care', 'after_care'] as const

interface SectionProps {
  record: ChildWelfareRecord
  onChanged: RecordChanged
  reload: () => void
}

/**
 * The support measures decided for the child (open care, LSL 34–37 §) or the young person (after-care, LSL 75–76 §):
 * each measure granted or refused with its period and its decision; a placing measure is also on the placements
 * timeline. New measures are decided here, and a granted one still running ended on a day.
 */
export function MeasuresSection({ record: r, onChanged, reload }: SectionProps) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const mayDecide = can(user, 'child-welfare:decide')
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.record.measures.heading')}</h2>
      {r.measures.length === 0 && <p>{t('childWelfare.record.measures.none')}</p>}
      {PHASES.map((phase) => {
        const rows = r.measures.filter((m) => m.phase === phase)
        return rows.length === 0 ? null : <MeasureTable key={phase} record={r} phase={phase} measures={rows} mayDecide={mayDecide} onChanged={onChanged} reload={reload} />
      })}
      {mayDecide && (
        <div className="cw-actions">
          <Expander label={t('childWelfare.record.measures.form.open')}>{({ cancel, done }) => <SupportMeasuresForm record={r} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}</Expander>
        </div>
      )}
    </section>
  )
}

function MeasureTable({
  record: r,
  phase,
  measures,
  mayDecide,
  onChanged,
  reload,
}: SectionProps & { phase: SupportMeasure['phase']; measures: SupportMeasure[]; mayDecide: boolean }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const endable = mayDecide && measures.some((m) => mayEnd(m, today))
  const sorted = [...measures].sort((a, b) => (a.startsOn !== b.startsOn ? (a.startsOn < b.startsOn ? 1 : -1) : 0))
  return (
    <div className="cw-table-wrap">
      <table>
        <caption>{t(`childWelfare.record.measures.phases.${phase}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('childWelfare.record.measures.measure')}</th>
            <th scope="col">{t('childWelfare.record.measures.outcome')}</th>
            <th scope="col">{t('childWelfare.record.measures.period')}</th>
            <th scope="col">{t('childWelfare.record.measures.description')}</th>
            <th scope="col">{t('childWelfare.record.placements.decision')}</th>
            {endable && <th scope="col">{t('childWelfare.record.measures.end.column')}</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => (
            <tr key={m.id}>
              <th scope="row">{codeName(t, m.code)}</th>
              <td>
                <span className={m.granted ? 'badge badge-ok' : 'badge badge-muted'}>{m.granted ? t('childWelfare.record.measures.granted') : t('childWelfare.record.measures.refused')}</span>
              </td>
              <td>
                {m.endsOn
                  ? t('childWelfare.record.placements.fromTo', { from: formatDate(m.startsOn), to: formatDate(m.endsOn) })
                  : t('childWelfare.record.placements.from', { from: formatDate(m.startsOn) })}
              </td>
              <td className="cw-text">{m.description}</td>
              <td>{t('childWelfare.record.placements.decisionBy', { number: m.decision.number, name: m.decision.maker })}</td>
              {endable && (
                <td>
                  {mayEnd(m, today) && (
                    <Expander label={t('childWelfare.record.measures.end.open', { name: codeName(t, m.code) })}>
                      {({ cancel, done }) => <EndMeasureForm record={r} measure={m} name={codeName(t, m.code)} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}
                    </Expander>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The child's prohibitions to disclose their data to a guardian (asiakaslaki 11 §), in force and lifted: whom, what,
 * the child's own words and the maturity assessment. Outputs for a guardian honour them.
 */
export function BansSection({ record: r, onChanged, reload }: SectionProps) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const mayBan = can(user, 'child-welfare:ban')
  if (r.bans.length === 0 && !mayBan) return null
  const whom = (b: ChildWelfareRecord['bans'][number]) => (b.guardian ? t('childWelfare.record.bans.of', { name: b.guardian.name }) : t('childWelfare.record.bans.ofAll'))
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.record.bans.heading')}</h2>
      {r.bans.length === 0 && <p>{t('childWelfare.record.bans.none')}</p>}
      {r.bans.map((b) => (
        <article key={b.id} className="cw-matter" aria-label={whom(b)}>
          <h3>
            {whom(b)}{' '}
            {b.lifted ? <span className="badge badge-muted">{t('childWelfare.record.bans.lifted')}</span> : <span className="badge badge-warning">{t('childWelfare.record.bans.inForce')}</span>}
          </h3>
          <dl className="cw-texts">
            <dt>{t('childWelfare.record.bans.scope')}</dt>
            <dd>{t(`childWelfare.record.bans.scopes.${b.scope}`)}</dd>
            <dt>{t('childWelfare.record.bans.childStatement')}</dt>
            <dd className="cw-text">{b.childStatement}</dd>
            <dt>{t('childWelfare.record.bans.maturity')}</dt>
            <dd className="cw-text">{b.maturityAssessment}</dd>
            <dt>{t('childWelfare.record.bans.recorded')}</dt>
            <dd>{t('childWelfare.record.plans.madeBy', { date: formatDate(b.recordedOn), name: b.recordedBy })}</dd>
            {b.lifted && (
              <>
                <dt>{t('childWelfare.record.bans.liftedOn')}</dt>
                <dd>
                  {t('childWelfare.record.plans.madeBy', { date: formatDate(b.lifted.on), name: b.lifted.by })}: {b.lifted.reason}
                </dd>
              </>
            )}
          </dl>
          {mayBan && !b.lifted && (
            <Expander label={t('childWelfare.record.bans.lift.open')}>
              {({ cancel, done }) => <LiftBanForm record={r} ban={b} name={whom(b)} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}
            </Expander>
          )}
        </article>
      ))}
      {mayBan && (
        <div className="cw-actions">
          <Expander label={t('childWelfare.record.bans.form.open')}>{({ cancel, done }) => <BanForm record={r} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}</Expander>
        </div>
      )}
    </section>
  )
}
