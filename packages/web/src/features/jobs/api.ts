import { jobsEndpoints as ep } from '@huoma/contract'
import { callApi } from '../../api/endpoint'

/** Calls of Ajastetut tehtävät, typed by the contract. */
export const jobsApi = {
  list: (options: { signal?: AbortSignal } = {}) => callApi(ep['jobs.list'], options.signal ? { signal: options.signal } : {}),
  runNow: (name: string) => callApi(ep['jobs.run'], { params: { name } }),
}
