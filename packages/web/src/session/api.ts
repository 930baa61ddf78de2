import { authEndpoints as ep, type LoginRequest } from '@huoma/contract'
import { callApi } from '../api/endpoint'

export function fetchCurrentUser() {
  return callApi(ep['auth.me'])
}

export function login(credentials: LoginRequest) {
  return callApi(ep['auth.login'], { body: credentials })
}

export async function logout(): Promise<void> {
  await callApi(ep['auth.logout'])
}
