import { privacyEndpoints as ep, type AccessReportRequest, type AuditLogQuery, type VerdictRequest } from '@huoma/contract'
import { callApi } from '../../api/endpoint'
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from './format'

/** The log search's filters as the form holds them: an empty string is no filter. */
export interface LogFilters {
  clientId: string
  userId: string
  from: string
  to: string
  event: string
  action: string
  outcome: string
}

/** The query of a log search: the filled-in filters in the form's order, then the paging. */
export function logQuery(filters: LogFilters, before: number | undefined, limit: number): AuditLogQuery {
  const given = (value: string) => value || undefined
  return {
    clientId: given(filters.clientId),
    userId: given(filters.userId),
    from: given(filters.from),
    to: given(filters.to),
    event: given(filters.event),
    action: AUDIT_ACTIONS.find((a) => a === filters.action),
    outcome: AUDIT_OUTCOMES.find((o) => o === filters.outcome),
    before,
    limit,
  }
}

/** Calls of the data protection officer's views, typed by the contract; the lists are read with `useEndpoint`. */
export const auditApi = {
  searchLog: (filters: LogFilters, before: number | undefined, limit: number) => callApi(ep['privacy.searchLog'], { query: logQuery(filters, before, limit) }),
  drawSample: () => callApi(ep['privacy.drawSample'], { body: {} }),
  reviewSample: (id: string, body: VerdictRequest) => callApi(ep['privacy.reviewSample'], { params: { id }, body }),
  reviewBreakGlass: (id: string, body: VerdictRequest) => callApi(ep['privacy.reviewBreakGlass'], { params: { id }, body }),
}

/**
 * Asks the server for the client's report and hands the PDF to the browser as a download. The report is a POST
 * (the reason for an older period never goes into a URL or a server log line).
 */
export async function downloadAccessReport(body: AccessReportRequest): Promise<void> {
  const response = await callApi(ep['privacy.accessReport'], { body })
  const blob = await response.blob()
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'selvitys.pdf'
  const url = URL.createObjectURL(blob)
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = name
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
