import type {
  CreateGrantRequest,
  CreateUserRequest,
  CreateUserResponse,
  FileGrantRequest,
  GrantRequestView,
  GrantView,
  StaffUserView,
  UpdateUserRequest,
} from '@huoma/contract'
import { apiRequest } from '../../api/client'

/** Calls of Käyttäjät ja oikeudet (`/api/admin/...`); reads go through useApi with these paths. */
export const adminPaths = {
  organisation: '/api/admin/organisation',
  requestOptions: '/api/admin/grant-requests/options',
  users: (q: string, status: string) => {
    const params = new URLSearchParams()
    if (q.trim()) params.set('q', q.trim())
    params.set('status', status)
    return `/api/admin/users?${params.toString()}`
  },
  user: (id: string) => `/api/admin/users/${encodeURIComponent(id)}`,
  requests: (status: 'open' | 'decided' | 'all') => `/api/admin/grant-requests?status=${status}`,
}

export const adminApi = {
  createUser: (body: CreateUserRequest) => apiRequest<CreateUserResponse>('/api/admin/users', { method: 'POST', body }),
  updateUser: (id: string, body: UpdateUserRequest) => apiRequest<StaffUserView>(adminPaths.user(id), { method: 'PATCH', body }),
  deactivate: (id: string, version: number) =>
    apiRequest<StaffUserView>(`${adminPaths.user(id)}/deactivate`, { method: 'POST', body: { version } }),
  reactivate: (id: string, version: number) =>
    apiRequest<StaffUserView>(`${adminPaths.user(id)}/reactivate`, { method: 'POST', body: { version } }),
  resetMfa: (id: string, version: number) => apiRequest<StaffUserView>(`${adminPaths.user(id)}/reset-mfa`, { method: 'POST', body: { version } }),
  createGrant: (userId: string, body: CreateGrantRequest) =>
    apiRequest<GrantView>(`${adminPaths.user(userId)}/grants`, { method: 'POST', body }),
  endGrant: (grantId: string) => apiRequest<GrantView>(`/api/admin/grants/${encodeURIComponent(grantId)}/end`, { method: 'POST' }),
  fileRequest: (body: FileGrantRequest) => apiRequest<GrantRequestView>('/api/admin/grant-requests', { method: 'POST', body }),
  grantRequest: (id: string) => apiRequest<GrantRequestView>(`/api/admin/grant-requests/${encodeURIComponent(id)}/grant`, { method: 'POST' }),
  refuseRequest: (id: string) => apiRequest<GrantRequestView>(`/api/admin/grant-requests/${encodeURIComponent(id)}/refuse`, { method: 'POST' }),
}
