import {
  childWelfareCaseEndpoints as cases,
  childWelfareEndpoints as ep,
  childWelfareMeasureEndpoints as measures,
  childWelfarePlanEndpoints as plans,
  childWelfareRecordEndpoints as rec,
  providersEndpoints,
  vtjEndpoints,
  type AddChildInput,
  type AssessmentInput,
  type BanInput,
  type LiftBanInput,
  type SupportMeasuresInput,
  type CareOrderInput,
  type EndPlacementInput,
  type ExtensionInput,
  type PlanInput,
  type UrgentPlacementInput,
  type CloseNotificationInput,
  type InformedInput,
  type NotificationQueueQuery,
  type PublicNotificationInput,
  type RegisterNotificationInput,
  type StartDecisionInput,
  type UrgencyInput,
} from '@huoma/contract'
import { callApi, endpointPath } from '../../api/endpoint'

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

/** The child's child welfare record (`childWelfareRecordEndpoints`, `childWelfareCaseEndpoints`, `childWelfarePlanEndpoints`). */
const placement = (id: string, placementId: string) => ({ id, placementId })

export const recordApi = {
  record: (id: string) => callApi(rec['childWelfare.record'], { params: { id } }),
  completeAssessment: (id: string, matterId: string, body: AssessmentInput) => callApi(rec['childWelfare.completeAssessment'], { params: { id, matterId }, body }),
  urgentPlacement: (id: string, body: UrgentPlacementInput) => callApi(rec['childWelfare.urgentPlacement'], { params: { id }, body }),
  extend: (id: string, placementId: string, body: ExtensionInput) => callApi(rec['childWelfare.extendUrgentPlacement'], { params: placement(id, placementId), body }),
  careOrder: (id: string, body: CareOrderInput) => callApi(rec['childWelfare.careOrder'], { params: { id }, body }),
  filed: (id: string, applicationId: string, filedOn: string) => callApi(rec['childWelfare.courtApplicationFiled'], { params: { id, applicationId }, body: { filedOn } }),
  endPlacement: (id: string, placementId: string, body: EndPlacementInput) => callApi(cases['childWelfare.endPlacement'], { params: placement(id, placementId), body }),
  makePlan: (id: string, body: PlanInput) => callApi(plans['childWelfare.makePlan'], { params: { id }, body }),
  supportMeasures: (id: string, body: SupportMeasuresInput) => callApi(measures['childWelfare.supportMeasures'], { params: { id }, body }),
  endMeasure: (id: string, measureId: string, endsOn: string, version: number) => callApi(measures['childWelfare.endMeasure'], { params: { id, measureId }, body: { endsOn, version } }),
  recordBan: (id: string, body: BanInput) => callApi(measures['childWelfare.recordBan'], { params: { id }, body }),
  liftBan: (id: string, banId: string, body: LiftBanInput) => callApi(measures['childWelfare.liftBan'], { params: { id, banId }, body }),
  /** The providers valid today that take children: family care and institutional care. */
  providers: (serviceType: 'family_care' | 'institutional_care', signal?: AbortSignal) => callApi(providersEndpoints['providers.list'], { query: { serviceType }, ...opts(signal) }),
}

/**
 * The PDF of a decision or of a care order application, in Finnish or Swedish (a link; the server audits the print).
 * With a recipient, a guardian's copy: the child's prohibition to disclose to that guardian is honoured.
 */
const pdfQuery = (language: 'fi' | 'sv', recipient?: string) => (recipient ? { language, recipient } : { language })
export const decisionPdfUrl = (id: string, decisionId: string, language: 'fi' | 'sv', recipient?: string) =>
  endpointPath(rec['childWelfare.decisionPdf'], { params: { id, decisionId }, query: pdfQuery(language, recipient) })
export const applicationPdfUrl = (id: string, applicationId: string, language: 'fi' | 'sv') =>
  endpointPath(rec['childWelfare.courtApplicationPdf'], { params: { id, applicationId }, query: { language } })
export const assessmentPdfUrl = (id: string, matterId: string, language: 'fi' | 'sv', recipient?: string) =>
  endpointPath(measures['childWelfare.assessmentPdf'], { params: { id, matterId }, query: pdfQuery(language, recipient) })
