import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type JWK } from 'oidc-provider'

/*
 * A real OpenID Connect provider (`oidc-provider`) on a random loopback port, for the single sign-on tests (API and
 * end to end). Its login and consent prompts are answered without a form: it signs in as `idp.nextLogin`.
 */

/** Accounts at the identity provider: subject → claims. */
export const ACCOUNTS: Record<string, { preferred_username?: string; name: string }> = {
  'idp-aino': { preferred_username: 'sosiaalityontekija', name: 'Aino Lehtinen' },
  'idp-impostor': { preferred_username: 'sosiaalityontekija', name: 'Someone Else' },
  'idp-ghost': { preferred_username: 'ei-ole-huomassa', name: 'Ghost' },
  'idp-talous': { preferred_username: 'talous', name: 'Talous' },
  'idp-tilastot': { preferred_username: 'tilastot', name: 'Tilastot' },
  'idp-esihenkilo': { preferred_username: 'esihenkilo', name: 'Esihenkilö' },
  'idp-nameless': { name: 'No username' },
}

export interface Idp {
  issuer: string
  nextLogin: string
  /** Registers Huoma as a client (after Huoma has started, when its callback URL is known) and starts serving. */
  serve(clients: { clientId: string; secret?: string; redirectUri: string }[]): void
  close(): Promise<void>
}

export async function startIdp(): Promise<Idp> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'test-key', use: 'sig', alg: 'RS256' }
  const idp: Idp = {
    issuer,
    nextLogin: 'idp-aino',
    serve(clients) {
      const provider = new Provider(issuer, {
        clients: clients.map((c) => ({
          client_id: c.clientId,
          ...(c.secret ? { client_secret: c.secret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
          redirect_uris: [c.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        })),
        jwks: { keys: [jwk] },
        cookies: { keys: ['idp-test-cookie-key'] },
        ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
        pkce: { required: () => true },
        claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        findAccount: (_ctx, sub) => {
          const account = ACCOUNTS[sub]
          if (!account) return undefined
          return { accountId: sub, claims: () => ({ sub, ...account }) }
        },
      })
      const callback = provider.callback()
      server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (!req.url?.startsWith('/interaction/')) return void callback(req, res)
        // The provider's login and consent prompts, answered without a form: sign in as `nextLogin`, grant the scope.
        void (async () => {
          const details = await provider.interactionDetails(req, res)
          if (details.prompt.name === 'login') {
            await provider.interactionFinished(req, res, { login: { accountId: idp.nextLogin } }, { mergeWithLastSubmission: false })
            return
          }
          const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) })
          grant.addOIDCScope(String(details.params.scope))
          await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true })
        })().catch((err: unknown) => {
          res.statusCode = 500
          res.end(String(err))
        })
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  return idp
}
