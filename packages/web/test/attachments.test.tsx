import type { Attachment, SessionUser } from '@huoma/contract'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { AttachmentsPanel } from '../src/components/AttachmentsPanel'
import { SessionContext, type Session } from '../src/session/context'
import { json, mockApi, problem, sessionUser } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'
const BASE = `/api/persons/${PERSON}/attachments/adult_social_work`
const ALL = ['attachments:read', 'attachments:upload', 'attachments:download']

const SAVED: Attachment = {
  id: 'a1000000-0000-4000-8000-000000000001',
  serviceTask: 'adult_social_work',
  journalEntryId: null,
  fileName: 'Päätös.pdf',
  contentType: 'application/pdf',
  documentType: 'authority_statement',
  sizeBytes: 2048,
  sha256: 'a'.repeat(64),
  uploadedBy: { id: '6c1f3f0e-1b2a-4f43-9a51-0d0c5f0d2b11', name: 'Tiina Virtanen' },
  uploadedAt: '2026-03-02T08:20:00.000Z',
}

function renderPanel(user: SessionUser) {
  const session = { state: { status: 'signed-in', user } } as unknown as Session
  return render(
    <SessionContext.Provider value={session}>
      <AttachmentsPanel personId={PERSON} serviceTask="adult_social_work" />
    </SessionContext.Provider>,
  )
}

const chooseType = (label: string) => {
  const select = screen.getByLabelText('Asiakirjan tyyppi')
  fireEvent.change(select, { target: { value: screen.getByRole<HTMLOptionElement>('option', { name: label }).value } })
}

const chooseFile = (name: string, type: string, size = 10) => {
  const input = screen.getByLabelText(/^Tiedosto \(PDF/)
  fireEvent.change(input, { target: { files: [new File([new Uint8Array(size)], name, { type })] } })
}

describe('AttachmentsPanel', () => {
  it('lists attachments with a download link, uploads a file as multipart and shows it', async () => {
    let listed: Attachment[] = []
    const api = mockApi({
      [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', maxBytes: 20 * 1024 * 1024, attachments: listed }),
      [`POST ${BASE}`]: () => {
        listed = [SAVED]
        return json(SAVED, 201)
      },
    })
    renderPanel(sessionUser({ actions: ALL }))
    expect(await screen.findByText('Tässä palvelutehtävässä ei ole vielä liitteitä.')).toBeTruthy()
    chooseType('Lausunto toiselta viranomaiselta')
    chooseFile('Päätös.pdf', 'application/pdf')
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä liite' }))
    expect(await screen.findByText('Liite Päätös.pdf tallennettiin.')).toBeTruthy()
    // the list names the document type
    expect(await screen.findByRole('cell', { name: 'Lausunto toiselta viranomaiselta' })).toBeTruthy()
    const link = await screen.findByRole('link', { name: 'Lataa Päätös.pdf' })
    expect(link.getAttribute('href')).toBe(`${BASE}/${SAVED.id}/content`)
    const post = api.fetchMock.mock.calls.find(([url, init]) => String(url) === BASE && init?.method === 'POST')
    const body = post?.[1]?.body
    expect(body).toBeInstanceOf(FormData)
    expect((body as FormData).get('file')).toBeInstanceOf(File)
    expect((body as FormData).get('documentType')).toBe('authority_statement')
  })

  it('offers every document type in the language and asks for one before sending', async () => {
    const api = mockApi({ [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', maxBytes: 1024, attachments: [] }) })
    renderPanel(sessionUser({ actions: ALL }))
    await screen.findByText('Tässä palvelutehtävässä ei ole vielä liitteitä.')
    const select = screen.getByLabelText('Asiakirjan tyyppi')
    expect(Array.from(select.querySelectorAll('option')).map((o) => o.textContent)).toEqual([
      'Valitse…',
      'Lausunto toiselta viranomaiselta',
      'Lääkärinlausunto tai -todistus',
      'Tulo- tai menoselvitys',
      'Tiliote',
      'Vuokrasopimus',
      'Valtakirja',
      'Asiakkaan oma selvitys tai kirje',
      'Muu liiteasiakirja',
    ])
    chooseFile('lausunto.pdf', 'application/pdf')
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä liite' }))
    expect(await screen.findByText('Valitse, mikä asiakirja liite on.')).toBeTruthy()
    expect(select.getAttribute('aria-invalid')).toBe('true')
    expect(api.calls(`POST ${BASE}`)).toHaveLength(0)
  })

  it('shows the server\'s document type message at the select', async () => {
    mockApi({
      [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', maxBytes: 1024, attachments: [] }),
      [`POST ${BASE}`]: () =>
        problem({
          title: 'Tiedoissa on virheitä',
          status: 400,
          errors: [{ field: 'body.documentType', code: 'attachments.documentType.unknown', message: 'Valittua asiakirjatyyppiä ei ole. Valitse tyyppi luettelosta.' }],
        }),
    })
    renderPanel(sessionUser({ actions: ALL }))
    await screen.findByText('Tässä palvelutehtävässä ei ole vielä liitteitä.')
    chooseType('Tiliote')
    chooseFile('tiliote.pdf', 'application/pdf')
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä liite' }))
    const message = await screen.findByText('Valittua asiakirjatyyppiä ei ole. Valitse tyyppi luettelosta.')
    expect(screen.getByLabelText('Asiakirjan tyyppi').getAttribute('aria-describedby')).toBe(message.id)
  })

  it('shows the server\'s field message when a disguised file is refused', async () => {
    mockApi({
      [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', maxBytes: 1024, attachments: [] }),
      [`POST ${BASE}`]: () =>
        problem({
          title: 'Tiedoissa on virheitä',
          status: 400,
          errors: [{ field: 'body.file', code: 'attachments.file.type', message: 'Vain PDF-, PNG-, JPEG- ja TIFF-tiedostot sekä tekstitiedostot (.txt) hyväksytään.' }],
        }),
    })
    renderPanel(sessionUser({ actions: ALL }))
    await screen.findByText('Tässä palvelutehtävässä ei ole vielä liitteitä.')
    chooseType('Muu liiteasiakirja')
    chooseFile('lasku.pdf', 'application/pdf')
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä liite' }))
    expect(await screen.findByText(/Vain PDF-, PNG-/)).toBeTruthy()
  })

  it('refuses a file over the limit before sending it', async () => {
    const api = mockApi({ [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', maxBytes: 1024, attachments: [] }) })
    renderPanel(sessionUser({ actions: ALL }))
    await screen.findByText('Tässä palvelutehtävässä ei ole vielä liitteitä.')
    chooseType('Muu liiteasiakirja')
    chooseFile('iso.pdf', 'application/pdf', 4096)
    fireEvent.click(screen.getByRole('button', { name: 'Lähetä liite' }))
    expect(await screen.findByText(/Tiedosto on liian suuri/)).toBeTruthy()
    expect(api.calls(`POST ${BASE}`)).toHaveLength(0)
  })

  it('shows no upload form or download links without those actions, and nothing without read', async () => {
    mockApi({ [`GET ${BASE}`]: () => json({ serviceTask: 'adult_social_work', maxBytes: 1024, attachments: [SAVED] }) })
    const { unmount } = renderPanel(sessionUser({ actions: ['attachments:read'] }))
    expect(await screen.findByText('Päätös.pdf')).toBeTruthy()
    expect(screen.queryByRole('link')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Lähetä liite' })).toBeNull()
    unmount()
    const { container } = renderPanel(sessionUser({ actions: [] }))
    await waitFor(() => expect(container.innerHTML).toBe(''))
  })
})

describe('document type names', () => {
  it('are the domain\'s in Finnish and Swedish, and every code has a name in each language', async () => {
    const { ATTACHMENT_DOCUMENT_TYPES } = await import('@huoma/domain')
    const { fi } = await import('../src/i18n/fi')
    const { sv } = await import('../src/i18n/sv')
    const { en } = await import('../src/i18n/en')
    const codes = Object.keys(ATTACHMENT_DOCUMENT_TYPES)
    expect(fi.attachments.documentTypes).toEqual(Object.fromEntries(codes.map((c) => [c, ATTACHMENT_DOCUMENT_TYPES[c as keyof typeof ATTACHMENT_DOCUMENT_TYPES].fi])))
    expect(sv.attachments.documentTypes).toEqual(Object.fromEntries(codes.map((c) => [c, ATTACHMENT_DOCUMENT_TYPES[c as keyof typeof ATTACHMENT_DOCUMENT_TYPES].sv])))
    expect(Object.keys(en.attachments.documentTypes)).toEqual(codes)
  })
})
