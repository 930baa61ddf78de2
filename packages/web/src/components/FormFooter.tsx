import type { ErrorText } from '../api/client'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from './Alert'

/**
 * The tail of a form: the failure that no field shows, then the submit button and, when the form can be closed,
 * Cancel. One place for what every form repeated.
 */
export function FormFooter({ error, submitLabel, busy, onCancel }: { error: { text: ErrorText; messages: string[] } | undefined; submitLabel: string; busy: boolean; onCancel?: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </>
  )
}
