import type { BreakGlassAccess } from '@huoma/contract'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { BreakGlassDialog } from '../src/features/persons/BreakGlassDialog'
import { chooseLanguage } from '../src/i18n'
import { json, mockApi, problem } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const ACCESS = { id: '0e9b7c1d-1111-4222-8333-944455566677', personId: PERSON, serviceTask: 'income_support', expiresAt: '2026-03-02T10:00:00.000Z' }
const tasks = (list = [
  { code: 'adult_social_work', name: 'Aikuisten sosiaalityö' },
  { code: 'income_support', name: 'Toimeentulotuki' },
]) => json({ serviceTasks: list, hours: 24 })

/** A page with the button that opens the dialog, as the client search has it. */
function Host({ onOpened }: { onOpened: (access: BreakGlassAccess) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Avaa tiedot poikkeuksellisesti…
      </button>
      {open && (
        <BreakGlassDialog
          personId={PERSON}
          onClose={() => setOpen(false)}
          onOpened={(access) => {
            setOpen(false)
            onOpened(access)
          }}
        />
      )}
    </>
  )
}

function openDialog(onOpened = vi.fn()) {
  render(<Host onOpened={onOpened} />)
  const opener = screen.getByRole('button', { name: 'Avaa tiedot poikkeuksellisesti…' })
  opener.focus()
  fireEvent.click(opener)
  return { opener, onOpened, dialog: screen.getByRole('dialog') }
}

describe('the break-the-glass dialog', () => {
  it('warns that the access is logged and reviewed, requires a service task and a reason, then opens the client', async () => {
    document.cookie = 'huoma-csrf=token-9'
    const api = mockApi({
      'GET /api/break-glass/service-tasks': () => tasks(),
      [`POST /api/persons/${PERSON}/break-glass`]: () => json(ACCESS, 201),
    })
    const { dialog, onOpened } = openDialog()
    expect(screen.getByRole('dialog', { name: 'Avaa tiedot ilman asiakassuhdetta' })).toBe(dialog)
    const warning = document.getElementById(dialog.getAttribute('aria-describedby') ?? '')
    expect(warning?.textContent).toMatch(/kirjataan lokiin.*24 tuntia.*tietosuojavastaava tarkastaa sen jälkikäteen/)
    const select = await within(dialog).findByLabelText<HTMLSelectElement>('Palvelutehtävä')
    await waitFor(() => expect(document.activeElement).toBe(select))
    await waitFor(() => expect(select.options).toHaveLength(3))
    expect([...select.options].map((o) => o.textContent)).toEqual(['Valitse palvelutehtävä', 'Aikuisten sosiaalityö', 'Toimeentulotuki'])

    const submit = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Avaa tiedot' })
    await waitFor(() => expect(submit.disabled).toBe(false))
    fireEvent.click(submit)
    expect(select.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Valitse palvelutehtävä.')
    const reason = within(dialog).getByLabelText<HTMLTextAreaElement>('Syy tietojen avaamiseen')
    expect(reason.getAttribute('aria-invalid')).toBe('true')
    expect(reason.required).toBe(true)
    expect(document.activeElement).toBe(select)

    fireEvent.change(select, { target: { value: 'income_support' } })
    fireEvent.change(reason, { target: { value: 'kiire!!! ..........' } })
    fireEvent.click(submit)
    expect(within(dialog).getByText('Kirjoita syy omin sanoin: vähintään 10 kirjainta tai numeroa.')).toBeTruthy()
    expect(document.activeElement).toBe(reason)
    expect(api.calls(`POST /api/persons/${PERSON}/break-glass`)).toHaveLength(0)

    fireEvent.change(reason, { target: { value: 'Asiakas on paikalla ja tarvitsee kiireellisen päätöksen' } })
    fireEvent.click(submit)
    await waitFor(() => expect(onOpened).toHaveBeenCalledWith(ACCESS))
    expect(screen.queryByRole('dialog')).toBeNull()
    const [call] = api.calls(`POST /api/persons/${PERSON}/break-glass`)
    expect(call?.body).toEqual({ serviceTask: 'income_support', reason: 'Asiakas on paikalla ja tarvitsee kiireellisen päätöksen' })
    expect(call?.headers.get('x-csrf-token')).toBe('token-9')
  })

  it('chooses the only service task itself and starts at the reason', async () => {
    mockApi({ 'GET /api/break-glass/service-tasks': () => tasks([{ code: 'income_support', name: 'Toimeentulotuki' }]) })
    const { dialog } = openDialog()
    const reason = within(dialog).getByLabelText('Syy tietojen avaamiseen')
    await waitFor(() => expect(document.activeElement).toBe(reason))
    expect(within(dialog).getByLabelText<HTMLSelectElement>('Palvelutehtävä').value).toBe('income_support')
  })

  it('shows the server\'s field messages at the fields', async () => {
    mockApi({
      'GET /api/break-glass/service-tasks': () => tasks(),
      [`POST /api/persons/${PERSON}/break-glass`]: () =>
        problem({
          title: 'Tiedoissa on virheitä',
          status: 400,
          errors: [{ field: 'body.serviceTask', code: 'breakGlass.serviceTask', message: 'Valitse palvelutehtävä, johon sinulla on käyttöoikeus.' }],
        }),
    })
    const { dialog } = openDialog()
    const select = await within(dialog).findByLabelText('Palvelutehtävä')
    await waitFor(() => expect(within(dialog).getAllByRole('option')).toHaveLength(3))
    fireEvent.change(select, { target: { value: 'adult_social_work' } })
    fireEvent.change(within(dialog).getByLabelText('Syy tietojen avaamiseen'), { target: { value: 'Kriisitilanne, asiakas soitti päivystykseen' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avaa tiedot' }))
    expect(await within(dialog).findByText('Valitse palvelutehtävä, johon sinulla on käyttöoikeus.')).toBeTruthy()
    expect(within(dialog).getByRole('alert').textContent).toContain('Tiedoissa on virheitä')
    await waitFor(() => expect(document.activeElement).toBe(select))
  })

  it('closes with Escape or Cancel and gives the focus back to the button that opened it', async () => {
    mockApi({ 'GET /api/break-glass/service-tasks': () => tasks() })
    const { dialog, opener, onOpened } = openDialog()
    await within(dialog).findByLabelText('Palvelutehtävä')
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
    fireEvent.click(opener)
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Peruuta' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
    expect(onOpened).not.toHaveBeenCalled()
  })

  it('speaks Swedish', async () => {
    await chooseLanguage('sv')
    mockApi({ 'GET /api/break-glass/service-tasks': () => json({ serviceTasks: [{ code: 'income_support', name: 'Utkomststöd' }], hours: 8 }) })
    const { dialog } = openDialog()
    expect(screen.getByRole('dialog', { name: 'Öppna uppgifterna utan klientrelation' })).toBe(dialog)
    expect(await within(dialog).findByText(/loggförs, åtkomsten gäller i 8 timmar och dataskyddsombudet granskar den i efterhand/)).toBeTruthy()
    expect(within(dialog).getByLabelText('Skäl till att öppna uppgifterna')).toBeTruthy()
    expect(within(dialog).getByRole('button', { name: 'Avbryt' })).toBeTruthy()
  })
})
