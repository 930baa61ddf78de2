import { providersEndpoints as ep, type ProviderInput, type ProviderQuery, type ProviderUpdate } from '@huoma/contract'
import { callApi } from '../../api/endpoint'

/** Calls of the provider register (palveluntuottajarekisteri), typed by the contract. */
export const providersApi = {
  search: (query: ProviderQuery, signal?: AbortSignal) => callApi(ep['providers.list'], { query, ...(signal ? { signal } : {}) }),
  read: (providerId: string, signal?: AbortSignal) => callApi(ep['providers.read'], { params: { providerId }, ...(signal ? { signal } : {}) }),
  create: (body: ProviderInput) => callApi(ep['providers.create'], { body }),
  update: (providerId: string, body: ProviderUpdate) => callApi(ep['providers.update'], { params: { providerId }, body }),
}
