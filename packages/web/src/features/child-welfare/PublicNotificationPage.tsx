import type { PublicNotificationInput, PublicNotificationReceipt } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../components/Alert'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { Page } from '../../components/Page'
import { APP_VERSION } from '../../appInfo'
import { formatDateTime } from '../../lib/format'
import { childWelfareApi } from './api'
import { ChildrenFields, checkDraft, concernBody, emptyConcern, emptyReporter, fieldOrder, isOfficial, LIMITS, reporterBody, ReporterFields, type ConcernDraft, type ReporterDraft } from './draft'
import { RadioGroup, TextAreaField } from '../../components/FormFields'
import { usePathErrors } from './usePathErrors'
import './child-welfare.css'

const KINDS = ['notification', 'anticipatory', 'assessment_request'] as const
type PublicKind = (typeof KINDS)[number]

/**
 * Lastensuojeluilmoitus (/lastensuojeluilmoitus, outside the application shell, open without a session): anyone
 * reports a concern about a child (LSL 25 §). An official or a mandated reporter must identify themselves (name,
 * organisation, phone — marked required when the reporter type is an official one); anyone else may stay anonymous.
 * The concern is never cut short: its length is counted as one types and a text over the limit is refused with a
 * message. The answer is a receipt number, shown with what happens next; too many notifications from one address
 * (429) are said so, the form kept as typed.
 */
export function PublicNotificationPage() {
  const { t } = useTranslation()
  const [receipt, setReceipt] = useState<PublicNotificationReceipt>()
  const [round, setRound] = useState(0)
  return (
    <div className="login-page cw-public">
      <header className="login-header">
        <span className="brand-name">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="cw-public-main">
        {receipt ? (
          <Receipt
            receipt={receipt}
            onAnother={() => {
              setReceipt(undefined)
              setRound((n) => n + 1)
            }}
          />
        ) : (
          <NotificationForm key={round} onSent={setReceipt} />
        )}
      </main>
      <footer className="login-footer">
        <Link to="/login">{t('childWelfare.public.staffLogin')}</Link> · {t('app.name')} · {t('app.version', { version: APP_VERSION })}
      </footer>
    </div>
  )
}

function NotificationForm({ onSent }: { onSent: (receipt: PublicNotificationReceipt) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [kind, setKind] = useState<PublicKind>('notification')
  const [reporter, setReporter] = useState<ReporterDraft>(emptyReporter)
  const [concern, setConcern] = useState<ConcernDraft>(emptyConcern)
  const [sending, setSending] = useState(false)
  const { errors, failure, register, check, fail } = usePathErrors()
  const official = isOfficial(reporter.reporterType)
  const anonymous = reporter.reporterType === 'anonymous'

  async function submit(event: FormEvent) {
    event.preventDefault()
    const order = fieldOrder(['kind'], concern)
    if (!check(checkDraft(t, reporter, concern, official), order, t('childWelfare.fields.fix'))) return
    if (reporter.reporterType === '') return
    const body: PublicNotificationInput = { kind, ...reporterBody({ ...reporter, reporterType: reporter.reporterType }), ...concernBody(concern, anonymous) }
    setSending(true)
    try {
      onSent(await childWelfareApi.publicNotify(body))
    } catch (error) {
      fail(error, order)
      setSending(false)
    }
  }

  const tooMany = failure?.status === 429
  return (
    <Page title={t('childWelfare.public.title')}>
      <p className="lead">{t('childWelfare.public.intro')}</p>
      <p className="cw-emergency">{t('childWelfare.public.emergency')}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="cw-form">
        <div className="panel cw-panel">
          <RadioGroup
            legend={t('childWelfare.public.kindLegend')}
            name="kind"
            value={kind}
            onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: t(`childWelfare.kinds.${k}`), hint: t(`childWelfare.kindHints.${k}`) }))}
            error={errors.kind}
            firstRef={register('kind')}
          />
        </div>
        <ReporterFields value={reporter} onChange={setReporter} dutyToReport={official} errors={errors} register={register} />
        <ChildrenFields value={concern.children} onChange={(children) => setConcern((c) => ({ ...c, children }))} errors={errors} register={register} anticipatory={kind === 'anticipatory'} />
        <section className="panel cw-panel" aria-labelledby={`${id}-concern`}>
          <h2 id={`${id}-concern`}>{t('childWelfare.public.concernHeading')}</h2>
          <TextAreaField
            name="content"
            label={t('childWelfare.required', { label: t('childWelfare.fields.content') })}
            hint={t('childWelfare.fields.contentHint')}
            rows={10}
            max={LIMITS.content}
            counter
            value={concern.content}
            onChange={(e) => setConcern((c) => ({ ...c, content: e.target.value }))}
            error={errors.content}
            ref={register('content')}
          />
          <TextAreaField
            name="family"
            label={t('childWelfare.fields.family')}
            rows={3}
            max={LIMITS.family}
            value={concern.family}
            onChange={(e) => setConcern((c) => ({ ...c, family: e.target.value }))}
            error={errors.family}
            ref={register('family')}
          />
          {!anonymous && (
            <div className="field">
              <div className="form-check">
                <input
                  id={`${id}-withhold`}
                  type="checkbox"
                  checked={concern.withholdIdentity}
                  aria-describedby={`${id}-withhold-hint`}
                  onChange={(e) => setConcern((c) => ({ ...c, withholdIdentity: e.target.checked }))}
                />
                <label htmlFor={`${id}-withhold`}>{t('childWelfare.fields.withhold')}</label>
              </div>
              <p id={`${id}-withhold-hint`} className="field-hint">
                {t('childWelfare.fields.withholdHint')}
              </p>
            </div>
          )}
        </section>
        <section className="panel cw-panel cw-privacy" aria-labelledby={`${id}-privacy`}>
          <h2 id={`${id}-privacy`}>{t('childWelfare.public.privacyHeading')}</h2>
          <p>{t('childWelfare.public.privacy')}</p>
        </section>
        <ErrorAlert
          error={tooMany ? { title: t('childWelfare.public.tooMany'), detail: t('childWelfare.public.tooManyDetail') } : failure?.text}
          messages={tooMany ? [] : (failure?.messages ?? [])}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? t('childWelfare.public.sending') : t('childWelfare.public.submit')}
          </button>
        </div>
      </form>
    </Page>
  )
}

/** The receipt: the number prominently, when and where it went, and what happens next. */
function Receipt({ receipt, onAnother }: { receipt: PublicNotificationReceipt; onAnother: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <Page title={t('childWelfare.public.receiptTitle')}>
      <section className="panel cw-panel cw-receipt" aria-labelledby={`${id}-number`}>
        <h2 id={`${id}-number`} ref={heading} tabIndex={-1}>
          {t('childWelfare.public.receiptNumber')}
        </h2>
        <p className="cw-receipt-number" data-testid="cw-receipt">
          {receipt.receipt}
        </p>
        <p>{t('childWelfare.public.receiptReceived', { time: formatDateTime(receipt.receivedAt), unit: receipt.unitName })}</p>
        <p>{t('childWelfare.public.keepNumber')}</p>
      </section>
      <section className="panel cw-panel" aria-labelledby={`${id}-next`}>
        <h2 id={`${id}-next`}>{t('childWelfare.public.nextHeading')}</h2>
        <ol className="cw-steps">
          <li>{t('childWelfare.public.next1')}</li>
          <li>{t('childWelfare.public.next2')}</li>
          <li>{t('childWelfare.public.next3')}</li>
        </ol>
        <p className="cw-emergency">{t('childWelfare.public.emergency')}</p>
      </section>
      <div className="button-row">
        <button type="button" className="button" onClick={onAnother}>
          {t('childWelfare.public.another')}
        </button>
      </div>
    </Page>
  )
}
