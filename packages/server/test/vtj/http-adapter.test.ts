import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { TLSSocket } from 'node:tls'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createVtjConnector,
  loadVtjConfig,
  parsePersonQueryRequest,
  parseXRoadClientId,
  parseXRoadServiceId,
  VtjPurposeRequiredError,
  VtjSimulator,
  VtjTransportError,
  XRoadVtjClient,
  type XRoadVtjClientConfig,
} from '../../src/integrations/vtj'
import { fixture, FIXTURES, skeleton, validateEnvelope, withValues } from './helpers'

const HETU = '010190-999W'
const ctx = { purpose: 'Toimeentulotukihakemuksen käsittely', userId: 'huoma:user-42', requestId: 'req-42' }
const tls = (name: string) => path.join(FIXTURES, 'tls', name)

interface Seen {
  method: string | undefined
  url: string | undefined
  headers: http.IncomingHttpHeaders
  body: string
  clientCN?: string
}
type Handler = (seen: Seen, res: http.ServerResponse) => void | Promise<void>

const servers: Array<http.Server | https.Server> = []
const clients: XRoadVtjClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()) })))
})

/** A local server on 127.0.0.1 (no outside network): records every request and lets `handler` answer. */
async function startServer(handler: Handler, secure = false): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const s: Seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      if (secure) s.clientCN = String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '')
      seen.push(s)
      void handler(s, res)
    })
  }
  const server = secure
    ? https.createServer({ key: readFileSync(tls('server.key')), cert: readFileSync(tls('server.pem')), ca: readFileSync(tls('ca.pem')), requestCert: true, rejectUnauthorized: true }, listener)
    : http.createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { base: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`, seen }
}

const xml = (res: http.ServerResponse, body: string, status = 200, type = 'text/xml; charset=utf-8') => {
  res.writeHead(status, { 'Content-Type': type })
  res.end(body)
}

function client(config: Partial<XRoadVtjClientConfig> & { url: string }): XRoadVtjClient {
  const c = new XRoadVtjClient({
    xroadClient: 'FI-TEST/MUN/1234567-8/huoma',
    xroadService: 'FI-TEST/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1',
    timeoutMs: 2000,
    allowTemporaryHetu: true,
    ...config,
  })
  clients.push(c)
  return c
}

const filledResponse = () =>
  withValues(skeleton(HETU), {
    'Henkilo/NykyinenSukunimi/Sukunimi': 'Testinen',
    'Henkilo/NykyisetEtunimet/Etunimet': 'Tiina',
    'Henkilo/VakinainenKotimainenLahiosoite/LahiosoiteS': 'Koivukuja 5 B 12',
    'Henkilo/VakinainenKotimainenLahiosoite/Postinumero': '99120',
    'Henkilo/VakinainenKotimainenLahiosoite/PostitoimipaikkaS': 'DEMOLA',
    'Henkilo/Kotikunta/Kuntanumero': '999',
    'Henkilo/Sukupuoli/Sukupuolikoodi': '2',
  })

describe('XRoadVtjClient.queryPerson over HTTP', () => {
  it('posts a schema-valid SOAP request with the purpose, user and X-Road ids, and maps the fixture response', async () => {
    const { base, seen } = await startServer((_s, res) => xml(res, filledResponse()))
    const result = await client({ url: `${base}/cxf/VTJkysely`, soSoNimi: 'Perussanoma 3', username: 'kayttaja', password: 'sala' }).queryPerson(HETU, ctx)

    expect(result).toMatchObject({
      status: 'found',
      person: { hetu: HETU, firstNames: 'Tiina', lastName: 'Testinen', sex: 'female', municipalityCode: '999', addresses: [{ kind: 'permanent', street: 'Koivukuja 5 B 12', postalCode: '99120' }] },
    })
    expect(seen).toHaveLength(1)
    const [req] = seen
    expect(req?.method).toBe('POST')
    expect(req?.url).toBe('/cxf/VTJkysely')
    expect(req?.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(req?.headers.soapaction).toBe('""')
    expect(Number(req?.headers['content-length'])).toBe(Buffer.byteLength(req?.body ?? ''))
    expect((await validateEnvelope(req?.body ?? '')).errors).toEqual([])
    expect(parsePersonQueryRequest(req?.body ?? '')).toEqual({
      hetu: HETU,
      soSoNimi: 'Perussanoma 3',
      endUser: 'huoma:user-42',
      username: 'kayttaja',
      purpose: 'Toimeentulotukihakemuksen käsittely',
      userId: 'huoma:user-42',
      requestId: 'req-42',
      client: { instance: 'FI-TEST', memberClass: 'MUN', memberCode: '1234567-8', subsystemCode: 'huoma' },
      service: { instance: 'FI-TEST', memberClass: 'GOV', memberCode: '0245437-2', subsystemCode: 'VTJkysely', serviceCode: 'HenkilonTunnusKysely', serviceVersion: 'v1' },
    })
  })

  it('generates a message id when the caller gives none', async () => {
    const { base, seen } = await startServer((_s, res) => xml(res, filledResponse()))
    await client({ url: base, newRequestId: () => 'generated-1' }).queryPerson(HETU, { purpose: 'p', userId: 'u' })
    expect(parsePersonQueryRequest(seen[0]!.body)).toMatchObject({ requestId: 'generated-1' })
  })

  it('refuses without a purpose, an invalid code and (by default) a temporary code — without sending anything', async () => {
    const { base, seen } = await startServer((_s, res) => xml(res, filledResponse()))
    const c = client({ url: base })
    await expect(c.queryPerson(HETU, { purpose: '', userId: 'u' })).rejects.toBeInstanceOf(VtjPurposeRequiredError)
    await expect(c.queryPerson(HETU, { purpose: 'p', userId: '' } )).rejects.toThrow(/userId/)
    expect(await c.queryPerson('131052-308U', ctx)).toEqual({ status: 'error', code: 'invalid_hetu' })
    const production = client({ url: base, allowTemporaryHetu: false })
    expect(await production.queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'temporary_hetu' })
    expect(seen).toHaveLength(0)
    // A permanent code goes out in production mode.
    await production.queryPerson('131052-308T', ctx)
    expect(parsePersonQueryRequest(seen[0]!.body)).toMatchObject({ hetu: '131052-308T' })
  })

  it('maps a SOAP fault with HTTP 500, other HTTP errors, garbage and a closed port', async () => {
    const fault = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Service unavailable</faultstring></s:Fault></s:Body></s:Envelope>`
    const answers: Array<(res: http.ServerResponse) => void> = [
      (res) => xml(res, fault, 500),
      (res) => xml(res, '<html>Bad gateway</html>', 502, 'text/html'),
      (res) => xml(res, 'garbage', 200),
    ]
    const { base } = await startServer((_s, res) => answers.shift()?.(res))
    const c = client({ url: base })
    expect(await c.queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'soap_fault', returnCode: 's:Server' })
    expect(await c.queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'http_status', returnCode: '502' })
    expect(await c.queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'invalid_response' })

    const closed = await startServer(() => {})
    const port = new URL(closed.base).port
    const server = servers.pop()!
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect(await client({ url: `http://127.0.0.1:${port}` }).queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'transport' })
  })

  it('times out on a server that never answers', async () => {
    const { base } = await startServer(() => {})
    const started = Date.now()
    expect(await client({ url: base, timeoutMs: 200 }).queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses an oversized answer', async () => {
    const { base } = await startServer((_s, res) => xml(res, filledResponse() + ' '.repeat(20_000)))
    expect(await client({ url: base, maxResponseBytes: 10_000 }).queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'invalid_response' })
  })

  it('decodes an ISO-8859-1 answer', async () => {
    const latin = filledResponse().replace('Testinen', 'Hämäläinen')
    const { base } = await startServer((_s, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=ISO-8859-1' })
      res.end(Buffer.from(latin, 'latin1'))
    })
    expect(await client({ url: base }).queryPerson(HETU, ctx)).toMatchObject({ person: { lastName: 'Hämäläinen' } })
  })

  it('end to end against the simulator behind a local server: turvakielto stays protected', async () => {
    const sim = new VtjSimulator({ seed: 3, count: 40, referenceDate: '2026-03-01' })
    const { base } = await startServer(async (s, res) => xml(res, await sim.handleSoapRequest(s.body)))
    const protectedHetu = sim.list().find((p) => p.turvakielto)!.hetu
    const stored = sim.peek(protectedHetu)!
    const result = await client({ url: base }).queryPerson(protectedHetu, ctx)
    expect(result.status).toBe('found')
    const home = stored.addresses.find((a) => a.kind === 'permanent')!
    expect(JSON.stringify(result)).not.toContain(home.street)
    expect(sim.queryLog).toEqual([expect.objectContaining({ hetu: protectedHetu, purpose: ctx.purpose, userId: ctx.userId, requestId: 'req-42' })])
  })
})

describe('XRoadVtjClient over HTTPS with mutual TLS', () => {
  it('presents the client certificate and trusts the configured CA', async () => {
    const { base, seen } = await startServer((_s, res) => xml(res, filledResponse()), true)
    const c = client({ url: base, clientCertPath: tls('client.pem'), clientKeyPath: tls('client.key'), caPath: tls('ca.pem') })
    expect(await c.queryPerson(HETU, ctx)).toMatchObject({ status: 'found' })
    expect(seen[0]?.clientCN).toBe('huoma-test-client')
  })

  it('fails without a client certificate, and with an untrusted server', async () => {
    const { base, seen } = await startServer((_s, res) => xml(res, filledResponse()), true)
    expect(await client({ url: base, caPath: tls('ca.pem') }).queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'transport' })
    expect(await client({ url: base, clientCertPath: tls('client.pem'), clientKeyPath: tls('client.key') }).queryPerson(HETU, ctx)).toMatchObject({ status: 'error', code: 'transport' })
    expect(seen).toHaveLength(0)
  })

  it('checks the configuration', () => {
    expect(() => client({ url: 'https://127.0.0.1:1', clientCertPath: tls('client.pem') })).toThrow(/key go together/)
    expect(() => client({ url: 'ftp://x' })).toThrow(/http/)
    expect(() => client({ url: 'https://127.0.0.1:1', changes: { url: 'http://127.0.0.1:2' } })).toThrow(/same scheme/)
  })
})

describe('XRoadVtjClient.changesSince (VTJ-muutosrajapinta)', () => {
  it('starts from today\'s kirjausavain, posts muutokset with basic auth and X-Road-Client, maps the samples', async () => {
    const samples = JSON.parse(fixture('muutosrajapinta-samples.json')) as { modificationsByKey: Record<string, unknown> }
    const { base, seen } = await startServer((s, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      if (s.url?.startsWith('/api/v1/kirjausavain/')) res.end(JSON.stringify({ viimeisinKirjausavain: 100000021 }))
      else res.end(JSON.stringify({ viimeisinKirjausavain: 100000022, muutokset: Object.values(samples.modificationsByKey), ajanTasalla: true }))
    })
    const c = client({ url: base, changes: { url: `${base}/api/v1`, username: 'mutpa', password: 'salasana' }, now: () => new Date('2026-03-01T22:30:00Z') })
    const page = await c.changesSince(null, 100, { hetus: ['010579-9999'] })
    expect(page.nextCursor).toBe('100000022')
    expect(page.upToDate).toBe(true)
    expect(page.changes).toHaveLength(13)
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/v1/kirjausavain/2026-03-02', 'POST /api/v1/muutokset'])
    for (const s of seen) {
      expect(s.headers['x-road-client']).toBe('FI-TEST/MUN/1234567-8/huoma')
      expect(s.headers.authorization).toBe(`Basic ${Buffer.from('mutpa:salasana').toString('base64')}`)
    }
    expect(seen[1]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(seen[1]!.body)).toEqual({ viimeisinKirjausavain: 100000021, hetulista: ['010579-9999'] })
  })

  it('pages through the simulator until the limit or the end, with the cursor it returns', async () => {
    const sim = new VtjSimulator({ seed: 3, count: 40, referenceDate: '2026-03-01' })
    const alive = sim.list().filter((p) => !p.deceased)
    let total = 0
    for (let round = 0; round < 4; round++) {
      for (const p of alive) if (sim.simulateTurvakielto(p.hetu, !sim.peek(p.hetu)!.turvakielto)) total++
    }
    expect(total).toBeGreaterThan(100)
    const { base, seen } = await startServer((s, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(sim.handleMuutokset(JSON.parse(s.body))))
    })
    const c = client({ url: base, changes: { url: base } })
    const first = await c.changesSince('100000000', 1)
    expect(first.changes.length).toBe(100)
    expect(first.upToDate).toBe(false)
    const rest = await c.changesSince(first.nextCursor, 1000)
    expect(first.changes.length + rest.changes.length).toBe(total)
    expect(rest.upToDate).toBe(true)
    expect(rest.nextCursor).toBe(sim.cursor)
    expect(seen.every((s) => s.url === '/muutokset' && s.headers.authorization === undefined)).toBe(true)
  })

  it('throws on failures so the caller keeps its cursor', async () => {
    const { base } = await startServer((s, res) => {
      if (s.url === '/bad/muutokset') {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end('{"nothing": true}')
      } else {
        res.writeHead(503)
        res.end()
      }
    })
    await expect(client({ url: base, changes: { url: base } }).changesSince('5', 10)).rejects.toMatchObject({ code: 'http_status', httpStatus: 503 })
    await expect(client({ url: base, changes: { url: `${base}/bad` } }).changesSince('5', 10)).rejects.toThrow(/viimeisinKirjausavain/)
    await expect(client({ url: base }).changesSince('5', 10)).rejects.toBeInstanceOf(VtjTransportError)
    await expect(client({ url: base, changes: { url: base } }).changesSince('x', 10)).rejects.toThrow(/cursor/)
  })
})

describe('configuration', () => {
  it('parses X-Road identifiers', () => {
    expect(parseXRoadClientId('FI/MUN/1234567-8/huoma')).toEqual({ instance: 'FI', memberClass: 'MUN', memberCode: '1234567-8', subsystemCode: 'huoma' })
    expect(parseXRoadClientId('FI/MUN/1234567-8')).toEqual({ instance: 'FI', memberClass: 'MUN', memberCode: '1234567-8' })
    expect(parseXRoadServiceId('FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely')).toEqual({ instance: 'FI', memberClass: 'GOV', memberCode: '0245437-2', subsystemCode: 'VTJkysely', serviceCode: 'HenkilonTunnusKysely' })
    expect(() => parseXRoadClientId('FI/MUN')).toThrow(RangeError)
    expect(() => parseXRoadServiceId('FI/GOV/0245437-2/VTJkysely')).toThrow(RangeError)
  })

  it('loadVtjConfig: off without HUOMA_VTJ_URL, complete with it, refuses half a configuration', () => {
    expect(loadVtjConfig({})).toBeNull()
    expect(() => loadVtjConfig({ HUOMA_VTJ_URL: 'https://ss.example.invalid' })).toThrow(/HUOMA_VTJ_XROAD_CLIENT/)
    expect(() => loadVtjConfig({ HUOMA_VTJ_URL: 'https://ss', HUOMA_VTJ_XROAD_CLIENT: 'FI/MUN/1/x', HUOMA_VTJ_TIMEOUT_MS: 'soon' })).toThrow(/TIMEOUT/)
    expect(
      loadVtjConfig({
        HUOMA_VTJ_URL: 'https://ss.example.invalid/',
        HUOMA_VTJ_XROAD_CLIENT: 'FI/MUN/1234567-8/huoma',
        HUOMA_VTJ_CLIENT_CERT: '/etc/huoma/vtj.pem',
        HUOMA_VTJ_CLIENT_KEY: '/etc/huoma/vtj.key',
        HUOMA_VTJ_CA: '/etc/huoma/ss-ca.pem',
        HUOMA_VTJ_TIMEOUT_MS: '5000',
        HUOMA_VTJ_CHANGES_URL: 'https://ss.example.invalid/r1/FI/GOV/0245437-2/VTJmutpa/api/v1',
        HUOMA_VTJ_CHANGES_USERNAME: 'mutpa',
        HUOMA_VTJ_CHANGES_PASSWORD: 'x',
        HUOMA_VTJ_ALLOW_TEST_HETU: 'true',
      }),
    ).toEqual({
      url: 'https://ss.example.invalid/',
      xroadClient: { instance: 'FI', memberClass: 'MUN', memberCode: '1234567-8', subsystemCode: 'huoma' },
      xroadService: { instance: 'FI', memberClass: 'GOV', memberCode: '0245437-2', subsystemCode: 'VTJkysely', serviceCode: 'HenkilonTunnusKysely', serviceVersion: 'v1' },
      timeoutMs: 5000,
      allowTemporaryHetu: true,
      verifyHostname: true,
      clientCertPath: '/etc/huoma/vtj.pem',
      clientKeyPath: '/etc/huoma/vtj.key',
      caPath: '/etc/huoma/ss-ca.pem',
      changes: { url: 'https://ss.example.invalid/r1/FI/GOV/0245437-2/VTJmutpa/api/v1', username: 'mutpa', password: 'x' },
    })
  })

  it('createVtjConnector: the simulator unless HUOMA_VTJ_URL is set', () => {
    const sim = createVtjConnector({ env: {}, simulator: { count: 5, referenceDate: '2026-03-01' } })
    expect(sim.kind).toBe('simulator')
    expect(sim.client).toBeInstanceOf(VtjSimulator)
    const real = createVtjConnector({ env: { HUOMA_VTJ_URL: 'http://127.0.0.1:9', HUOMA_VTJ_XROAD_CLIENT: 'FI/MUN/1234567-8/huoma' } })
    expect(real.kind).toBe('xroad')
    real.close()
  })
})
