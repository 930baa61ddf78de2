/**
 * The real VTJ connector: the person query as SOAP over X-Road (Suomi.fi-palveluväylä) through the
 * organisation's security server, and the VTJ-muutosrajapinta change feed as REST/JSON. Off by default: the server
 * uses it only when `HUOMA_VTJ_URL` is set ({@link loadVtjConfig}); otherwise the simulator answers.
 *
 * Transport: Node's `https` with the client certificate and key (mutual TLS to the security server) and the
 * security server's CA; plain `http` is accepted for a security server on a private network and for tests. One
 * keep-alive agent per client; {@link XRoadVtjClient.close} releases it.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { parseHetu, todayInHelsinki } from '@huoma/domain'
import { parseChangeFeed, parseKirjausavain } from './changes'
import { systemClock } from '../../kernel/clock'
import { buildPersonQueryRequest, parsePersonQueryResponse, type XRoadClientId, type XRoadServiceId } from './soap'
import {
  checkQueryContext,
  type VtjChange,
  type VtjChangePage,
  type VtjChangesOptions,
  type VtjClient,
  type VtjQueryContext,
  type VtjQueryResult,
} from './types'

export interface XRoadVtjClientConfig {
  /** The security server's endpoint for the person query (SOAP), `https://…` or `http://…`. */
  url: string
  /** PEM files for mutual TLS with the security server (https only). */
  clientCertPath?: string
  clientKeyPath?: string
  /** PEM file of the CA (or the security server's certificate) to trust; default: Node's CA store. */
  caPath?: string
  /** Verify that the server certificate names the host; default true. */
  verifyHostname?: boolean
  /** Our subsystem, e.g. `FI/MUN/1234567-8/huoma`. */
  xroadClient: XRoadClientId | string
  /** The person query service, e.g. `FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1`. */
  xroadService: XRoadServiceId | string
  /** Whole exchange (connect, send, receive); default 10 000 ms. */
  timeoutMs?: number
  /** VTJ product (SoSoNimi); default `Perussanoma 3`. */
  soSoNimi?: string
  /** Agreement credentials (Kayttajatunnus, Salasana), when required. */
  username?: string
  password?: string
  /** Send temporary/test codes (900–999); only for the DVV test environment. Default false. */
  allowTemporaryHetu?: boolean
  /** VTJ-muutosrajapinta: base URL (paths `kirjausavain/{date}` and `muutokset` are appended) and basic auth. */
  changes?: { url: string; username?: string; password?: string }
  /** Largest response accepted; default 5 MiB. */
  maxResponseBytes?: number
  /** X-Road message id generator; default random UUIDs. */
  newRequestId?: () => string
  now?: () => Date
}

/** A failure of the change feed exchange (the person query returns error results instead). */
export class VtjTransportError extends Error {
  constructor(
    message: string,
    readonly code: 'transport' | 'timeout' | 'http_status' | 'invalid_response' | 'not_configured',
    readonly httpStatus?: number,
  ) {
    super(message)
    this.name = 'VtjTransportError'
  }
}

/** `FI/MUN/1234567-8/huoma` → client id (instance/class/member[/subsystem]). */
export function parseXRoadClientId(value: string): XRoadClientId {
  const parts = value.split('/').map((p) => p.trim())
  if (parts.length < 3 || parts.length > 4 || parts.some((p) => !p)) {
    throw new RangeError(`X-Road client id must be INSTANCE/CLASS/MEMBER[/SUBSYSTEM], got "${value}"`)
  }
  const [instance, memberClass, memberCode, subsystemCode] = parts as [string, string, string, string?]
  return subsystemCode ? { instance, memberClass, memberCode, subsystemCode } : { instance, memberClass, memberCode }
}

/** `FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1` → service id (the version is optional). */
export function parseXRoadServiceId(value: string): XRoadServiceId {
  const parts = value.split('/').map((p) => p.trim())
  if (parts.length < 5 || parts.length > 6 || parts.some((p) => !p)) {
    throw new RangeError(`X-Road service id must be INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION], got "${value}"`)
  }
  const [instance, memberClass, memberCode, subsystemCode, serviceCode, serviceVersion] = parts as [string, string, string, string, string, string?]
  const id: XRoadServiceId = { instance, memberClass, memberCode, subsystemCode, serviceCode }
  if (serviceVersion) id.serviceVersion = serviceVersion
  return id
}

const xroadIdString = (id: XRoadClientId) => [id.instance, id.memberClass, id.memberCode, id.subsystemCode].filter(Boolean).join('/')

interface HttpResponse {
  status: number
  contentType: string
  body: Buffer
}

function decode(body: Buffer, contentType: string): string {
  const declared = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] ?? /^<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1]
  const charset = (declared ?? 'utf-8').toLowerCase()
  return charset === 'iso-8859-1' || charset === 'latin1' ? body.toString('latin1') : body.toString('utf8')
}

export class XRoadVtjClient implements VtjClient {
  private readonly url: URL
  private readonly agent: http.Agent
  private readonly client: XRoadClientId
  private readonly service: XRoadServiceId
  private readonly timeoutMs: number
  private readonly maxBytes: number
  private readonly newRequestId: () => string
  private readonly now: () => Date

  constructor(private readonly config: XRoadVtjClientConfig) {
    this.url = new URL(config.url)
    if (this.url.protocol !== 'https:' && this.url.protocol !== 'http:') throw new RangeError('VTJ url must be http(s)')
    if (config.changes) {
      const protocol = new URL(config.changes.url).protocol
      if (protocol !== this.url.protocol) throw new RangeError('The VTJ person query and change feed URLs must use the same scheme')
    }
    this.client = typeof config.xroadClient === 'string' ? parseXRoadClientId(config.xroadClient) : config.xroadClient
    this.service = typeof config.xroadService === 'string' ? parseXRoadServiceId(config.xroadService) : config.xroadService
    this.timeoutMs = config.timeoutMs ?? 10_000
    this.maxBytes = config.maxResponseBytes ?? 5 * 1024 * 1024
    this.newRequestId = config.newRequestId ?? randomUUID
    this.now = config.now ?? systemClock.now
    if (this.url.protocol === 'https:') {
      if (!!config.clientCertPath !== !!config.clientKeyPath) throw new RangeError('VTJ client certificate and key go together')
      const tls: https.AgentOptions = { keepAlive: true, maxSockets: 8, rejectUnauthorized: true }
      if (config.clientCertPath) tls.cert = readFileSync(config.clientCertPath)
      if (config.clientKeyPath) tls.key = readFileSync(config.clientKeyPath)
      if (config.caPath) tls.ca = readFileSync(config.caPath)
      if (config.verifyHostname === false) tls.checkServerIdentity = () => undefined
      this.agent = new https.Agent(tls)
    } else {
      this.agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
    }
  }

  /** Closes pooled connections. */
  close(): void {
    this.agent.destroy()
  }

  private send(target: URL, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body, 'utf8')
      const options: http.RequestOptions = {
        method,
        agent: this.agent,
        headers: payload ? { ...headers, 'Content-Length': String(payload.length) } : headers,
      }
      const lib = target.protocol === 'https:' ? https : http
      let settled = false
      const finish = (fn: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        fn()
      }
      const req = lib.request(target, options, (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > this.maxBytes) {
            req.destroy()
            finish(() => reject(new VtjTransportError('VTJ response too large', 'invalid_response')))
            return
          }
          chunks.push(chunk)
        })
        res.on('end', () =>
          finish(() => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) })),
        )
        res.on('error', (e) => finish(() => reject(new VtjTransportError(`VTJ response failed: ${(e as NodeJS.ErrnoException).code ?? e.message}`, 'transport'))))
      })
      const timer = setTimeout(() => {
        req.destroy()
        finish(() => reject(new VtjTransportError(`VTJ did not answer in ${this.timeoutMs} ms`, 'timeout')))
      }, this.timeoutMs)
      req.on('error', (e) => finish(() => reject(new VtjTransportError(`VTJ request failed: ${(e as NodeJS.ErrnoException).code ?? e.message}`, 'transport'))))
      req.end(payload)
    })
  }

  async queryPerson(hetu: string, ctx: VtjQueryContext): Promise<VtjQueryResult> {
    const c = checkQueryContext(ctx)
    const parsed = typeof hetu === 'string' ? parseHetu(hetu) : null
    if (!parsed?.ok) return { status: 'error', code: 'invalid_hetu' }
    if (parsed.value.temporary && !this.config.allowTemporaryHetu) {
      return { status: 'error', code: 'temporary_hetu', message: 'Temporary codes (900–999) are not sent to VTJ' }
    }
    const envelope = buildPersonQueryRequest({
      hetu: parsed.value.hetu,
      purpose: c.purpose,
      endUser: c.userId,
      requestId: c.requestId ?? this.newRequestId(),
      xroad: { client: this.client, service: this.service },
      ...(this.config.soSoNimi ? { soSoNimi: this.config.soSoNimi } : {}),
      ...(this.config.username ? { username: this.config.username } : {}),
      ...(this.config.password ? { password: this.config.password } : {}),
    })
    let res: HttpResponse
    try {
      res = await this.send(this.url, 'POST', { 'Content-Type': 'text/xml; charset=utf-8', Accept: 'text/xml', SOAPAction: '""' }, envelope)
    } catch (e) {
      const err = e instanceof VtjTransportError ? e : new VtjTransportError(String(e), 'transport')
      return { status: 'error', code: err.code === 'timeout' ? 'timeout' : err.code === 'invalid_response' ? 'invalid_response' : 'transport', message: err.message }
    }
    const result = parsePersonQueryResponse(decode(res.body, res.contentType))
    if (res.status !== 200 && result.status === 'error' && result.code === 'invalid_response') {
      return { status: 'error', code: 'http_status', returnCode: String(res.status), message: `HTTP ${res.status}` }
    }
    return result
  }

  private changeHeaders(): Record<string, string> {
    const changes = this.config.changes
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Road-Client': xroadIdString(this.client) }
    if (changes?.username !== undefined) {
      headers.Authorization = `Basic ${Buffer.from(`${changes.username}:${changes.password ?? ''}`).toString('base64')}`
    }
    return headers
  }

  private async json(path: string, body?: unknown): Promise<unknown> {
    const changes = this.config.changes
    if (!changes) throw new VtjTransportError('The VTJ change interface is not configured', 'not_configured')
    const base = changes.url.endsWith('/') ? changes.url : `${changes.url}/`
    const headers = this.changeHeaders()
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const res = await this.send(new URL(path, base), body === undefined ? 'GET' : 'POST', headers, body === undefined ? undefined : JSON.stringify(body))
    if (res.status !== 200) throw new VtjTransportError(`VTJ change interface answered HTTP ${res.status}`, 'http_status', res.status)
    try {
      return JSON.parse(res.body.toString('utf8'))
    } catch {
      throw new VtjTransportError('VTJ change interface answered something else than JSON', 'invalid_response')
    }
  }

  /**
   * Changes after `cursor` (the kirjausavain). `null` starts tracking: the key of today's start is fetched
   * (`GET kirjausavain/{today}`) and the changes of today follow. DVV decides the page size, so pages are fetched
   * until at least `limit` documents are in hand or the feed is up to date (a page is never split: the feed has no
   * per-document key). Throws {@link VtjTransportError} (or a ChangeFeedError) on failure; the cursor then must not
   * move.
   */
  async changesSince(cursor: string | null, limit: number, opts: VtjChangesOptions = {}): Promise<VtjChangePage> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer')
    let key: number
    if (cursor === null) key = parseKirjausavain(await this.json(`kirjausavain/${todayInHelsinki(this.now())}`))
    else if (/^\d{1,15}$/.test(cursor)) key = Number(cursor)
    else throw new RangeError('Invalid VTJ change cursor')
    const changes: VtjChange[] = []
    for (let pages = 0; pages < 1000; pages++) {
      const body: Record<string, unknown> = { viimeisinKirjausavain: key }
      if (opts.hetus?.length) body.hetulista = [...opts.hetus]
      const feed = parseChangeFeed(await this.json('muutokset', body))
      changes.push(...feed.changes)
      const moved = feed.lastKey !== key
      key = feed.lastKey
      if (feed.upToDate || !moved || changes.length >= limit) return { changes, nextCursor: String(key), upToDate: feed.upToDate }
    }
    return { changes, nextCursor: String(key), upToDate: false }
  }
}

/**
 * Reads the connector's configuration from the environment; `null` when `HUOMA_VTJ_URL` is not set (use the
 * simulator). Throws `RangeError` for an incomplete configuration so the server refuses to start half-configured.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `HUOMA_VTJ_URL` | security server endpoint of the person query (turns the real connector on) |
 * | `HUOMA_VTJ_XROAD_CLIENT` | our subsystem, `FI/MUN/1234567-8/huoma` (required) |
 * | `HUOMA_VTJ_XROAD_SERVICE` | `FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1` (default) |
 * | `HUOMA_VTJ_CLIENT_CERT`, `HUOMA_VTJ_CLIENT_KEY`, `HUOMA_VTJ_CA` | PEM files for TLS |
 * | `HUOMA_VTJ_VERIFY_HOSTNAME` | `false` to skip the host name check of the security server certificate |
 * | `HUOMA_VTJ_TIMEOUT_MS` | default 10000 |
 * | `HUOMA_VTJ_SOSO_NIMI`, `HUOMA_VTJ_USERNAME`, `HUOMA_VTJ_PASSWORD` | VTJ product and agreement credentials |
 * | `HUOMA_VTJ_ALLOW_TEST_HETU` | `true` in the DVV test environment (sends 9xx codes) |
 * | `HUOMA_VTJ_CHANGES_URL`, `HUOMA_VTJ_CHANGES_USERNAME`, `HUOMA_VTJ_CHANGES_PASSWORD` | VTJ-muutosrajapinta |
 */
export function loadVtjConfig(env: NodeJS.ProcessEnv = process.env): XRoadVtjClientConfig | null {
  const url = env.HUOMA_VTJ_URL?.trim()
  if (!url) return null
  const client = env.HUOMA_VTJ_XROAD_CLIENT?.trim()
  if (!client) throw new RangeError('HUOMA_VTJ_XROAD_CLIENT is required when HUOMA_VTJ_URL is set')
  const timeout = env.HUOMA_VTJ_TIMEOUT_MS?.trim()
  const timeoutMs = timeout ? Number(timeout) : 10_000
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new RangeError(`HUOMA_VTJ_TIMEOUT_MS must be a positive integer, got "${timeout}"`)
  const config: XRoadVtjClientConfig = {
    url,
    xroadClient: parseXRoadClientId(client),
    xroadService: parseXRoadServiceId(env.HUOMA_VTJ_XROAD_SERVICE?.trim() || 'FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1'),
    timeoutMs,
    allowTemporaryHetu: env.HUOMA_VTJ_ALLOW_TEST_HETU === 'true',
    verifyHostname: env.HUOMA_VTJ_VERIFY_HOSTNAME !== 'false',
  }
  const set = <K extends keyof XRoadVtjClientConfig>(key: K, name: string) => {
    const v = env[name]?.trim()
    if (v) (config as unknown as Record<string, unknown>)[key] = v
  }
  set('clientCertPath', 'HUOMA_VTJ_CLIENT_CERT')
  set('clientKeyPath', 'HUOMA_VTJ_CLIENT_KEY')
  set('caPath', 'HUOMA_VTJ_CA')
  set('soSoNimi', 'HUOMA_VTJ_SOSO_NIMI')
  set('username', 'HUOMA_VTJ_USERNAME')
  set('password', 'HUOMA_VTJ_PASSWORD')
  const changesUrl = env.HUOMA_VTJ_CHANGES_URL?.trim()
  if (changesUrl) {
    config.changes = { url: changesUrl }
    if (env.HUOMA_VTJ_CHANGES_USERNAME) config.changes.username = env.HUOMA_VTJ_CHANGES_USERNAME
    if (env.HUOMA_VTJ_CHANGES_PASSWORD) config.changes.password = env.HUOMA_VTJ_CHANGES_PASSWORD
  }
  return config
}
