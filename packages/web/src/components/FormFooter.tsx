import type { ErrorText } from '../api/client'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from './Alert'
import type { KeptDraft } from './KeptDraft'

/**
 * The tail of a form: the failure that no field shows, then the submit button and, when the form can be closed,
 * Cancel. One place for what every form repeated. With the form's kept `draft` (`useKeptDraft`), Cancel asks before
 * throwing written text away.
 */
export function FormFooter({
  error,
  submitLabel,
  busy,
  onCancel,
  draft,
}: {
  error: { text: ErrorText; messages: string[] } | undefined
  submitLabel: string
  busy: boolean
  onCancel?: () => void
  draft?: KeptDraft
}) {
  const { t } = useTranslation()
  return (
    <>
      <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={() => (draft ? draft.cancel(onCancel) : onCancel())}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </>
  )
}
