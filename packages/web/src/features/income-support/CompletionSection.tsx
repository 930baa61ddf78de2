import type { Application } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { answerCompletion, requestCompletion } from './api'
import { type FieldErrors, fieldErrorsOf } from '../../lib/fieldErrors'
import { addDays, formatDate, todayInHelsinki } from '../../lib/format'

/**
 * Lisäselvityspyyntö: a request for completion moves the deadline (TTTL 14 a §); its answer starts the clock again.
 * The server computes the new deadline; the header shows it after the change.
 */
export function CompletionSection({ application, editable, onChanged }: { application: Application; editable: boolean; onChanged: (app: Application) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const pending = application.completion && !application.completion.answeredOn ? application.completion : null
  const [request, setRequest] = useState('')
  const [requestedOn, setRequestedOn] = useState(todayInHelsinki())
  const [dueOn, setDueOn] = useState(addDays(todayInHelsinki(), 14))
  const [answeredOn, setAnsweredOn] = useState(todayInHelsinki())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<ErrorText>()
  const [busy, setBusy] = useState(false)

  async function run(event: FormEvent, call: () => Promise<Application>) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setErrors({})
    try {
      onChanged(await call())
    } catch (failure) {
      setErrors(fieldErrorsOf(failure instanceof ApiError ? failure.problem : undefined))
      setError(describeError(failure))
      setBusy(false)
    }
  }

  const fieldCls = (name: string) => (errors[name] ? 'field field-invalid' : 'field')
  const fieldErr = (name: string) => errors[name] && <p className="field-error">{errors[name]}</p>

  return (
    <section className="panel is-completion" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('incomeSupport.completion.title')}</h2>
      {application.completion ? (
        <dl className="facts">
          <dt>{t('incomeSupport.completion.requestedOn')}</dt>
          <dd>{formatDate(application.completion.requestedOn)}</dd>
          <dt>{t('incomeSupport.completion.dueOn')}</dt>
          <dd>{formatDate(application.completion.dueOn)}</dd>
          <dt>{t('incomeSupport.completion.request')}</dt>
          <dd className="is-pre">{application.completion.request}</dd>
          <dt>{t('incomeSupport.completion.answeredOn')}</dt>
          <dd>{application.completion.answeredOn ? formatDate(application.completion.answeredOn) : t('incomeSupport.completion.notAnswered')}</dd>
        </dl>
      ) : (
        <p className="muted">{t('incomeSupport.completion.none')}</p>
      )}
      {editable && pending && (
        <form
          className="form is-row"
          noValidate
          onSubmit={(e) => void run(e, () => answerCompletion(application.personId, application.id, { answeredOn, version: application.version }))}
        >
          <div className={fieldCls('answeredOn')}>
            <label htmlFor={`${id}-answered`}>{t('incomeSupport.completion.answeredOn')}</label>
            <input id={`${id}-answered`} type="date" value={answeredOn} onChange={(e) => setAnsweredOn(e.target.value)} />
            {fieldErr('answeredOn')}
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('incomeSupport.completion.recordAnswer')}
          </button>
        </form>
      )}
      {editable && !pending && (
        <form
          className="form"
          noValidate
          onSubmit={(e) =>
            void run(e, () => requestCompletion(application.personId, application.id, { requestedOn, dueOn, request: request.trim(), version: application.version }))
          }
        >
          <div className={fieldCls('request')}>
            <label htmlFor={`${id}-request`}>{t('incomeSupport.completion.request')}</label>
            <textarea id={`${id}-request`} rows={3} maxLength={4000} value={request} onChange={(e) => setRequest(e.target.value)} />
            {fieldErr('request')}
          </div>
          <div className="is-row">
            <div className={fieldCls('requestedOn')}>
              <label htmlFor={`${id}-requested`}>{t('incomeSupport.completion.requestedOn')}</label>
              <input id={`${id}-requested`} type="date" value={requestedOn} onChange={(e) => setRequestedOn(e.target.value)} />
              {fieldErr('requestedOn')}
            </div>
            <div className={fieldCls('dueOn')}>
              <label htmlFor={`${id}-due`}>{t('incomeSupport.completion.dueOn')}</label>
              <input id={`${id}-due`} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
              {fieldErr('dueOn')}
            </div>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('incomeSupport.completion.send')}
          </button>
        </form>
      )}
      <ErrorAlert error={error} />
    </section>
  )
}
