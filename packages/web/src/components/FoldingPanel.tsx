import { useCallback, useContext, useId, useState, type ReactNode } from 'react'
import { SessionContext } from '../session/context'
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

/**
 * Whether the panel `panel` is folded for the signed-in user, and the setter that remembers it. Outside a session
 * (a section rendered alone) the panel folds without remembering.
 */
export function useFolded(panel: string): [boolean, (folded: boolean) => void] {
  const state = useContext(SessionContext)?.state
  const key = state?.status === 'signed-in' ? `${PREFIX}${state.user.id}:${panel}` : undefined
  const [folded, setFoldedState] = useState(() => (key ? storage()?.getItem(key) === '1' : false))
  const setFolded = useCallback(
    (value: boolean) => {
      setFoldedState(value)
      if (!key) return
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
  /** Buttons beside the heading (edit, add, print); shown while the panel is open, since they act on its body. */
  actions?: ReactNode
  children: ReactNode
}

/**
 * A panel that folds: a section whose heading is a button (`aria-expanded`, `aria-controls`) showing and hiding the
 * body; the heading stays, so a folded panel is still found by its name. The state is remembered per user.
 */
export function FoldingPanel({ panel, title, className, actions, children }: FoldingPanelProps) {
  const id = useId()
  const [folded, setFolded] = useFolded(panel)
  return (
    <section className={`panel folding-panel${className ? ` ${className}` : ''}${folded ? ' is-folded' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="folding-header">
        <h2 className="folding-heading">
          <button id={`${id}-title`} type="button" className="folding-toggle" aria-expanded={!folded} aria-controls={`${id}-body`} onClick={() => setFolded(!folded)}>
            <span className="folding-marker" aria-hidden="true" />
            {title}
          </button>
        </h2>
        {actions && !folded && <div className="folding-actions">{actions}</div>}
      </div>
      <div id={`${id}-body`} className="folding-body" hidden={folded}>
        {children}
      </div>
    </section>
  )
}
