import { privacyEndpoints as ep, type OfficerClientList } from '@huoma/contract'
import { useEffect, useId, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError } from '../../api/client'
import { callApi } from '../../api/endpoint'
import { formatDate } from '../../lib/format'
import { UUID_PATTERN } from './format'

type Found = OfficerClientList['persons'][number]

/** Whether the text is worth a search: a client id, a henkilötunnus-shaped token, or three letters of a name. */
export function searchable(text: string): boolean {
  const q = text.trim()
  return UUID_PATTERN.test(q) || /^\d{6}[-+a-fA-FU-Yu-y]\d{3}[0-9a-zA-Z]$/.test(q) || q.replace(/[^\p{L}]/gu, '').length >= 3
}

/**
 * The officer's client finder: type a henkilötunnus, a name or a client id; the matches (every person, the read
 * audited) appear as you type and one is chosen. `onChange` gets the chosen id, or '' and `unresolved` while text is
 * typed but nothing chosen (a form then asks to choose).
 */
export function ClientFinder({
  label,
  value,
  onChange,
  error,
  inputRef,
  className,
}: {
  label: string
  value: string
  onChange: (id: string, unresolved: boolean) => void
  error?: string | undefined
  inputRef?: Ref<HTMLInputElement>
  className?: string
}) {
  const { t } = useTranslation()
  const id = useId()
  const [query, setQuery] = useState(value)
  const [chosen, setChosen] = useState<Found | null>(null)
  const [results, setResults] = useState<{ query: string; persons: Found[] } | null>(null)
  const [searchError, setSearchError] = useState<string>()

  // a client chosen elsewhere (the log's "filter by this client"): shown by its id until searched
  const [seen, setSeen] = useState(value)
  if (value !== seen) {
    setSeen(value)
    if (value && value !== chosen?.id) {
      setChosen(null)
      setQuery(value)
    } else if (!value && chosen) setChosen(null)
  }

  useEffect(() => {
    const q = query.trim()
    if (chosen || !searchable(q) || UUID_PATTERN.test(q)) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      callApi(ep['privacy.findClient'], { query: { q }, signal: controller.signal }).then(
        (found) => {
          setSearchError(undefined)
          setResults({ query: q, persons: found.persons })
        },
        (failure: unknown) => {
          if (controller.signal.aborted) return
          setSearchError(failure instanceof ApiError ? (failure.problem.errors?.[0]?.message ?? describeError(failure).title) : describeError(failure).title)
        },
      )
    }, 300)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [query, chosen])

  function type(text: string) {
    setQuery(text)
    setChosen(null)
    const q = text.trim()
    if (UUID_PATTERN.test(q)) onChange(q, false)
    else onChange('', q.length > 0)
  }

  function choose(p: Found) {
    setChosen(p)
    setResults(null)
    onChange(p.id, false)
  }

  const inputId = `${id}-input`
  const shown = results && results.query === query.trim() && !chosen ? results.persons : null
  return (
    <div className={['field', 'client-finder', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {chosen ? (
        <p className="client-finder-chosen">
          <strong>
            {chosen.lastName} {chosen.firstNames}
          </strong>
          {', '}
          {chosen.hetu ?? chosen.temporaryId ?? formatDate(chosen.birthDate)}
          {chosen.deathDate && <> ({t('audit.finder.died', { date: formatDate(chosen.deathDate) })})</>}{' '}
          <button type="button" className="button-link" onClick={() => type('')}>
            {t('audit.finder.change')}
          </button>
        </p>
      ) : (
        <>
          <p id={`${id}-hint`} className="field-hint">
            {t('audit.finder.hint')}
          </p>
          <input
            ref={inputRef}
            id={inputId}
            value={query}
            onChange={(e) => type(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : '', `${id}-status`].filter(Boolean).join(' ')}
          />
        </>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div id={`${id}-status`} aria-live="polite" className="status-region">
        {searchError && <p className="field-error">{searchError}</p>}
        {shown && shown.length === 0 && <p className="field-hint">{t('audit.finder.none')}</p>}
      </div>
      {shown && shown.length > 0 && (
        <ul className="client-finder-results" aria-label={t('audit.finder.results', { count: shown.length })}>
          {shown.map((p) => (
            <li key={p.id}>
              <button type="button" className="button-link" onClick={() => choose(p)}>
                {p.lastName} {p.firstNames}, {p.hetu ?? p.temporaryId ?? formatDate(p.birthDate)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
