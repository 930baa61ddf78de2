import type { AccessReportRequest, Problem } from '@huoma/contract'
import { ApiError, CSRF_COOKIE, CSRF_HEADER, NetworkError, readCookie } from '../../api/client'
import { currentLanguage, i18n } from '../../lib/language'

/** Query string of the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}

/**
 * Asks the server for the client's report and hands the PDF to the browser as a download. The report is a POST
 * (the reason for an older period never goes into a URL or a server log line).
 */
export async function downloadAccessReport(body: AccessReportRequest): Promise<void> {
  const headers = new Headers({ Accept: 'application/pdf, application/problem+json', 'Accept-Language': currentLanguage(), 'Content-Type': 'application/json' })
  const csrf = readCookie(CSRF_COOKIE)
  if (csrf) headers.set(CSRF_HEADER, csrf)
  let response: Response
  try {
    response = await fetch('/api/privacy/access-report', { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) })
  } catch (error) {
    throw new NetworkError(error)
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Problem | undefined
    throw new ApiError(problem?.title ? problem : { type: 'about:blank', title: i18n.t('errors.http', { status: response.status }), status: response.status })
  }
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
