import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Drafts of forms kept in the browser tab's session storage while they are written, so that a reload (or a crash of
 * the page) loses nothing. Session storage, not local storage: the text is a client's most sensitive data, and a
 * tab's session storage is gone when the tab closes; signing out clears every draft of this app as well
 * (`clearStoredDrafts`). The key names the user and the form (`<user> journal <person> <task> new`).
 */
const PREFIX = 'huoma-draft:'

interface Stored<T> {
  savedAt: string
  value: T
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage
  } catch {
    return undefined
  }
}

export function readStoredDraft<T>(key: string): Stored<T> | undefined {
  const raw = storage()?.getItem(PREFIX + key)
  if (!raw) return undefined
  try {
    const parsed = JSON.parse(raw) as Stored<T>
    return typeof parsed === 'object' && parsed !== null && 'value' in parsed ? parsed : undefined
  } catch {
    return undefined
  }
}

export function writeStoredDraft<T>(key: string, value: T): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify({ savedAt: new Date().toISOString(), value } satisfies Stored<T>))
  } catch {
    // Storage full or refused: the form still works, only without the copy.
  }
}

export function removeStoredDraft(key: string): void {
  storage()?.removeItem(PREFIX + key)
}

/** Removes every draft of this app from the tab (at sign-out). */
export function clearStoredDrafts(): void {
  const s = storage()
  if (!s) return
  for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key)
}

/**
 * A form's draft kept while it is written: `restored` is the copy found when the form opened (its time, to tell the
 * user), `save(value)` keeps the current values (after `delay` ms of rest, so typing does not write on every key),
 * `discard()` forgets it (after saving to the server or cancelling on purpose).
 */
export function useStoredDraft<T>(key: string, delay = 300) {
  const [restored] = useState(() => readStoredDraft<T>(key))
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const pending = useRef<{ value: T } | undefined>(undefined)
  const flush = useCallback(() => {
    clearTimeout(timer.current)
    if (pending.current) writeStoredDraft(key, pending.current.value)
    pending.current = undefined
  }, [key])
  const save = useCallback(
    (value: T) => {
      pending.current = { value }
      clearTimeout(timer.current)
      timer.current = setTimeout(flush, delay)
    },
    [flush, delay],
  )
  const discard = useCallback(() => {
    clearTimeout(timer.current)
    pending.current = undefined
    removeStoredDraft(key)
  }, [key])
  // A reload or leaving the page writes what is pending at once.
  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])
  return { restored, save, discard }
}
