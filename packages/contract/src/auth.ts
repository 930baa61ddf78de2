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

/** Single sign-on through the organisation's OpenID Connect provider: offered or not, and the button's text. */
export const OidcConfig = Type.Object({
  enabled: Type.Boolean(),
  label: Type.Union([Type.String(), Type.Null()], { description: 'Button text set by the organisation; null = the default text' }),
})
export type OidcConfig = Static<typeof OidcConfig>

/** The redirect back from the identity provider (authorization response). */
export const OidcCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 1024 })),
  iss: Type.Optional(Type.String({ maxLength: 1024 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 4096 })),
})
export type OidcCallbackQuery = Static<typeof OidcCallbackQuery>

/* ---- Second factor (TOTP and one-time recovery codes) ------------------------------------------------------- */

/** Finishes a sign-in in stage `mfa_pending`: a code from the authenticator app or one of the recovery codes. */
export const MfaVerifyRequest = Type.Object(
  {
    method: Type.Union([Type.Literal('totp'), Type.Literal('recovery')], {
      description: '`totp`: the six-digit code of the authenticator app; `recovery`: a one-time recovery code',
    }),
    code: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
)
export type MfaVerifyRequest = Static<typeof MfaVerifyRequest>

/** A TOTP secret waiting for its first code: shown once, to be added to an authenticator app. */
export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'The key in Base32, for typing into the app by hand' }),
  otpauthUri: Type.String({ description: 'otpauth://totp/… URI (RFC 6238 parameters: SHA-1, 6 digits, 30 s)' }),
  qrCode: Type.String({ description: 'The URI as a QR code, a data:image/svg+xml;base64 URL' }),
  issuer: Type.String(),
  accountName: Type.String(),
  digits: Type.Integer(),
  period: Type.Integer({ description: 'Seconds per code' }),
})
export type TotpEnrolment = Static<typeof TotpEnrolment>

export const TotpConfirmRequest = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 16, description: 'The code the app shows now' }) },
  { additionalProperties: false },
)
export type TotpConfirmRequest = Static<typeof TotpConfirmRequest>

/** One-time recovery codes in plain text: returned once, only their argon2id hashes are kept. */
export const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { minItems: 1, maxItems: 20 }),
})
export type RecoveryCodes = Static<typeof RecoveryCodes>

/** The current password again, for a step that weakens or replaces the second factor. */
export const PasswordConfirmation = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
)
export type PasswordConfirmation = Static<typeof PasswordConfirmation>

/* ---- Password ------------------------------------------------------------------------------------------------ */

/**
 * Change one's own password. The new one must be at least the configured length, must not be or contain the
 * username, must not be a common password and must differ from the current one; each rule that fails is a field
 * error on `body.newPassword` (codes `password.tooShort`, `password.sameAsUsername`, `password.common`,
 * `password.sameAsCurrent`). A wrong current password is `password.incorrect` on `body.currentPassword`.
 */
export const PasswordChangeRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type PasswordChangeRequest = Static<typeof PasswordChangeRequest>

const Timestamp = Type.String({ format: 'date-time' })

/** One's own account security: password age and policy, second factor state. */
export const AccountSecurity = Type.Object({
  username: Type.String(),
  password: Type.Object({
    changedAt: Type.Union([Timestamp, Type.Null()]),
    /** When the password must be changed next (sign-in then asks for a new one). */
    expiresAt: Type.Union([Timestamp, Type.Null()]),
    minLength: Type.Integer({ minimum: 1 }),
  }),
  mfa: Type.Object({
    totpEnabled: Type.Boolean(),
    totpEnabledAt: Type.Union([Timestamp, Type.Null()]),
    /** An enrolment was started and waits for its first code. */
    enrolmentPending: Type.Boolean(),
    recoveryCodesRemaining: Type.Integer({ minimum: 0 }),
    /** Demo users need no second factor; once they enrol one, it is asked all the same. */
    exempt: Type.Boolean(),
  }),
})
export type AccountSecurity = Static<typeof AccountSecurity>
