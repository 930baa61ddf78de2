import {
  IDENTITY_CHECKS,
  RIGHTS_CHANNELS,
  RIGHTS_REQUEST_KINDS,
  RIGHTS_REQUESTER_KINDS,
  rightsEndpoints as ep,
  type RightsRequest,
  type RightsRequestInput,
} from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, useEndpoint } from '../../api/endpoint'
import { describeError } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { CheckboxGroup, Expander, RadioGroup, SelectField, TextAreaField } from '../../components/FormFields'
import { TextField } from '../../components/TextField'
import { FormFooter } from '../../components/FormFooter'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { SERVICE_TASK_CODES, serviceTaskName } from '../../lib/labels'
import { currentLanguage } from '../../lib/language'
import { ClientFinder } from './ClientFinder'
import { RightsRequestDetail, StandingBadge } from './RightsRequestDetail'

type Kind = (typeof RIGHTS_REQUEST_KINDS)[number]
type RequesterKind = (typeof RIGHTS_REQUESTER_KINDS)[number]
type Channel = (typeof RIGHTS_CHANNELS)[number]
type Check = (typeof IDENTITY_CHECKS)[number]
type Task = (typeof SERVICE_TASK_CODES)[number]

const FIELDS = ['personId', 'kind', 'requesterKind', 'requesterId', 'channel', 'identityCheck', 'receivedOn', 'serviceTasks', 'periodFrom', 'periodTo', 'details', 'language'] as const
type Field = (typeof FIELDS)[number]
const NOT_CHECKED = 'not_checked'

/**
 * Tietosuojapyynnöt: the clients' requests about their data. The open ones by due date, a form to register a new one
 * (the identity check first), and one request opened for its decision and documents.
 */
export function RightsRequests() {
  const { t } = useTranslation()
  const id = useId()
  const list = useEndpoint(ep['rights.list'], { query: { state: 'open' } })
  const [opened, setOpened] = useState<string | null>(null)
  const [notice, setNotice] = useState<string>()

  if (opened)
    return (
      <RightsRequestDetail
        requestId={opened}
        onBack={() => {
          setOpened(null)
          list.reload()
        }}
      />
    )
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('audit.rights.heading')}</h2>
      <p className="lead">{t('audit.rights.intro')}</p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <Expander label={t('audit.rights.register.heading')}>
        {({ cancel, done }) => (
          <RegisterForm
            onCancel={cancel}
            onSaved={(r) => {
              done()
              setNotice(t('audit.rights.register.saved', { number: r.number, date: formatDate(r.dueOn) }))
              list.reload()
            }}
          />
        )}
      </Expander>
      <h3>{t('audit.rights.openList')}</h3>
      {list.status === 'loading' && <p>{t('audit.common.loading')}</p>}
      {list.status === 'error' && <ErrorAlert error={describeError(list.error)} />}
      {list.status === 'success' &&
        (list.data.requests.length === 0 ? (
          <p>{t('audit.rights.none')}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.rights.number')}</th>
                  <th scope="col">{t('audit.rights.client')}</th>
                  <th scope="col">{t('audit.rights.kind')}</th>
                  <th scope="col">{t('audit.rights.received')}</th>
                  <th scope="col">{t('audit.rights.due')}</th>
                  <th scope="col">{t('audit.rights.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('audit.rights.open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.requests.map((r) => (
                  <tr key={r.id}>
                    <td>{r.number}</td>
                    <td>
                      {r.person.name}
                      {r.person.hetu && <>, {r.person.hetu}</>}
                    </td>
                    <td>{t(`audit.rights.kinds.${r.kind}`)}</td>
                    <td>{formatDate(r.receivedOn)}</td>
                    <td>{formatDate(r.effectiveDue)}</td>
                    <td>
                      <StandingBadge standing={r.standing} />
                    </td>
                    <td>
                      <button type="button" className="button" onClick={() => setOpened(r.id)} aria-label={`${t('audit.rights.open')} ${r.number}`}>
                        {t('audit.rights.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  )
}

interface Draft {
  personId: string
  personPending: boolean
  kind: Kind | ''
  requesterKind: RequesterKind
  requesterId: string
  requesterPending: boolean
  channel: Channel
  identityCheck: Check | typeof NOT_CHECKED
  receivedOn: string
  serviceTasks: Task[]
  periodFrom: string
  periodTo: string
  details: string
  language: 'fi' | 'sv'
}

function RegisterForm({ onCancel, onSaved }: { onCancel: () => void; onSaved: (r: RightsRequest) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [draft, setDraft] = useState<Draft>({
    personId: '',
    personPending: false,
    kind: '',
    requesterKind: 'client',
    requesterId: '',
    requesterPending: false,
    channel: 'in_person',
    identityCheck: NOT_CHECKED,
    receivedOn: today,
    serviceTasks: [],
    periodFrom: '',
    periodTo: '',
    details: '',
    language: currentLanguage() === 'sv' ? 'sv' : 'fi',
  })
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FIELDS)
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }))
  const withPeriod = draft.kind === 'log' || draft.kind === 'access'

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (!draft.personId) found.personId = draft.personPending ? t('audit.finder.choose') : t('audit.rights.register.clientRequired')
    if (!draft.kind) found.kind = t('audit.rights.register.kindRequired')
    if (draft.requesterKind !== 'client' && !draft.requesterId) found.requesterId = t('audit.rights.register.requesterRequired')
    if (draft.identityCheck === NOT_CHECKED) found.identityCheck = t('audit.rights.register.identityRequired')
    if (!draft.receivedOn) found.receivedOn = t('audit.rights.register.dateRequired')
    if (!draft.details.trim()) found.details = t('audit.rights.register.detailsRequired')
    if (!check(found) || !draft.kind || draft.identityCheck === NOT_CHECKED) return
    const body: RightsRequestInput = {
      personId: draft.personId,
      kind: draft.kind,
      requesterKind: draft.requesterKind,
      requesterId: draft.requesterKind === 'client' ? null : draft.requesterId,
      channel: draft.channel,
      identityCheck: draft.identityCheck,
      receivedOn: draft.receivedOn,
      serviceTasks: draft.serviceTasks,
      periodFrom: withPeriod && draft.periodFrom ? draft.periodFrom : null,
      periodTo: withPeriod && draft.periodTo ? draft.periodTo : null,
      details: draft.details.trim(),
      language: draft.language,
    }
    setSaving(true)
    try {
      onSaved(await callApi(ep['rights.register'], { body }))
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form rights-form" aria-label={t('audit.rights.register.heading')}>
      <ClientFinder
        inputRef={register('personId')}
        label={t('audit.rights.client')}
        value={draft.personId}
        onChange={(personId, personPending) => set({ personId, personPending })}
        error={fieldErrors.personId}
      />
      <RadioGroup
        legend={t('audit.rights.kind')}
        name={`${id}-kind`}
        value={draft.kind}
        onChange={(kind) => set({ kind })}
        options={RIGHTS_REQUEST_KINDS.map((k) => ({ value: k, label: t(`audit.rights.kinds.${k}`) }))}
        error={fieldErrors.kind}
        firstRef={register('kind')}
      />
      <RadioGroup
        legend={t('audit.rights.register.requesterKind')}
        name={`${id}-requester`}
        value={draft.requesterKind}
        onChange={(requesterKind) => set({ requesterKind })}
        options={RIGHTS_REQUESTER_KINDS.map((k) => ({ value: k, label: t(`audit.rights.requesterKinds.${k}`) }))}
        error={fieldErrors.requesterKind}
        firstRef={register('requesterKind')}
      />
      {draft.requesterKind !== 'client' && (
        <ClientFinder
          inputRef={register('requesterId')}
          label={t('audit.rights.register.requester')}
          value={draft.requesterId}
          onChange={(requesterId, requesterPending) => set({ requesterId, requesterPending })}
          error={fieldErrors.requesterId}
        />
      )}
      <SelectField name="channel" label={t('audit.rights.register.channel')} value={draft.channel} onChange={(e) => set({ channel: e.target.value as Channel })} error={fieldErrors.channel} ref={register('channel')}>
        {RIGHTS_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`audit.rights.channels.${c}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        name="identityCheck"
        label={t('audit.rights.register.identityCheck')}
        hint={t('audit.rights.register.identityHint')}
        value={draft.identityCheck}
        onChange={(e) => set({ identityCheck: e.target.value as Draft['identityCheck'] })}
        error={fieldErrors.identityCheck}
        ref={register('identityCheck')}
      >
        <option value={NOT_CHECKED}>{t('audit.rights.register.notChecked')}</option>
        {IDENTITY_CHECKS.map((c) => (
          <option key={c} value={c}>
            {t(`audit.rights.identityChecks.${c}`)}
          </option>
        ))}
      </SelectField>
      <TextField name="receivedOn" type="date" label={t('audit.rights.register.receivedOn')} max={today} value={draft.receivedOn} onChange={(e) => set({ receivedOn: e.target.value })} error={fieldErrors.receivedOn} ref={register('receivedOn')} />
      <CheckboxGroup
        legend={t('audit.rights.register.registers')}
        hint={t('audit.rights.register.registersHint')}
        options={SERVICE_TASK_CODES.map((code) => ({ value: code, label: serviceTaskName(t, code) }))}
        value={draft.serviceTasks}
        onChange={(serviceTasks) => set({ serviceTasks })}
        error={fieldErrors.serviceTasks}
        firstRef={register('serviceTasks')}
      />
      {withPeriod && (
        <div className="filter-grid">
          <TextField name="periodFrom" type="date" label={t('audit.rights.register.periodFrom')} max={today} value={draft.periodFrom} onChange={(e) => set({ periodFrom: e.target.value })} error={fieldErrors.periodFrom} ref={register('periodFrom')} />
          <TextField name="periodTo" type="date" label={t('audit.rights.register.periodTo')} max={today} value={draft.periodTo} onChange={(e) => set({ periodTo: e.target.value })} error={fieldErrors.periodTo} ref={register('periodTo')} />
        </div>
      )}
      <TextAreaField name="details" label={t('audit.rights.register.details')} rows={3} max={5000} counter value={draft.details} onChange={(e) => set({ details: e.target.value })} error={fieldErrors.details} ref={register('details')} />
      <RadioGroup
        legend={t('audit.rights.register.language')}
        name={`${id}-language`}
        value={draft.language}
        onChange={(language) => set({ language })}
        options={(['fi', 'sv'] as const).map((l) => ({ value: l, label: t(`audit.rights.register.${l}`) }))}
        error={fieldErrors.language}
        firstRef={register('language')}
      />
      <FormFooter error={error} submitLabel={saving ? t('audit.rights.register.saving') : t('audit.rights.register.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}
