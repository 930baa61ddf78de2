import type { JournalEntryDetail, JournalEntryState, JournalEntryType, JournalListItem, JournalVersion } from '@huoma/contract'
import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { FoldingPanel } from '../../components/FoldingPanel'
import { currentLanguage } from '../../lib/language'
import { can, useUser } from '../../session/context'
import { correctEntry, createDraft, deleteDraft, listJournal, printUrl, readEntry, signEntry, updateDraft } from './api'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { EntryForm, type EntryValues } from './EntryForm'
import { readStoredDraft } from '../../lib/storedDraft'
import './journal.css'
import { serviceTaskName } from '../../lib/labels'
import { formatDate, formatDateTime } from '../../lib/format'

/** A symbol per entry type, beside its written label (decorative: hidden from assistive technology). */
const TYPE_ICONS: Record<JournalEntryType, string> = {
  meeting: '👥',
  home_visit: '🏠',
  phone_call: '📞',
  measure: '✔',
  negotiation: '🤝',
  other: '📝',
}

type FormState = { mode: 'new' } | { mode: 'edit' | 'correct'; item: JournalListItem }
type ConfirmState = { kind: 'sign' | 'delete'; item: JournalListItem }

/** An entry's state as a design-system badge: a draft is muted, a signed entry ok, a corrected one marked. */
const JOURNAL_BADGE: Record<JournalEntryState, string> = { draft: 'badge-muted', signed: 'badge-ok', corrected: 'badge-danger-soft' }

export interface JournalPanelProps {
  personId: string
  serviceTask: string
  /** The panel's title; by default "Asiakaskertomus" with the service task on a line of its own. */
  title?: string | undefined
  /** The heading level of the panel's title (2 under a page's h1). */
  headingLevel?: 2 | 3
  /** On the client card: the panel folds (`FoldingPanel`) and remembers it under this name. */
  panel?: string | undefined
}

/**
 * The journal (asiakaskertomus) of one client in one service task: the entries newest first with their state,
 * a form for drafts, signing with a confirmation, corrections with a reason, the versions of an entry, and print.
 * What the user may do follows their actions (journal:write/sign/correct/print); the server decides again.
 */
export function JournalPanel({ personId, serviceTask, title, headingLevel = 2, panel }: JournalPanelProps) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const [data, setData] = useState<{ key: string; items: JournalListItem[]; nextCursor: string | null; error?: ErrorText }>()
  // the form's draft key (useKeptDraft prefixes the user); the new entry's draft is looked up under the whole key
  const draftKey = `journal ${personId} ${serviceTask}`
  const draftBase = `${user.id} ${draftKey}`
  // A new entry's text left unsaved in this tab (a reload, a crash) opens the form again with it.
  const [form, setForm] = useState<FormState | null>(() => (readStoredDraft(`${draftBase} new`) ? { mode: 'new' } : null))
  const [confirm, setConfirm] = useState<ConfirmState | null>(null)
  const [busy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<ErrorText>()
  const [notice, setNotice] = useState('')
  const [versions, setVersions] = useState<Record<string, JournalEntryDetail>>({})
  const [round, setRound] = useState(0)
  const reload = useCallback(() => setRound((n) => n + 1), [])
  const allowed = can(user, 'journal:read')

  const journalKey = `${personId} ${serviceTask}`
  const key = `${journalKey} ${round}`
  useEffect(() => {
    if (!allowed) return
    const controller = new AbortController()
    listJournal(personId, serviceTask, undefined, controller.signal).then(
      (page) => setData({ key, items: page.entries, nextCursor: page.nextCursor }),
      (error: unknown) => {
        if (!controller.signal.aborted) setData({ key, items: [], nextCursor: null, error: describeError(error) })
      },
    )
    return () => controller.abort()
  }, [personId, serviceTask, key, allowed])
  // While a reload is under way the entries it replaces stay on screen (never another client's or task's).
  const shown = data?.key.startsWith(`${journalKey} `) ? data : undefined
  const loading = data?.key !== key
  const items = shown?.items ?? []
  const nextCursor = shown?.nextCursor ?? null
  const loadError = shown?.error

  async function more() {
    if (!shown || !nextCursor) return
    try {
      const page = await listJournal(personId, serviceTask, nextCursor)
      setData({ ...shown, items: [...shown.items, ...page.entries], nextCursor: page.nextCursor })
    } catch (error) {
      setActionError(describeError(error))
    }
  }

  const done = (message: string) => {
    setForm(null)
    setConfirm(null)
    setBusy(false)
    setActionError(undefined)
    setVersions({})
    setNotice(message)
    reload()
  }

  async function save(values: EntryValues) {
    const content = {
      type: values.type,
      eventDate: values.eventDate,
      eventTime: values.eventTime,
      staffParticipants: values.staffParticipants,
      otherParticipants: values.otherParticipants,
      text: values.text,
    }
    if (!form) return
    if (form.mode === 'new') {
      await createDraft(personId, serviceTask, content)
      done(t('journal.saved'))
    } else if (form.mode === 'edit') {
      await updateDraft(personId, serviceTask, form.item.entryId, { ...content, version: form.item.current.version })
      done(t('journal.saved'))
    } else {
      await correctEntry(personId, serviceTask, form.item.entryId, { ...content, basedOn: form.item.current.id, reason: values.reason })
      done(t('journal.corrected'))
    }
  }

  async function confirmed() {
    if (!confirm) return
    setBusy(true)
    try {
      if (confirm.kind === 'sign') {
        await signEntry(personId, serviceTask, confirm.item.entryId, confirm.item.current.version)
        done(t('journal.signed'))
      } else {
        await deleteDraft(personId, serviceTask, confirm.item.entryId)
        done(t('journal.deleted'))
      }
    } catch (error) {
      setConfirm(null)
      setBusy(false)
      setActionError(describeError(error))
    }
  }

  async function toggleVersions(entryId: string) {
    if (versions[entryId]) {
      setVersions(({ [entryId]: _closed, ...rest }) => rest)
      return
    }
    try {
      const detail = await readEntry(personId, serviceTask, entryId)
      setVersions((current) => ({ ...current, [entryId]: detail }))
    } catch (error) {
      setActionError(describeError(error))
    }
  }

  if (!allowed) return null
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const EntryHeading = headingLevel === 2 ? 'h3' : 'h4'
  const taskName = serviceTaskName(t, serviceTask)

  const actions = (
        <div className="button-row">
          {can(user, 'journal:write') && !form && (
            <button type="button" className="button button-primary" onClick={() => setForm({ mode: 'new' })}>
              {t('journal.newEntry')}
            </button>
          )}
          {can(user, 'journal:print') && (
            <a className="button" href={printUrl(personId, serviceTask, currentLanguage())} target="_blank" rel="noopener" aria-describedby={`${id}-print-hint`}>
              {t('journal.print')}
            </a>
          )}
        </div>
  )
  const printHint = (
    <>
        {can(user, 'journal:print') && (
          <p id={`${id}-print-hint`} className="field-hint">
            {t('journal.printHint')}
          </p>
        )}
    </>
  )
  const body = (
    <>
      <p role="status" className="journal-notice">
        {notice}
      </p>
      <ErrorAlert error={loadError ?? actionError} />
      {form?.mode === 'new' && (
        <EntryForm mode="new" userId={user.id} draftKey={`${draftKey} new`} onSubmit={save} onCancel={() => setForm(null)} />
      )}
      {loading && !shown && <p>{t('journal.loading')}</p>}
      {!loading && !loadError && items.length === 0 && <p>{t('journal.empty')}</p>}
      {items.length > 0 && (
        <ol className="journal-list" aria-label={t('journal.listLabel')}>
          {items.map((item) => {
            const v = item.current
            const mine = v.author.id === user.id
            const editing = form && form.mode !== 'new' && form.item.entryId === item.entryId ? form : null
            const detail = versions[item.entryId]
            const headingId = `${id}-${item.entryId}`
            return (
              <li key={item.entryId}>
                <article className={`journal-entry journal-entry-${item.state}`} aria-labelledby={headingId}>
                  <EntryHeading id={headingId} className="journal-entry-title">
                    <span aria-hidden="true" className="journal-icon">
                      {TYPE_ICONS[v.type]}
                    </span>{' '}
                    {t(`journal.types.${v.type}`)} {formatDate(v.eventDate)}
                    {v.eventTime ? ` ${v.eventTime}` : ''}
                  </EntryHeading>
                  <span className={`badge ${JOURNAL_BADGE[item.state]}`}>{t(`journal.state.${item.state}`)}</span>
                  {editing ? (
                    <EntryForm
                      mode={editing.mode}
                      initial={v}
                      userId={user.id}
                      draftKey={`${draftKey} ${editing.mode} ${item.entryId} ${v.version}`}
                      onSubmit={save}
                      onCancel={() => setForm(null)}
                    />
                  ) : (
                    <VersionBody version={v} />
                  )}
                  {!editing && (
                    <div className="button-row">
                      {v.status === 'draft' && mine && can(user, 'journal:write') && (
                        <button type="button" className="button" onClick={() => setForm({ mode: 'edit', item })}>
                          {t('journal.edit')}
                        </button>
                      )}
                      {v.status === 'draft' && mine && can(user, 'journal:sign') && (
                        <button type="button" className="button button-primary" onClick={() => setConfirm({ kind: 'sign', item })}>
                          {t('journal.sign')}
                        </button>
                      )}
                      {v.status === 'draft' && mine && can(user, 'journal:delete-draft') && (
                        <button type="button" className="button" onClick={() => setConfirm({ kind: 'delete', item })}>
                          {t('journal.delete')}
                        </button>
                      )}
                      {v.status === 'signed' && can(user, 'journal:correct') && (
                        <button type="button" className="button" onClick={() => setForm({ mode: 'correct', item })}>
                          {t('journal.correct')}
                        </button>
                      )}
                      {item.history.length > 1 && (
                        <button
                          type="button"
                          className="button"
                          aria-expanded={Boolean(detail)}
                          aria-controls={`${headingId}-versions`}
                          onClick={() => void toggleVersions(item.entryId)}
                        >
                          {detail ? t('journal.hideVersions') : t('journal.showVersions', { count: item.history.length })}
                        </button>
                      )}
                    </div>
                  )}
                  <div id={`${headingId}-versions`}>
                    {detail && (
                      <section className="journal-versions" aria-label={t('journal.versionsTitle')}>
                        <ol>
                          {detail.versions.map((version) => (
                            <li key={version.id}>
                              <p className="journal-version-title">
                                <strong>{t('journal.versionLabel', { n: version.versionNo })}</strong>
                                {version.superseded && <span className="badge badge-danger-soft journal-superseded">{t('journal.superseded')}</span>}
                              </p>
                              <VersionBody version={version} />
                            </li>
                          ))}
                        </ol>
                      </section>
                    )}
                  </div>
                </article>
              </li>
            )
          })}
        </ol>
      )}
      {nextCursor && (
        <button type="button" className="button" onClick={() => void more()}>
          {t('journal.more')}
        </button>
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm.kind === 'sign' ? t('journal.signTitle') : t('journal.deleteTitle')}
          confirmLabel={confirm.kind === 'sign' ? t('journal.signConfirm') : t('journal.deleteConfirm')}
          busy={busy}
          danger={confirm.kind === 'delete'}
          onConfirm={() => void confirmed()}
          onCancel={() => setConfirm(null)}
        >
          <p>{confirm.kind === 'sign' ? t('journal.signWarning') : t('journal.deleteWarning')}</p>
        </ConfirmDialog>
      )}
    </>
  )

  if (panel) {
    return (
      <FoldingPanel panel={panel} className="card-section journal-panel" title={title ?? t('journal.title')} actions={actions}>
        {printHint}
        {body}
      </FoldingPanel>
    )
  }
  return (
    <section className="journal-panel" aria-labelledby={`${id}-title`}>
      <div className="journal-toolbar">
        <Heading id={`${id}-title`}>{title ?? t('journal.title')}</Heading>
        {!title && <p className="journal-task">{t('journal.serviceTask', { task: taskName })}</p>}
        {actions}
        {printHint}
      </div>
      {body}
    </section>
  )
}

/** The content and the who/when/why of one version. */
function VersionBody({ version: v }: { version: JournalVersion }) {
  const { t } = useTranslation()
  const participants = [...v.staffParticipants.map((p) => p.name), ...v.otherParticipants]
  return (
    <div className="journal-version">
      {participants.length > 0 && <p className="journal-meta">{t('journal.participantsShown', { names: participants.join(', ') })}</p>}
      <p className="journal-text">{v.text}</p>
      <p className="journal-meta">
        {v.correctionReason ? t('journal.correctedBy', { name: v.author.name, at: formatDateTime(v.createdAt) }) : t('journal.author', { name: v.author.name })}
        {v.signedBy && v.signedAt && !v.correctionReason && <> · {t('journal.signedBy', { name: v.signedBy.name, at: formatDateTime(v.signedAt) })}</>}
      </p>
      {v.correctionReason && <p className="journal-meta">{t('journal.reasonShown', { reason: v.correctionReason })}</p>}
    </div>
  )
}
