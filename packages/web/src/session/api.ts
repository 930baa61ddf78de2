import type { LoginRequest, LoginResponse } from '@huoma/contract'
import { apiRequest } from '../api/client'

export async function fetchCurrentUser(): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/auth/me')
}

export async function login(credentials: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/auth/login', { method: 'POST', body: credentials })
}

export async function logout(): Promise<void> {
  await apiRequest<void>('/api/auth/logout', { method: 'POST' })
}
