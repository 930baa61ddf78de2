import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorText } from '../api/client'
import './patterns.css'

/** A message of the summary: with `fieldId` it links to the field it is about. */
export interface SummaryItem {
  message: string
  fieldId?: string | undefined
}

/**
 * The error summary at the top of a form (the GOV.UK pattern): when a check or the server refuses, it appears, takes
 * the focus (so it is in view and read out, however long the form) and lists every problem, each one a link that
 * moves the focus to its field. A refusal that is about no field (a conflict, a body over the size limit) is its
 * heading's text. Nothing is shown when there is nothing to say.
 */
export function ErrorSummary({ error, items, title }: { error?: ErrorText | undefined; items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation()
  const box = useRef<HTMLDivElement>(null)
  const shown = error !== undefined || items.length > 0
  // Focus each time a new set of problems appears (a second failed save focuses it again).
  const signature = shown ? JSON.stringify([error, items]) : ''
  useEffect(() => {
    if (signature) {
      box.current?.focus()
      box.current?.scrollIntoView?.({ block: 'start' })
    }
  }, [signature])
  if (!shown) return null
  return (
    <div ref={box} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary-title">
        {error?.title ?? title ?? t('common.errorSummary.title')}
      </h2>
      {error?.detail && <p>{error.detail}</p>}
      {items.length > 0 && (
        <ul>
          {items.map((item) => (
            <li key={`${item.fieldId ?? ''} ${item.message}`}>
              {item.fieldId ? (
                <a
                  href={`#${item.fieldId}`}
                  onClick={(event) => {
                    const field = document.getElementById(item.fieldId ?? '')
                    if (!field) return
                    event.preventDefault()
                    field.focus()
                    field.scrollIntoView?.({ block: 'center' })
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
