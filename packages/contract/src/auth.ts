import Type, { type Static } from 'typebox'
import { Language, NoContent } from './common'
import { endpoints } from './endpoint'

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

/**
 * What the session may do next: `active` = everything the grants allow; otherwise only finish signing in —
 * `commitment`: the user has yet to accept the user commitment (käyttäjäsitoumus) in force.
 */
export const SessionStage = Type.Union([Type.Literal('active'), Type.Literal('mfa_pending'), Type.Literal('password_change'), Type.Literal('commitment')])
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

/** The answer of a sign-in step that hands the browser on (to the identity provider, back to the app or the login page). */
const Redirect = Type.Null({ description: 'A redirect: see the Location header' })

/**
 * Signing in and out, one's own password and second factor, and single sign-on. Wrong passwords and codes count
 * towards one lockout (423 while it lasts).
 */
export const authEndpoints = endpoints({
  'auth.login': {
    method: 'POST',
    path: '/api/auth/login',
    action: 'auth:login',
    summary: 'Sign in',
    body: LoginRequest,
    response: { 200: LoginResponse },
    errors: [423],
  },
  'auth.me': {
    method: 'GET',
    path: '/api/auth/me',
    action: 'auth:session',
    summary: 'The signed-in user',
    response: { 200: LoginResponse },
  },
  'auth.account': {
    method: 'GET',
    path: '/api/auth/account',
    action: 'auth:session',
    summary: 'One\'s own account security: password age and policy, second factor',
    response: { 200: AccountSecurity },
  },
  'auth.logout': {
    method: 'POST',
    path: '/api/auth/logout',
    action: 'auth:session',
    summary: 'Sign out',
    response: { 204: NoContent },
  },
  'auth.logoutAll': {
    method: 'POST',
    path: '/api/auth/logout-all',
    action: 'auth:session',
    summary: 'Sign out of every session',
    response: { 204: NoContent },
  },
  'auth.changePassword': {
    method: 'POST',
    path: '/api/auth/password',
    action: 'auth:password',
    summary: 'Change one\'s own password',
    description:
      'Also the only thing a session in stage `password_change` may do (besides `me` and `logout`). On success every ' +
      'session of the user ends and this one is replaced by a new active session (new cookies).',
    body: PasswordChangeRequest,
    response: { 200: LoginResponse },
    errors: [423],
  },
  'auth.mfaVerify': {
    method: 'POST',
    path: '/api/auth/mfa/verify',
    action: 'auth:mfa',
    summary: 'Second sign-in step: a TOTP code or a recovery code',
    description:
      'Only for a session in stage `mfa_pending`. On success the session token is replaced (new cookies) and the ' +
      'new session is `active`, or `password_change` when the password is older than the maximum age. Wrong ' +
      'codes count towards the same lockout as wrong passwords; a recovery code works once.',
    body: MfaVerifyRequest,
    response: { 200: LoginResponse },
    errors: [409, 423],
  },
  'auth.mfaEnrol': {
    method: 'POST',
    path: '/api/auth/mfa/enrol',
    action: 'auth:mfa',
    summary: 'Start TOTP enrolment: a new secret, its otpauth URI and QR code',
    description: 'The secret takes effect only when confirmed with a code (`/api/auth/mfa/enrol/confirm`).',
    response: { 200: TotpEnrolment },
    errors: [409],
  },
  'auth.mfaConfirm': {
    method: 'POST',
    path: '/api/auth/mfa/enrol/confirm',
    action: 'auth:mfa',
    summary: 'Confirm TOTP enrolment with a code; returns ten one-time recovery codes (shown once)',
    description: 'Also ends the user\'s other sessions: they were opened without the second factor.',
    body: TotpConfirmRequest,
    response: { 200: RecoveryCodes },
    errors: [409],
  },
  'auth.mfaDisable': {
    method: 'POST',
    path: '/api/auth/mfa/disable',
    action: 'auth:mfa',
    summary: 'Turn TOTP off (and drop the recovery codes); needs the current password',
    body: PasswordConfirmation,
    response: { 204: NoContent },
    errors: [409, 423],
  },
  'auth.mfaRecoveryCodes': {
    method: 'POST',
    path: '/api/auth/mfa/recovery-codes',
    action: 'auth:mfa',
    summary: 'Replace the recovery codes with ten new ones (the old ones stop working); needs the current password',
    body: PasswordConfirmation,
    response: { 200: RecoveryCodes },
    errors: [409, 423],
  },
  'auth.oidcConfig': {
    method: 'GET',
    path: '/api/auth/oidc/config',
    action: 'auth:oidc-config',
    summary: 'Whether single sign-on (OpenID Connect) is offered',
    response: { 200: OidcConfig },
  },
  'auth.oidcStart': {
    method: 'GET',
    path: '/api/auth/oidc/start',
    action: 'auth:oidc-login',
    summary: 'Start a single sign-on: redirects to the identity provider',
    response: { 302: Redirect },
  },
  'auth.oidcCallback': {
    method: 'GET',
    path: '/api/auth/oidc/callback',
    action: 'auth:oidc-login',
    summary: 'The identity provider\'s redirect back: signs in and redirects to the app',
    query: OidcCallbackQuery,
    response: { 302: Redirect },
  },
})
