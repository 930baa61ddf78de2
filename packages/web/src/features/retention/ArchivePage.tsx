import { archiveEndpoints as ep } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, endpointPath, useEndpoint } from '../../api/endpoint'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Page } from '../../components/Page'
import { formatDate, formatDateTime } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'
import { can, useUser } from '../../session/context'
import './retention.css'

/**
 * Arkistointi (`archive:packages`): the registers kept permanently whose matters are closed, ready for the archive
 * (`archive:candidates`, the archive officer), a package of them made behind a confirmation (`archive:package`), and
 * the packages made with their checksums and the zip to hand over (`archive:download`).
 */
export function ArchivePage() {
  const { t } = useTranslation()
  const user = useUser()
  const packages = useEndpoint(ep['archive.packages'])
  const [notice, setNotice] = useState<string>()

  return (
    <Page title={t('retention.archive.title')}>
      <p className="lead">{t('retention.archive.intro')}</p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={packages.status === 'error' ? packages.error : undefined} />
      {can(user, 'archive:candidates') && (
        <ReadyForArchive
          onMade={(text) => {
            setNotice(text)
            packages.reload()
          }}
        />
      )}
      <section aria-labelledby="archive-packages">
        <h2 id="archive-packages">{t('retention.archive.packages')}</h2>
        {packages.status === 'success' && packages.data.packages.length === 0 && <p>{t('retention.archive.noPackages')}</p>}
        {packages.status === 'success' && packages.data.packages.length > 0 && (
          <table className="retention-table">
            <caption>{t('retention.archive.packagesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.archive.columns.number')}</th>
                <th scope="col">{t('retention.archive.columns.made')}</th>
                <th scope="col">{t('retention.archive.columns.maker')}</th>
                <th scope="col">{t('retention.archive.columns.contents')}</th>
                <th scope="col">{t('retention.archive.columns.checksum')}</th>
                <th scope="col">{t('retention.archive.columns.file')}</th>
              </tr>
            </thead>
            <tbody>
              {packages.data.packages.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.number}</th>
                  <td>{formatDateTime(p.createdAt)}</td>
                  <td>{p.createdBy ?? '–'}</td>
                  <td>{t('retention.archive.contents', { clients: p.clients, documents: p.documents, kb: Math.ceil(p.bytes / 1024) })}</td>
                  <td>
                    <code className="checksum" title={p.sha256}>
                      {p.sha256.slice(0, 16)}…
                    </code>
                  </td>
                  <td>
                    {can(user, 'archive:download') ? (
                      <a href={endpointPath(ep['archive.download'], { params: { packageId: p.id } })} download={`arkistopaketti-${p.number}.zip`}>
                        {t('retention.archive.download', { number: p.number })}
                      </a>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  )
}

/** The registers ready for the archive (the archive officer's), and making a package of them behind a confirmation. */
function ReadyForArchive({ onMade }: { onMade: (notice: string) => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const candidates = useEndpoint(ep['archive.candidates'], {})
  const [confirm, setConfirm] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorText>()
  const registerName = (r: string) => (r === 'client' ? t('retention.client') : serviceTaskName(t, r))
  const ready = candidates.status === 'success' ? candidates.data : undefined
  const clients = ready ? new Set(ready.candidates.map((c) => c.personId)).size : 0

  async function make() {
    setBusy(true)
    setError(undefined)
    try {
      const made = await callApi(ep['archive.create'], { body: {} })
      onMade(made ? t('retention.archive.made', { number: made.number, clients: made.clients, documents: made.documents }) : t('retention.archive.nothing'))
      setConfirm(false)
      candidates.reload()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="archive-ready">
      <h2 id="archive-ready">{t('retention.archive.ready')}</h2>
      <ErrorAlert error={error ?? (candidates.status === 'error' ? candidates.error : undefined)} />
      {candidates.status === 'loading' && <p>{t('retention.lists.loading')}</p>}
      {ready && ready.total === 0 && <p>{t('retention.archive.noneReady')}</p>}
      {ready && ready.total > 0 && (
        <>
          <p>{t('retention.archive.readyCount', { count: ready.total, clients })}</p>
          {can(user, 'archive:package') && (
            <p>
              <button type="button" className="button" disabled={busy} onClick={() => setConfirm(true)}>
                {t('retention.archive.make')}
              </button>
            </p>
          )}
          <table className="retention-table">
            <caption>{t('retention.archive.readyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.archive.columns.client')}</th>
                <th scope="col">{t('retention.archive.columns.identity')}</th>
                <th scope="col">{t('retention.archive.columns.register')}</th>
                <th scope="col">{t('retention.archive.columns.reason')}</th>
                <th scope="col">{t('retention.archive.columns.closed')}</th>
              </tr>
            </thead>
            <tbody>
              {ready.candidates.map((c) => (
                <tr key={`${c.personId}-${c.register}`}>
                  <th scope="row">{c.name}</th>
                  <td>{c.identity ?? '–'}</td>
                  <td>{registerName(c.register)}</td>
                  <td>{t(`retention.archive.reasons.${c.reason}`)}</td>
                  <td>{formatDate(c.closedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {confirm && (
        <ConfirmDialog
          title={t('retention.archive.confirmTitle')}
          confirmLabel={t('retention.archive.make')}
          busy={busy}
          onCancel={() => setConfirm(false)}
          onConfirm={() => void make()}
        >
          <p>{t('retention.archive.confirmBody', { clients: Math.min(clients, 200) })}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
