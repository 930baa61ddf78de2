import { useEffect, useRef } from 'react'
import { ApiError } from '../../api/client'

/** Whether the server has ended the session with this answer (signed out, timed out, account locked). */
export function endsSession(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 423)
}

/**
 * A heading that takes the focus when a new step of a form appears, so that screen reader and keyboard users
 * start from the top of the step.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return ref
}
