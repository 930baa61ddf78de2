import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ATTACHMENT_DOCUMENT_TYPE_CODES, ATTACHMENT_DOCUMENT_TYPES } from '@huoma/domain'
import { copyValueText, readClientCopy } from '../src/kernel/client-copy'
import { attachmentsCopy } from '../src/modules/attachments/copy'
import { contentDisposition, sanitiseFileName } from '../src/modules/attachments/file-name'
import { sniffType } from '../src/modules/attachments/sniff'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'), Buffer.alloc(300, 0x20), Buffer.from('\n%%EOF\n')])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)])
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')

/** POSTs a multipart form with the client's session and CSRF cookies (the test Client speaks JSON only). */
async function upload(c: Client, url: string, files: { name: string; type: string; bytes: Buffer }[], fields: Record<string, string | undefined> = {}) {
  const form = new FormData()
  // every upload names its document type; a test leaves it out by giving it as undefined
  for (const [k, v] of Object.entries({ documentType: 'other', ...fields })) if (v !== undefined) form.append(k, v)
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name)
  const cookies = (c as unknown as { cookies: Map<string, string> }).cookies
  return fetch(c.baseUrl + url, {
    method: 'POST',
    headers: { 'accept-language': c.language, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf ?? '' },
    body: form,
  })
}

const userId = async (t: TestServer, username: string) =>
  (await t.server.database.db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

async function clientOf(t: TestServer, worker: string) {
  const sec = new Client(t.url)
  await sec.login('toimistosihteeri')
  const { id } = await (await sec.post('/api/persons', { firstNames: 'Liisa', lastName: 'Liitteinen', birthDate: '1980-02-03' })).json()
  await sec.post(`/api/persons/${id}/relationships`, { serviceTask: 'adult_social_work', userId: await userId(t, worker), kind: 'team', startReason: 'other' })
  const c = new Client(t.url)
  await c.login(worker)
  return { id: id as string, c, base: `/api/persons/${id}/attachments/adult_social_work` }
}

describe('file names and sniffing', () => {
  it('sanitises names: no path, control characters or reserved names; keeps å/ä/ö; bounded length', () => {
    expect(sanitiseFileName('C:\\Users\\x\\..\\Päätös äitiys.pdf')).toBe('Päätös äitiys.pdf')
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd')
    expect(sanitiseFileName('a\u0000b\u202ec\r\n.pdf')).toBe('abc.pdf')
    expect(sanitiseFileName('CON.pdf')).toBe('_CON.pdf')
    expect(sanitiseFileName('...hidden.txt')).toBe('hidden.txt')
    expect(sanitiseFileName('x<y>:z?.png')).toBe('x_y__z_.png')
    const long = sanitiseFileName(`${'ö'.repeat(300)}.pdf`)
    expect([...long].length).toBe(120)
    expect(long.endsWith('.pdf')).toBe(true)
    expect(contentDisposition('Päätös "1".pdf')).toBe(`attachment; filename="Paatos _1_.pdf"; filename*=UTF-8''P%C3%A4%C3%A4t%C3%B6s%20%221%22.pdf`)
  })

  it('sniffs the accepted formats and nothing else', () => {
    expect(sniffType(PDF)).toBe('application/pdf')
    expect(sniffType(PNG)).toBe('image/png')
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg')
    expect(sniffType(Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]))).toBe('image/tiff')
    expect(sniffType(Buffer.from('Hei, tässä muistio.\n'))).toBe('text/plain')
    expect(sniffType(EXE)).toBeUndefined()
    expect(sniffType(HTML)).toBeUndefined()
  })
})

describe.each(kinds)('attachments on %s', (kind) => {
  for (const store of ['database', 'folder'] as const) {
    describe(`stored in the ${store}`, () => {
      let t: TestServer
      let folder: string
      beforeAll(async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-attachments-'))
        t = await startTestServer(kind, { attachments: { maxBytes: 4096, store, folder } })
      })
      afterAll(async () => {
        await t?.stop()
        fs.rmSync(folder, { recursive: true, force: true })
      })

      const rowCount = async () => Number((await t.server.database.db.selectFrom('attachment').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const files = () => (fs.existsSync(folder) ? fs.readdirSync(folder) : [])

      it('uploads, lists and downloads the same bytes with the hash, audited as insert, view and export', async () => {
        const { id, c, base } = await clientOf(t, 'sosiaalityontekija')
        const res = await upload(c, base, [{ name: '../Päätös 2026.pdf', type: 'application/pdf', bytes: PDF }])
        expect(res.status).toBe(201)
        const a = await res.json()
        expect(a).toMatchObject({ fileName: 'Päätös 2026.pdf', contentType: 'application/pdf', documentType: 'other', sizeBytes: PDF.length, journalEntryId: null })
        expect(a.sha256).toBe(createHash('sha256').update(PDF).digest('hex'))
        if (store === 'folder') expect(files()).toContain(a.id)

        const list = await (await c.get(base)).json()
        expect(list.maxBytes).toBe(4096)
        expect(list.attachments.map((x: { id: string }) => x.id)).toEqual([a.id])

        const dl = await c.get(`${base}/${a.id}/content`)
        expect(dl.status).toBe(200)
        expect(dl.headers.get('content-type')).toBe('application/pdf')
        expect(dl.headers.get('x-content-type-options')).toBe('nosniff')
        expect(dl.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Päätös 2026.pdf')}`)
        expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/)
        const bytes = Buffer.from(await dl.arrayBuffer())
        expect(bytes.equals(PDF)).toBe(true)

        const rows = await t.server.database.db
          .selectFrom('audit_log')
          .select(['event', 'action', 'outcome', 'data_group', 'client_ids'])
          .where('event', 'like', 'attachments:%')
          .where(({ eb, val }) => eb(val(id), '=', eb.fn.any('client_ids')))
          .orderBy('id')
          .execute()
        expect(rows.map((r) => [r.event, r.action, r.outcome, r.data_group])).toEqual([
          ['attachments:upload', 'insert', 'success', 'adult_social_work/attachment'],
          ['attachments:read', 'view', 'success', 'adult_social_work/attachment'],
          ['attachments:download', 'export', 'success', 'adult_social_work/attachment'],
        ])
      })

      it('keeps the document type of every upload: each of the list, shown in the list and the client copy', async () => {
        const { id, c, base } = await clientOf(t, 'sosiaalityontekija')
        for (const documentType of ATTACHMENT_DOCUMENT_TYPE_CODES) {
          const res = await upload(c, base, [{ name: `${documentType}.pdf`, type: 'application/pdf', bytes: PDF }], { documentType })
          expect(res.status).toBe(201)
          expect((await res.json()).documentType).toBe(documentType)
        }
        const list = await (await c.get(base)).json()
        const byName = Object.fromEntries(list.attachments.map((a: { fileName: string; documentType: string }) => [a.fileName, a.documentType]))
        expect(byName).toEqual(Object.fromEntries(ATTACHMENT_DOCUMENT_TYPE_CODES.map((d) => [`${d}.pdf`, d])))

        // the client copy (and the archive, which reads the same declaration) names the type in words
        const sections = await t.server.database.db.transaction().execute((trx) => readClientCopy(trx, attachmentsCopy, { personIds: [id], include: () => true }))
        expect(sections).toHaveLength(1)
        const s = sections[0]!
        expect(s.documentType).toBe('attachment')
        const column = s.columns.find((col) => col.key === 'document_type')
        const statement = s.records.find((r) => r.file_name === 'authority_statement.pdf')!
        expect(copyValueText(column, statement.document_type!, 'fi')).toBe('Lausunto toiselta viranomaiselta')
        expect(copyValueText(column, statement.document_type!, 'sv')).toBe(ATTACHMENT_DOCUMENT_TYPES.authority_statement.sv)
      })

      it('refuses an upload without a document type or with one not on the list, storing nothing', async () => {
        const { c, base } = await clientOf(t, 'sosiaalityontekija')
        const before = await rowCount()
        const missing = await upload(c, base, [{ name: 'lausunto.pdf', type: 'application/pdf', bytes: PDF }], { documentType: undefined })
        expect(missing.status).toBe(400)
        expect((await missing.json()).errors).toEqual([{ field: 'body.documentType', code: 'attachments.documentType.missing', message: 'Valitse, mikä asiakirja liite on.' }])
        const unknown = await upload(c, base, [{ name: 'lausunto.pdf', type: 'application/pdf', bytes: PDF }], { documentType: 'attachment' })
        expect(unknown.status).toBe(400)
        expect((await unknown.json()).errors[0]).toMatchObject({ field: 'body.documentType', code: 'attachments.documentType.unknown' })
        // with no file either, both fields are named at once
        const neither = await upload(c, base, [], { documentType: undefined })
        expect((await neither.json()).errors.map((e: { field: string }) => e.field)).toEqual(['body.documentType', 'body.file'])
        expect(await rowCount()).toBe(before)
      })

      it('links an attachment to a journal entry of the same client, and refuses an unknown one', async () => {
        const { id, c, base } = await clientOf(t, 'sosiaalityontekija')
        const entry = await (await c.post(`/api/persons/${id}/journal/adult_social_work`, { type: 'meeting', eventDate: '2026-01-02', text: 'Tapaaminen.' })).json()
        const ok = await upload(c, base, [{ name: 'kuva.png', type: 'image/png', bytes: PNG }], { journalEntryId: entry.versions[0].id })
        expect(ok.status).toBe(201)
        expect((await ok.json()).journalEntryId).toBe(entry.versions[0].id)
        const bad = await upload(c, base, [{ name: 'kuva.png', type: 'image/png', bytes: PNG }], { journalEntryId: '00000000-0000-4000-8000-000000000009' })
        expect(bad.status).toBe(400)
        expect((await bad.json()).errors[0].field).toBe('body.journalEntryId')
      })

      it('refuses a disguised file with a field message in the request language, storing nothing', async () => {
        const { c, base } = await clientOf(t, 'sosiaalityontekija')
        const before = await rowCount()
        const beforeFiles = files().length
        const exe = await upload(c, base, [{ name: 'lasku.pdf', type: 'application/pdf', bytes: EXE }])
        expect(exe.status).toBe(400)
        const p = await exe.json()
        expect(p.errors[0]).toMatchObject({ field: 'body.file', code: 'attachments.file.type' })
        expect(p.errors[0].message).toMatch(/PDF/)
        const html = await upload(c, base, [{ name: 'kuva.png', type: 'image/png', bytes: HTML }])
        expect(html.status).toBe(400)
        expect((await html.json()).errors[0].code).toBe('attachments.file.type')
        // A real PDF posing as a PNG: the content is fine but does not match the name and the declared type.
        const sv = new Client(t.url, 'sv')
        Object.assign(sv, { cookies: (c as unknown as { cookies: Map<string, string> }).cookies })
        const pdfAsPng = await upload(sv, base, [{ name: 'kuva.png', type: 'image/png', bytes: PDF }])
        expect(pdfAsPng.status).toBe(400)
        const e = (await pdfAsPng.json()).errors[0]
        expect(e.code).toBe('attachments.file.disguised')
        expect(e.message).toMatch(/Filens innehåll/)
        expect(await rowCount()).toBe(before)
        expect(files().length).toBe(beforeFiles)
      })

      it('refuses an oversized file with 413 and leaves neither a row nor a file', async () => {
        const { c, base } = await clientOf(t, 'sosiaalityontekija')
        const before = await rowCount()
        const beforeFiles = files().length
        const big = Buffer.concat([PDF, Buffer.alloc(8192, 0x20)])
        const res = await upload(c, base, [{ name: 'iso.pdf', type: 'application/pdf', bytes: big }])
        expect(res.status).toBe(413)
        expect(res.headers.get('content-type')).toMatch(/problem\+json/)
        // the limit is said, never "?": as a size and in bytes
        expect((await res.json()).detail).toMatch(/^Pyynnön enimmäiskoko on \d[\d,]* (t|kt|Mt) \(\d[\d\u00a0]* tavua\)\.$/)
        expect(await rowCount()).toBe(before)
        expect(files().length).toBe(beforeFiles)
      })

      it('answers 404 without a relationship, with a denial row, and stores nothing', async () => {
        const { id, base } = await clientOf(t, 'sosiaalityontekija')
        const other = new Client(t.url)
        await other.login('sosiaaliohjaaja')
        const before = await rowCount()
        expect((await other.get(base)).status).toBe(404)
        expect((await upload(other, base, [{ name: 'a.pdf', type: 'application/pdf', bytes: PDF }])).status).toBe(404)
        expect(await rowCount()).toBe(before)
        const denied = await t.server.database.db
          .selectFrom('audit_log')
          .select(['event', 'user_id'])
          .where('outcome', '=', 'denied')
          .where('event', 'in', ['attachments:read', 'attachments:upload'])
          .where(({ eb, val }) => eb(val(id), '=', eb.fn.any('client_ids')))
          .execute()
        const uid = await userId(t, 'sosiaaliohjaaja')
        expect(denied.filter((r) => r.user_id === uid).map((r) => r.event).sort()).toEqual(['attachments:read', 'attachments:upload'])
      })
    })
  }
})
