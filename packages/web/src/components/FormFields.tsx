import { useEffect, useId, useRef, useState, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { CharacterCount } from './CharacterCount'
import './form-fields.css'

/*
 * Form fields shared by every feature, in the pattern of components/TextField: a visible label, a hint and the error
 * under it, aria-invalid and aria-describedby so that both are read out with the field; a long text shows its
 * character count against the limit (never cut).
 */

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'aria-invalid' | 'aria-describedby'> {
  label: string
  error?: string | undefined
  hint?: string | undefined
  children: ReactNode
  ref?: Ref<HTMLSelectElement> | undefined
}

export function SelectField({ label, error, hint, id, className, children, ref, ...select }: SelectFieldProps) {
  const generatedId = useId()
  const inputId = id ?? generatedId
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={`${inputId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <select ref={ref} id={inputId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(hint && `${inputId}-hint`, error && `${inputId}-error`)} {...select}>
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

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'aria-invalid' | 'aria-describedby' | 'maxLength' | 'value'> {
  label: string
  value: string
  error?: string | undefined
  hint?: string | undefined
  /**
   * The most characters the server takes. Not a `maxLength` attribute, which would cut a pasted text silently: with
   * `counter` the length is shown as one types, and a text over it is refused with a message by the form's check.
   */
  max?: number | undefined
  counter?: boolean
  ref?: Ref<HTMLTextAreaElement> | undefined
}

export function TextAreaField({ label, error, hint, id, className, ref, max, counter, value, ...textarea }: TextAreaFieldProps) {
  const generatedId = useId()
  const inputId = id ?? generatedId
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={`${inputId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <textarea
        ref={ref}
        id={inputId}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${inputId}-hint`, error && `${inputId}-error`, counter && max !== undefined && `${inputId}-counter`)}
        {...textarea}
      />
      {counter && max !== undefined && <CharacterCount id={`${inputId}-counter`} value={value} max={max} />}
      {error && (
        <p id={`${inputId}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

/** Radio buttons in a fieldset whose legend names the question; the error is tied to the group. */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  hint,
  firstRef,
}: {
  legend: string
  name: string
  options: readonly { value: V; label: string; hint?: string }[]
  value: V | ''
  onChange: (value: V) => void
  error?: string | undefined
  hint?: string | undefined
  /** Receives the first radio button, to move the focus to the group when it has an error. */
  firstRef?: Ref<HTMLInputElement> | undefined
}) {
  const id = useId()
  return (
    <fieldset className={['field', 'form-radios', error ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {options.map((option, index) => (
        <div key={option.value} className="form-radio">
          <input
            ref={index === 0 ? firstRef : undefined}
            id={`${id}-${option.value}`}
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
            onChange={() => onChange(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          {option.hint && (
            <p id={`${id}-${option.value}-hint`} className="field-hint form-radio-hint">
              {option.hint}
            </p>
          )}
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}

/**
 * A button that opens a form under it (aria-expanded), and the form while open. The form gets `cancel` (closes and
 * returns the focus to the button) and `done` (closes after a save; the page's notice takes the focus).
 */
export function Expander({ label, children, className }: { label: string; className?: string; children: (close: { cancel: () => void; done: () => void }) => ReactNode }) {
  const [open, setOpen] = useState(false)
  // after a cancel the focus goes back to the button (the form it was in is gone)
  const [cancelled, setCancelled] = useState(0)
  const id = useId()
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (cancelled > 0) button.current?.focus()
  }, [cancelled])
  const cancel = () => {
    setOpen(false)
    setCancelled((n) => n + 1)
  }
  const done = () => setOpen(false)
  return (
    <div className={['form-expander', className ?? ''].filter(Boolean).join(' ')}>
      <button ref={button} type="button" className="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {label}
      </button>
      <div id={id}>{open && children({ cancel, done })}</div>
    </div>
  )
}

/** Checkboxes in a fieldset: a choice of several (the reasons of a placement); the error is tied to the group. */
export function CheckboxGroup<V extends string>({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  firstRef,
}: {
  legend: string
  options: readonly { value: V; label: string }[]
  value: readonly V[]
  onChange: (value: V[]) => void
  error?: string | undefined
  hint?: string | undefined
  firstRef?: Ref<HTMLInputElement> | undefined
}) {
  const id = useId()
  const toggle = (option: V, on: boolean) => onChange(on ? options.map((o) => o.value).filter((v) => v === option || value.includes(v)) : value.filter((v) => v !== option))
  return (
    <fieldset className={['field', 'form-radios', 'form-checks', error ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {options.map((option, index) => (
        <div key={option.value} className="form-check">
          <input
            ref={index === 0 ? firstRef : undefined}
            id={`${id}-${option.value}`}
            type="checkbox"
            value={option.value}
            checked={value.includes(option.value)}
            onChange={(e) => toggle(option.value, e.target.checked)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}
