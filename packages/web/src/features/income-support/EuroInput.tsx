import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { centsToInput, parseEuroInput } from '../../lib/money'

interface EuroInputProps {
  label: string
  /** the amount in cents; null = empty */
  value: number | null
  /** called with every valid change (cents, or null when emptied and the field is optional) */
  onChange: (cents: number | null) => void
  /** whether the text now typed is unusable (the form blocks saving while any is) */
  onValidity?: (valid: boolean) => void
  required?: boolean
  /** the label is read by assistive technology but not shown (a table cell whose column header says it) */
  hideLabel?: boolean
  /** a message from the server for this field */
  error?: string | undefined
  hint?: string
  className?: string
}

/**
 * An amount typed in euros ("123,45", "1 234,5", "80") and handed on in integer cents. What the user types stays
 * as typed; a negative, non-numeric or over-precise amount is shown as an error at the field and not handed on.
 */
export function EuroInput({ label, value, onChange, onValidity, required = false, hideLabel = false, error, hint, className }: EuroInputProps) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState(() => centsToInput(value))
  const [seen, setSeen] = useState(value)
  const [problem, setProblem] = useState<string>()
  // A new amount from outside (a reload, a reset) replaces the text unless the text already means it.
  if (seen !== value) {
    setSeen(value)
    const parsed = parseEuroInput(text)
    if (!parsed.ok || parsed.cents !== value) {
      setText(centsToInput(value))
      setProblem(undefined)
    }
  }

  function change(next: string) {
    setText(next)
    const parsed = parseEuroInput(next)
    if (!parsed.ok) {
      setProblem(t(`incomeSupport.euro.${parsed.error}`))
      onValidity?.(false)
      return
    }
    if (parsed.cents === null && required) {
      setProblem(t('incomeSupport.euro.required'))
      onValidity?.(false)
      return
    }
    setProblem(undefined)
    onValidity?.(true)
    setSeen(parsed.cents)
    onChange(parsed.cents)
  }

  const message = problem ?? error
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', 'euro-field', message ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <span className="euro-input">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          required={required}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => change(e.target.value)}
        />
        <span aria-hidden="true" className="euro-sign">
          €
        </span>
      </span>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} className="field-error">
          {message}
        </p>
      )}
    </div>
  )
}
