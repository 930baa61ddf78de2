import { act, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { Link, RouterProvider, createMemoryRouter } from 'react-router'
import { describe, expect, it, vi } from 'vitest'
import { CharacterCount } from '../src/components/CharacterCount'
import { ConfirmDialog } from '../src/components/ConfirmDialog'
import { ErrorSummary } from '../src/components/ErrorSummary'
import { FormFooter } from '../src/components/FormFooter'
import { KeptDraftParts, useKeptDraft } from '../src/components/KeptDraft'
import { UnsavedChangesGuard } from '../src/components/UnsavedChangesGuard'
import { characterCount } from '../src/lib/characters'
import { clearStoredDrafts, readStoredDraft, useStoredDraft } from '../src/lib/storedDraft'
import { useDebouncedValue } from '../src/lib/useDebouncedValue'
import { i18n } from '../src/i18n'

describe('the error summary', () => {
  it('shows nothing without problems, then takes the focus and links each problem to its field', async () => {
    const { rerender } = render(
      <>
        <ErrorSummary items={[]} />
        <input id="f-name" aria-label="Nimi" />
      </>,
    )
    expect(screen.queryByRole('alert')).toBeNull()
    rerender(
      <>
        <ErrorSummary items={[{ message: 'Kirjoita nimi.', fieldId: 'f-name' }, { message: 'Jotain muuta.' }]} />
        <input id="f-name" aria-label="Nimi" />
      </>,
    )
    const summary = screen.getByRole('alert', { name: 'Tarkista tiedot' })
    await waitFor(() => expect(document.activeElement).toBe(summary))
    expect(within(summary).getByText('Jotain muuta.').closest('a')).toBeNull()
    const link = within(summary).getByRole('link', { name: 'Kirjoita nimi.' })
    expect(link.getAttribute('href')).toBe('#f-name')
    fireEvent.click(link)
    expect(document.activeElement).toBe(screen.getByLabelText('Nimi'))
  })

  it('puts a refusal that is about no field (a 413 with its limit) in its heading and text', () => {
    render(<ErrorSummary error={{ title: 'Pyyntö on liian suuri', detail: 'Pyynnön enimmäiskoko on 1 Mt (1 048 576 tavua).' }} items={[]} />)
    const summary = screen.getByRole('alert', { name: 'Pyyntö on liian suuri' })
    expect(summary.textContent).toContain('1 Mt (1 048 576 tavua)')
  })
})

describe('the character count', () => {
  it('counts code points as the server does, and says how much is over', async () => {
    expect(characterCount('a👋ä')).toBe(3)
    const { rerender } = render(<CharacterCount id="c" value="abc" max={5} />)
    expect(screen.getByText('2 merkkiä jäljellä (enintään 5)')).toBeTruthy()
    rerender(<CharacterCount id="c" value="abcdef" max={5} />)
    const over = screen.getByText('Teksti on 1 merkin liian pitkä (enintään 5)')
    expect(over.className).toContain('character-count-over')
    await i18n.changeLanguage('en')
    rerender(<CharacterCount id="c" value={'x'.repeat(1000)} max={20_000} />)
    expect(screen.getByText('19,000 characters left (at most 20,000)')).toBeTruthy()
  })
})

describe('the confirmation dialog', () => {
  it('is a modal dialog that says what happens, focuses Cancel first and confirms only on its button', () => {
    const onConfirm = vi.fn()
    const onCancel = vi.fn()
    render(
      <ConfirmDialog title="Hyväksytäänkö?" confirmLabel="Hyväksy" busy={false} onConfirm={onConfirm} onCancel={onCancel}>
        <p>Tätä ei voi perua.</p>
      </ConfirmDialog>,
    )
    const dialog = screen.getByRole('dialog', { name: 'Hyväksytäänkö?' })
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy()
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe('Tätä ei voi perua.')
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Peruuta' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }))
    expect(onCancel).toHaveBeenCalledOnce()
    expect(onConfirm).not.toHaveBeenCalled()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hyväksy' }))
    expect(onConfirm).toHaveBeenCalledOnce()
  })
})

describe('unsaved changes', () => {
  function app(dirty: boolean) {
    const router = createMemoryRouter(
      [
        {
          path: '/form',
          element: (
            <>
              <UnsavedChangesGuard when={dirty} />
              <Link to="/elsewhere">Muualle</Link>
            </>
          ),
        },
        { path: '/elsewhere', element: <p>Muualla</p> },
      ],
      { initialEntries: ['/form'] },
    )
    render(<RouterProvider router={router} />)
    return router
  }

  it('asks before in-app navigation leaves unsaved text, and stays or leaves as chosen', async () => {
    const router = app(true)
    fireEvent.click(screen.getByRole('link', { name: 'Muualle' }))
    const dialog = await screen.findByRole('dialog', { name: 'Poistutaanko tallentamatta?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Jatka kirjoittamista' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(router.state.location.pathname).toBe('/form')
    fireEvent.click(screen.getByRole('link', { name: 'Muualle' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Poistu tallentamatta' }))
    expect(await screen.findByText('Muualla')).toBeTruthy()
  })

  it('asks the browser before unload only while there is something unsaved', () => {
    const router = app(false)
    const quiet = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(quiet)
    expect(quiet.defaultPrevented).toBe(false)
    fireEvent.click(screen.getByRole('link', { name: 'Muualle' }))
    expect(router.state.location.pathname).toBe('/elsewhere')
  })

  it('prevents the unload while dirty', () => {
    app(true)
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
  })
})

describe('the stored draft', () => {
  it('keeps the values in the tab after a pause, restores them, and forgets them on discard or sign-out', async () => {
    const first = renderHook(() => useStoredDraft<{ text: string }>('u1 form', 10))
    expect(first.result.current.restored).toBeUndefined()
    act(() => first.result.current.save({ text: 'kesken' }))
    await waitFor(() => expect(readStoredDraft<{ text: string }>('u1 form')?.value).toEqual({ text: 'kesken' }))
    first.unmount()
    const second = renderHook(() => useStoredDraft<{ text: string }>('u1 form'))
    expect(second.result.current.restored?.value).toEqual({ text: 'kesken' })
    act(() => second.result.current.discard())
    expect(readStoredDraft('u1 form')).toBeUndefined()
    act(() => second.result.current.save({ text: 'uusi' }))
    second.unmount() // leaving writes what was pending at once
    expect(readStoredDraft<{ text: string }>('u1 form')?.value).toEqual({ text: 'uusi' })
    sessionStorage.setItem('not-ours', 'x')
    clearStoredDrafts()
    expect(readStoredDraft('u1 form')).toBeUndefined()
    expect(sessionStorage.getItem('not-ours')).toBe('x')
    expect(localStorage.length).toBe(0)
  })
})

describe('the debounced value', () => {
  it('follows the value only after it has stood still', async () => {
    const { result, rerender } = renderHook(({ value }) => useDebouncedValue(value, 30), { initialProps: { value: 'a' } })
    rerender({ value: 'ab' })
    rerender({ value: 'abc' })
    expect(result.current).toBe('a')
    await waitFor(() => expect(result.current).toBe('abc'))
  })
})

describe('a form that keeps its draft (useKeptDraft)', () => {
  function Form({ onCancel, onSaved }: { onCancel: () => void; onSaved: () => void }) {
    const [text, setText] = useState('')
    const [date, setDate] = useState('2026-12-07')
    const draft = useKeptDraft('test-form subject-1', { text, date }, (kept) => {
      setText(kept.text)
      setDate(kept.date)
    })
    return (
      <form aria-label="Lomake" onSubmit={(e) => {
        e.preventDefault()
        draft.discard()
        onSaved()
      }}>
        <KeptDraftParts draft={draft} busy={false} />
        <label>
          Teksti
          <textarea value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <FormFooter error={undefined} submitLabel="Tallenna" busy={false} onCancel={onCancel} draft={draft} />
      </form>
    )
  }

  it('restores the text after a reload, asks before Cancel throws it away, and forgets it once saved', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    try {
      const first = render(<Form onCancel={() => undefined} onSaved={() => undefined} />)
      fireEvent.change(screen.getByLabelText('Teksti'), { target: { value: 'Kotikäynnillä todettiin' } })
      await act(async () => vi.advanceTimersByTimeAsync(400))
      first.unmount() // the page goes away (a reload)
      expect(readStoredDraft<{ text: string }>('anonymous test-form subject-1')?.value.text).toBe('Kotikäynnillä todettiin')
    } finally {
      vi.useRealTimers()
    }

    const onCancel = vi.fn()
    const onSaved = vi.fn()
    const second = render(<Form onCancel={onCancel} onSaved={onSaved} />)
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Teksti').value).toBe('Kotikäynnillä todettiin'))
    expect(screen.getByRole('status').textContent).toMatch(/^Palautettu tallentamaton teksti/)
    // Cancel with text asks first; staying keeps the text
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta' }))
    const dialog = await screen.findByRole('dialog', { name: 'Hylätäänkö kirjoitettu teksti?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Jatka kirjoittamista' }))
    expect(onCancel).not.toHaveBeenCalled()
    expect(screen.getByLabelText<HTMLTextAreaElement>('Teksti').value).toBe('Kotikäynnillä todettiin')
    // saving forgets the copy
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }))
    expect(onSaved).toHaveBeenCalled()
    second.unmount()
    expect(readStoredDraft('anonymous test-form subject-1')).toBeUndefined()
  })

  it('cancels at once when nothing was written, and a confirmed Cancel discards the copy', async () => {
    const onCancel = vi.fn()
    render(<Form onCancel={onCancel} onSaved={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta' }))
    expect(onCancel).toHaveBeenCalledTimes(1)
    fireEvent.change(screen.getByLabelText('Teksti'), { target: { value: 'Puhelu' } })
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Hylkää teksti' }))
    expect(onCancel).toHaveBeenCalledTimes(2)
    expect(readStoredDraft('anonymous test-form subject-1')).toBeUndefined()
  })
})
