import { useCallback, useEffect, useState } from 'react'
import { apiRequest, describeError, type ErrorText } from './client'

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'success'; data: T }
  | { status: 'error'; error: ErrorText }

/** Fetches `path` when mounted (and again on `reload`), cancelling the request on unmount. */
export function useApi<T>(path: string): ApiState<T> & { reload: () => void } {
  const [round, setRound] = useState(0)
  const key = `${round} ${path}`
  const [result, setResult] = useState<{ key: string; state: ApiState<T> }>()
  useEffect(() => {
    const controller = new AbortController()
    apiRequest<T>(path, { signal: controller.signal }).then(
      (data) => setResult({ key, state: { status: 'success', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResult({ key, state: { status: 'error', error: describeError(error) } })
      },
    )
    return () => controller.abort()
  }, [key, path])
  const reload = useCallback(() => setRound((n) => n + 1), [])
  const state: ApiState<T> = result?.key === key ? result.state : { status: 'loading' }
  return { ...state, reload }
}
