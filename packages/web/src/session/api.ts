import type { LoginRequest, LoginResponse, SessionUser } from '@huoma/contract'
import { apiRequest } from '../api/client'

export async function fetchCurrentUser(): Promise<SessionUser> {
  return (await apiRequest<LoginResponse>('/api/auth/me')).user
}

export async function login(credentials: LoginRequest): Promise<SessionUser> {
  return (await apiRequest<LoginResponse>('/api/auth/login', { method: 'POST', body: credentials })).user
}

export async function logout(): Promise<void> {
  await apiRequest<void>('/api/auth/logout', { method: 'POST' })
}
