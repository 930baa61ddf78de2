import { useCallback, useRef, useState } from 'react'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { fieldErrorsOf, otherMessages, type FieldErrors } from '../../lib/fieldErrors'

/**
 * `components/useFormErrors` for a form whose fields are nested (the children of a notification: `children.1.name`):
 * messages keyed by the field's dotted path — the form's own checks or the problem's `errors[]` — shown at their
 * fields, the rest in the alert above the form, and the focus on the first field in error in the form's order.
 */
export function usePathErrors() {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<{ text: ErrorText; messages: string[]; status?: number }>()
  const elements = useRef(new Map<string, HTMLElement>())
  const callbacks = useRef(new Map<string, (element: HTMLElement | null) => void>())

  /** The callback ref of a field: `ref={register('children.0.name')}` (one stable callback per path). */
  const register = useCallback((path: string) => {
    let callback = callbacks.current.get(path)
    if (!callback) {
      callback = (element: HTMLElement | null) => {
        if (element) elements.current.set(path, element)
        else elements.current.delete(path)
      }
      callbacks.current.set(path, callback)
    }
    return callback
  }, [])

  const focusFirst = useCallback((found: FieldErrors, order: readonly string[]) => {
    const first = order.find((path) => found[path])
    if (first) elements.current.get(first)?.focus()
  }, [])

  /** The form's own checks: shows them (with `summary` in the alert) and says whether the form may be sent. */
  const check = useCallback(
    (found: FieldErrors, order: readonly string[], summary: string) => {
      setErrors(found)
      if (Object.keys(found).length === 0) {
        setFailure(undefined)
        return true
      }
      setFailure({ text: { title: summary }, messages: [] })
      focusFirst(found, order)
      return false
    },
    [focusFirst],
  )

  /** A failed request: field messages at the fields of `order`, the rest in the alert. */
  const fail = useCallback(
    (error: unknown, order: readonly string[]) => {
      const problem = error instanceof ApiError ? error.problem : undefined
      const all = fieldErrorsOf(problem)
      const shown = new Set(order)
      setErrors(Object.fromEntries(Object.entries(all).filter(([path]) => shown.has(path))))
      setFailure({ text: describeError(error), messages: otherMessages(all, shown), ...(problem ? { status: problem.status } : {}) })
      focusFirst(all, order)
    },
    [focusFirst],
  )

  const clear = useCallback(() => {
    setErrors({})
    setFailure(undefined)
  }, [])

  return { errors, failure, register, check, fail, clear }
}
