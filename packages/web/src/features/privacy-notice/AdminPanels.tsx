import { commitmentEndpoints, noticeEndpoints, platformEndpoints, type DataProtectionSettings, type DataProtectionSettingsInput, type PaperRecord, type PaperRecordInput } from '@huoma/contract'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { callApi, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { serviceTaskName } from '../../lib/labels'
import { TASKS } from './tasks'

type Failure = { text: ErrorText; messages: string[] }
const failure = (e: unknown): Failure => ({ text: describeError(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] })

/** Runs a change, then `after`; keeps the refusal and whether it was saved. */
function useChange(after: () => void) {
  const [error, setError] = useState<Failure>()
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true)
    setSaved(false)
    try {
      await work()
      setError(undefined)
      setSaved(true)
      after()
      return true
    } catch (e) {
      setError(failure(e))
      return false
    } finally {
      setBusy(false)
    }
  }
  return { error, saved, busy, run }
}

const SETTINGS_FIELDS = [
  'controllerAddress',
  'controllerEmail',
  'controllerPhone',
  'dpoName',
  'dpoEmail',
  'dpoPhone',
  'dpoAddress',
  'rightsContactFi',
  'rightsContactSv',
  'transfersFi',
  'transfersSv',
  'securityFi',
  'securitySv',
] as const
const LONG = new Set<string>(['rightsContactFi', 'rightsContactSv', 'transfersFi', 'transfersSv', 'securityFi', 'securitySv'])

/** The controller's and the data protection officer's contact and the other parameters of the notice. */
export function SettingsPanel() {
  const settings = useEndpoint(noticeEndpoints['notice.settings'])
  if (settings.status !== 'success') return null
  // a new version read (after saving) starts the form from it
  return <SettingsForm key={settings.data.version} settings={settings.data} reload={settings.reload} />
}

function SettingsForm({ settings, reload }: { settings: DataProtectionSettings; reload: () => void }) {
  const { t } = useTranslation()
  const [form, setForm] = useState<DataProtectionSettingsInput>(() => {
    const { controllerName: _n, businessId: _b, updatedAt: _u, ...input } = settings
    return input
  })
  const change = useChange(reload)

  const save = (event: FormEvent) => {
    event.preventDefault()
    void change.run(() => callApi(noticeEndpoints['notice.updateSettings'], { body: form }))
  }

  return (
    <form onSubmit={save} className="form-grid" aria-labelledby="dp-settings">
      <h2 id="dp-settings">{t('privacyNotice.admin.settings')}</h2>
      <p>
        {settings.controllerName} ({settings.businessId})
      </p>
      <ErrorAlert error={change.error?.text} messages={change.error?.messages} />
      {change.saved && <p role="status">{t('privacyNotice.admin.saved')}</p>}
      {SETTINGS_FIELDS.map((field) => (
        <div key={field}>
          <label htmlFor={`dp-${field}`}>{t(`privacyNotice.admin.settingsFields.${field}`)}</label>
          {LONG.has(field) ? (
            <textarea id={`dp-${field}`} rows={3} value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
          ) : (
            <input id={`dp-${field}`} value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
          )}
        </div>
      ))}
      <button type="submit" className="button button-primary" disabled={change.busy}>
        {t('privacyNotice.admin.saveSettings')}
      </button>
    </form>
  )
}

const EMPTY_PAPER: PaperRecordInput = { serviceTask: 'adult_social_work', unitId: null, place: '', content: '', period: '', responsible: '' }
const PAPER_FIELDS = ['place', 'content', 'period', 'responsible'] as const

/** The register of where paper records are kept: the list, ending an entry, adding one. */
export function PaperRecordsPanel() {
  const { t } = useTranslation()
  const list = useEndpoint(noticeEndpoints['notice.paperRecords'])
  const units = useEndpoint(platformEndpoints['platform.units'])
  const [form, setForm] = useState<PaperRecordInput>(EMPTY_PAPER)
  const change = useChange(() => list.reload())

  const add = (event: FormEvent) => {
    event.preventDefault()
    void change.run(async () => {
      await callApi(noticeEndpoints['notice.createPaperRecord'], { body: form })
      setForm(EMPTY_PAPER)
    })
  }
  const end = (r: PaperRecord) => {
    const { id, unitName: _u, ...rest } = r
    void change.run(() => callApi(noticeEndpoints['notice.updatePaperRecord'], { params: { itemId: id }, body: { ...rest, active: false } }))
  }

  return (
    <section aria-labelledby="dp-paper">
      <h2 id="dp-paper">{t('privacyNotice.admin.paper')}</h2>
      {list.status === 'success' && (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('privacyNotice.admin.serviceTask')}</th>
              <th scope="col">{t('privacyNotice.admin.place')}</th>
              <th scope="col">{t('privacyNotice.admin.period')}</th>
              <th scope="col">{t('privacyNotice.admin.responsible')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.data.records.map((r) => (
              <tr key={r.id}>
                <td>
                  {serviceTaskName(t, r.serviceTask)}
                  {r.unitName && ` – ${r.unitName}`}
                </td>
                <td>{r.place}</td>
                <td>{r.period}</td>
                <td>{r.responsible}</td>
                <td>
                  {r.active ? (
                    <button type="button" className="button button-small" onClick={() => end(r)} disabled={change.busy}>
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
        <h3>{t('privacyNotice.admin.addPaper')}</h3>
        <ErrorAlert error={change.error?.text} messages={change.error?.messages} />
        <label htmlFor="pr-task">{t('privacyNotice.admin.serviceTask')}</label>
        <select id="pr-task" value={form.serviceTask} onChange={(e) => setForm({ ...form, serviceTask: e.target.value as PaperRecordInput['serviceTask'] })}>
          {TASKS.map((task) => (
            <option key={task} value={task}>
              {serviceTaskName(t, task)}
            </option>
          ))}
        </select>
        <label htmlFor="pr-unit">{t('privacyNotice.admin.unit')}</label>
        <select id="pr-unit" value={form.unitId ?? ''} onChange={(e) => setForm({ ...form, unitId: e.target.value || null })}>
          <option value="">–</option>
          {units.status === 'success' &&
            units.data.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
        {PAPER_FIELDS.map((field) => (
          <div key={field}>
            <label htmlFor={`pr-${field}`}>{t(`privacyNotice.admin.${field}`)}</label>
            <input id={`pr-${field}`} value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
          </div>
        ))}
        <button type="submit" className="button button-primary" disabled={change.busy}>
          {t('privacyNotice.admin.addPaper')}
        </button>
      </form>
    </section>
  )
}

/** The user commitment's versions and publishing a new one (every user accepts it before going on). */
export function CommitmentPanel() {
  const { t } = useTranslation()
  const versions = useEndpoint(commitmentEndpoints['commitment.versions'])
  const [textFi, setTextFi] = useState('')
  const [textSv, setTextSv] = useState('')
  const [confirming, setConfirming] = useState(false)
  const change = useChange(() => versions.reload())

  async function publish() {
    if (await change.run(() => callApi(commitmentEndpoints['commitment.publish'], { body: { textFi, textSv } }))) {
      setTextFi('')
      setTextSv('')
    }
    setConfirming(false)
  }

  return (
    <section aria-labelledby="dp-commitment">
      <h2 id="dp-commitment">{t('privacyNotice.admin.commitment')}</h2>
      {versions.status === 'success' && (
        <>
          <ul>
            {versions.data.versions.map((v) => (
              <li key={v.version}>{t('privacyNotice.admin.commitmentVersion', { version: v.version, count: v.acceptances })}</li>
            ))}
          </ul>
          <p>{t('privacyNotice.admin.commitmentPending', { count: versions.data.pendingUsers })}</p>
        </>
      )}
      <ErrorAlert error={change.error?.text} messages={change.error?.messages} />
      <label htmlFor="cm-fi">{t('privacyNotice.admin.commitmentFi')}</label>
      <textarea id="cm-fi" rows={6} value={textFi} onChange={(e) => setTextFi(e.target.value)} />
      <label htmlFor="cm-sv">{t('privacyNotice.admin.commitmentSv')}</label>
      <textarea id="cm-sv" rows={6} value={textSv} onChange={(e) => setTextSv(e.target.value)} />
      <button type="button" className="button" onClick={() => setConfirming(true)} disabled={change.busy}>
        {t('privacyNotice.admin.publish')}
      </button>
      {confirming && (
        <ConfirmDialog title={t('privacyNotice.admin.publish')} confirmLabel={t('privacyNotice.admin.publish')} busy={change.busy} onConfirm={() => void publish()} onCancel={() => setConfirming(false)}>
          <p>{t('privacyNotice.admin.publishConfirm')}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
