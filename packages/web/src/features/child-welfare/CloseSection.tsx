import type { Notification } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrors } from '../../components/useFormErrors'
import { childWelfareApi } from './api'
import { FailureAlert, isConflict, type OnChanged } from './display'
import { tooLong } from './draft'
import { TextAreaField } from '../../components/FormFields'
import { MIN_REASON } from './UrgencySection'

const FIELDS = ['reason'] as const

/**
 * Closing the notification (handled, or led nowhere): a reason, then a confirmation that says what closing does —
 * it leaves the queue and stays in the register; the children's matters carry on. The server refuses closing
 * before the urgency is assessed and every identified child's start decided, with its message above the buttons.
 */
export function CloseSection({ notification: n, onChanged, reload }: { notification: Notification; onChanged: OnChanged; reload: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [reason, setReason] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [closing, setClosing] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail, clear } = useFormErrors(FIELDS)
  const confirmHeading = useRef<HTMLHeadingElement>(null)
  const startButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus()
  }, [confirming])

  function ask(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const found = reason.trim().length < MIN_REASON ? t('childWelfare.close.reasonRequired') : tooLong(t, reason, 2000)
    if (!check(found ? { reason: found } : {})) return
    setConfirming(true)
  }

  function cancel() {
    setConfirming(false)
    // the confirmation's buttons are gone: back to the button that asked for it
    setTimeout(() => startButton.current?.focus())
  }

  async function close() {
    setClosing(true)
    clear()
    try {
      onChanged(await childWelfareApi.close(n.id, { reason: reason.trim(), version: n.version }), t('childWelfare.notification.closedNotice'))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setConfirming(false)
      setClosing(false)
    }
  }

  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.close.heading')}</h2>
      <p>{t('childWelfare.close.intro')}</p>
      <form noValidate onSubmit={ask} className="cw-subform">
        <TextAreaField
          name="reason"
          label={t('childWelfare.close.reason')}
          hint={t('childWelfare.close.reasonHint')}
          rows={2}
          value={reason}
          readOnly={confirming}
          onChange={(e) => setReason(e.target.value)}
          error={fieldErrors.reason}
          ref={register('reason')}
        />
        <FailureAlert error={error} conflict={conflict} onReload={reload} />
        {confirming ? (
          <div
            className="cw-confirm"
            role="group"
            aria-labelledby={`${id}-confirm`}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel()
            }}
          >
            <h3 id={`${id}-confirm`} ref={confirmHeading} tabIndex={-1}>
              {t('childWelfare.close.confirmTitle', { receipt: n.receipt })}
            </h3>
            <p>{t('childWelfare.close.confirmText')}</p>
            <div className="button-row">
              <button type="button" className="button button-danger" disabled={closing} onClick={() => void close()}>
                {closing ? t('childWelfare.close.closing') : t('childWelfare.close.confirm')}
              </button>
              <button type="button" className="button" disabled={closing} onClick={cancel}>
                {t('childWelfare.close.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="button-row">
            <button ref={startButton} type="submit" className="button">
              {t('childWelfare.close.start')}
            </button>
          </div>
        )}
      </form>
    </section>
  )
}
