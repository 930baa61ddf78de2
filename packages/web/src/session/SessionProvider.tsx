import type { LoginRequest } from '@huoma/contract'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { ApiError, describeError, onSessionExpired } from '../api/client'
import { applyUserLanguage } from '../i18n'
import * as authApi from './api'
import { SessionContext, type Session, type SessionState } from './context'

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [round, setRound] = useState(0)

  useEffect(() => {
    let current = true
    authApi.fetchCurrentUser().then(
      async (user) => {
        await applyUserLanguage(user.language)
        if (current) setState({ status: 'signed-in', user })
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

  const login = useCallback(async (credentials: LoginRequest) => {
    const user = await authApi.login(credentials)
    await applyUserLanguage(user.language)
    setState({ status: 'signed-in', user })
    return user
  }, [])

  const logout = useCallback(async () => {
    try {
      await authApi.logout()
    } catch (error) {
      // 401: the session had already ended on the server, which is what signing out wants.
      if (!(error instanceof ApiError && error.status === 401)) throw error
    }
    setState({ status: 'signed-out', reason: 'logout' })
  }, [])

  const refresh = useCallback(() => {
    setState({ status: 'loading' })
    setRound((n) => n + 1)
  }, [])

  const session = useMemo<Session>(() => ({ state, login, logout, refresh }), [state, login, logout, refresh])
  return <SessionContext value={session}>{children}</SessionContext>
}
