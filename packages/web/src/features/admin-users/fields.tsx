import { useId, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'

/*
 * Form fields of the feature, in the pattern of components/TextField: a visible label, the error under the field,
 * aria-invalid and aria-describedby so that the error is read out with the field.
 */

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'aria-invalid' | 'aria-describedby'> {
  label: string
  error?: string | undefined
  hint?: string | undefined
  children: ReactNode
  ref?: Ref<HTMLSelectElement>
}

export function SelectField({ label, error, hint, id, className, children, ref, ...select }: SelectFieldProps) {
  const generatedId = useId()
  const inputId = id ?? generatedId
  const described = [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={`${inputId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <select ref={ref} id={inputId} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...select}>
        {children}
      </select>
      {error && (
        <p id={`${inputId}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'aria-invalid' | 'aria-describedby'> {
  label: string
  error?: string | undefined
  hint?: string | undefined
  ref?: Ref<HTMLTextAreaElement>
}

export function TextAreaField({ label, error, hint, id, className, ref, ...textarea }: TextAreaFieldProps) {
  const generatedId = useId()
  const inputId = id ?? generatedId
  const described = [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={`${inputId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <textarea ref={ref} id={inputId} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...textarea} />
      {error && (
        <p id={`${inputId}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

interface CheckboxGroupProps {
  legend: string
  options: { value: string; label: string }[]
  value: readonly string[]
  onChange: (value: string[]) => void
  error?: string | undefined
  hint?: string | undefined
  disabled?: boolean
  /** Receives the first checkbox, to move focus to the group when it has an error. */
  firstRef?: Ref<HTMLInputElement>
}

/** Checkboxes in a fieldset whose legend names the question; the error is tied to the group. */
export function CheckboxGroup({ legend, options, value, onChange, error, hint, disabled, firstRef }: CheckboxGroupProps) {
  const id = useId()
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <fieldset
      className={['field', 'checkbox-group', error ? 'field-invalid' : ''].filter(Boolean).join(' ')}
      aria-describedby={described || undefined}
      disabled={disabled}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="checkbox-options">
        {options.map((option, index) => (
          <label key={option.value} className="checkbox">
            <input
              ref={index === 0 ? firstRef : undefined}
              type="checkbox"
              checked={value.includes(option.value)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value))
              }
            />
            {option.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}
