import type { LoginRequest, LoginResponse } from '@huoma/contract'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { ApiError, describeError, onCommitmentRequired, onSessionExpired } from '../api/client'
import { applyUserLanguage } from '../lib/language'
import * as authApi from './api'
import { SessionContext, type Session, type SessionState } from './context'
import { clearStoredDrafts } from '../lib/storedDraft'

/** The state a sign-in answer leads to; an answer without a stage (older servers, tests) is a full sign-in. */
function stateOf({ user, stage }: LoginResponse): SessionState {
  return stage === 'mfa_pending' || stage === 'password_change' || stage === 'commitment' ? { status: 'second-step', stage, user } : { status: 'signed-in', user }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [round, setRound] = useState(0)

  useEffect(() => {
    let current = true
    authApi.fetchCurrentUser().then(
      async (response) => {
        await applyUserLanguage(response.user.language)
        if (current) setState(stateOf(response))
      },
      (error: unknown) => {
        if (!current) return
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out', reason: 'anonymous' })
        else setState({ status: 'unavailable', error: describeError(error) })
      },
    )
    return () => {
      current = false
    }
  }, [round])

  useEffect(
    () =>
      onSessionExpired(() =>
        setState((previous) => (previous.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : previous)),
      ),
    [],
  )

  // a new user commitment published during the session: ask who is signed in again (stage `commitment`)
  useEffect(() => onCommitmentRequired(() => setRound((n) => n + 1)), [])

  const accept = useCallback(async (response: LoginResponse) => {
    await applyUserLanguage(response.user.language)
    setState(stateOf(response))
  }, [])

  const login = useCallback(
    async (credentials: LoginRequest) => {
      const response = await authApi.login(credentials)
      await accept(response)
      return response
    },
    [accept],
  )

  const forget = useCallback(() => setState({ status: 'signed-out', reason: 'expired' }), [])

  const logout = useCallback(async () => {
    try {
      await authApi.logout()
    } catch (error) {
      // 401: the session had already ended on the server, which is what signing out wants.
      if (!(error instanceof ApiError && error.status === 401)) throw error
    }
    // Signing out on purpose forgets the drafts kept in this tab (an expired session keeps them for the next sign-in).
    clearStoredDrafts()
    setState({ status: 'signed-out', reason: 'logout' })
  }, [])

  const refresh = useCallback(() => {
    setState({ status: 'loading' })
    setRound((n) => n + 1)
  }, [])

  const session = useMemo<Session>(
    () => ({ state, login, accept, forget, logout, refresh }),
    [state, login, accept, forget, logout, refresh],
  )
  return <SessionContext value={session}>{children}</SessionContext>
}
