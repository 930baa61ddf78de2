import type { LoginRequest, LoginResponse, SessionUser } from '@huoma/contract'
import { createContext, useContext } from 'react'
import type { ErrorText } from '../api/client'

export type SessionState =
  | { status: 'loading' }
  | { status: 'unavailable'; error: ErrorText }
  /** `logout`: the user signed out here; `expired`: the server ended the session; `anonymous`: never signed in. */
  | { status: 'signed-out'; reason: 'anonymous' | 'logout' | 'expired' }
  | { status: 'signed-in'; user: SessionUser }
  /** Password accepted, but the sign-in needs one more step: the second factor, a new password, or accepting the user commitment. */
  | { status: 'second-step'; stage: 'mfa_pending' | 'password_change' | 'commitment'; user: SessionUser }

export interface Session {
  state: SessionState
  login(credentials: LoginRequest): Promise<LoginResponse>
  /** Takes the answer of a sign-in step (second factor, password change): signed in, or one more step. */
  accept(response: LoginResponse): Promise<void>
  /** The server has ended the session (account locked, sign-in timed out): forget it here too (`expired`). */
  forget(): void
  logout(): Promise<void>
  /** Asks the server again who is signed in (after it was unavailable). */
  refresh(): void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession must be used inside <SessionProvider>')
  return session
}

/** The signed-in user; only for components rendered behind <RequireSession>. */
export function useUser(): SessionUser {
  const { state } = useSession()
  if (state.status !== 'signed-in') throw new Error('useUser must be used behind <RequireSession>')
  return state.user
}

/** Whether the user may perform a global action, e.g. `persons:search`. */
export function can(user: SessionUser, action: string): boolean {
  return user.actions.includes(action)
}
