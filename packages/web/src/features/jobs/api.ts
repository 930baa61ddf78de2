import type { JobList, JobRunStarted } from '@huoma/contract'
import { apiRequest, type RequestOptions } from '../../api/client'

/** Calls of Ajastetut tehtävät (`/api/admin/jobs`). */
export const jobsApi = {
  list: (options: Pick<RequestOptions, 'signal'> = {}) => apiRequest<JobList>('/api/admin/jobs', options),
  runNow: (name: string) => apiRequest<JobRunStarted>(`/api/admin/jobs/${encodeURIComponent(name)}/run`, { method: 'POST' }),
}
