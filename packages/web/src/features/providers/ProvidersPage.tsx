import { PROVIDER_SERVICE_TYPES, type PageInfo, type Provider, type ProviderQuery, type ProviderServiceType } from '@huoma/contract'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { Pager } from '../../components/Pager'
import { MISSING } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { providersApi } from './api'
import { groupedIban, serviceTypeNames, validityText } from './format'
import './providers.css'

/** How long typing may pause before the list is searched again (ms). */
const TYPING_PAUSE_MS = 250

const isServiceType = (value: string | null): value is ProviderServiceType =>
  value !== null && (PROVIDER_SERVICE_TYPES as readonly string[]).includes(value)

/**
 * Palveluntuottajat (action `providers:read`): the register searched by name or Y-tunnus as one types, by service
 * type, and — when asked — with the providers whose validity has ended. The search lives in the URL (?q=, ?type=,
 * ?all=1), so that coming back from a provider returns to the same list. Finance (`providers:write`) adds providers.
 */
export function ProvidersPage() {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const typeParam = params.get('type')
  const serviceType = isServiceType(typeParam) ? typeParam : undefined
  const all = params.get('all') === '1'
  const offsetParam = Number.parseInt(params.get('offset') ?? '', 10)
  const offset = Number.isFinite(offsetParam) && offsetParam > 0 ? offsetParam : 0
  const [text, setText] = useState(q)
  const [shownQ, setShownQ] = useState(q)
  const [list, setList] = useState<{ key: string; providers?: Provider[]; page?: PageInfo; error?: ErrorText }>()

  // Back and forward change ?q=: the field follows the URL.
  if (q !== shownQ) {
    setShownQ(q)
    setText(q)
  }

  /** Changes the search in the URL (replacing the entry: typing is not history), from its latest state. */
  function update(changes: { q?: string; type?: string; all?: boolean; offset?: number }) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous)
        const set = (name: string, value: string | undefined) => (value ? next.set(name, value) : next.delete(name))
        if (changes.q !== undefined) set('q', changes.q.trim())
        if (changes.type !== undefined) set('type', changes.type)
        if (changes.all !== undefined) set('all', changes.all ? '1' : undefined)
        // a new search starts from its first page
        set('offset', changes.offset ? String(changes.offset) : undefined)
        return next
      },
      { replace: true },
    )
  }

  // Typing searches once the typing pauses.
  useEffect(() => {
    if (text.trim() === q) return
    const timer = setTimeout(() => {
      setShownQ(text.trim())
      update({ q: text })
    }, TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
    // `update` works on the URL's latest state; the pause restarts only when the text changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, q])

  const query: ProviderQuery = { q: q || undefined, serviceType, all: all || undefined, offset: offset || undefined }
  const key = JSON.stringify(query)
  useEffect(() => {
    const controller = new AbortController()
    providersApi.search(JSON.parse(key) as ProviderQuery, controller.signal).then(
      ({ providers, ...page }) => setList({ key, providers, page }),
      (error: unknown) => {
        if (!controller.signal.aborted) setList({ key, error: describeError(error) })
      },
    )
    return () => controller.abort()
  }, [key])

  // While a new search runs, the previous answer stays on the screen.
  const providers = list?.providers
  const loading = list?.key !== key

  return (
    <Page title={t('providers.title')}>
      <p className="lead">{t('providers.intro')}</p>
      {can(user, 'providers:write') && (
        <p>
          <Link className="button button-primary" to="/providers/new">
            {t('providers.add')}
          </Link>
        </p>
      )}
      <form className="prov-filters" role="search" aria-label={t('providers.caption')} onSubmit={(e) => e.preventDefault()}>
        <div className="field prov-search">
          <label htmlFor={`${id}-q`}>{t('providers.search')}</label>
          <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={100} autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('providers.serviceTypeFilter')}</label>
          <select id={`${id}-type`} value={serviceType ?? ''} onChange={(e) => update({ type: e.target.value })}>
            <option value="">{t('providers.allServiceTypes')}</option>
            {PROVIDER_SERVICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`providers.serviceTypes.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="prov-check">
          <input type="checkbox" checked={all} onChange={(e) => update({ all: e.target.checked })} /> {t('providers.showEnded')}
        </label>
      </form>
      <ErrorAlert error={list?.key === key ? list.error : undefined} />
      <div role="status" className="status-region">
        {!loading && providers && providers.length > 0 && <p className="muted">{t('providers.found', { count: list?.page?.total ?? providers.length })}</p>}
      </div>
      {loading && !providers && <p className="muted">{t('providers.loading')}</p>}
      {providers && !(list?.key === key && list.error) && (providers.length === 0 ? !loading && <p className="muted">{t('providers.empty')}</p> : <ProviderTable providers={providers} busy={loading} />)}
      {list?.page && <Pager offset={list.page.offset} limit={list.page.limit} total={list.page.total} onOffset={(o) => update({ offset: o })} />}
    </Page>
  )
}

function ProviderTable({ providers, busy }: { providers: Provider[]; busy: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="prov-table" aria-busy={busy || undefined}>
        <caption id={`${id}-caption`}>{t('providers.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('providers.columns.name')}</th>
            <th scope="col">{t('providers.columns.businessId')}</th>
            <th scope="col">{t('providers.columns.iban')}</th>
            <th scope="col">{t('providers.columns.serviceTypes')}</th>
            <th scope="col">{t('providers.columns.validity')}</th>
            <th scope="col">{t('providers.columns.state')}</th>
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id} className={p.active ? undefined : 'prov-inactive'}>
              <th scope="row">
                <Link to={`/providers/${encodeURIComponent(p.id)}`}>{p.name}</Link>
              </th>
              <td className="prov-nowrap">{p.businessId ?? MISSING}</td>
              <td className="prov-nowrap prov-mono">{p.iban ? groupedIban(p.iban) : MISSING}</td>
              <td>{serviceTypeNames(t, p.serviceTypes)}</td>
              <td className="prov-nowrap">{validityText(t, p)}</td>
              <td>
                <span className={p.active ? 'badge badge-ok' : 'badge badge-muted'}>{p.active ? t('providers.active') : t('providers.inactive')}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
