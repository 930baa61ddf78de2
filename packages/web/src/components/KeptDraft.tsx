import { useContext, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../lib/format'
import { useStoredDraft } from '../lib/storedDraft'
import { SessionContext } from '../session/context'
import { ConfirmDialog } from './ConfirmDialog'
import { UnsavedChangesGuard } from './UnsavedChangesGuard'

/**
 * The draft pattern of every form with text a worker writes (issue 14): what is typed is kept in the tab while it
 * differs from what the form opened with (`lib/storedDraft`: session storage, per user and form, cleared at sign-out)
 * and restored after a reload; leaving the page or the app asks first; Cancel with unsaved text asks first.
 *
 * The form keeps its own state; it passes its current `values` and a `restore` that puts a kept copy back (called
 * once, after the first render). `key` names the form and its subject, e.g. `cw-plan <person> <kind>`; the user's
 * id is prefixed here. After saving to the server the form calls `discard()`.
 */
export function useKeptDraft<T extends object>(key: string, values: T, restore: (kept: T) => void) {
  // outside a session (the public e-form, a component alone in a test) the draft is the tab's, under "anonymous"
  const session = useContext(SessionContext)
  const userId = session?.state.status === 'signed-in' ? session.state.user.id : 'anonymous'
  const [opened] = useState(values)
  const stored = useStoredDraft<T>(`${userId} ${key}`)
  const [confirming, setConfirming] = useState<(() => void) | undefined>(undefined)
  const restoreOnce = useRef(restore)
  useEffect(() => {
    if (stored.restored) restoreOnce.current({ ...opened, ...stored.restored.value })
    // once, when the form opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const signature = JSON.stringify(values)
  // what counts as written: a difference from what the form opened with, or from what was last saved or discarded
  const [baseline, setBaseline] = useState(() => JSON.stringify(opened))
  const dirty = signature !== baseline
  useEffect(() => {
    if (dirty) stored.save(JSON.parse(signature) as T)
    else stored.discard()
    // `stored` is stable per key; `signature` carries the values
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, dirty])
  const discard = () => {
    stored.discard()
    // the values of the render the caller acted on: what was submitted (or cancelled) is no longer unsaved
    setBaseline(signature)
  }
  return {
    dirty,
    restoredAt: stored.restored?.savedAt,
    /** Forget the kept copy (saved to the server, or thrown away): what the form holds now is no longer unsaved. */
    discard,
    /** Cancel: at once when nothing was written, else after the user confirms throwing the text away. */
    cancel(onCancel: () => void) {
      const now = () => {
        discard()
        onCancel()
      }
      if (dirty) setConfirming(() => now)
      else now()
    },
    confirming,
    stopConfirming: () => setConfirming(undefined),
  }
}

export type KeptDraft = ReturnType<typeof useKeptDraft>

/**
 * What a form with a kept draft shows: the note that a copy was restored, the warning before leaving, and the
 * question before Cancel throws text away. Put it at the top of the form; `busy` while saving (no warning then).
 */
export function KeptDraftParts({ draft, busy }: { draft: KeptDraft; busy: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      {draft.restoredAt && (
        <p className="notice" role="status">
          {t('common.unsaved.restored', { time: formatDateTime(draft.restoredAt) })}
        </p>
      )}
      <UnsavedChangesGuard when={draft.dirty && !busy} />
      {draft.confirming && (
        <ConfirmDialog
          title={t('common.unsaved.discardTitle')}
          confirmLabel={t('common.unsaved.discardConfirm')}
          cancelLabel={t('common.unsaved.stay')}
          busy={false}
          danger
          onConfirm={() => {
            const go = draft.confirming
            draft.stopConfirming()
            go?.()
          }}
          onCancel={draft.stopConfirming}
        >
          <p>{t('common.unsaved.discardWarning')}</p>
        </ConfirmDialog>
      )}
    </>
  )
}
