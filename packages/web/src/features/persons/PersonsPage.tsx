import type { PersonSearchResult, PersonSummary } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { BreakGlassDialog } from './BreakGlassDialog'
import { personsApi } from './api'
import { classifyQuery, searchQuery, type SearchQuery } from './format'
import { PersonMarkers } from './PersonMarkers'
import './persons.css'
import { formatRegisterDate } from '../../lib/format'
import { personName } from '../../lib/labels'
import { useDebouncedValue } from '../../lib/useDebouncedValue'

const LIMIT = 50
/** How long typing must pause before the search runs (the booking picker's debounce, a little longer for a page). */
const TYPING_DELAY = 300

/** A query that may run while it is still being typed: a complete henkilötunnus or date, or a name without digits. */
function searchableWhileTyping(query: SearchQuery): boolean {
  if (query.kind === 'invalid') return false
  return query.kind !== 'name' || !/\d/.test(query.value)
}

type Searchable = Exclude<SearchQuery, { kind: 'invalid' }>
type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: Searchable }
  | { status: 'done'; query: Searchable; result: PersonSearchResult }
  | { status: 'error'; error: ErrorText }

/**
 * Asiakkaat: one search field that understands what is typed (henkilötunnus, birth date or name). The query lives in
 * the URL (?q=) so that the browser's back button returns to the same results.
 */
export function PersonsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const navigate = useNavigate()
  const id = useId()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const [text, setText] = useState(q)
  const [shownQ, setShownQ] = useState(q)
  const [fieldError, setFieldError] = useState<string>()
  const [answer, setAnswer] = useState<{ key: string; state: SearchState }>()
  const [breakGlassFor, setBreakGlassFor] = useState<string>()
  const [round, setRound] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  const table = useRef<HTMLTableSectionElement>(null)

  // Back and forward change ?q=: the field follows the URL.
  if (q !== shownQ) {
    setShownQ(q)
    setText(q)
  }

  // Search as you type: once the typing stops for a moment, a query the server takes runs by itself (no Enter). A
  // name needs two letters; a henkilötunnus or a birth date runs when complete; what has digits but is neither waits
  // for Enter, which then says what is wrong. The first search adds a history entry, the ones typed after it replace it.
  const typed = useDebouncedValue(text, TYPING_DELAY)
  useEffect(() => {
    const next = typed.trim()
    if (next === q.trim()) return
    if (next === '') {
      setParams({}, { replace: true })
      return
    }
    if (!searchableWhileTyping(classifyQuery(typed))) return
    setParams({ q: next }, { replace: q !== '' })
    // Runs when the typed text settles; `q` and `setParams` are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed])

  const key = `${round} ${q}`
  const current = classifyQuery(q)
  const active = q.trim() !== '' && current.kind !== 'invalid' ? current : undefined
  useEffect(() => {
    if (!active) return
    const controller = new AbortController()
    personsApi.search(searchQuery(active, LIMIT), controller.signal).then(
      (result) => setAnswer({ key, state: { status: 'done', query: active, result } }),
      (failure: unknown) => {
        if (controller.signal.aborted) return
        const message = failure instanceof ApiError ? failure.problem.errors?.[0]?.message : undefined
        if (message) {
          setFieldError(message)
          setAnswer({ key, state: { status: 'idle' } })
          input.current?.focus()
        } else setAnswer({ key, state: { status: 'error', error: describeError(failure) } })
      },
    )
    return () => controller.abort()
    // `active` is derived from `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  const state: SearchState = !active ? { status: 'idle' } : answer?.key === key ? answer.state : { status: 'loading', query: active }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const query = classifyQuery(text)
    if (query.kind === 'invalid') {
      setFieldError(query.reason === 'date' ? t('persons.search.badDate') : t('persons.search.tooShort'))
      input.current?.focus()
      return
    }
    setFieldError(undefined)
    const next = text.trim()
    // The same search again runs again (someone may have been registered meanwhile).
    if (next === q) setRound((n) => n + 1)
    else setParams({ q: next })
  }

  function rowLinks(): HTMLAnchorElement[] {
    return [...(table.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? [])]
  }

  function moveFocus(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return
    const links = rowLinks()
    if (!links.length) return
    const current = links.indexOf(document.activeElement as HTMLAnchorElement)
    let next: number
    if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = links.length - 1
    else if (event.key === 'ArrowDown') next = Math.min(current + 1, links.length - 1)
    else if (current <= 0) {
      event.preventDefault()
      input.current?.focus()
      return
    } else next = current - 1
    event.preventDefault()
    links[next]?.focus()
  }

  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const result = state.status === 'done' ? state.result : undefined
  const mayBreakGlass = can(user, 'persons:break-glass')

  return (
    <Page title={t('persons.title')}>
      <div className="persons-toolbar">
        <p className="lead">{t('persons.search.hint')}</p>
        {can(user, 'persons:create') && (
          <Link to="/persons/new" className="button">
            {t('persons.newClient')}
          </Link>
        )}
      </div>
      <form noValidate onSubmit={submit} role="search" aria-label={t('persons.search.heading')} className="person-search">
        <div className={fieldError ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-q`}>{t('persons.search.label')}</label>
          <input
            ref={input}
            id={`${id}-q`}
            type="search"
            name="q"
            value={text}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${errorId} ${hintId}` : hintId}
            onChange={(event) => {
              setText(event.target.value)
              // A message about what was there goes with it; Enter or a pause checks the new text.
              setFieldError(undefined)
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown' && rowLinks().length) {
                event.preventDefault()
                rowLinks()[0]?.focus()
              }
            }}
          />
          {fieldError && (
            <p id={errorId} className="field-error">
              {fieldError}
            </p>
          )}
          <p id={hintId} className="visually-hidden">
            {t('persons.search.keyboardHint')}
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={state.status === 'loading'}>
          {state.status === 'loading' ? t('persons.search.searching') : t('persons.search.submit')}
        </button>
      </form>

      <ErrorAlert error={state.status === 'error' ? state.error : undefined} />
      <div role="status" className="status-region">
        {state.status === 'done' && <SearchSummary query={state.query} result={state.result} />}
      </div>

      {result && result.hiddenMatches > 0 && (
        <div className="notice hidden-matches">
          <p>
            {result.hiddenMatchesCapped
              ? t('persons.search.hiddenMore', { count: result.hiddenMatches })
              : t('persons.search.hidden', { count: result.hiddenMatches })}
          </p>
          {mayBreakGlass && result.hiddenMatchId && (
            <button type="button" className="button button-danger" onClick={() => setBreakGlassFor(result.hiddenMatchId)}>
              {t('persons.search.breakGlass')}
            </button>
          )}
          {mayBreakGlass && !result.hiddenMatchId && <p className="muted">{t('persons.search.hiddenBreakGlassHint')}</p>}
        </div>
      )}
      {breakGlassFor && (
        <BreakGlassDialog
          personId={breakGlassFor}
          onClose={() => setBreakGlassFor(undefined)}
          onOpened={(access) => {
            setBreakGlassFor(undefined)
            void navigate(`/persons/${access.personId}`)
          }}
        />
      )}

      {result && result.persons.length === 0 && result.hiddenMatches === 0 && can(user, 'persons:create') && (
        <p className="muted">{t('persons.search.noneHint')}</p>
      )}
      {result && result.persons.length > 0 && (
        <table className="person-results">
          <caption className="visually-hidden">{t('persons.search.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('persons.register.name')}</th>
              <th scope="col">{t('persons.search.id')}</th>
              <th scope="col">{t('persons.register.birthDate')}</th>
              <th scope="col">{t('persons.search.notes')}</th>
            </tr>
          </thead>
          <tbody ref={table} onKeyDown={moveFocus}>
            {result.persons.map((p) => (
              <ResultRow key={p.id} person={p} onOpen={() => void navigate(`/persons/${p.id}`)} />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

function SearchSummary({ query, result }: { query: Searchable; result: PersonSearchResult }) {
  const { t } = useTranslation()
  const by =
    query.kind === 'hetu'
      ? t('persons.search.byHetu', { value: query.value })
      : query.kind === 'birthDate'
        ? t('persons.search.byBirthDate', { value: formatRegisterDate(query.value) })
        : t('persons.search.byName', { value: query.value })
  if (result.persons.length === 0 && result.hiddenMatches === 0) {
    return (
      <p>
        {by} {t('persons.search.none')}
      </p>
    )
  }
  return (
    <p>
      {by} {t('persons.search.count', { count: result.persons.length })}
      {result.persons.length >= LIMIT && <> {t('persons.search.limited', { count: LIMIT })}</>}
    </p>
  )
}

function ResultRow({ person, onOpen }: { person: PersonSummary; onOpen: () => void }) {
  const { t } = useTranslation()
  return (
    <tr className="clickable-row" onClick={(event) => (event.target as HTMLElement).closest('a') === null && onOpen()}>
      <td>
        <Link to={`/persons/${person.id}`} data-row-link="">
          {personName(person)}
        </Link>
      </td>
      <td className="mono">
        {person.hetu ?? (
          <>
            {person.temporaryId} <span className="muted">({t('persons.temporaryId')})</span>
          </>
        )}
      </td>
      <td>{formatRegisterDate(person.birthDate)}</td>
      <td>
        <PersonMarkers turvakielto={person.turvakielto} deathDate={person.deathDate} />
      </td>
    </tr>
  )
}
