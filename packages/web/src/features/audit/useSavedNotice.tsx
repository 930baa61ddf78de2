import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * "The verdict was saved": shown after a review form closes. The form disappears with its focused button, so the
 * focus moves to this message (and screen readers hear it) instead of falling back to the top of the page.
 */
export function useSavedNotice() {
  const { t } = useTranslation()
  const [round, setRound] = useState(0)
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (round) ref.current?.focus()
  }, [round])
  return {
    show: () => setRound((n) => n + 1),
    notice: (
      <div role="status" className="status-region">
        {round > 0 && (
          <p ref={ref} tabIndex={-1} className="notice" key={round}>
            {t('audit.verdict.saved')}
          </p>
        )}
      </div>
    ),
  }
}
