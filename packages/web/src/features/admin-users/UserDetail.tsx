import { adminEndpoints, type GrantView, type Language, type OrganisationStructure, type StaffUserView } from '@huoma/contract'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { roleName } from '../../lib/labels'
import { LANGUAGES, LANGUAGE_NAMES } from '../../lib/language'
import { useUser } from '../../session/context'
import { adminApi } from './api'
import { Confirm } from './Confirm'
import { SelectField, TextAreaField } from './fields'
import { organisationNames } from './format'
import { GRANT_FIELDS, GrantFields, checkGrant, emptyGrant, grantBody, roleHasClientContent, type GrantDraft } from './GrantFields'
import { GrantPeriod, GrantStatusBadge } from './GrantStatus'
import { formatDateTime, todayInHelsinki } from '../../lib/format'
import { useFormErrors } from '../../components/useFormErrors'

type Pending = { kind: 'deactivate' } | { kind: 'reactivate' } | { kind: 'reset-mfa' } | { kind: 'end-grant'; grant: GrantView }

/** One user: their account, every grant with its status, and the main user's actions on them. */
export function UserDetail({ id, org }: { id: string; org: OrganisationStructure }) {
  const { t } = useTranslation()
  const state = useEndpoint(adminEndpoints['admin.readUser'], { params: { id } })
  const [status, setStatus] = useState('')
  const done = (message: string) => {
    setStatus(message)
    state.reload()
  }
  return (
    <>
      <p role="status" className="status-message">
        {status}
      </p>
      {state.status === 'loading' && <p>{t('app.loading')}</p>}
      {state.status === 'error' && (
        <>
          <ErrorAlert error={state.error} />
          <button type="button" className="button" onClick={state.reload}>
            {t('errors.retry')}
          </button>
        </>
      )}
      {state.status === 'success' && (
        <UserDetailView user={state.data} org={org} focusOnMount={status !== ''} onDone={done} onReload={state.reload} />
      )}
    </>
  )
}

function UserDetailView({
  user,
  org,
  focusOnMount,
  onDone,
  onReload,
}: {
  user: StaffUserView
  org: OrganisationStructure
  /** After a change the page is drawn anew: the heading takes the focus the pressed button had. */
  focusOnMount: boolean
  onDone: (message: string) => void
  onReload: () => void
}) {
  const { t } = useTranslation()
  const me = useUser()
  const names = organisationNames(org)
  const [pending, setPending] = useState<Pending>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ text: ErrorText; stale: boolean }>()
  const [editing, setEditing] = useState(false)
  const [addingGrant, setAddingGrant] = useState(false)
  const self = user.id === me.id
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusOnMount) heading.current?.focus()
  }, [focusOnMount])

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true)
    setFailure(undefined)
    try {
      await action()
      setPending(undefined)
      onDone(message)
    } catch (error) {
      setFailure({ text: describeError(error), stale: error instanceof ApiError && error.status === 409 })
      setPending(undefined)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="user-heading" className="user-detail">
      <h2 id="user-heading" tabIndex={-1} ref={heading}>
        {user.displayName}
      </h2>
      <ErrorAlert error={failure?.text} />
      {failure?.stale && (
        <button type="button" className="button" onClick={onReload}>
          {t('adminUsers.reload')}
        </button>
      )}

      <dl className="facts">
        <dt>{t('adminUsers.user.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('adminUsers.user.email')}</dt>
        <dd>{user.email ?? '–'}</dd>
        <dt>{t('adminUsers.user.language')}</dt>
        <dd>{LANGUAGE_NAMES[user.language]}</dd>
        <dt>{t('adminUsers.user.account')}</dt>
        <dd>
          {user.active
            ? t('adminUsers.user.active')
            : t('adminUsers.user.inactiveSince', { date: user.deactivatedAt ? formatDateTime(user.deactivatedAt) : '' })}
        </dd>
        <dt>{t('adminUsers.user.mfa')}</dt>
        <dd>{user.mfaEnabled ? t('adminUsers.user.mfaOn') : t('adminUsers.user.mfaOff')}</dd>
        <dt>{t('adminUsers.user.password')}</dt>
        <dd>{user.mustChangePassword ? t('adminUsers.user.mustChangePassword') : t('adminUsers.user.passwordSet')}</dd>
        {user.lockedUntil && (
          <>
            <dt>{t('adminUsers.user.locked')}</dt>
            <dd>{t('adminUsers.user.lockedUntil', { time: formatDateTime(user.lockedUntil) })}</dd>
          </>
        )}
      </dl>

      <div className="button-row">
        <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t('adminUsers.edit.open')}
        </button>
        {user.active && !self && (
          <button type="button" className="button button-danger-outline" onClick={() => setPending({ kind: 'deactivate' })}>
            {t('adminUsers.deactivate.open')}
          </button>
        )}
        {!user.active && (
          <button type="button" className="button" onClick={() => setPending({ kind: 'reactivate' })}>
            {t('adminUsers.reactivate.open')}
          </button>
        )}
        {user.mfaEnabled && !self && (
          <button type="button" className="button" onClick={() => setPending({ kind: 'reset-mfa' })}>
            {t('adminUsers.resetMfa.open')}
          </button>
        )}
      </div>

      {pending?.kind === 'deactivate' && (
        <Confirm
          title={t('adminUsers.deactivate.title', { name: user.displayName })}
          confirmLabel={t('adminUsers.deactivate.confirm')}
          busy={busy}
          onCancel={() => setPending(undefined)}
          onConfirm={() => void run(() => adminApi.deactivate(user.id, user.version), t('adminUsers.deactivate.done'))}
        >
          <p>{t('adminUsers.deactivate.text')}</p>
        </Confirm>
      )}
      {pending?.kind === 'reactivate' && (
        <Confirm
          title={t('adminUsers.reactivate.title', { name: user.displayName })}
          confirmLabel={t('adminUsers.reactivate.confirm')}
          busy={busy}
          onCancel={() => setPending(undefined)}
          onConfirm={() => void run(() => adminApi.reactivate(user.id, user.version), t('adminUsers.reactivate.done'))}
        >
          <p>{t('adminUsers.reactivate.text')}</p>
        </Confirm>
      )}
      {pending?.kind === 'reset-mfa' && (
        <Confirm
          title={t('adminUsers.resetMfa.title', { name: user.displayName })}
          confirmLabel={t('adminUsers.resetMfa.confirm')}
          busy={busy}
          onCancel={() => setPending(undefined)}
          onConfirm={() => void run(() => adminApi.resetMfa(user.id, user.version), t('adminUsers.resetMfa.done'))}
        >
          <p>{t('adminUsers.resetMfa.text')}</p>
        </Confirm>
      )}

      {editing && <EditUserForm user={user} onSaved={() => onDone(t('adminUsers.edit.done'))} onCancel={() => setEditing(false)} />}

      <h3>{t('adminUsers.grants.title')}</h3>
      {user.grants.length === 0 ? (
        <p>{t('adminUsers.grants.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('adminUsers.grants.caption', { name: user.displayName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminUsers.grant.role')}</th>
                <th scope="col">{t('adminUsers.grant.unit')}</th>
                <th scope="col">{t('adminUsers.grant.serviceTasks')}</th>
                <th scope="col">{t('adminUsers.grants.period')}</th>
                <th scope="col">{t('adminUsers.grants.status')}</th>
                <th scope="col">{t('adminUsers.grants.grantedBy')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('adminUsers.grants.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {user.grants.map((grant) => (
                <tr key={grant.id}>
                  <td>{roleName(t, grant.roleCode)}</td>
                  <td>{names.unit(grant.unitId)}</td>
                  <td>{grant.serviceTasks.length ? grant.serviceTasks.map(names.task).join(', ') : '–'}</td>
                  <td>
                    <GrantPeriod grant={grant} />
                  </td>
                  <td>
                    <GrantStatusBadge grant={grant} />
                  </td>
                  <td>
                    {grant.grantedBy?.displayName ?? '–'}
                    {grant.requestedBy && (
                      <span className="muted"> ({t('adminUsers.grants.requestedBy', { name: grant.requestedBy.displayName })})</span>
                    )}
                  </td>
                  <td>
                    {(grant.status === 'current' || grant.status === 'future') && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setPending({ kind: 'end-grant', grant })}
                        aria-label={t('adminUsers.endGrant.label', { role: roleName(t, grant.roleCode), unit: names.unit(grant.unitId) })}
                      >
                        {t('adminUsers.endGrant.open')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pending?.kind === 'end-grant' && (
        <Confirm
          title={t('adminUsers.endGrant.title', { role: roleName(t, pending.grant.roleCode), unit: names.unit(pending.grant.unitId) })}
          confirmLabel={t('adminUsers.endGrant.confirm')}
          busy={busy}
          onCancel={() => setPending(undefined)}
          onConfirm={() => void run(() => adminApi.endGrant(pending.grant.id), t('adminUsers.endGrant.done'))}
        >
          <p>{t('adminUsers.endGrant.text')}</p>
        </Confirm>
      )}

      {user.active && !self && (
        <>
          {!addingGrant && (
            <button type="button" className="button button-primary" onClick={() => setAddingGrant(true)}>
              {t('adminUsers.addGrant.open')}
            </button>
          )}
          {addingGrant && (
            <AddGrantForm
              userId={user.id}
              org={org}
              onSaved={onDone}
              onCancel={() => setAddingGrant(false)}
            />
          )}
        </>
      )}
      {self && <p className="notice">{t('adminUsers.selfNote')}</p>}
    </section>
  )
}

const USER_FIELDS = ['displayName', 'email', 'language'] as const

function EditUserForm({ user, onSaved, onCancel }: { user: StaffUserView; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [displayName, setDisplayName] = useState(user.displayName)
  const [email, setEmail] = useState(user.email ?? '')
  const [language, setLanguage] = useState<Language>(user.language)
  const [submitting, setSubmitting] = useState(false)
  const { fieldErrors, error: formError, register, check, fail } = useFormErrors(USER_FIELDS)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!check(displayName.trim() ? {} : { displayName: t('adminUsers.create.displayNameRequired') })) return
    setSubmitting(true)
    try {
      await adminApi.updateUser(user.id, { version: user.version, displayName: displayName.trim(), email: email.trim() || null, language })
      onSaved()
    } catch (failure) {
      setSubmitting(false)
      fail(failure)
    }
  }

  return (
    <form noValidate onSubmit={submit} className="form panel" aria-labelledby="edit-user-heading">
      <h3 id="edit-user-heading">{t('adminUsers.edit.title')}</h3>
      <ErrorAlert error={formError?.text} messages={formError?.messages} />
      <TextField
        ref={register('displayName')}
        label={t('adminUsers.user.displayName')}
        value={displayName}
        error={fieldErrors.displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <TextField
        ref={register('email')}
        type="email"
        label={t('adminUsers.user.emailOptional')}
        value={email}
        error={fieldErrors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <SelectField
        ref={register('language')}
        label={t('adminUsers.user.language')}
        value={language}
        error={fieldErrors.language}
        onChange={(event) => setLanguage(event.target.value as Language)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? t('adminUsers.saving') : t('adminUsers.edit.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('adminUsers.cancel')}
        </button>
      </div>
    </form>
  )
}

const ADD_GRANT_FIELDS = [...GRANT_FIELDS, 'justification'] as const

/**
 * Myönnä käyttöoikeus. A role without client content (main user, statistician) is granted at once; a role that
 * sees client data is given by two people, so the form then sends a request with a justification, and another
 * main user grants it in Käyttöoikeuspyynnöt.
 */
function AddGrantForm({ userId, org, onSaved, onCancel }: { userId: string; org: OrganisationStructure; onSaved: (message: string) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [today] = useState(() => todayInHelsinki())
  const [draft, setDraft] = useState<GrantDraft>(() => emptyGrant(today))
  const [justification, setJustification] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const { fieldErrors, error: formError, register, check, fail } = useFormErrors(ADD_GRANT_FIELDS)
  const twoPeople = draft.roleCode !== '' && roleHasClientContent(org, draft.roleCode)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const errors: Partial<Record<(typeof ADD_GRANT_FIELDS)[number], string>> = checkGrant(org, draft, today, t)
    if (twoPeople && justification.trim().length < 10) errors.justification = t('adminUsers.requests.justificationRequired')
    if (!check(errors)) return
    setSubmitting(true)
    try {
      if (twoPeople) {
        await adminApi.fileRequest({ userId, ...grantBody(org, draft), justification: justification.trim() })
        onSaved(t('adminUsers.addGrant.requested'))
      } else {
        await adminApi.createGrant(userId, { ...grantBody(org, draft), substitute: draft.substitute })
        onSaved(t('adminUsers.addGrant.done'))
      }
    } catch (failure) {
      setSubmitting(false)
      fail(failure)
    }
  }

  return (
    <form noValidate onSubmit={submit} className="form panel" aria-labelledby="add-grant-heading">
      <h3 id="add-grant-heading">{t('adminUsers.addGrant.title')}</h3>
      <ErrorAlert error={formError?.text} messages={formError?.messages} />
      <GrantFields org={org} draft={draft} onChange={setDraft} errors={fieldErrors} register={register} />
      {twoPeople && (
        <>
          <p className="notice">{t('adminUsers.addGrant.twoPeople')}</p>
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
        </>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? t('adminUsers.saving') : twoPeople ? t('adminUsers.addGrant.submitRequest') : t('adminUsers.addGrant.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('adminUsers.cancel')}
        </button>
      </div>
    </form>
  )
}
