import { useId, type Ref, type SelectHTMLAttributes } from 'react'

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'aria-invalid' | 'aria-describedby' | 'children'> {
  label: string
  options: readonly { value: string; label: string }[]
  /** The first option with an empty value ("Valitse…"); none: a value is always chosen. */
  placeholder?: string
  hint?: string
  error?: string | undefined
  ref?: Ref<HTMLSelectElement>
}

/** A labelled select in the style of TextField: a hint and an error message read out with it. */
export function SelectField({ label, options, placeholder, hint, error, id, className, ref, ...select }: SelectFieldProps) {
  const generated = useId()
  const selectId = id ?? generated
  const described = [hint ? `${selectId}-hint` : '', error ? `${selectId}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={selectId}>{label}</label>
      {hint && (
        <p id={`${selectId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <select ref={ref} id={selectId} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...select}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${selectId}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
