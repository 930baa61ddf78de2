import type { AccountSecurity } from '@huoma/contract'

/** GET /api/auth/account for the test user; second-factor fields as given. */
export function account(mfa: Partial<AccountSecurity['mfa']> = {}): AccountSecurity {
  return {
    username: 'tvirtanen',
    password: { changedAt: '2026-01-15T10:00:00.000Z', expiresAt: '2026-07-14T10:00:00.000Z', minLength: 12 },
    mfa: { totpEnabled: false, totpEnabledAt: null, enrolmentPending: false, recoveryCodesRemaining: 0, exempt: false, ...mfa },
  }
}
