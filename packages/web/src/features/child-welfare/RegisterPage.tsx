import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type Notification, type NotificationChannel, type NotificationKind, type RegisterNotificationInput } from '@huoma/contract'
import { helsinkiWallClock } from '@huoma/domain'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { fetchUnits, registrationUnits, type Unit } from '../../api/units'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { childWelfareApi } from './api'
import { ChildrenFields, checkDraft, concernBody, emptyConcern, emptyReporter, fieldOrder, isOfficial, LIMITS, reporterBody, ReporterFields, type ConcernDraft, type ReporterDraft } from './draft'
import { SelectField, TextAreaField } from '../../components/FormFields'
import { usePathErrors } from './usePathErrors'
import './child-welfare.css'

/** The channels a worker registers by: the e-form's notifications arrive in the queue by themselves. */
const CHANNELS = NOTIFICATION_CHANNELS.filter((c): c is Exclude<NotificationChannel, 'eform'> => c !== 'eform')

/** Now in Helsinki as a `datetime-local` value, `YYYY-MM-DDTHH:MM`. */
export function helsinkiNow(now: Date = new Date()): string {
  const { date, hour, minute } = helsinkiWallClock(now)
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}

type Units = { status: 'loading' } | { status: 'done'; units: Unit[] } | { status: 'error'; error: ErrorText }

/**
 * Kirjaa lastensuojeluilmoitus (/child-welfare/notifications/new, action `child-welfare:register`): a notification
 * received by phone, letter, e-mail or in person into a unit's queue, with its local time of receipt (the deadlines
 * count from it). The units offered: any unit to the office secretary, to others their child welfare units. A
 * worker who reads the queue goes on to the notification; the office secretary (who registers but does not read)
 * sees its receipt.
 */
export function RegisterPage() {
  const { t } = useTranslation()
  const user = useUser()
  const navigate = useNavigate()
  const id = useId()
  const [units, setUnits] = useState<Units>({ status: 'loading' })
  const [unitId, setUnitId] = useState('')
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('phone')
  const [receivedAt, setReceivedAt] = useState(helsinkiNow)
  const [kind, setKind] = useState<NotificationKind>('notification')
  const [reporter, setReporter] = useState<ReporterDraft>(emptyReporter)
  // under the duty to report: follows the reporter type until the worker changes it
  const [duty, setDuty] = useState<boolean>()
  const [concern, setConcern] = useState<ConcernDraft>(emptyConcern)
  const [saving, setSaving] = useState(false)
  const [registered, setRegistered] = useState<Notification>()
  const receiptHeading = useRef<HTMLHeadingElement>(null)
  const { errors, failure, register, check, fail, clear } = usePathErrors()
  const dutyToReport = duty ?? isOfficial(reporter.reporterType)
  const mayRead = can(user, 'child-welfare:notifications')

  useEffect(() => {
    const controller = new AbortController()
    fetchUnits(controller.signal).then(
      (all) => {
        const list = registrationUnits(all, user, 'child_welfare')
        setUnits({ status: 'done', units: list })
        if (list.length === 1) setUnitId(list[0]!.id)
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setUnits({ status: 'error', error: describeError(error) })
      },
    )
    return () => controller.abort()
  }, [user])

  useEffect(() => {
    if (registered) receiptHeading.current?.focus()
  }, [registered])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const order = fieldOrder(['channel', 'receivedAt', 'unitId', 'kind'], concern)
    const found = checkDraft(t, reporter, concern, dutyToReport)
    if (!unitId) found.unitId = t('childWelfare.register.unitRequired')
    if (!receivedAt) found.receivedAt = t('childWelfare.register.receivedRequired')
    if (!check(found, order, t('childWelfare.fields.fix'))) return
    if (reporter.reporterType === '') return
    const body: RegisterNotificationInput = {
      kind,
      channel,
      receivedAt,
      unitId,
      reporterDuty: dutyToReport,
      ...reporterBody({ ...reporter, reporterType: reporter.reporterType }),
      ...concernBody(concern, reporter.reporterType === 'anonymous'),
    }
    setSaving(true)
    try {
      const created = await childWelfareApi.register(body)
      if (mayRead) {
        void navigate(`/child-welfare/notifications/${created.id}`, { state: { registered: created.receipt } })
        return
      }
      setRegistered(created)
      setSaving(false)
    } catch (error) {
      fail(error, order)
      setSaving(false)
    }
  }

  function another() {
    setRegistered(undefined)
    setReporter(emptyReporter())
    setDuty(undefined)
    setConcern(emptyConcern())
    setReceivedAt(helsinkiNow())
    clear()
  }

  const title = t('childWelfare.register.title')
  const back = mayRead ? (
    <p>
      <Link to="/child-welfare/notifications">{t('childWelfare.register.back')}</Link>
    </p>
  ) : null

  if (registered) {
    return (
      <Page title={title}>
        <section className="panel cw-panel cw-receipt" aria-labelledby={`${id}-receipt`}>
          <h2 id={`${id}-receipt`} ref={receiptHeading} tabIndex={-1}>
            {t('childWelfare.register.receiptTitle', { receipt: registered.receipt })}
          </h2>
          <p className="cw-receipt-number" data-testid="cw-receipt">
            {registered.receipt}
          </p>
          <p>{t('childWelfare.register.inQueue', { unit: registered.unit.name, date: formatDate(registered.urgencyDeadline?.dueOn) })}</p>
        </section>
        <div className="button-row">
          <button type="button" className="button" onClick={another}>
            {t('childWelfare.register.another')}
          </button>
        </div>
      </Page>
    )
  }

  const unitList = units.status === 'done' ? units.units : []
  return (
    <Page title={title}>
      {back}
      <p className="lead">{t('childWelfare.register.intro')}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="cw-form">
        <section className="panel cw-panel" aria-labelledby={`${id}-basics`}>
          <h2 id={`${id}-basics`}>{t('childWelfare.register.basics')}</h2>
          <div className="cw-grid">
            <SelectField name="channel" label={t('childWelfare.register.channel')} value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)} error={errors.channel} ref={register('channel')}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`childWelfare.channels.${c}`)}
                </option>
              ))}
            </SelectField>
            <HintedDateTime
              label={t('childWelfare.register.receivedAt')}
              hint={t('childWelfare.register.receivedAtHint')}
              value={receivedAt}
              max={helsinkiNow()}
              onChange={setReceivedAt}
              error={errors.receivedAt}
              inputRef={register('receivedAt')}
            />
            <SelectField
              name="unitId"
              label={t('childWelfare.register.unit')}
              value={unitId}
              onChange={(e) => setUnitId(e.target.value)}
              error={errors.unitId ?? (units.status === 'error' ? units.error.title : units.status === 'done' && unitList.length === 0 ? t('childWelfare.register.noUnits') : undefined)}
              ref={register('unitId')}
            >
              <option value="">{units.status === 'loading' ? t('childWelfare.loading') : t('childWelfare.register.chooseUnit')}</option>
              {unitList.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
            <SelectField name="kind" label={t('childWelfare.register.kind')} value={kind} onChange={(e) => setKind(e.target.value as NotificationKind)} error={errors.kind} ref={register('kind')}>
              {NOTIFICATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`childWelfare.kinds.${k}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </section>
        <ReporterFields value={reporter} onChange={setReporter} dutyToReport={dutyToReport} errors={errors} register={register}>
          {reporter.reporterType !== '' && reporter.reporterType !== 'anonymous' && (
            <div className="field form-check">
              <input id={`${id}-duty`} type="checkbox" checked={dutyToReport} onChange={(e) => setDuty(e.target.checked)} />
              <label htmlFor={`${id}-duty`}>{t('childWelfare.register.reporterDuty')}</label>
            </div>
          )}
        </ReporterFields>
        <ChildrenFields value={concern.children} onChange={(children) => setConcern((c) => ({ ...c, children }))} errors={errors} register={register} anticipatory={kind === 'anticipatory'} />
        <section className="panel cw-panel" aria-labelledby={`${id}-concern`}>
          <h2 id={`${id}-concern`}>{t('childWelfare.register.concernHeading')}</h2>
          <TextAreaField
            name="content"
            label={t('childWelfare.required', { label: t('childWelfare.register.content') })}
            hint={t('childWelfare.register.contentHint')}
            rows={8}
            max={LIMITS.content}
            counter
            value={concern.content}
            onChange={(e) => setConcern((c) => ({ ...c, content: e.target.value }))}
            error={errors.content}
            ref={register('content')}
          />
          <TextAreaField
            name="family"
            label={t('childWelfare.register.family')}
            rows={3}
            max={LIMITS.family}
            value={concern.family}
            onChange={(e) => setConcern((c) => ({ ...c, family: e.target.value }))}
            error={errors.family}
            ref={register('family')}
          />
          {reporter.reporterType !== 'anonymous' && (
            <div className="field form-check">
              <input id={`${id}-withhold`} type="checkbox" checked={concern.withholdIdentity} onChange={(e) => setConcern((c) => ({ ...c, withholdIdentity: e.target.checked }))} />
              <label htmlFor={`${id}-withhold`}>{t('childWelfare.register.withhold')}</label>
            </div>
          )}
        </section>
        <ErrorAlert error={failure?.text} messages={failure?.messages ?? []} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('childWelfare.register.saving') : t('childWelfare.register.submit')}
          </button>
          {mayRead && (
            <Link className="button" to="/child-welfare/notifications">
              {t('childWelfare.register.cancel')}
            </Link>
          )}
        </div>
      </form>
    </Page>
  )
}

/** The local time of receipt (`datetime-local`), with its hint and error tied to it. */
function HintedDateTime({
  label,
  hint,
  value,
  max,
  onChange,
  error,
  inputRef,
}: {
  label: string
  hint: string
  value: string
  max: string
  onChange: (value: string) => void
  error: string | undefined
  inputRef: (element: HTMLElement | null) => void
}) {
  const id = useId()
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        name="receivedAt"
        type="datetime-local"
        value={value}
        max={max}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
    </div>
  )
}
