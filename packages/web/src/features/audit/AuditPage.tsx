import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { Page } from '../../components/Page'
import { BreakGlassReviews } from './BreakGlassReviews'
import { ClientReport } from './ClientReport'
import { LogSearch } from './LogSearch'
import { RightsRequests } from './RightsRequests'
import { SampleReviews } from './SampleReviews'
import './audit.css'

const VIEWS = ['log', 'breakGlass', 'sample', 'report', 'rights'] as const
type View = (typeof VIEWS)[number]

const isView = (value: string | null): value is View => (VIEWS as readonly (string | null)[]).includes(value)

/**
 * Lokivalvonta: the data protection officer's tools (actions `audit:read`, `audit:review`, `audit:client-report`,
 * `rights:*`). Five views behind tabs (WAI-ARIA tabs: arrow keys, Home and End move between them). A link may open a view with
 * `?view=`; switching tabs does not navigate, so the focus stays on the tab (a navigation moves it to the heading).
 */
export function AuditPage() {
  const { t } = useTranslation()
  const id = useId()
  const [params] = useSearchParams()
  const [view, setView] = useState<View>(() => {
    const requested = params.get('view')
    return isView(requested) ? requested : 'log'
  })
  const [client, setClient] = useState('')
  const tabs = useRef<Partial<Record<View, HTMLButtonElement | null>>>({})

  function select(next: View, focus = false) {
    setView(next)
    if (focus) tabs.current[next]?.focus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = VIEWS.indexOf(view)
    const next =
      event.key === 'ArrowRight'
        ? VIEWS[(index + 1) % VIEWS.length]
        : event.key === 'ArrowLeft'
          ? VIEWS[(index - 1 + VIEWS.length) % VIEWS.length]
          : event.key === 'Home'
            ? VIEWS[0]
            : event.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined
    if (!next) return
    event.preventDefault()
    select(next, true)
  }

  return (
    <Page title={t('audit.title')}>
      <p className="lead">{t('audit.description')}</p>
      <div role="tablist" aria-label={t('audit.tabsLabel')} className="tabs" onKeyDown={onKeyDown}>
        {VIEWS.map((v) => (
          <button
            key={v}
            ref={(el) => {
              tabs.current[v] = el
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${v}`}
            aria-selected={view === v}
            aria-controls={`${id}-panel-${v}`}
            tabIndex={view === v ? 0 : -1}
            className="tab"
            onClick={() => select(v)}
          >
            {t(`audit.tabs.${v}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel-${view}`} aria-labelledby={`${id}-tab-${view}`} className="tab-panel">
        {view === 'log' && (
          <LogSearch
            onReportFor={(clientId) => {
              setClient(clientId)
              select('report', true)
            }}
          />
        )}
        {view === 'breakGlass' && <BreakGlassReviews />}
        {view === 'sample' && <SampleReviews />}
        {view === 'report' && <ClientReport key={client} clientId={client} />}
        {view === 'rights' && <RightsRequests />}
      </div>
    </Page>
  )
}
