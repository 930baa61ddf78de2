import { describe, expect, it, vi } from 'vitest'
import { ApiError, apiRequest, NetworkError, onSessionExpired } from '../src/api/client'
import { chooseLanguage } from '../src/i18n'
import { json, mockApi, problem } from './helpers'

describe('apiRequest', () => {
  it('sends the UI language and the session cookie, and no CSRF token on reads', async () => {
    document.cookie = 'huoma-csrf=abc123'
    await chooseLanguage('sv')
    const api = mockApi({ 'GET /api/health': () => json({ status: 'ok' }) })
    await expect(apiRequest('/api/health')).resolves.toEqual({ status: 'ok' })
    const [[, init]] = api.fetchMock.mock.calls as [[string, RequestInit]]
    expect(init.credentials).toBe('same-origin')
    const headers = new Headers(init.headers)
    expect(headers.get('accept-language')).toBe('sv')
    expect(headers.has('x-csrf-token')).toBe(false)
  })

  it('sends JSON and the CSRF cookie as x-csrf-token on state-changing requests', async () => {
    document.cookie = 'huoma-csrf=t%3Dk%2Fn'
    const api = mockApi({ 'POST /api/things': () => json({ id: 1 }, 201) })
    await apiRequest('/api/things', { method: 'POST', body: { name: 'Åsa' } })
    const [call] = api.calls('POST /api/things')
    expect(call?.headers.get('x-csrf-token')).toBe('t=k/n')
    expect(call?.headers.get('content-type')).toBe('application/json')
    expect(call?.body).toEqual({ name: 'Åsa' })
  })

  it('sends no CSRF header when the cookie is absent', async () => {
    const api = mockApi({ 'DELETE /api/things/1': () => new Response(null, { status: 204 }) })
    await expect(apiRequest('/api/things/1', { method: 'DELETE' })).resolves.toBeUndefined()
    expect(api.calls('DELETE /api/things/1')[0]?.headers.has('x-csrf-token')).toBe(false)
  })

  it('throws ApiError carrying the problem the server sent', async () => {
    const body = {
      type: 'https://huoma.fi/problems/validation',
      title: 'Tarkista tiedot',
      status: 400,
      errors: [{ field: 'body.username', code: 'minLength', message: 'Anna käyttäjätunnus.' }],
    }
    mockApi({ 'POST /api/auth/login': () => problem(body) })
    const error = await apiRequest('/api/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(400)
    expect((error as ApiError).problem).toEqual(body)
  })

  it('turns an error without a problem body into a translated problem', async () => {
    mockApi({ 'GET /api/health': () => new Response('<html>Bad gateway</html>', { status: 502 }) })
    const error = (await apiRequest('/api/health').catch((e: unknown) => e)) as ApiError
    expect(error.problem).toMatchObject({ status: 502, title: 'Palvelin vastasi virheellä (HTTP 502).' })
  })

  it('throws NetworkError when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    await expect(apiRequest('/api/health')).rejects.toBeInstanceOf(NetworkError)
  })

  it('reports an ended session on 401 outside /api/auth/', async () => {
    const expired = vi.fn()
    const stop = onSessionExpired(expired)
    mockApi({
      'GET /api/persons': () => problem({ title: 'Kirjaudu sisään', status: 401 }),
      'GET /api/auth/me': () => problem({ title: 'Kirjaudu sisään', status: 401 }),
    })
    await apiRequest('/api/auth/me').catch(() => undefined)
    expect(expired).not.toHaveBeenCalled()
    await apiRequest('/api/persons').catch(() => undefined)
    expect(expired).toHaveBeenCalledOnce()
    stop()
  })
})
