import { defineAuditEvents } from '../../access/audit-events'

const login = 'security/login'
const password = 'security/password'
const mfa = 'security/mfa'

/** Audit events of signing in and out, the password and the second factor. */
export const authEvents = defineAuditEvents('auth', {
  loginSuccess: { kind: 'security', dataGroup: login, description: 'Signed in (password, or single sign-on)', legacy: ['login.success'] },
  loginFailure: { kind: 'security', dataGroup: login, description: 'A sign-in failed (wrong password, unknown user, refused by the provider)', legacy: ['login.failure'] },
  loginLocked: { kind: 'security', dataGroup: login, description: 'A sign-in was refused because the account is locked', legacy: ['login.locked'] },
  lockout: { kind: 'security', dataGroup: login, description: 'Too many failures locked the account', legacy: ['login.lockout'] },
  logout: { kind: 'security', dataGroup: login, description: 'Signed out', legacy: ['logout'] },
  logoutAll: { kind: 'security', dataGroup: login, description: 'Ended every session of the user', legacy: ['logout.all'] },
  identityLink: { kind: 'security', dataGroup: login, description: 'An identity of the single sign-on provider was linked to the user', legacy: ['identity.link'] },
  passwordChanged: { kind: 'security', dataGroup: password, description: 'Changed the password', legacy: ['password.changed'] },
  passwordFailure: { kind: 'security', dataGroup: password, description: 'A wrong current password was given', legacy: ['password.failure'] },
  passwordRejected: { kind: 'security', dataGroup: password, description: 'A new password was refused by the password policy', legacy: ['password.rejected'] },
  passwordLocked: { kind: 'security', dataGroup: password, description: 'A password change was refused because the account is locked', legacy: ['password.locked'] },
  mfaVerified: { kind: 'security', dataGroup: mfa, description: 'The second factor was verified', legacy: ['mfa.verified'] },
  mfaFailure: { kind: 'security', dataGroup: mfa, description: 'A wrong second-factor code', legacy: ['mfa.failure'] },
  mfaExpired: { kind: 'security', dataGroup: mfa, description: 'The second-factor step timed out', legacy: ['mfa.expired'] },
  mfaLocked: { kind: 'security', dataGroup: mfa, description: 'A second-factor step was refused because the account is locked', legacy: ['mfa.locked'] },
  mfaRecoveryUsed: { kind: 'security', dataGroup: mfa, description: 'A one-time recovery code was used', legacy: ['mfa.recovery_used'] },
  mfaEnrolmentStarted: { kind: 'security', dataGroup: mfa, description: 'Started enrolling a TOTP authenticator', legacy: ['mfa.enrolment_started'] },
  mfaEnrolled: { kind: 'security', dataGroup: mfa, description: 'Enrolled a TOTP authenticator', legacy: ['mfa.enrolled'] },
  mfaDisabled: { kind: 'security', dataGroup: mfa, description: 'Turned the second factor off', legacy: ['mfa.disabled'] },
  mfaRecoveryRegenerated: { kind: 'security', dataGroup: mfa, description: 'Replaced the recovery codes', legacy: ['mfa.recovery_regenerated'] },
})
