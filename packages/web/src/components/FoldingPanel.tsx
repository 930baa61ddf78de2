import { useCallback, useId, useState, type ReactNode } from 'react'
import { useUser } from '../session/context'
import './folding-panel.css'

/**
 * Which panels a user has folded, remembered in the browser's local storage per user (`huoma-fold:<user>:<panel>`):
 * only the panel's name and a flag, never client data, so the choice outlives the tab and the sign-out.
 */
const PREFIX = 'huoma-fold:'

function storage(): Storage | undefined {
  try {
    return window.localStorage
  } catch {
    return undefined
  }
}

/** Whether the panel `panel` is folded for the signed-in user, and the setter that remembers it. */
export function useFolded(panel: string): [boolean, (folded: boolean) => void] {
  const user = useUser()
  const key = `${PREFIX}${user.id}:${panel}`
  const [folded, setFoldedState] = useState(() => storage()?.getItem(key) === '1')
  const setFolded = useCallback(
    (value: boolean) => {
      setFoldedState(value)
      try {
        if (value) storage()?.setItem(key, '1')
        else storage()?.removeItem(key)
      } catch {
        // storage refused: the panel folds for this page only
      }
    },
    [key],
  )
  return [folded, setFolded]
}

export interface FoldingPanelProps {
  /** The panel's stable name, the key of its remembered state (`card:timeline`). */
  panel: string
  title: ReactNode
  /** More classes of the section (`card-section`, the feature's own). */
  className?: string
  children: ReactNode
}

/**
 * A panel that folds: a section whose heading is a button (`aria-expanded`, `aria-controls`) showing and hiding the
 * body; the heading stays, so a folded panel is still found by its name. The state is remembered per user.
 */
export function FoldingPanel({ panel, title, className, children }: FoldingPanelProps) {
  const id = useId()
  const [folded, setFolded] = useFolded(panel)
  return (
    <section className={`panel folding-panel${className ? ` ${className}` : ''}${folded ? ' is-folded' : ''}`} aria-labelledby={`${id}-title`}>
      <h2 className="folding-heading">
        <button id={`${id}-title`} type="button" className="folding-toggle" aria-expanded={!folded} aria-controls={`${id}-body`} onClick={() => setFolded(!folded)}>
          <span className="folding-marker" aria-hidden="true" />
          {title}
        </button>
      </h2>
      <div id={`${id}-body`} className="folding-body" hidden={folded}>
        {children}
      </div>
    </section>
  )
}
