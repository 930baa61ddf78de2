import type { Application, CalculationOutcome } from '@huoma/contract'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { AttachmentsPanel } from '../../components/AttachmentsPanel'
import { calculate, fetchApplication, fetchClientCard, saveApplication } from './api'
import { CalculationPanel } from './CalculationPanel'
import { ClaimsEditor, orphanPaths, shownPaths, type Draft, type MemberInfo } from './ClaimsEditor'
import { CompletionSection } from './CompletionSection'
import { DecisionForm } from './DecisionForm'
import { DecisionsSection } from './DecisionsSection'
import { HouseholdAdder, roleOnAdding, useHouseholdProposal } from './HouseholdAdder'
import { isLabel } from './labels'
import './income-support.css'
import { type FieldErrors, fieldErrorsOf, otherMessages } from '../../lib/fieldErrors'
import { formatDate } from '../../lib/format'
import { personName } from '../../lib/labels'

type Load = { status: 'loading' } | { status: 'done'; application: Application } | { status: 'error'; error: ErrorText }

/** Toimeentulotukihakemus (/persons/:id/income-support/:applicationId): the handler's screen for one application. */
export function ApplicationPage() {
  const { t } = useTranslation()
  const { id = '', applicationId = '' } = useParams()
  const [round, setRound] = useState(0)
  const [load, setLoad] = useState<{ key: string; state: Load }>()
  const [language, setLanguage] = useState<'fi' | 'sv'>('fi')
  const [notice, setNotice] = useState<string>()
  const [focusDecisions, setFocusDecisions] = useState(false)
  const key = `${id} ${applicationId} ${round}`

  useEffect(() => {
    const controller = new AbortController()
    fetchApplication(id, applicationId, controller.signal).then(
      (application) => setLoad({ key, state: { status: 'done', application } }),
      (failure: unknown) => {
        if (!controller.signal.aborted) setLoad({ key, state: { status: 'error', error: describeError(failure) } })
      },
    )
    return () => controller.abort()
  }, [id, applicationId, key])

  // The decision's default language is the client's service language (Swedish or else Finnish).
  useEffect(() => {
    const controller = new AbortController()
    fetchClientCard(id, controller.signal).then(
      (card) => setLanguage(card.person.serviceLanguage === 'sv' ? 'sv' : 'fi'),
      () => undefined,
    )
    return () => controller.abort()
  }, [id])

  const loaded = load?.key === key ? load.state : load?.state.status === 'done' ? load.state : { status: 'loading' as const }
  if (loaded.status === 'loading') {
    return (
      <Page title={t('incomeSupport.application.title')}>
        <p role="status">{t('incomeSupport.loading')}</p>
      </Page>
    )
  }
  if (loaded.status === 'error') {
    return (
      <Page title={t('incomeSupport.application.title')}>
        <ErrorAlert error={loaded.error} />
        <p>
          <Link to="/income-support">{t('incomeSupport.application.back')}</Link>
        </p>
      </Page>
    )
  }
  const application = loaded.application
  return (
    <ApplicationView
      key={`${application.id} ${application.version}`}
      application={application}
      defaultLanguage={language}
      notice={notice}
      focusDecisions={focusDecisions}
      onReplaced={(next, message) => {
        setNotice(message)
        setFocusDecisions(false)
        setLoad({ key, state: { status: 'done', application: next } })
      }}
      reload={(message, focus) => {
        setNotice(message)
        setFocusDecisions(focus ?? false)
        setRound((n) => n + 1)
      }}
    />
  )
}

const draftOf = (a: Application): Draft => ({
  urgent: a.urgent,
  periodStart: a.periodStart,
  periodEnd: a.periodEnd,
  housingCapped: a.housingCapped,
  members: a.members.map((m) => ({
    personId: m.personId,
    role: m.role,
    alternatingResidence: m.alternatingResidence,
    perusosaReductionPercent: m.perusosaReductionPercent,
    reductionGround: m.reductionGround,
    sanctionMonth: m.sanctionMonth,
  })),
  claims: a.claims,
})

interface ViewProps {
  application: Application
  defaultLanguage: 'fi' | 'sv'
  notice: string | undefined
  /** after a decision: the focus goes to the decisions, where the new one is */
  focusDecisions: boolean
  onReplaced: (application: Application, notice?: string) => void
  reload: (notice?: string, focusDecisions?: boolean) => void
}

function ApplicationView({ application, defaultLanguage, notice, focusDecisions, onReplaced, reload }: ViewProps) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const saved = useMemo(() => draftOf(application), [application])
  const [draft, setDraft] = useState<Draft>(saved)
  const [invalid, setInvalid] = useState<Set<string>>(new Set())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<{ text: ErrorText; messages: string[]; conflict: boolean }>()
  const [saving, setSaving] = useState(false)
  const [whatIf, setWhatIf] = useState<{ key: string; outcome: CalculationOutcome }>()
  const [calcError, setCalcError] = useState<ErrorText>()
  // persons added from the registry household and not saved yet (their names and birth dates)
  const [added, setAdded] = useState<MemberInfo[]>([])
  const decisionsHeading = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focusDecisions) decisionsHeading.current?.focus()
  }, [focusDecisions])

  const draftKey = JSON.stringify(draft)
  const dirty = draftKey !== JSON.stringify(saved)
  const open = application.state === 'received' || application.state === 'in_preparation'
  const editable = open && can(user, 'income-support:edit')
  const mayDecide = open && can(user, 'income-support:decide')
  // a claim left on a removed member blocks calculating and saving until it is given to a member
  const orphans = orphanPaths(draft).length
  const blocked = invalid.size + orphans
  // the registry household of the period, for adding a member (asked for only where members may be edited)
  const proposal = useHouseholdProposal(application.personId, editable ? draft.periodStart : undefined)

  // Recalculate the unsaved edits (debounced) so that the calculation beside the items is always current.
  useEffect(() => {
    if (!dirty || blocked > 0) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      const request = JSON.parse(draftKey) as Draft
      const { urgent: _urgent, ...body } = request
      calculate(application.personId, application.id, body, controller.signal).then(
        (outcome) => {
          setWhatIf({ key: draftKey, outcome })
          setCalcError(undefined)
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setCalcError(describeError(error))
        },
      )
    }, 350)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [draftKey, dirty, blocked, application.personId, application.id])

  const current = !dirty ? application.calculation : whatIf?.key === draftKey ? whatIf.outcome : undefined
  const shown = current ?? whatIf?.outcome ?? application.calculation
  const busy = dirty && current === undefined && blocked === 0 && !calcError

  const memberInfo: MemberInfo[] = [...application.members, ...added.filter((a) => !application.members.some((m) => m.personId === a.personId))]
  const memberNames = Object.fromEntries(memberInfo.map((m) => [m.personId, personName(m)]))
  const applicant = application.members.find((m) => m.role === 'applicant') ?? application.members[0]

  const validity = (path: string, valid: boolean) =>
    setInvalid((s) => {
      if (valid === !s.has(path)) return s
      const next = new Set(s)
      if (valid) next.delete(path)
      else next.add(path)
      return next
    })

  async function save() {
    setFailure(undefined)
    setErrors({})
    if (blocked > 0) {
      setFailure({ text: { title: t('incomeSupport.application.fixAmounts') }, messages: [], conflict: false })
      return
    }
    setSaving(true)
    try {
      const next = await saveApplication(application.personId, application.id, { ...draft, version: application.version })
      onReplaced(next, t('incomeSupport.application.saved'))
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409
      const byField = fieldErrorsOf(error instanceof ApiError ? error.problem : undefined)
      setErrors(byField)
      setFailure({ text: describeError(error), messages: otherMessages(byField, shownPaths(draft)), conflict })
      setSaving(false)
    }
  }

  const title = t('incomeSupport.application.heading', { number: application.number, name: applicant ? personName(applicant) : '' })
  return (
    <Page title={title}>
      <p>
        <Link to={`/persons/${application.personId}`}>{t('incomeSupport.application.toCard')}</Link> ·{' '}
        <Link to="/income-support">{t('incomeSupport.application.back')}</Link>
      </p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <section className="panel is-header" aria-labelledby={`${id}-facts`}>
        <h2 id={`${id}-facts`} className="visually-hidden">
          {t('incomeSupport.application.facts')}
        </h2>
        <dl className="facts is-facts">
          <dt>{t('incomeSupport.application.applicant')}</dt>
          <dd>{applicant ? personName(applicant) : '–'}</dd>
          <dt>{t('incomeSupport.application.number')}</dt>
          <dd>{application.number}</dd>
          <dt>{t('incomeSupport.application.received')}</dt>
          <dd>
            {formatDate(application.receivedOn)} ({isLabel(t, 'channels', application.channel)})
          </dd>
          <dt>{t('incomeSupport.application.deadline')}</dt>
          <dd>
            {formatDate(application.dueOn)} {application.overdue && <span className="badge badge-danger">{t('incomeSupport.overdue')}</span>}{' '}
            {application.urgent && <span className="badge badge-warning">{t('incomeSupport.urgent')}</span>}
            <span className="muted is-rule"> {application.deadlineRule}</span>
          </dd>
          <dt>{t('incomeSupport.application.state')}</dt>
          <dd>{isLabel(t, 'states', application.state)}</dd>
          <dt>{t('incomeSupport.application.period')}</dt>
          <dd>
            {formatDate(application.periodStart)}–{formatDate(application.periodEnd)}
          </dd>
          <dt>{t('incomeSupport.application.handler')}</dt>
          <dd>{application.handler?.name ?? t('incomeSupport.application.noHandler')}</dd>
          {application.kelaCaseRef && (
            <>
              <dt>{t('incomeSupport.application.kelaRef')}</dt>
              <dd>
                <span className="mono">{application.kelaCaseRef}</span> <span className="badge badge-info">{t('incomeSupport.kelaForwarded')}</span>
              </dd>
            </>
          )}
        </dl>
      </section>

      <div className="is-workspace">
        <section className="panel is-items" aria-labelledby={`${id}-items`}>
          <h2 id={`${id}-items`}>{t('incomeSupport.application.items')}</h2>
          <ClaimsEditor
            draft={draft}
            onChange={(next) => {
              setDraft(next)
              setCalcError(undefined)
            }}
            members={memberInfo}
            errors={errors}
            onValidity={validity}
            readOnly={!editable}
            onRemoveMember={(index) => {
              setDraft({ ...draft, members: draft.members.filter((_, i) => i !== index) })
              setCalcError(undefined)
            }}
            memberFooter={
              editable && (
                <HouseholdAdder
                  proposal={proposal}
                  current={draft.members}
                  onAdd={(m) => {
                    setAdded((list) => [...list.filter((a) => a.personId !== m.personId), m])
                    setDraft({ ...draft, members: [...draft.members, { personId: m.personId, role: roleOnAdding(m) }] })
                    setCalcError(undefined)
                  }}
                />
              )
            }
          />
          {editable && (
            <>
              {failure?.conflict ? (
                <div role="alert" className="alert alert-error">
                  <p className="alert-title">{t('incomeSupport.application.conflict')}</p>
                  <button type="button" className="button" onClick={() => reload(undefined)}>
                    {t('incomeSupport.application.reload')}
                  </button>
                </div>
              ) : (
                <ErrorAlert error={failure?.text} messages={failure?.messages ?? []} />
              )}
              <div className="button-row">
                <button type="button" className="button button-primary" disabled={saving || !dirty} onClick={() => void save()}>
                  {saving ? t('incomeSupport.application.saving') : t('incomeSupport.application.save')}
                </button>
                <button type="button" className="button" disabled={saving || !dirty} onClick={() => setDraft(saved)}>
                  {t('incomeSupport.application.undo')}
                </button>
              </div>
            </>
          )}
        </section>
        <div className="is-side">
          <ErrorAlert error={calcError} />
          <CalculationPanel outcome={shown} kelaBasic={application.kelaBasic} memberNames={memberNames} busy={busy} unsaved={dirty} />
        </div>
      </div>

      {can(user, 'attachments:read') && (
        <div className="panel is-attachments">
          <AttachmentsPanel personId={application.personId} serviceTask="income_support" />
          <p className="muted">{t('incomeSupport.application.attachmentsHint')}</p>
        </div>
      )}

      <CompletionSection application={application} editable={editable} onChanged={(next) => onReplaced(next, t('incomeSupport.completion.saved'))} />

      {mayDecide && (
        <DecisionForm
          key={defaultLanguage}
          application={application}
          defaultLanguage={defaultLanguage}
          unsaved={dirty}
          onDecided={(decision) => {
            reload(t('incomeSupport.decision.made', { number: decision.number }), true)
          }}
        />
      )}
      <div ref={decisionsHeading} tabIndex={-1}>
        <DecisionsSection personId={application.personId} decisions={application.decisions} onChanged={() => reload(t('incomeSupport.decisions.notifiedSaved'))} />
      </div>
    </Page>
  )
}
