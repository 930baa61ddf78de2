import { defineActions } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const authActions = defineActions({
  'auth:login': { scope: 'public', description: 'Sign in with username and password' },
  'auth:oidc-config': { scope: 'public', description: 'Whether single sign-on (OpenID Connect) is offered, and its button text' },
  'auth:oidc-login': { scope: 'public', description: 'Sign in through the organisation\'s OpenID Connect provider (start and callback)' },
  'auth:session': { scope: 'session', description: 'Read or end one\'s own session' },
  'auth:password': { scope: 'session', description: 'Change one\'s own password' },
  'auth:mfa': { scope: 'session', description: 'Enrol, verify or replace one\'s own second factor (TOTP, recovery codes)' },
})
