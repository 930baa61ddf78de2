import {
  adminEndpoints,
  appointmentsEndpoints,
  attachmentsEndpoints,
  authEndpoints,
  personsEndpoints,
  type platformEndpoints,
  privacyEndpoints,
  type Attachment,
  type Calendar,
  type Health,
  type PersonSearchResult,
} from '@huoma/contract'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { ApiError } from '../src/api/client'
import { callApi, endpointPath, type ApiResult } from '../src/api/endpoint'
import { json, mockApi, problem } from './helpers'

describe('the typed API client', () => {
  it('takes the answer types from the contract: JSON, nothing for 204, the Response for a file', () => {
    expectTypeOf<ApiResult<(typeof platformEndpoints)['platform.health']>>().toEqualTypeOf<Health>()
    expectTypeOf<ApiResult<(typeof personsEndpoints)['persons.search']>>().toEqualTypeOf<PersonSearchResult>()
    expectTypeOf<ApiResult<(typeof authEndpoints)['auth.logout']>>().toEqualTypeOf<undefined>()
    expectTypeOf<ApiResult<(typeof privacyEndpoints)['privacy.reviewSample']>>().toEqualTypeOf<undefined>()
    expectTypeOf<ApiResult<(typeof privacyEndpoints)['privacy.accessReport']>>().toEqualTypeOf<Response>()
    expectTypeOf<ApiResult<(typeof attachmentsEndpoints)['attachments.upload']>>().toEqualTypeOf<Attachment>()
    expectTypeOf<ApiResult<(typeof appointmentsEndpoints)['appointments.calendar']>>().toEqualTypeOf<Calendar>()
  })

  it('fills path parameters and the query in the order given, leaving out undefined values', () => {
    expect(endpointPath(adminEndpoints['admin.readUser'], { params: { id: 'a b/c' } })).toBe('/api/admin/users/a%20b%2Fc')
    expect(
      endpointPath(appointmentsEndpoints['appointments.calendar'], { query: { from: '2030-01-14', to: '2030-01-20', unitId: undefined } }),
    ).toBe('/api/appointments?from=2030-01-14&to=2030-01-20')
    expect(endpointPath(personsEndpoints['persons.search'])).toBe('/api/persons')
    expect(endpointPath(personsEndpoints['persons.search'], { query: { name: 'Vara', limit: 10 } })).toBe('/api/persons?name=Vara&limit=10')
  })

  it('checks the arguments against the contract', () => {
    // @ts-expect-error the calendar's from and to are required
    expect(() => endpointPath(appointmentsEndpoints['appointments.calendar'], { query: { from: '2030-01-14' } })).not.toThrow()
    // @ts-expect-error a path parameter is required
    expect(() => endpointPath(adminEndpoints['admin.readUser'])).toThrow(/Missing path parameter id/)
    // @ts-expect-error not a query parameter of the search
    expect(endpointPath(personsEndpoints['persons.search'], { query: { surname: 'x' } })).toBe('/api/persons?surname=x')
  })

  it('answers undefined for 204, and the problem as ApiError', async () => {
    const api = mockApi({
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
      'POST /api/privacy/samples/s1/verdict': () => problem({ title: 'Jo arvioitu', status: 409 }),
    })
    await expect(callApi(authEndpoints['auth.logout'])).resolves.toBeUndefined()
    const error = await callApi(privacyEndpoints['privacy.reviewSample'], { params: { id: 's1' }, body: { verdict: 'justified', note: '' } }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(409)
    expect(api.calls('POST /api/privacy/samples/s1/verdict')[0]?.body).toEqual({ verdict: 'justified', note: '' })
  })

  it('answers a file endpoint\'s Response, asking for its media type', async () => {
    const api = mockApi({
      'POST /api/privacy/access-report': () => new Response('%PDF-1.7', { status: 200, headers: { 'content-type': 'application/pdf' } }),
    })
    const response = await callApi(privacyEndpoints['privacy.accessReport'], { body: { personId: 'p1', language: 'fi' } })
    expect(await response.text()).toBe('%PDF-1.7')
    const [call] = api.calls('POST /api/privacy/access-report')
    expect(call?.headers.get('accept')).toBe('application/pdf, application/problem+json')
    expect(call?.headers.get('content-type')).toBe('application/json')
  })

  it('sends a FormData body as multipart, without a JSON content type', async () => {
    const saved = { id: 'a1' }
    const api = mockApi({ 'POST /api/persons/p1/attachments/adult_social_work': () => json(saved, 201) })
    const form = new FormData()
    form.append('file', new File(['x'], 'x.txt', { type: 'text/plain' }))
    await expect(callApi(attachmentsEndpoints['attachments.upload'], { params: { id: 'p1', serviceTask: 'adult_social_work' }, body: form })).resolves.toEqual(
      saved,
    )
    const [[, init]] = api.fetchMock.mock.calls as [[string, RequestInit]]
    expect(init.body).toBe(form)
    expect(new Headers(init.headers).has('content-type')).toBe(false)
  })
})
