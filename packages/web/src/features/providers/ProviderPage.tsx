import { providersEndpoints, type Provider, type ProviderHistory, type ProviderInput } from '@huoma/contract'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router'
import { ApiError } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDateTime, MISSING } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { providersApi } from './api'
import { groupedIban, serviceTypeNames, validityText } from './format'
import { ProviderForm } from './ProviderForm'
import './providers.css'

/**
 * One provider (/providers/:providerId, action `providers:read`): its details, its change history (every version
 * with who and when), and for finance (`providers:write`) the form that changes it at the version shown — a change
 * someone else saved first is refused (409) and said so, with a way to load the latest.
 */
export function ProviderPage() {
  const { t } = useTranslation()
  const { providerId = '' } = useParams()
  const location = useLocation()
  const created = (location.state as { created?: boolean } | null)?.created === true
  const detail = useEndpoint(providersEndpoints['providers.read'], { params: { providerId } })
  const [shown, setShown] = useState<ProviderHistory>()
  if (detail.status === 'success' && detail.data !== shown) setShown(detail.data)

  if (!shown) {
    return (
      <Page title={t('providers.title')}>
        <p>
          <Link to="/providers">{t('providers.detail.back')}</Link>
        </p>
        {detail.status === 'error' ? <ErrorAlert error={detail.error} /> : <p role="status">{t('providers.detail.loading')}</p>}
      </Page>
    )
  }
  return <ProviderDetail key={shown.provider.id} history={shown} created={created} reload={detail.reload} />
}

function ProviderDetail({ history, created, reload }: { history: ProviderHistory; created: boolean; reload: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const { provider } = history
  const [notice, setNotice] = useState(created ? t('providers.form.created', { name: provider.name }) : '')
  const [editing, setEditing] = useState(false)
  const [conflict, setConflict] = useState(false)
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const mayWrite = can(user, 'providers:write')

  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])

  async function save(input: ProviderInput) {
    try {
      const saved = await providersApi.update(provider.id, { ...input, version: provider.version })
      setConflict(false)
      setEditing(false)
      setNotice(t('providers.form.saved', { version: saved.version }))
      reload()
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        setConflict(true)
        return
      }
      throw failure
    }
  }

  function loadLatest() {
    setConflict(false)
    setEditing(false)
    setNotice('')
    reload()
  }

  return (
    <Page title={provider.name}>
      <p>
        <Link to="/providers">{t('providers.detail.back')}</Link>
      </p>
      <div role="status" className="status-region">
        {notice && (
          <p className="notice" tabIndex={-1} ref={noticeRef}>
            {notice}
          </p>
        )}
      </div>
      <ProviderFacts provider={provider} />
      {mayWrite && !editing && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice('')
              setEditing(true)
            }}
          >
            {t('providers.detail.edit')}
          </button>
        </div>
      )}
      {mayWrite && editing && (
        <section className="panel prov-panel" aria-labelledby="prov-edit-heading">
          <h2 id="prov-edit-heading">{t('providers.form.editTitle')}</h2>
          <ProviderForm
            key={provider.version}
            provider={provider}
            submitLabel={t('providers.form.save')}
            onSave={save}
            onCancel={() => {
              setConflict(false)
              setEditing(false)
            }}
            conflict={
              conflict ? (
                <div role="alert" className="alert-region">
                  <div className="alert alert-error">
                    <p className="alert-title">{t('providers.form.conflict')}</p>
                    <button type="button" className="button" onClick={loadLatest}>
                      {t('providers.form.reload')}
                    </button>
                  </div>
                </div>
              ) : undefined
            }
          />
        </section>
      )}
      <ChangeHistory changes={history.changes} />
    </Page>
  )
}

function ProviderFacts({ provider: p }: { provider: Provider }) {
  const { t } = useTranslation()
  const address = [p.street, [p.postalCode, p.postOffice].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  const contact = [p.phone, p.email].filter(Boolean).join(', ')
  return (
    <dl className="facts prov-facts">
      <dt>{t('providers.detail.number')}</dt>
      <dd>{p.number}</dd>
      <dt>{t('providers.fields.businessId')}</dt>
      <dd>{p.businessId ?? MISSING}</dd>
      <dt>{t('providers.fields.iban')}</dt>
      <dd className="prov-mono">{p.iban ? groupedIban(p.iban) : MISSING}</dd>
      <dt>{t('providers.fields.bic')}</dt>
      <dd className="prov-mono">{p.bic ?? MISSING}</dd>
      <dt>{t('providers.fields.serviceTypes')}</dt>
      <dd>{serviceTypeNames(t, p.serviceTypes)}</dd>
      <dt>{t('providers.detail.validity')}</dt>
      <dd>
        {validityText(t, p)}{' '}
        <span className={p.active ? 'badge badge-ok' : 'badge badge-muted'}>{p.active ? t('providers.active') : t('providers.inactive')}</span>
      </dd>
      <dt>{t('providers.detail.address')}</dt>
      <dd>{address || MISSING}</dd>
      <dt>{t('providers.detail.contact')}</dt>
      <dd>{contact || MISSING}</dd>
    </dl>
  )
}

function ChangeHistory({ changes }: { changes: ProviderHistory['changes'] }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section className="prov-history" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('providers.detail.history')}</h2>
      <p className="muted">{t('providers.detail.historyIntro')}</p>
      <table className="compact prov-history-table">
        <caption className="visually-hidden">{t('providers.detail.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('providers.detail.version')}</th>
            <th scope="col">{t('providers.detail.changedBy')}</th>
            <th scope="col">{t('providers.detail.changedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.version}>
              <th scope="row">{c.version}</th>
              <td>{c.changedBy ?? t('providers.detail.unknownUser')}</td>
              <td>{formatDateTime(c.changedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
