import type { ChildSearchResult, Notification, VtjQueryResponse } from '@huoma/contract'
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { childWelfareApi, identifyApi } from './api'
import { FailureAlert, isConflict, type OnChanged } from './display'

type Search = { status: 'idle' } | { status: 'loading' } | { status: 'done'; result: ChildSearchResult } | { status: 'error'; error: ErrorText }
type Found = Extract<VtjQueryResponse, { status: 'found' }>

const HETU_FIELDS = ['hetu'] as const

/**
 * Identifying a child the notification concerns, two ways: the client registry by name (minors at the receipt, on
 * the notification's own basis, audited naming those shown), and the population register by
 * henkilötunnus with the purpose logged — the child linked as the registry knows them, or first added to it from
 * the register. Linking opens the child's matter with its 7-working-day deadline.
 */
export function IdentifyChild({ notification: n, onChanged, reload }: { notification: Notification; onChanged: OnChanged; reload: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const [attaching, setAttaching] = useState<string>()
  const [conflict, setConflict] = useState(false)
  const [attachError, setAttachError] = useState<{ text: ErrorText; messages: string[] }>()
  const attached = new Set(n.matters.map((m) => m.person.id))

  async function attach(personId: string, name: string, fromVtj?: string) {
    setAttaching(personId)
    setConflict(false)
    setAttachError(undefined)
    try {
      const id = fromVtj ? (await identifyApi.registerFromVtj(fromVtj, t('childWelfare.identify.purpose'))).id : personId
      onChanged(await childWelfareApi.addChild(n.id, { personId: id, version: n.version }), t('childWelfare.notification.childAdded', { name }))
    } catch (failure) {
      setConflict(isConflict(failure))
      // the server's reasons (a child of age, one linked already) are about the person chosen: said above both searches
      setAttachError({ text: describeError(failure), messages: failure instanceof ApiError ? (failure.problem.errors ?? []).map((e) => e.message) : [] })
      setAttaching(undefined)
    }
  }

  return (
    <div className="cw-identify" role="group" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('childWelfare.identify.heading')}</h3>
      <p className="field-hint">{t('childWelfare.identify.intro')}</p>
      <FailureAlert error={attachError} conflict={conflict} onReload={reload} />
      <div className="cw-columns">
        {can(user, 'child-welfare:find-child') && <ByName notificationId={n.id} attached={attached} attaching={attaching} onAttach={(personId, name) => void attach(personId, name)} />}
        {can(user, 'vtj:query') && (
          <ByHetu attached={attached} attaching={attaching} mayCreate={can(user, 'persons:create')} onAttach={(personId, name, hetu) => void attach(personId, name, hetu)} />
        )}
      </div>
    </div>
  )
}

interface AttachProps {
  attached: ReadonlySet<string>
  attaching: string | undefined
}

function ByName({ notificationId, attached, attaching, onAttach }: AttachProps & { notificationId: string; onAttach: (personId: string, name: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState<Search>({ status: 'idle' })
  const term = query.trim()

  useEffect(() => {
    if (term.length < 3) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setSearch({ status: 'loading' })
      identifyApi.search(notificationId, term, controller.signal).then(
        (result) => setSearch({ status: 'done', result }),
        (failure: unknown) => {
          if (!controller.signal.aborted) setSearch({ status: 'error', error: describeError(failure) })
        },
      )
    }, 250)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [notificationId, term])

  const shown = term.length >= 3 ? search : { status: 'idle' as const }
  return (
    <div className="cw-identify-way" role="search" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('childWelfare.identify.byName')}</h4>
      <div className="field">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t('childWelfare.identify.byName')}
        </label>
        <input id={`${id}-q`} type="search" autoComplete="off" value={query} aria-describedby={`${id}-hint`} onChange={(e) => setQuery(e.target.value)} />
        <p id={`${id}-hint`} className="field-hint">
          {t('childWelfare.identify.nameHint')}
        </p>
      </div>
      <div role="status" className="status-region">
        {shown.status === 'loading' && <p className="cw-muted">{t('childWelfare.identify.searching')}</p>}
        {shown.status === 'done' && shown.result.persons.length === 0 && <p className="cw-muted">{t('childWelfare.identify.noResults')}</p>}
        {shown.status === 'done' && shown.result.hiddenMatches > 0 && <p>{t('childWelfare.identify.hidden', { count: shown.result.hiddenMatches })}</p>}
      </div>
      {shown.status === 'error' && <ErrorAlert error={shown.error} />}
      {shown.status === 'done' && shown.result.persons.length > 0 && (
        <ul className="cw-candidates" aria-label={t('childWelfare.identify.results')}>
          {shown.result.persons.map((p) => {
            const name = `${p.lastName} ${p.firstNames}`.trim()
            return (
              <li key={p.id}>
                <span>
                  {name}
                  {p.birthDate && ` (${formatDate(p.birthDate)})`}
                </span>{' '}
                {attached.has(p.id) ? (
                  <span className="badge badge-ok">{t('childWelfare.identify.attached')}</span>
                ) : (
                  <button type="button" className="button button-small" disabled={attaching !== undefined} aria-label={t('childWelfare.identify.attachOf', { name })} onClick={() => onAttach(p.id, name)}>
                    {attaching === p.id ? t('childWelfare.identify.attaching') : t('childWelfare.identify.attach')}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}

function ByHetu({ attached, attaching, mayCreate, onAttach }: AttachProps & { mayCreate: boolean; onAttach: (personId: string, name: string, fromVtjHetu?: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [hetu, setHetu] = useState('')
  const [querying, setQuerying] = useState(false)
  const [answer, setAnswer] = useState<VtjQueryResponse>()
  const { fieldErrors, error, register, check, fail } = useFormErrors(HETU_FIELDS)
  const purpose = t('childWelfare.identify.purpose')

  async function submit(event: FormEvent) {
    event.preventDefault()
    setAnswer(undefined)
    if (!check(hetu.trim() ? {} : { hetu: t('childWelfare.identify.hetuRequired') })) return
    setQuerying(true)
    try {
      setAnswer(await identifyApi.vtjQuery(hetu.trim().toUpperCase(), purpose))
    } catch (failure) {
      fail(failure)
    } finally {
      setQuerying(false)
    }
  }

  return (
    <div className="cw-identify-way" role="search" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('childWelfare.identify.byHetu')}</h4>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <div className="cw-inline">
          <TextField
            name="hetu"
            label={t('childWelfare.identify.hetu')}
            autoComplete="off"
            spellCheck={false}
            maxLength={11}
            value={hetu}
            onChange={(e) => setHetu(e.target.value)}
            error={fieldErrors.hetu}
            ref={register('hetu')}
          />
          <button type="submit" className="button" disabled={querying}>
            {querying ? t('childWelfare.identify.querying') : t('childWelfare.identify.query')}
          </button>
        </div>
        <p className="field-hint">{t('childWelfare.identify.hetuHint', { purpose })}</p>
        <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
      </form>
      <div role="status" className="status-region">
        {answer?.status === 'not_found' && <p>{t('childWelfare.identify.notFound')}</p>}
        {answer?.status === 'error' && <p>{t('childWelfare.identify.vtjError', { code: answer.code })}</p>}
      </div>
      {answer?.status === 'found' && <VtjPerson found={answer} attached={attached} attaching={attaching} mayCreate={mayCreate} onAttach={onAttach} />}
    </div>
  )
}

function VtjPerson({
  found,
  attached,
  attaching,
  mayCreate,
  onAttach,
}: AttachProps & { found: Found; mayCreate: boolean; onAttach: (personId: string, name: string, fromVtjHetu?: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const p = found.person
  const name = `${p.lastName} ${p.firstNames}`.trim()
  const existing = found.existingPersonId
  return (
    <div className="cw-vtj" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="cw-vtj-title">
        {t('childWelfare.identify.found')}
      </p>
      <dl className="facts">
        <dt>{t('childWelfare.identify.name')}</dt>
        <dd>
          {name} {p.turvakielto && <span className="badge badge-warning">{t('childWelfare.identify.turvakielto')}</span>}
        </dd>
        <dt>{t('childWelfare.identify.birthDate')}</dt>
        <dd>{formatDate(p.birthDate)}</dd>
        <dt>{t('childWelfare.identify.guardians')}</dt>
        <dd>{p.guardians.length ? p.guardians.map((g) => g.name).join(', ') : t('childWelfare.identify.noGuardians')}</dd>
      </dl>
      {existing && attached.has(existing) ? (
        <p>
          <span className="badge badge-ok">{t('childWelfare.identify.attached')}</span>
        </p>
      ) : existing ? (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={attaching !== undefined} aria-label={t('childWelfare.identify.attachOf', { name })} onClick={() => onAttach(existing, name)}>
            {attaching === existing ? t('childWelfare.identify.attaching') : t('childWelfare.identify.attach')}
          </button>
        </div>
      ) : mayCreate ? (
        <>
          <p className="field-hint">{t('childWelfare.identify.notInRegistry')}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={attaching !== undefined} onClick={() => onAttach(p.hetu, name, p.hetu)}>
              {attaching === p.hetu ? t('childWelfare.identify.attaching') : t('childWelfare.identify.registerAndAttach')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  )
}
