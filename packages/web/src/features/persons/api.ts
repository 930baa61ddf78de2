import { personsEndpoints as ep, vtjEndpoints as vtj, type EndpointBody, type PersonSearchQuery } from '@huoma/contract'
import { callApi } from '../../api/endpoint'

/** The client registry's calls, typed by the contract (persons and the population register's endpoints). */
type Body<K extends keyof typeof ep> = EndpointBody<(typeof ep)[K]>
type VtjBody<K extends keyof typeof vtj> = EndpointBody<(typeof vtj)[K]>

export const personsApi = {
  search: (query: PersonSearchQuery, signal?: AbortSignal) => callApi(ep['persons.search'], { query, signal }),
  card: (id: string, signal?: AbortSignal) => callApi(ep['persons.card'], { params: { id }, signal }),
  create: (body: Body<'persons.create'>) => callApi(ep['persons.create'], { body }),
  update: (id: string, body: Body<'persons.update'>) => callApi(ep['persons.update'], { params: { id }, body }),
  protectedAddress: (id: string) => callApi(ep['persons.protectedAddress'], { params: { id } }),
  merge: (id: string, body: Body<'persons.merge'>) => callApi(ep['persons.merge'], { params: { id }, body }),
  openRelationship: (id: string, body: Body<'persons.openRelationship'>) => callApi(ep['persons.openRelationship'], { params: { id }, body }),
  endRelationship: (id: string, relationshipId: string, body: Body<'persons.endRelationship'>) =>
    callApi(ep['persons.endRelationship'], { params: { id, relationshipId }, body }),
  addFamilyRelation: (id: string, body: Body<'persons.addFamilyRelation'>) => callApi(ep['persons.addFamilyRelation'], { params: { id }, body }),
  endFamilyRelation: (id: string, relationId: string, body: Body<'persons.endFamilyRelation'>) =>
    callApi(ep['persons.endFamilyRelation'], { params: { id, relationId }, body }),
  startHousehold: (id: string, body: Body<'persons.startHousehold'>) => callApi(ep['persons.startHousehold'], { params: { id }, body }),
  addHouseholdMember: (id: string, body: Body<'persons.addHouseholdMember'>) => callApi(ep['persons.addHouseholdMember'], { params: { id }, body }),
  endHouseholdMember: (id: string, memberId: string, body: Body<'persons.endHouseholdMember'>) =>
    callApi(ep['persons.endHouseholdMember'], { params: { id, memberId }, body }),
  contacts: (id: string, signal?: AbortSignal) => callApi(ep['persons.contacts'], { params: { id }, signal }),
  addContact: (id: string, body: Body<'persons.addContact'>) => callApi(ep['persons.addContact'], { params: { id }, body }),
  updateContact: (id: string, contactId: string, body: Body<'persons.updateContact'>) => callApi(ep['persons.updateContact'], { params: { id, contactId }, body }),
  endContact: (id: string, contactId: string, body: Body<'persons.endContact'>) => callApi(ep['persons.endContact'], { params: { id, contactId }, body }),
  lifeSituation: (id: string, signal?: AbortSignal) => callApi(ep['persons.lifeSituation'], { params: { id }, signal }),
  recordLifeSituation: (id: string, body: Body<'persons.recordLifeSituation'>) => callApi(ep['persons.recordLifeSituation'], { params: { id }, body }),
  breakGlass: (id: string, body: Body<'persons.breakGlass'>) => callApi(ep['persons.breakGlass'], { params: { id }, body }),
  vtjQuery: (body: VtjBody<'vtj.query'>) => callApi(vtj['vtj.query'], { body }),
  createFromVtj: (body: VtjBody<'persons.fromVtj'>) => callApi(vtj['persons.fromVtj'], { body }),
  refreshFromVtj: (id: string, body: VtjBody<'persons.refreshFromVtj'>) => callApi(vtj['persons.refreshFromVtj'], { params: { id }, body }),
}
