import type { JournalEntryDetail, JournalListItem, JournalVersion, SessionUser } from '@huoma/contract'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { JournalPanel } from '../src/features/journal/JournalPanel'
import { i18n } from '../src/i18n'
import { SessionContext, type Session } from '../src/session/context'
import { json, mockApi, problem, sessionUser } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const BASE = `/api/persons/${PERSON}/journal/adult_social_work`
const ME = '6c1f3f0e-1b2a-4f43-9a51-0d0c5f0d2b11'
const OTHER = '0a0b0c0d-1111-4222-8333-944455566677'
const ALL = ['journal:read', 'journal:write', 'journal:delete-draft', 'journal:sign', 'journal:correct', 'journal:print']

function version(overrides: Partial<JournalVersion> = {}): JournalVersion {
  return {
    id: 'e1000000-0000-4000-8000-000000000001',
    entryId: 'e1000000-0000-4000-8000-000000000001',
    versionNo: 1,
    type: 'home_visit',
    eventDate: '2026-03-02',
    eventTime: '10:15',
    staffParticipants: [{ id: ME, name: 'Tiina Virtanen' }],
    otherParticipants: ['Asiakkaan sisar'],
    text: 'Kotikäynnillä todettiin kodin olevan siisti.',
    status: 'draft',
    author: { id: ME, name: 'Tiina Virtanen' },
    createdAt: '2026-03-02T08:20:00.000Z',
    updatedAt: '2026-03-02T08:20:00.000Z',
    signedBy: null,
    signedAt: null,
    correctionReason: null,
    superseded: false,
    version: 1,
    ...overrides,
  }
}

function item(v: JournalVersion, state: JournalListItem['state'], history: JournalListItem['history'] = []): JournalListItem {
  return { entryId: v.entryId, state, current: v, history }
}

function renderPanel(user: SessionUser) {
  const session = { state: { status: 'signed-in', user } } as unknown as Session
  return render(
    <SessionContext.Provider value={session}>
      <JournalPanel personId={PERSON} serviceTask="adult_social_work" />
    </SessionContext.Provider>,
  )
}

const SIGNED = version({
  id: 'e2000000-0000-4000-8000-000000000002',
  entryId: 'e2000000-0000-4000-8000-000000000002',
  type: 'phone_call',
  eventDate: '2026-03-01',
  eventTime: null,
  text: 'Puhelu asiakkaalle.',
  status: 'signed',
  author: { id: OTHER, name: 'Mikko Salonen' },
  signedBy: { id: OTHER, name: 'Mikko Salonen' },
  signedAt: '2026-03-01T12:00:00.000Z',
  staffParticipants: [],
  otherParticipants: [],
  version: 2,
})

describe('the journal panel', () => {
  it('lists entries with type, date, author and state, and offers only what the user may do', async () => {
    mockApi({ [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', entries: [item(version(), 'draft'), item(SIGNED, 'signed')], nextCursor: null }) })
    renderPanel(sessionUser({ actions: ALL }))
    const list = await screen.findByRole('list', { name: 'Merkinnät uusimmasta vanhimpaan' })
    const [draft, signed] = within(list).getAllByRole('article')
    expect(within(draft!).getByRole('heading', { name: /Kotikäynti 2\.3\.2026 10:15/ })).toBeTruthy()
    expect(within(draft!).getByText('Luonnos')).toBeTruthy()
    expect(within(draft!).getByText('Osallistujat: Tiina Virtanen, Asiakkaan sisar')).toBeTruthy()
    expect(within(draft!).getByRole('button', { name: 'Muokkaa' })).toBeTruthy()
    expect(within(draft!).getByRole('button', { name: 'Allekirjoita' })).toBeTruthy()
    expect(within(draft!).queryByRole('button', { name: 'Korjaa' })).toBeNull()
    expect(within(signed!).getByText('Allekirjoitettu')).toBeTruthy()
    expect(within(signed!).getByText(/Allekirjoittanut Mikko Salonen 1\.3\.2026/)).toBeTruthy()
    expect(within(signed!).queryByRole('button', { name: 'Muokkaa' })).toBeNull()
    expect(within(signed!).getByRole('button', { name: 'Korjaa' })).toBeTruthy()
    const print = screen.getByRole('link', { name: 'Tulosta (PDF)' })
    expect(print.getAttribute('href')).toBe(`${BASE}/print?lang=fi`)
    expect(print.getAttribute('target')).toBe('_blank')
  })

  it('writes a draft: the form takes the focus, checks the text and sends the participants', async () => {
    document.cookie = 'huoma-csrf=token-1'
    const created: JournalEntryDetail = { entryId: 'e3000000-0000-4000-8000-000000000003', serviceTask: 'adult_social_work', state: 'draft', versions: [version()] }
    const api = mockApi({
      [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', entries: [], nextCursor: null }),
      [`POST ${BASE}`]: () => json(created, 201),
    })
    renderPanel(sessionUser({ actions: ALL }))
    await screen.findByText('Asiakaskertomuksessa ei ole vielä merkintöjä tässä palvelutehtävässä.')
    fireEvent.click(screen.getByRole('button', { name: 'Uusi merkintä' }))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Uusi merkintä (luonnos)' })))
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna luonnos' }))
    const text = screen.getByLabelText('Merkinnän teksti')
    // The error summary at the top takes the focus and links to the field; the message is also at the field.
    const summary = await screen.findByRole('alert', { name: 'Tarkista tiedot' })
    await waitFor(() => expect(document.activeElement).toBe(summary))
    fireEvent.click(within(summary).getByRole('link', { name: 'Täytä tämä kenttä.' }))
    expect(document.activeElement).toBe(text)
    expect(document.getElementById(text.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toBe('Täytä tämä kenttä.')
    expect(api.calls(`POST ${BASE}`)).toHaveLength(0)

    fireEvent.change(screen.getByLabelText('Merkinnän tyyppi'), { target: { value: 'negotiation' } })
    fireEvent.change(screen.getByLabelText('Päivämäärä'), { target: { value: '2026-03-02' } })
    fireEvent.change(screen.getByLabelText('Muut osallistujat'), { target: { value: 'Kelan edustaja\n\n Isännöitsijä ' } })
    fireEvent.change(text, { target: { value: 'Verkostoneuvottelu.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna luonnos' }))
    expect(await screen.findByText('Luonnos tallennettu.')).toBeTruthy()
    const [call] = api.calls(`POST ${BASE}`)
    expect(call!.headers.get('x-csrf-token')).toBe('token-1')
    expect(call!.body).toEqual({
      type: 'negotiation',
      eventDate: '2026-03-02',
      eventTime: null,
      staffParticipants: [ME],
      otherParticipants: ['Kelan edustaja', 'Isännöitsijä'],
      text: 'Verkostoneuvottelu.',
    })
  })

  it('signs only after the confirmation that says a signed entry cannot be changed', async () => {
    const api = mockApi({
      [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', entries: [item(version({ version: 3 }), 'draft')], nextCursor: null }),
      [`POST ${BASE}/entries/${version().entryId}/sign`]: () => json({ entryId: version().entryId, serviceTask: 'adult_social_work', state: 'signed', versions: [] }),
    })
    renderPanel(sessionUser({ actions: ALL }))
    fireEvent.click(await screen.findByRole('button', { name: 'Allekirjoita' }))
    const dialog = await screen.findByRole('dialog', { name: 'Allekirjoitetaanko merkintä?' })
    expect(within(dialog).getByText('Allekirjoitettua merkintää ei voi muuttaa; korjaus tehdään uutena versiona.')).toBeTruthy()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Peruuta' }))
    fireEvent.keyDown(dialog, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(api.calls(`POST ${BASE}/entries/${version().entryId}/sign`)).toHaveLength(0)

    fireEvent.click(screen.getByRole('button', { name: 'Allekirjoita' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Allekirjoita merkintä' }))
    expect(await screen.findByText('Merkintä allekirjoitettu.')).toBeTruthy()
    expect(api.calls(`POST ${BASE}/entries/${version().entryId}/sign`)[0]!.body).toEqual({ version: 3 })
  })

  it('corrects a signed entry with a required reason and shows the versions with who, when and why', async () => {
    const corrected = version({
      id: 'e2000000-0000-4000-8000-0000000000c2',
      entryId: SIGNED.entryId,
      versionNo: 2,
      type: 'phone_call',
      text: 'Puhelu asiakkaan sisarelle.',
      status: 'signed',
      author: { id: ME, name: 'Tiina Virtanen' },
      signedBy: { id: ME, name: 'Tiina Virtanen' },
      signedAt: '2026-03-03T09:00:00.000Z',
      createdAt: '2026-03-03T09:00:00.000Z',
      correctionReason: 'Puhelu oli sisarelle, ei asiakkaalle',
    })
    let corrections = 0
    const api = mockApi({
      [`GET ${BASE}`]: () =>
        corrections === 0
          ? json({ serviceTask: 'adult_social_work', entries: [item(SIGNED, 'signed')], nextCursor: null })
          : json({
              serviceTask: 'adult_social_work',
              entries: [
                item(corrected, 'corrected', [
                  { id: corrected.id, versionNo: 2, status: 'signed', authorName: 'Tiina Virtanen', createdAt: corrected.createdAt, signedByName: 'Tiina Virtanen', signedAt: corrected.signedAt, correctionReason: corrected.correctionReason, superseded: false },
                  { id: SIGNED.id, versionNo: 1, status: 'signed', authorName: 'Mikko Salonen', createdAt: SIGNED.createdAt, signedByName: 'Mikko Salonen', signedAt: SIGNED.signedAt, correctionReason: null, superseded: true },
                ]),
              ],
              nextCursor: null,
            }),
      [`POST ${BASE}/entries/${SIGNED.entryId}/corrections`]: () => {
        corrections += 1
        return json({ entryId: SIGNED.entryId, serviceTask: 'adult_social_work', state: 'corrected', versions: [corrected, { ...SIGNED, superseded: true }] }, 201)
      },
      [`GET ${BASE}/entries/${SIGNED.entryId}`]: () =>
        json({ entryId: SIGNED.entryId, serviceTask: 'adult_social_work', state: 'corrected', versions: [corrected, { ...SIGNED, superseded: true }] }),
    })
    renderPanel(sessionUser({ actions: ALL }))
    fireEvent.click(await screen.findByRole('button', { name: 'Korjaa' }))
    expect(await screen.findByText(/Alkuperäinen versio säilyy luettavana/)).toBeTruthy()
    const text = screen.getByLabelText<HTMLTextAreaElement>('Merkinnän teksti')
    expect(text.value).toBe('Puhelu asiakkaalle.')
    fireEvent.change(text, { target: { value: 'Puhelu asiakkaan sisarelle.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna korjaus' }))
    const summary = await screen.findByRole('alert', { name: 'Tarkista tiedot' })
    await waitFor(() => expect(document.activeElement).toBe(summary))
    fireEvent.click(within(summary).getByRole('link', { name: 'Kirjoita korjauksen syy (vähintään 5 kirjainta tai numeroa).' }))
    expect(document.activeElement).toBe(screen.getByLabelText('Korjauksen syy'))
    fireEvent.change(screen.getByLabelText('Korjauksen syy'), { target: { value: 'Puhelu oli sisarelle, ei asiakkaalle' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna korjaus' }))
    expect(await screen.findByText('Korjaus tallennettu uutena versiona.')).toBeTruthy()
    expect(api.calls(`POST ${BASE}/entries/${SIGNED.entryId}/corrections`)[0]!.body).toMatchObject({
      basedOn: SIGNED.id,
      reason: 'Puhelu oli sisarelle, ei asiakkaalle',
      text: 'Puhelu asiakkaan sisarelle.',
    })

    // the list reloads after the save: wait for the corrected entry to replace the signed one
    await waitFor(() => expect(within(screen.getByRole('article')).getByText('Korjattu')).toBeTruthy())
    const article = screen.getByRole('article')
    expect(within(article).getByText('Korjauksen syy: Puhelu oli sisarelle, ei asiakkaalle')).toBeTruthy()
    const show = within(article).getByRole('button', { name: 'Näytä versiot (2)' })
    expect(show.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(show)
    const versions = await within(article).findByRole('region', { name: 'Merkinnän versiot' })
    expect(within(versions).getByText('Versio 1')).toBeTruthy()
    expect(within(versions).getByText('Korvattu uudemmalla versiolla')).toBeTruthy()
    expect(within(versions).getByText('Puhelu asiakkaalle.')).toBeTruthy()
    expect(within(article).getByRole('button', { name: 'Piilota versiot' }).getAttribute('aria-expanded')).toBe('true')
  })

  it('shows the server\'s field messages at their fields and a stale edit as a conflict', async () => {
    mockApi({
      [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', entries: [item(version(), 'draft')], nextCursor: null }),
      [`PUT ${BASE}/entries/${version().entryId}`]: () =>
        problem({ title: 'Ristiriita', status: 409, detail: 'Luonnosta on muutettu sillä välin toisessa ikkunassa.' }),
      [`POST ${BASE}`]: () =>
        problem({ title: 'Virheellisiä tietoja', status: 400, errors: [{ field: 'body.eventDate', code: 'journal.eventDate.future', message: 'Tapahtumapäivä ei voi olla tulevaisuudessa.' }] }),
    })
    renderPanel(sessionUser({ actions: ALL }))
    fireEvent.click(await screen.findByRole('button', { name: 'Muokkaa' }))
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna luonnos' }))
    expect(await screen.findByText('Luonnosta on muutettu sillä välin toisessa ikkunassa.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta' }))
    fireEvent.click(screen.getByRole('button', { name: 'Uusi merkintä' }))
    fireEvent.change(screen.getByLabelText('Merkinnän teksti'), { target: { value: 'Teksti' } })
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna luonnos' }))
    const summary = await screen.findByRole('alert', { name: 'Virheellisiä tietoja' })
    const link = await within(summary).findByRole('link', { name: 'Tapahtumapäivä ei voi olla tulevaisuudessa.' })
    await waitFor(() => expect(document.activeElement).toBe(summary))
    const date = screen.getByLabelText('Päivämäärä')
    expect(document.getElementById(date.getAttribute('aria-describedby')!)?.textContent).toBe('Tapahtumapäivä ei voi olla tulevaisuudessa.')
    fireEvent.click(link)
    expect(document.activeElement).toBe(date)
  })

  it('counts the characters, never cuts a long text, and refuses to save one over the limit', async () => {
    const api = mockApi({ [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', entries: [], nextCursor: null }) })
    renderPanel(sessionUser({ actions: ALL }))
    fireEvent.click(await screen.findByRole('button', { name: 'Uusi merkintä' }))
    const text = screen.getByLabelText('Merkinnän teksti')
    expect(text.hasAttribute('maxlength')).toBe(false)
    expect(screen.getByText('20 000 merkkiä jäljellä (enintään 20 000)')).toBeTruthy()
    // An emoji is one character, as the server counts.
    fireEvent.change(text, { target: { value: 'Hei 👋' } })
    expect(screen.getByText('19 995 merkkiä jäljellä (enintään 20 000)')).toBeTruthy()
    const long = 'a'.repeat(20_250)
    fireEvent.change(text, { target: { value: long } })
    expect((text as HTMLTextAreaElement).value).toHaveLength(20_250)
    const count = screen.getByText('Teksti on 250 merkkiä liian pitkä (enintään 20 000)')
    expect(text.getAttribute('aria-describedby')).toContain(count.id)
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna luonnos' }))
    const summary = await screen.findByRole('alert', { name: 'Tarkista tiedot' })
    expect(within(summary).getByRole('link', { name: /Merkinnän teksti on liian pitkä: enintään 20\s000 merkkiä/ })).toBeTruthy()
    expect(api.calls(`POST ${BASE}`)).toHaveLength(0)
  })

  it('keeps unsaved text in the tab: restored after a reload, asked before Cancel throws it away', async () => {
    mockApi({ [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', entries: [], nextCursor: null }) })
    const first = renderPanel(sessionUser({ actions: ALL }))
    fireEvent.click(await screen.findByRole('button', { name: 'Uusi merkintä' }))
    fireEvent.change(screen.getByLabelText('Merkinnän teksti'), { target: { value: 'Kesken jäänyt kirjaus.' } })
    // The page goes away (a reload): what was written is in the tab's session storage.
    first.unmount()
    expect(Object.keys(sessionStorage).some((k) => k.startsWith('huoma-draft:') && k.includes(PERSON))).toBe(true)
    renderPanel(sessionUser({ actions: ALL }))
    const text = await screen.findByLabelText('Merkinnän teksti')
    expect((text as HTMLTextAreaElement).value).toBe('Kesken jäänyt kirjaus.')
    expect(screen.getByText(/Palautettu tallentamaton teksti/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta' }))
    const dialog = await screen.findByRole('dialog', { name: 'Hylätäänkö kirjoitettu teksti?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Jatka kirjoittamista' }))
    expect((screen.getByLabelText('Merkinnän teksti') as HTMLTextAreaElement).value).toBe('Kesken jäänyt kirjaus.')
    fireEvent.click(screen.getByRole('button', { name: 'Peruuta' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Hylkää teksti' }))
    expect(screen.queryByLabelText('Merkinnän teksti')).toBeNull()
    expect(Object.keys(sessionStorage).some((k) => k.startsWith('huoma-draft:'))).toBe(false)
  })

  it('speaks Swedish and prints in Swedish', async () => {
    await i18n.changeLanguage('sv')
    mockApi({ [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', entries: [item(SIGNED, 'signed')], nextCursor: null }) })
    renderPanel(sessionUser({ actions: ['journal:read', 'journal:print'] }))
    expect(await screen.findByRole('heading', { name: 'Klientberättelse' })).toBeTruthy()
    expect(await screen.findByText('Undertecknad')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Skriv ut (PDF)' }).getAttribute('href')).toBe(`${BASE}/print?lang=sv`)
    expect(screen.queryByRole('button', { name: 'Ny anteckning' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Rätta' })).toBeNull()
  })

  it('renders nothing and asks nothing without journal:read', () => {
    const api = mockApi({})
    const { container } = renderPanel(sessionUser({ actions: ['persons:card'] }))
    expect(container.innerHTML).toBe('')
    expect(api.fetchMock).not.toHaveBeenCalled()
    vi.restoreAllMocks()
  })
})
