import {
  childWelfareEndpoints as ep,
  vtjEndpoints,
  type AddChildInput,
  type CloseNotificationInput,
  type InformedInput,
  type NotificationQueueQuery,
  type PublicNotificationInput,
  type RegisterNotificationInput,
  type StartDecisionInput,
  type UrgencyInput,
} from '@huoma/contract'
import { callApi } from '../../api/endpoint'

/** Child welfare's notifications register, typed by the contract (`childWelfareEndpoints`). */
const opts = (signal?: AbortSignal) => (signal ? { signal } : {})
const matter = (notificationId: string, matterId: string) => ({ notificationId, matterId })

export const childWelfareApi = {
  /** The public e-form: no session, rate limited per address. */
  publicNotify: (body: PublicNotificationInput) => callApi(ep['childWelfare.publicNotify'], { body }),
  queue: (query: NotificationQueueQuery, signal?: AbortSignal) => callApi(ep['childWelfare.queue'], { query, ...opts(signal) }),
  register: (body: RegisterNotificationInput) => callApi(ep['childWelfare.register'], { body }),
  notification: (notificationId: string, signal?: AbortSignal) => callApi(ep['childWelfare.notification'], { params: { notificationId }, ...opts(signal) }),
  assessUrgency: (notificationId: string, body: UrgencyInput) => callApi(ep['childWelfare.assessUrgency'], { params: { notificationId }, body }),
  addChild: (notificationId: string, body: AddChildInput) => callApi(ep['childWelfare.addChild'], { params: { notificationId }, body }),
  decideStart: (notificationId: string, matterId: string, body: StartDecisionInput) =>
    callApi(ep['childWelfare.decideStart'], { params: matter(notificationId, matterId), body }),
  recordInformed: (notificationId: string, matterId: string, body: InformedInput) =>
    callApi(ep['childWelfare.recordInformed'], { params: matter(notificationId, matterId), body }),
  close: (notificationId: string, body: CloseNotificationInput) => callApi(ep['childWelfare.close'], { params: { notificationId }, body }),
}

/**
 * Identifying a child: the client registry's search (only persons the user may already see), and the population
 * register by henkilötunnus (the query's purpose is logged), from which a child not yet in the registry is added.
 */
export const identifyApi = {
  search: (notificationId: string, name: string, signal?: AbortSignal) => callApi(ep['childWelfare.findChild'], { params: { notificationId }, body: { name }, ...opts(signal) }),
  vtjQuery: (hetu: string, purpose: string) => callApi(vtjEndpoints['vtj.query'], { body: { hetu, purpose } }),
  registerFromVtj: (hetu: string, purpose: string) => callApi(vtjEndpoints['persons.fromVtj'], { body: { hetu, purpose } }),
}
