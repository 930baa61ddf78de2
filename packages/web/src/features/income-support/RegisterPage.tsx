import type { Application, CalculationOutcome, CalculationRequest, MemberInput } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { fetchUnits, registrationUnits, type Unit } from '../../api/units'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { calculateNew, registerApplication } from './api'
import { CalculationPanel } from './CalculationPanel'
import { ClaimsEditor, orphanPaths, shownPaths, type Draft, type MemberInfo } from './ClaimsEditor'
import { HouseholdAdder, roleOnAdding, useHouseholdProposal, type ProposedMember } from './HouseholdAdder'
import './income-support.css'
import { type FieldErrors, fieldErrorsOf, otherMessages } from '../../lib/fieldErrors'
import { addDays, addMonths, formatDate, todayInHelsinki } from '../../lib/format'
import { personName } from '../../lib/labels'

/** `2030-02` → the first and last day of that month. */
export function monthPeriod(month: string): { periodStart: string; periodEnd: string } {
  const periodStart = `${month}-01`
  return { periodStart, periodEnd: addDays(addMonths(periodStart, 1), -1) }
}

const emptyClaims: Draft['claims'] = { expenses: [], incomes: [], assets: [], supplementary: [], preventive: [] }

const asMember = (m: ProposedMember): MemberInput => ({ personId: m.personId, role: roleOnAdding(m) })

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)

/**
 * Kirjaa toimeentulotukihakemus (/persons/:id/income-support/new): an application received on paper or as an
 * e-form registered by the office secretary (into any unit's queue) or a handler (into their unit, or taken at once).
 * The household is proposed from the registry; the claims are typed as on the handler's screen, with the live
 * calculation beside them (nothing saved). The units offered: any unit to the office secretary, to others the units
 * where their grants cover income support.
 */
export function RegisterPage() {
  const { t } = useTranslation()
  const { id: personId = '' } = useParams()
  const user = useUser()
  const navigate = useNavigate()
  const id = useId()
  const today = todayInHelsinki()
  const [units, setUnits] = useState<{ status: 'loading' } | { status: 'done'; units: Unit[] } | { status: 'error'; error: ErrorText }>({ status: 'loading' })
  const [unitId, setUnitId] = useState('')
  const [channel, setChannel] = useState<'paper' | 'eform'>('paper')
  const [receivedOn, setReceivedOn] = useState(today)
  const [month, setMonth] = useState(today.slice(0, 7))
  const [takeIt, setTakeIt] = useState(false)
  const [draft, setDraft] = useState<Draft>(() => ({ urgent: false, ...monthPeriod(today.slice(0, 7)), housingCapped: false, members: [], claims: emptyClaims }))
  // the members follow the registry's proposal until the user changes them
  const [membersTouched, setMembersTouched] = useState(false)
  const [invalid, setInvalid] = useState<Set<string>>(new Set())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<{ text: ErrorText; messages: string[] }>()
  const [saving, setSaving] = useState(false)
  const [receipt, setReceipt] = useState<Application>()
  const receiptHeading = useRef<HTMLHeadingElement>(null)
  const [calc, setCalc] = useState<{ key: string; outcome: CalculationOutcome }>()
  const [calcError, setCalcError] = useState<{ key: string; error: ErrorText }>()
  const mayTake = can(user, 'income-support:assign')
  const mayCalculate = can(user, 'income-support:calculate')

  useEffect(() => {
    const controller = new AbortController()
    fetchUnits(controller.signal).then(
      (all) => {
        const list = registrationUnits(all, user)
        setUnits({ status: 'done', units: list })
        if (list.length === 1) setUnitId(list[0]!.id)
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setUnits({ status: 'error', error: describeError(error) })
      },
    )
    return () => controller.abort()
  }, [user])

  // The live calculation of what is being typed (debounced, as on the application page); nothing is saved.
  const { urgent: _urgent, ...calcBody } = draft
  const calcKey = JSON.stringify(calcBody)
  const blocked = invalid.size + orphanPaths(draft).length
  const calcReady = mayCalculate && draft.members.length > 0 && blocked === 0 && isDate(draft.periodStart) && isDate(draft.periodEnd)
  useEffect(() => {
    if (!calcReady) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      calculateNew(personId, JSON.parse(calcKey) as CalculationRequest, controller.signal).then(
        (outcome) => setCalc({ key: calcKey, outcome }),
        (error: unknown) => {
          if (!controller.signal.aborted) setCalcError({ key: calcKey, error: describeError(error) })
        },
      )
    }, 350)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [calcKey, calcReady, personId])
  const calcCurrent = calc?.key === calcKey ? calc.outcome : undefined
  const calcFailure = calcError?.key === calcKey ? calcError.error : undefined
  const calcBusy = calcReady && calcCurrent === undefined && !calcFailure

  const proposal = useHouseholdProposal(personId, isDate(draft.periodStart) ? draft.periodStart : undefined)
  const proposed = proposal.status === 'done' ? proposal.proposal : undefined
  // Until the user edits the household, it is the registry's proposal for the period's first day.
  const [proposalSeen, setProposalSeen] = useState<typeof proposed>()
  if (proposed && proposed !== proposalSeen) {
    setProposalSeen(proposed)
    if (!membersTouched) {
      const members = proposed.members.filter((m) => m.role !== null).map(asMember)
      // the applicant is the client whose card this is, whatever the registry says
      const withApplicant = members.some((m) => m.personId === personId)
        ? members.map((m) => (m.personId === personId ? { ...m, role: 'applicant' as const } : m))
        : [{ personId, role: 'applicant' as const }, ...members]
      setDraft((d) => ({ ...d, members: withApplicant }))
    }
  }
  if (proposal.status === 'error' && draft.members.length === 0) setDraft((d) => ({ ...d, members: [{ personId, role: 'applicant' }] }))

  useEffect(() => {
    if (receipt) receiptHeading.current?.focus()
  }, [receipt])

  const info: MemberInfo[] = proposed?.members ?? []
  const memberNames = Object.fromEntries(info.map((m) => [m.personId, personName(m)]))
  const validity = (path: string, valid: boolean) =>
    setInvalid((s) => {
      if (valid === !s.has(path)) return s
      const next = new Set(s)
      if (valid) next.delete(path)
      else next.add(path)
      return next
    })

  const changeMembers = (members: MemberInput[]) => {
    setMembersTouched(true)
    setDraft((d) => ({ ...d, members }))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    setErrors({})
    const local: FieldErrors = {}
    if (!unitId) local.unitId = t('incomeSupport.register.unitRequired')
    if (!receivedOn) local.receivedOn = t('incomeSupport.register.dateRequired')
    if (Object.keys(local).length > 0 || blocked > 0) {
      setErrors(local)
      setFailure({ text: { title: t('incomeSupport.register.fix') }, messages: [] })
      return
    }
    setSaving(true)
    try {
      const created = await registerApplication(personId, {
        unitId,
        channel,
        receivedOn,
        urgent: draft.urgent,
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        members: draft.members,
        claims: draft.claims,
        housingCapped: draft.housingCapped,
        ...(mayTake ? { takeIt } : {}),
      })
      if (created.handler?.id === user.id) {
        void navigate(`/persons/${personId}/income-support/${created.id}`)
        return
      }
      setReceipt(created)
    } catch (error) {
      const byField = fieldErrorsOf(error instanceof ApiError ? error.problem : undefined)
      setErrors(byField)
      const shown = shownPaths(draft)
      for (const f of ['unitId', 'channel', 'receivedOn']) shown.add(f)
      setFailure({ text: describeError(error), messages: otherMessages(byField, shown) })
    } finally {
      setSaving(false)
    }
  }

  const title = t('incomeSupport.register.title')
  if (receipt) {
    const applicant = receipt.members.find((m) => m.role === 'applicant')
    return (
      <Page title={title}>
        <section className="panel is-receipt" aria-labelledby={`${id}-receipt`}>
          <h2 id={`${id}-receipt`} ref={receiptHeading} tabIndex={-1}>
            {t('incomeSupport.register.receiptTitle', { number: receipt.number })}
          </h2>
          <dl className="facts">
            <dt>{t('incomeSupport.application.applicant')}</dt>
            <dd>{applicant ? personName(applicant) : '–'}</dd>
            <dt>{t('incomeSupport.application.number')}</dt>
            <dd data-testid="is-receipt-number">{receipt.number}</dd>
            <dt>{t('incomeSupport.application.received')}</dt>
            <dd>{formatDate(receipt.receivedOn)}</dd>
            <dt>{t('incomeSupport.application.deadline')}</dt>
            <dd data-testid="is-receipt-deadline">
              {formatDate(receipt.dueOn)} <span className="muted is-rule">{receipt.deadlineRule}</span>
            </dd>
            <dt>{t('incomeSupport.application.period')}</dt>
            <dd>
              {formatDate(receipt.periodStart)}–{formatDate(receipt.periodEnd)}
            </dd>
          </dl>
          <p>{t('incomeSupport.register.inQueue')}</p>
          <p>
            <Link to={`/persons/${personId}`}>{t('incomeSupport.register.backToCard')}</Link>
          </p>
        </section>
      </Page>
    )
  }

  const unitError = errors.unitId
  const receivedError = errors.receivedOn
  const channelError = errors.channel
  return (
    <Page title={title}>
      <p>
        <Link to={`/persons/${personId}`}>{t('incomeSupport.register.backToCard')}</Link>
      </p>
      <p>{t('incomeSupport.register.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="is-register">
        <section className="panel" aria-labelledby={`${id}-basics`}>
          <h2 id={`${id}-basics`}>{t('incomeSupport.register.basics')}</h2>
          <div className="is-register-basics">
            <div className={unitError ? 'field field-invalid' : 'field'}>
              <label htmlFor={`${id}-unit`}>{t('incomeSupport.register.unit')}</label>
              <select
                id={`${id}-unit`}
                value={unitId}
                onChange={(e) => setUnitId(e.target.value)}
                aria-invalid={unitError ? true : undefined}
                aria-describedby={unitError ? `${id}-unit-error` : undefined}
              >
                <option value="">{units.status === 'loading' ? t('incomeSupport.loading') : t('incomeSupport.register.chooseUnit')}</option>
                {units.status === 'done' &&
                  units.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
              {unitError && (
                <p id={`${id}-unit-error`} className="field-error">
                  {unitError}
                </p>
              )}
              {units.status === 'error' && <p className="field-error">{units.error.title}</p>}
            </div>
            <fieldset className={channelError ? 'field field-invalid is-channel' : 'field is-channel'} aria-describedby={channelError ? `${id}-channel-error` : undefined}>
              <legend>{t('incomeSupport.register.channel')}</legend>
              {(['paper', 'eform'] as const).map((c) => (
                <label key={c} className="is-check">
                  <input type="radio" name={`${id}-channel`} value={c} checked={channel === c} onChange={() => setChannel(c)} /> {t(`incomeSupport.register.channels.${c}`)}
                </label>
              ))}
              {channelError && (
                <p id={`${id}-channel-error`} className="field-error">
                  {channelError}
                </p>
              )}
            </fieldset>
            <div className={receivedError ? 'field field-invalid' : 'field'}>
              <label htmlFor={`${id}-received`}>{t('incomeSupport.register.receivedOn')}</label>
              <input
                id={`${id}-received`}
                type="date"
                value={receivedOn}
                max={today}
                onChange={(e) => setReceivedOn(e.target.value)}
                aria-invalid={receivedError ? true : undefined}
                aria-describedby={receivedError ? `${id}-received-error` : undefined}
              />
              {receivedError && (
                <p id={`${id}-received-error`} className="field-error">
                  {receivedError}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-month`}>{t('incomeSupport.register.month')}</label>
              <input
                id={`${id}-month`}
                type="month"
                value={month}
                aria-describedby={`${id}-month-hint`}
                onChange={(e) => {
                  setMonth(e.target.value)
                  if (/^\d{4}-\d{2}$/.test(e.target.value)) setDraft((d) => ({ ...d, ...monthPeriod(e.target.value) }))
                }}
              />
              <p id={`${id}-month-hint`} className="field-hint">
                {t('incomeSupport.register.monthHint')}
              </p>
            </div>
          </div>
        </section>

        <div className="is-workspace">
          <section className="panel is-items" aria-labelledby={`${id}-items`}>
            <h2 id={`${id}-items`}>{t('incomeSupport.application.items')}</h2>
            {proposal.status === 'done' && !membersTouched && <p className="muted">{t('incomeSupport.register.proposedNote', { date: formatDate(proposal.proposal.on) })}</p>}
            <ClaimsEditor
              draft={draft}
              onChange={(next) => {
                if (next.members !== draft.members) setMembersTouched(true)
                setDraft(next)
              }}
              members={info}
              errors={errors}
              onValidity={validity}
              readOnly={false}
              onRemoveMember={(index) => changeMembers(draft.members.filter((_, i) => i !== index))}
              memberFooter={<HouseholdAdder proposal={proposal} current={draft.members} onAdd={(m) => changeMembers([...draft.members, asMember(m)])} />}
            />
          </section>
          {mayCalculate && (
            <div className="is-side">
              <ErrorAlert error={calcFailure} />
              <CalculationPanel
                outcome={calcCurrent ?? calc?.outcome}
                kelaBasic={null}
                memberNames={memberNames}
                busy={calcBusy}
                unsaved
                note={t('incomeSupport.register.calculationNote')}
              />
            </div>
          )}
        </div>

        {mayTake && (
          <p>
            <label className="is-check">
              <input type="checkbox" checked={takeIt} onChange={(e) => setTakeIt(e.target.checked)} /> {t('incomeSupport.register.takeIt')}
            </label>
          </p>
        )}
        <ErrorAlert error={failure?.text} messages={failure?.messages ?? []} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('incomeSupport.register.saving') : t('incomeSupport.register.submit')}
          </button>
          <Link to={`/persons/${personId}`} className="button">
            {t('incomeSupport.register.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  )
}
