import { authEndpoints as ep, type MfaVerifyRequest, type PasswordChangeRequest } from '@huoma/contract'
import { callApi, endpointPath } from '../../api/endpoint'

/** Calls of signing in and one's own account, typed by the contract. */

/** Whether the sign-in page offers single sign-on (OpenID Connect), and the button's text. */
export function fetchOidcConfig() {
  return callApi(ep['auth.oidcConfig'])
}

/** Where single sign-on starts: a full-page navigation that the server redirects to the identity provider. */
export const oidcStartPath = endpointPath(ep['auth.oidcStart'])

export function verifySecondFactor(body: MfaVerifyRequest) {
  return callApi(ep['auth.mfaVerify'], { body })
}

export function changePassword(body: PasswordChangeRequest) {
  return callApi(ep['auth.changePassword'], { body })
}

export function fetchAccount() {
  return callApi(ep['auth.account'])
}

export function startTotpEnrolment() {
  return callApi(ep['auth.mfaEnrol'])
}

export async function confirmTotpEnrolment(code: string): Promise<string[]> {
  return (await callApi(ep['auth.mfaConfirm'], { body: { code } })).recoveryCodes
}

export async function regenerateRecoveryCodes(password: string): Promise<string[]> {
  return (await callApi(ep['auth.mfaRecoveryCodes'], { body: { password } })).recoveryCodes
}

export async function disableTotp(password: string): Promise<void> {
  await callApi(ep['auth.mfaDisable'], { body: { password } })
}
