import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { downloadFile, saveFile } from '../../api/download'
import { ErrorAlert } from '../../components/Alert'

type Language = 'fi' | 'sv'
const FILE_NAMES = { decision: 'paatos', assessment: 'arvio' } as const

/** Whether the server refused the copy because the child forbade disclosing anything to this guardian. */
export const isBannedCopy = (error: unknown) =>
  error instanceof ApiError && error.problem.status === 400 && (error.problem.errors ?? []).some((e) => e.field.replace(/^\/?(body|query)?[./]?/, '') === 'recipient' && e.code === 'ban.guardian')

/**
 * A guardian's copy of a decision or of the assessment summary, per guardian and language: what the child forbade
 * to disclose to that guardian is left out by the server. The file is fetched (not a plain link), so that a refusal
 * — the child forbade everything to that guardian — can be said on the page instead of a download of an error.
 */
export function GuardianCopies({
  kind,
  number,
  guardians,
  href,
}: {
  kind: 'decision' | 'assessment'
  number: number | string
  guardians: readonly { id: string; name: string }[]
  href: (language: Language, recipient: string) => string
}) {
  const { t } = useTranslation()
  const id = useId()
  const [busy, setBusy] = useState<string>()
  const [failure, setFailure] = useState<{ error: ErrorText }>()
  if (guardians.length === 0) return null

  async function fetchCopy(guardian: { id: string; name: string }, language: Language) {
    setBusy(`${guardian.id}-${language}`)
    setFailure(undefined)
    try {
      const file = await downloadFile(href(language, guardian.id), `${FILE_NAMES[kind]}-${number}-${language}-huoltaja.pdf`, () => {})
      saveFile(file)
    } catch (error) {
      setFailure({
        error: isBannedCopy(error) ? { title: t('childWelfare.record.copies.banned', { name: guardian.name }), detail: t('childWelfare.record.copies.bannedDetail') } : describeError(error),
      })
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <details className="cw-copies">
      <summary id={`${id}-summary`}>{t('childWelfare.record.copies.summary')}</summary>
      <ul className="cw-links" aria-labelledby={`${id}-summary`}>
        {guardians.flatMap((g) =>
          (['fi', 'sv'] as const).map((language) => (
            <li key={`${g.id}-${language}`}>
              <button type="button" className="button-link" disabled={busy !== undefined} onClick={() => void fetchCopy(g, language)}>
                {t(`childWelfare.record.copies.${kind}`, { number, name: g.name, language: t(`childWelfare.record.languages.${language}`) })}
              </button>
            </li>
          )),
        )}
      </ul>
      <div role="status" className="status-region">
        {busy && <p>{t('childWelfare.record.copies.fetching')}</p>}
      </div>
      <ErrorAlert error={failure?.error} />
    </details>
  )
}
