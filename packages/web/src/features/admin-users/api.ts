import { adminEndpoints as ep, type CreateGrantRequest, type CreateUserRequest, type FileGrantRequest, type UpdateUserRequest } from '@huoma/contract'
import { callApi } from '../../api/endpoint'

/** Calls of Käyttäjät ja oikeudet, typed by the contract; the pages read through `useEndpoint(adminEndpoints[…])`. */
export const adminApi = {
  createUser: (body: CreateUserRequest) => callApi(ep['admin.createUser'], { body }),
  updateUser: (id: string, body: UpdateUserRequest) => callApi(ep['admin.updateUser'], { params: { id }, body }),
  deactivate: (id: string, version: number) => callApi(ep['admin.deactivateUser'], { params: { id }, body: { version } }),
  reactivate: (id: string, version: number) => callApi(ep['admin.reactivateUser'], { params: { id }, body: { version } }),
  resetMfa: (id: string, version: number) => callApi(ep['admin.resetMfa'], { params: { id }, body: { version } }),
  createGrant: (userId: string, body: CreateGrantRequest) => callApi(ep['admin.createGrant'], { params: { id: userId }, body }),
  endGrant: (grantId: string) => callApi(ep['admin.endGrant'], { params: { id: grantId } }),
  fileRequest: (body: FileGrantRequest) => callApi(ep['admin.fileGrantRequest'], { body }),
  grantRequest: (id: string) => callApi(ep['admin.approveGrantRequest'], { params: { id } }),
  refuseRequest: (id: string) => callApi(ep['admin.refuseGrantRequest'], { params: { id } }),
}
