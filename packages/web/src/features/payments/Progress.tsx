import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Progress } from '../../api/download'
import { formatBytes } from '../../lib/format'

interface TransferProgressProps {
  /** What is going on, e.g. "Maksuaineistoa luodaan…" — also the progress bar's name. */
  label: string
  /** Bytes so far; none: only the label and an indeterminate bar (the server is working). */
  progress?: Progress | undefined
  /** `received` for a download, `sent` for an upload. */
  direction?: 'received' | 'sent'
}

/**
 * A transfer under way: a progress bar (with a value when the total is known, indeterminate otherwise) and the
 * bytes so far in words. Put it inside a live region (`role="status"`) that is always in the page, so that
 * assistive technology announces it as it appears and changes.
 */
export function TransferProgress({ label, progress, direction = 'received' }: TransferProgressProps) {
  const { t } = useTranslation()
  const id = useId()
  const known = progress?.total !== undefined && progress.total > 0
  const percent = known ? Math.min(100, Math.round((progress.loaded / progress.total!) * 100)) : undefined
  let bytes: string | undefined
  if (progress && known) bytes = t(`payments.progress.${direction}Of`, { loaded: formatBytes(progress.loaded), total: formatBytes(progress.total!), percent })
  else if (progress) bytes = t(`payments.progress.${direction}`, { loaded: formatBytes(progress.loaded) })
  return (
    <div className="pay-progress" data-testid="pay-progress">
      <span id={`${id}-label`} className="pay-progress-label">
        {label}
      </span>
      {known ? (
        <progress aria-labelledby={`${id}-label`} max={100} value={percent} />
      ) : (
        <progress aria-labelledby={`${id}-label`} aria-valuetext={bytes ?? label} />
      )}
      {bytes && <span className="pay-progress-bytes">{bytes}</span>}
    </div>
  )
}
