import type { ClientCard } from '@huoma/contract'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { personsApi } from './api'

export type CardState =
  | { status: 'loading' }
  /** `mergedInto`: the person was merged into another (404 with a pointer to the surviving person). */
  | { status: 'error'; error: ErrorText; mergedInto?: string }
  | { status: 'success'; card: ClientCard; reloading: boolean }

/** The client card; a reload keeps showing the card it replaces until the new one arrives. */
export function useCard(personId: string): CardState & { reload: () => void } {
  const [round, setRound] = useState(0)
  const [state, setState] = useState<{ key: string; value: CardState }>()
  const key = `${personId} ${round}`
  useEffect(() => {
    const controller = new AbortController()
    personsApi.card(personId, controller.signal).then(
      (card) => setState({ key, value: { status: 'success', card, reloading: false } }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        const mergedInto = error instanceof ApiError ? (error.problem as { mergedInto?: unknown }).mergedInto : undefined
        setState({ key, value: { status: 'error', error: describeError(error), ...(typeof mergedInto === 'string' ? { mergedInto } : {}) } })
      },
    )
    return () => controller.abort()
  }, [key, personId])
  const reload = useCallback(() => setRound((n) => n + 1), [])
  let value: CardState = { status: 'loading' }
  if (state?.key === key) value = state.value
  else if (state?.value.status === 'success' && state.key.startsWith(`${personId} `)) value = { ...state.value, reloading: true }
  return { ...value, reload }
}
