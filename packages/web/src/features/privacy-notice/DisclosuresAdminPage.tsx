import { DISCLOSURE_FREQUENCIES, noticeEndpoints, type RegularDisclosure, type RegularDisclosureInput } from '@huoma/contract'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { callApi, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { serviceTaskName } from '../../lib/labels'
import { can, useUser } from '../../session/context'
import { CommitmentPanel, PaperRecordsPanel, SettingsPanel } from './AdminPanels'
import { RegularRunsPanel } from './RegularRunsPanel'
import { TASKS } from './tasks'

const TEXT_FIELDS = ['recipientFi', 'recipientSv', 'legalBasisFi', 'legalBasisSv', 'contentFi', 'contentSv'] as const

const EMPTY: RegularDisclosureInput = { serviceTask: 'income_support', recipientFi: '', recipientSv: '', legalBasisFi: '', legalBasisSv: '', contentFi: '', contentSv: '', frequency: 'per_event' }

/**
 * The main user's page of the privacy notice's configuration: the regular disclosures per service task (Kela, THL, the enforcement office…): every change regenerates
 * the public privacy notice, which lists the active ones.
 */
export function DisclosuresAdminPage() {
  const { t } = useTranslation()
  const user = useUser()
  const list = useEndpoint(noticeEndpoints['notice.regularDisclosures'])
  const [form, setForm] = useState<RegularDisclosureInput>(EMPTY)
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  async function run(work: () => Promise<unknown>) {
    setBusy(true)
    setSaved(false)
    try {
      await work()
      setError(undefined)
      setSaved(true)
      list.reload()
    } catch (e) {
      setError({ text: describeError(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] })
    } finally {
      setBusy(false)
    }
  }

  const add = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      await callApi(noticeEndpoints['notice.createRegularDisclosure'], { body: form })
      setForm(EMPTY)
    })
  }
  const end = (d: RegularDisclosure) => {
    const { id, ...rest } = d
    void run(() => callApi(noticeEndpoints['notice.updateRegularDisclosure'], { params: { itemId: id }, body: { ...rest, active: false } }))
  }

  return (
    <Page title={t('privacyNotice.admin.title')}>
      <p>
        <Link to="/tietosuojaseloste">{t('privacyNotice.admin.publicPage')}</Link>
      </p>
      <h2>{t('privacyNotice.admin.disclosures')}</h2>
      {list.status === 'success' && (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('privacyNotice.admin.serviceTask')}</th>
              <th scope="col">{t('privacyNotice.admin.recipientFi')}</th>
              <th scope="col">{t('privacyNotice.admin.legalBasisFi')}</th>
              <th scope="col">{t('privacyNotice.admin.frequency')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.data.disclosures.map((d) => (
              <tr key={d.id}>
                <td>{serviceTaskName(t, d.serviceTask)}</td>
                <td>{d.recipientFi}</td>
                <td>{d.legalBasisFi}</td>
                <td>{t(`privacyNotice.admin.frequencies.${d.frequency}`)}</td>
                <td>
                  {d.active ? (
                    <button type="button" className="button button-small" onClick={() => end(d)} disabled={busy}>
                      {t('privacyNotice.admin.end')}
                    </button>
                  ) : (
                    <span className="muted">{t('privacyNotice.admin.ended')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={add} className="form-grid">
        <h2>{t('privacyNotice.admin.add')}</h2>
        <ErrorAlert error={error?.text} messages={error?.messages} />
        {saved && <p role="status">{t('privacyNotice.admin.saved')}</p>}
        <label htmlFor="rd-task">{t('privacyNotice.admin.serviceTask')}</label>
        <select id="rd-task" value={form.serviceTask} onChange={(e) => setForm({ ...form, serviceTask: e.target.value as RegularDisclosureInput['serviceTask'] })}>
          {TASKS.map((task) => (
            <option key={task} value={task}>
              {serviceTaskName(t, task)}
            </option>
          ))}
        </select>
        {TEXT_FIELDS.map((field) => (
          <div key={field}>
            <label htmlFor={`rd-${field}`}>{t(`privacyNotice.admin.${field}`)}</label>
            <input id={`rd-${field}`} value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
          </div>
        ))}
        <label htmlFor="rd-frequency">{t('privacyNotice.admin.frequency')}</label>
        <select id="rd-frequency" value={form.frequency} onChange={(e) => setForm({ ...form, frequency: e.target.value as RegularDisclosureInput['frequency'] })}>
          {DISCLOSURE_FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t(`privacyNotice.admin.frequencies.${f}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('privacyNotice.admin.add')}
        </button>
      </form>
      {can(user, 'disclosures:regular-read') && <RegularRunsPanel />}
      <PaperRecordsPanel />
      <SettingsPanel />
      {can(user, 'commitment:manage') && <CommitmentPanel />}
    </Page>
  )
}
