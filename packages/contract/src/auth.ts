import Type, { type Static } from 'typebox'
import { Language } from './common'

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type LoginRequest = Static<typeof LoginRequest>

/** The signed-in staff member as the web app sees them. */
export const SessionUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  language: Language,
  roles: Type.Array(Type.String(), { description: 'Role codes of the currently valid grants' }),
  actions: Type.Array(Type.String(), { description: 'Global actions this user may perform; the UI shows only these' }),
})
export type SessionUser = Static<typeof SessionUser>

/** What the session may do next: `active` = everything the grants allow; otherwise only finish signing in. */
export const SessionStage = Type.Union([Type.Literal('active'), Type.Literal('mfa_pending'), Type.Literal('password_change')])
export type SessionStage = Static<typeof SessionStage>

export const LoginResponse = Type.Object({ user: SessionUser, stage: SessionStage })
export type LoginResponse = Static<typeof LoginResponse>
