import type {
  AccountSecurity,
  LoginResponse,
  MfaVerifyRequest,
  OidcConfig,
  PasswordChangeRequest,
  RecoveryCodes,
  TotpEnrolment,
} from '@huoma/contract'
import { apiRequest } from '../../api/client'

export const ACCOUNT_PATH = '/api/auth/account'

/** Whether the sign-in page offers single sign-on (OpenID Connect), and the button's text. */
export function fetchOidcConfig(): Promise<OidcConfig> {
  return apiRequest<OidcConfig>('/api/auth/oidc/config')
}

export function verifySecondFactor(body: MfaVerifyRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/auth/mfa/verify', { method: 'POST', body })
}

export function changePassword(body: PasswordChangeRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/auth/password', { method: 'POST', body })
}

export function fetchAccount(): Promise<AccountSecurity> {
  return apiRequest<AccountSecurity>(ACCOUNT_PATH)
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return apiRequest<TotpEnrolment>('/api/auth/mfa/enrol', { method: 'POST' })
}

export async function confirmTotpEnrolment(code: string): Promise<string[]> {
  return (await apiRequest<RecoveryCodes>('/api/auth/mfa/enrol/confirm', { method: 'POST', body: { code } })).recoveryCodes
}

export async function regenerateRecoveryCodes(password: string): Promise<string[]> {
  return (await apiRequest<RecoveryCodes>('/api/auth/mfa/recovery-codes', { method: 'POST', body: { password } })).recoveryCodes
}

export async function disableTotp(password: string): Promise<void> {
  await apiRequest<void>('/api/auth/mfa/disable', { method: 'POST', body: { password } })
}
