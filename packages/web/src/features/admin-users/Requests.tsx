import type { TFunction } from 'i18next'
import { adminEndpoints, type GrantRequestList, type GrantRequestOptions, type GrantRequestView, type OrganisationStructure } from '@huoma/contract'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import type { ApiState } from '../../api/useApi'
import { ErrorAlert } from '../../components/Alert'
import { roleName } from '../../lib/labels'
import { adminApi } from './api'
import { SelectField, TextAreaField } from './fields'
import { organisationNames } from './format'
import { GRANT_FIELDS, GrantFields, checkGrant, emptyGrant, grantBody, roleHasClientContent, type GrantDraft } from './GrantFields'
import { useUser } from '../../session/context'
import { GrantPeriod } from './GrantStatus'
import { formatDateTime, todayInHelsinki } from '../../lib/format'
import { useFormErrors } from '../../components/useFormErrors'

/** What was requested, for whom, by whom and why: the same lines for the main user and the supervisor. */
function RequestFacts({ request, org }: { request: GrantRequestView; org: OrganisationStructure }) {
  const { t } = useTranslation()
  const names = organisationNames(org)
  return (
    <dl className="facts">
      <dt>{t('adminUsers.requests.worker')}</dt>
      <dd>
        {request.user.displayName} ({request.user.username})
      </dd>
      <dt>{t('adminUsers.grant.role')}</dt>
      <dd>{roleName(t, request.roleCode)}</dd>
      <dt>{t('adminUsers.grant.unit')}</dt>
      <dd>{names.unit(request.unitId)}</dd>
      <dt>{t('adminUsers.grant.serviceTasks')}</dt>
      <dd>{request.serviceTasks.length ? request.serviceTasks.map(names.task).join(', ') : '–'}</dd>
      <dt>{t('adminUsers.grants.period')}</dt>
      <dd>
        <GrantPeriod grant={request} />
      </dd>
      <dt>{t('adminUsers.requests.justification')}</dt>
      <dd className="justification">{request.justification}</dd>
      <dt>{t('adminUsers.requests.requested')}</dt>
      <dd>{t('adminUsers.requests.requestedBy', { name: request.requestedBy.displayName, time: formatDateTime(request.requestedAt) })}</dd>
    </dl>
  )
}

function decisionText(t: TFunction, request: GrantRequestView): string {
  if (request.decision === 'granted') return t('adminUsers.requests.granted', { name: request.decidedBy?.displayName ?? '' })
  if (request.decision === 'refused') return t('adminUsers.requests.refused', { name: request.decidedBy?.displayName ?? '' })
  return t('adminUsers.requests.waiting')
}

/**
 * Why this main user may not grant the request (the server checks the same, separation.ts): their own request,
 * a right for themselves, or an account they created, when the right sees client data. Anyone may refuse.
 */
function barOf(org: OrganisationStructure, request: GrantRequestView, me: string): 'forYou' | 'ownRequest' | 'accountCreator' | undefined {
  if (request.user.id === me) return 'forYou'
  if (!roleHasClientContent(org, request.roleCode)) return undefined
  if (request.requestedBy.id === me) return 'ownRequest'
  if (request.accountCreatedBy === me) return 'accountCreator'
  return undefined
}

/** The main user's queue of open requests, oldest first, each granted or refused with one button. */
export function OpenRequests({ org, headingLevel = 2 }: { org: OrganisationStructure; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation()
  const state = useEndpoint(adminEndpoints['admin.listGrantRequests'], { query: { status: 'open' } })
  const me = useUser().id
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState<string>()
  const [failure, setFailure] = useState<ErrorText>()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'

  async function decide(request: GrantRequestView, decision: 'grant' | 'refuse') {
    setBusy(request.id)
    setFailure(undefined)
    try {
      await (decision === 'grant' ? adminApi.grantRequest(request.id) : adminApi.refuseRequest(request.id))
      setStatus(
        t(decision === 'grant' ? 'adminUsers.requests.grantedNow' : 'adminUsers.requests.refusedNow', { name: request.user.displayName }),
      )
      state.reload()
    } catch (error) {
      setFailure(describeError(error))
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <section aria-labelledby="open-requests-heading" className="requests">
      <Heading id="open-requests-heading">{t('adminUsers.requests.openTitle')}</Heading>
      <p role="status" className="status-message">
        {status}
      </p>
      <ErrorAlert error={failure ?? (state.status === 'error' ? state.error : undefined)} />
      {state.status === 'loading' && <p>{t('app.loading')}</p>}
      {state.status === 'success' && state.data.requests.length === 0 && <p>{t('adminUsers.requests.noneOpen')}</p>}
      {state.status === 'success' && state.data.requests.length > 0 && (
        <ul className="request-list">
          {state.data.requests.map((request) => (
            <li key={request.id} className="panel request">
              <RequestFacts request={request} org={org} />
              {barOf(org, request, me) && <p className="notice">{t(`adminUsers.requests.bar.${barOf(org, request, me)!}`)}</p>}
              <div className="button-row">
                {!barOf(org, request, me) && (
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={busy !== undefined}
                    aria-label={t('adminUsers.requests.grantLabel', { name: request.user.displayName, role: roleName(t, request.roleCode) })}
                    onClick={() => void decide(request, 'grant')}
                  >
                    {t('adminUsers.requests.grant')}
                  </button>
                )}
                <button
                  type="button"
                  className="button"
                  disabled={busy !== undefined}
                  aria-label={t('adminUsers.requests.refuseLabel', { name: request.user.displayName, role: roleName(t, request.roleCode) })}
                  onClick={() => void decide(request, 'refuse')}
                >
                  {t('adminUsers.requests.refuse')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const REQUEST_FIELDS = ['userId', ...GRANT_FIELDS, 'justification'] as const

/** Pyydä käyttöoikeutta: a supervisor asks the main user for a right for a worker in a unit they supervise. */
export function RequestForm({ org, options, onFiled }: { org: OrganisationStructure; options: GrantRequestOptions; onFiled: () => void }) {
  const { t } = useTranslation()
  const [today] = useState(() => todayInHelsinki())
  const [userId, setUserId] = useState('')
  const [draft, setDraft] = useState<GrantDraft>(() => emptyGrant(today))
  const [justification, setJustification] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [status, setStatus] = useState('')
  const { fieldErrors, error: formError, register, check, fail } = useFormErrors(REQUEST_FIELDS)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const errors: Partial<Record<(typeof REQUEST_FIELDS)[number], string>> = {}
    if (!userId) errors.userId = t('adminUsers.requests.workerRequired')
    Object.assign(errors, checkGrant(org, draft, today, t))
    if (justification.trim().length < 10) errors.justification = t('adminUsers.requests.justificationRequired')
    setStatus('')
    if (!check(errors)) return
    setSubmitting(true)
    try {
      const filed = await adminApi.fileRequest({ userId, ...grantBody(org, draft), justification: justification.trim() })
      setStatus(t('adminUsers.requests.filed', { name: filed.user.displayName }))
      setUserId('')
      setDraft(emptyGrant(today))
      setJustification('')
      onFiled()
    } catch (failure) {
      fail(failure)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="request-form-heading">
      <h2 id="request-form-heading">{t('adminUsers.requests.formTitle')}</h2>
      <p>{t('adminUsers.requests.formIntro')}</p>
      <p role="status" className="status-message">
        {status}
      </p>
      <ErrorAlert error={formError?.text} messages={formError?.messages} />
      <form noValidate onSubmit={submit} className="form">
        <SelectField
          ref={register('userId')}
          label={t('adminUsers.requests.worker')}
          value={userId}
          error={fieldErrors.userId}
          onChange={(event) => setUserId(event.target.value)}
        >
          <option value="">{t('adminUsers.choose')}</option>
          {options.users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.displayName} ({user.username})
            </option>
          ))}
        </SelectField>
        <GrantFields org={org} draft={draft} onChange={setDraft} errors={fieldErrors} unitIds={options.unitIds} register={register} />
        <TextAreaField
          ref={register('justification')}
          label={t('adminUsers.requests.justification')}
          hint={t('adminUsers.requests.justificationHint')}
          rows={3}
          maxLength={1000}
          value={justification}
          error={fieldErrors.justification}
          onChange={(event) => setJustification(event.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? t('adminUsers.saving') : t('adminUsers.requests.submit')}
        </button>
      </form>
    </section>
  )
}

/** The requests this supervisor has filed, newest first, with the main user's decision. */
export function MyRequests({ org, state }: { org: OrganisationStructure; state: ApiState<GrantRequestList> }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="my-requests-heading" className="requests">
      <h2 id="my-requests-heading">{t('adminUsers.requests.mineTitle')}</h2>
      {state.status === 'loading' && <p>{t('app.loading')}</p>}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'success' && state.data.requests.length === 0 && <p>{t('adminUsers.requests.noneMine')}</p>}
      {state.status === 'success' && state.data.requests.length > 0 && (
        <ul className="request-list">
          {state.data.requests.map((request) => (
            <li key={request.id} className="panel request">
              <p className="request-decision">{decisionText(t, request)}</p>
              <RequestFacts request={request} org={org} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
