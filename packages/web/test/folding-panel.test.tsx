import type { SessionUser } from '@huoma/contract'
import { fireEvent, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { FoldingPanel } from '../src/components/FoldingPanel'
import { SessionContext, type Session } from '../src/session/context'
import { sessionUser } from './helpers'

function renderPanel(user: SessionUser) {
  const session = { state: { status: 'signed-in', user } } as unknown as Session
  return render(
    <SessionContext.Provider value={session}>
      <FoldingPanel panel="card:timeline" className="card-section" title="Aikajana">
        <p>Tapahtumat</p>
      </FoldingPanel>
    </SessionContext.Provider>,
  )
}

describe('FoldingPanel', () => {
  beforeEach(() => localStorage.clear())

  it('folds and unfolds from its heading button, and remembers the state per user', () => {
    const first = sessionUser()
    const { unmount } = renderPanel(first)
    const toggle = screen.getByRole('button', { name: 'Aikajana' })
    expect(screen.getByRole('heading', { level: 2, name: 'Aikajana' })).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Aikajana' })).toBeTruthy()
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)?.hidden).toBe(false)
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.getByText('Tapahtumat').closest('[hidden]')).not.toBeNull()
    expect(localStorage.getItem(`huoma-fold:${first.id}:card:timeline`)).toBe('1')
    unmount()

    // the same user finds it folded; another user of the same browser does not
    const again = renderPanel(first)
    expect(screen.getByRole('button', { name: 'Aikajana' }).getAttribute('aria-expanded')).toBe('false')
    again.unmount()
    const other = renderPanel(sessionUser({ id: '7d2f3f0e-1b2a-4f43-9a51-0d0c5f0d2b12' }))
    expect(screen.getByRole('button', { name: 'Aikajana' }).getAttribute('aria-expanded')).toBe('true')
    other.unmount()

    // unfolding forgets the choice
    renderPanel(first)
    fireEvent.click(screen.getByRole('button', { name: 'Aikajana' }))
    expect(screen.getByText('Tapahtumat')).toBeTruthy()
    expect(localStorage.getItem(`huoma-fold:${first.id}:card:timeline`)).toBeNull()
  })
})
