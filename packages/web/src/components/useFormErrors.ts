import { useCallback, useState } from 'react'
import { ApiError, describeError, type ErrorText } from '../api/client'
import { splitFieldErrors } from '../lib/fieldErrors'

/**
 * Error state of a form: messages at the fields (the problem's `errors[]`, or the form's own checks), the rest
 * in the alert above the form, and focus on the first field in error so that the user hears what to fix.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  // The fields' elements, registered by callback refs (one stable callback per field) and read only in handlers.
  const [elements] = useState(() => new Map<F, HTMLElement>())
  const [register] = useState(() => {
    const callbacks = new Map<F, (element: HTMLElement | null) => void>()
    for (const field of fields) {
      callbacks.set(field, (element) => {
        if (element) elements.set(field, element)
        else elements.delete(field)
      })
    }
    /** The callback ref of a field: `ref={register('username')}`. */
    return (field: F) => callbacks.get(field)
  })

  const focusFirst = useCallback(
    (errors: Partial<Record<F, string>>) => {
      const first = fields.find((field) => errors[field])
      if (first) elements.get(first)?.focus()
      return first !== undefined
    },
    [fields, elements],
  )

  /** The form's own checks: shows them and says whether the form may be sent. */
  const check = useCallback(
    (errors: Partial<Record<F, string>>) => {
      setError(undefined)
      setFieldErrors(errors)
      return !focusFirst(errors)
    },
    [focusFirst],
  )

  /** A failed request: field errors at their fields, the rest in the alert. */
  const fail = useCallback(
    (failure: unknown) => {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, fields) : { byField: {}, other: [] }
      setFieldErrors(byField)
      setError({ text: describeError(failure), messages: other })
      focusFirst(byField)
    },
    [fields, focusFirst],
  )

  const clear = useCallback(() => {
    setFieldErrors({})
    setError(undefined)
  }, [])

  return { fieldErrors, error, register, check, fail, clear }
}
