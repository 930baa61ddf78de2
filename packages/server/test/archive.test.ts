import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { localDate, todayInHelsinki } from '@huoma/domain'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pngHasTransparency, renderArchiveImage } from '../src/modules/archive/render'
import { renderArchivalPdf, renderPdf } from '../src/pdf/render'
import { databaseKinds } from './helpers/databases'
import { xsdErrors } from './helpers/payments'
import { pdfText } from './helpers/pdf'
import { pdfaErrors } from './helpers/pdfa'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The archive package (issue 13 item 6) over HTTP: the registers ordered permanent (here the 8/18/28 birthday
 * sample) whose matters are closed are listed for the archive officer; a package of them holds one PDF/A document
 * per register and document type and a metadata.xml valid against its schema, each file's checksum as the metadata
 * says; every document passes Apache PDFBox Preflight as PDF/A-1b; a register packaged is not offered again until
 * its matter closes anew; the package and its download are audited exports naming the client.
 */
const kinds = await databaseKinds()

interface Candidate {
  personId: string
  name: string
  identity: string | null
  register: string
  reason: string
  closedOn: string | null
}
interface Summary {
  id: string
  number: number
  clients: number
  documents: number
  bytes: number
  sha256: string
  format: string
}

describe('archival PDF', () => {
  it('is PDF/A-1b by the validator, where the same document printed normally is not', async () => {
    const definition = { content: [{ text: 'Asiakaskertomus — Åsa Öhman, 18.3.1950 €', bold: true }, { table: { body: [['a', 'b']] } }] }
    const [archival, plain] = await pdfaErrors([await renderArchivalPdf(definition), await renderPdf(definition)])
    expect(archival).toBeNull()
    expect(plain!.join('\n')).toMatch(/DestOutputProfile|Metadata|CIDSet/)
    await expect(renderArchivalPdf({ ...definition, watermark: { text: 'LUONNOS' } })).rejects.toThrow(/transparency/)
  }, 60_000)

  it('lays an opaque image out as PDF/A-1b; a transparent PNG would not be, so it is recognised and kept as is', async () => {
    const png = (name: string) => readFileSync(new URL(`./fixtures/archive/${name}`, import.meta.url))
    const base = { lang: 'fi' as const, organisation: 'Demola', title: 'Liiteasiakirja', client: { name: 'Asiakas Testi', hetu: null, temporaryId: 'T-1' }, reason: 'sample' as const, producedAt: new Date(), fileName: 'kuva.png', uploadedOn: '2001-01-01', typeName: 'Muu liiteasiakirja' }
    const [opaque, transparent] = await pdfaErrors([
      await renderArchiveImage({ ...base, image: png('opaque.png'), mediaType: 'image/png' }),
      await renderArchiveImage({ ...base, image: png('transparent.png'), mediaType: 'image/png' }),
    ])
    expect(opaque).toBeNull()
    expect(transparent!.join('\n')).toMatch(/transparency/i)
    expect([pngHasTransparency(png('opaque.png')), pngHasTransparency(png('transparent.png'))]).toEqual([false, true])
  }, 60_000)
})

describe.each(kinds)('archive packages on %s', (kind) => {
  let t: TestServer
  let sec: Client
  let worker: Client
  let archivist: Client
  let dpo: Client
  const today = localDate(todayInHelsinki(new Date()))
  const TASK = 'adult_social_work'
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

  async function newClient(lastName: string, birthDate: string): Promise<string> {
    const res = await sec.post('/api/persons', { firstNames: 'Arkisto', lastName, birthDate })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect((await sec.post(`/api/persons/${id}/relationships`, { serviceTask: TASK, userId: await userId('sosiaalityontekija'), kind: 'responsible', startReason: 'other' })).status).toBe(201)
    return id
  }
  async function journalEntry(personId: string, text: string) {
    const res = await worker.post(`/api/persons/${personId}/journal/${TASK}`, { type: 'meeting', eventDate: today, text })
    expect(res.status).toBe(201)
    const { entryId, versions } = (await res.json()) as { entryId: string; versions: { version: number }[] }
    expect((await worker.post(`/api/persons/${personId}/journal/${TASK}/entries/${entryId}/sign`, { version: versions[0]!.version })).status).toBe(200)
  }
  /** The matter closed long ago (what closing the relationship writes, back-dated). */
  const close = (personId: string) =>
    db().updateTable('client_relationship').set({ start_date: '1999-01-01', end_date: '2001-06-30', end_reason: 'needs_met' }).where('person_id', '=', personId).execute()
  const candidates = async () => {
    const res = await archivist.get('/api/archive/candidates')
    expect(res.status).toBe(200)
    return (await res.json()) as { candidates: Candidate[]; total: number }
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    archivist = new Client(t.url)
    await archivist.login('arkistonhoitaja')
    dpo = new Client(t.url)
    await dpo.login('tietosuojavastaava')
  })
  afterAll(async () => t?.stop())

  it('packages the closed permanent registers as PDF/A documents with valid metadata, once', async () => {
    const sampled = await newClient('Otoslainen', '1950-03-18')
    const notSampled = await newClient('Hävitettävä', '1950-03-17')
    const stillOpen = await newClient('Avoinna', '1950-03-28')
    await journalEntry(sampled, 'Kotikäynti: asunnon kunto tarkistettu, sovittu seuraava tapaaminen.')
    await journalEntry(sampled, 'Puhelu: asiakas ilmoitti muutosta tuloihin.')
    await journalEntry(stillOpen, 'Tapaaminen toimistolla.')
    await close(sampled)
    await close(notSampled)

    expect((await worker.get('/api/archive/candidates')).status).toBe(403)
    expect((await dpo.post('/api/archive/packages', {})).status).toBe(403)
    const ready = await candidates()
    const mine = ready.candidates.filter((c) => [sampled, notSampled, stillOpen].includes(c.personId))
    expect(mine.map((c) => [c.personId, c.register, c.reason, c.closedOn]).sort()).toEqual(
      [
        [sampled, 'adult_social_work', 'sample', '2001-06-30'],
        [sampled, 'client', 'sample', '2001-06-30'],
      ].sort(),
    )
    expect(mine[0]!.name).toBe('Otoslainen Arkisto')
    // the listing names the clients it showed in an audit row
    const listed = await db().selectFrom('audit_log').select(['action', 'client_ids']).where('event', '=', 'archive:candidates').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(listed.client_ids).toContain(sampled)

    let res = await archivist.post('/api/archive/packages', { personIds: [sampled, notSampled] })
    expect(res.status).toBe(201)
    const pkg = (await res.json()) as Summary
    expect(pkg).toMatchObject({ clients: 1, format: 'PDF/A-1b' })
    expect(pkg.documents).toBeGreaterThanOrEqual(2)
    const made = await db().selectFrom('audit_log').select(['action', 'client_ids', 'ref_id']).where('event', '=', 'archive:package').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(made).toMatchObject({ action: 'export', client_ids: [sampled], ref_id: pkg.id })

    // packaged: not offered again, a second package of it is nothing
    expect((await candidates()).candidates.some((c) => c.personId === sampled)).toBe(false)
    expect((await archivist.post('/api/archive/packages', { personIds: [sampled] })).status).toBe(204)
    res = await dpo.get('/api/archive/packages')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { packages: Summary[] }).packages[0]).toMatchObject({ id: pkg.id, number: pkg.number, sha256: pkg.sha256 })
    expect((await dpo.get(`/api/archive/packages/${pkg.id}/zip`)).status).toBe(403)

    // the zip: its checksum as listed, metadata.xml valid, each document as the metadata says
    res = await archivist.get(`/api/archive/packages/${pkg.id}/zip`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    const zip = new Uint8Array(await res.arrayBuffer())
    expect(createHash('sha256').update(zip).digest('hex')).toBe(pkg.sha256)
    const files = unzipSync(zip)
    const xml = new TextDecoder().decode(files['metadata.xml'])
    expect(await xsdErrors(xml, 'huoma-archive-package-1')).toEqual([])
    expect(xml).toContain('<lastName>Otoslainen</lastName>')
    expect(xml).toContain('<birthDate>1950-03-18</birthDate>')
    expect(xml).toMatch(/<register code="adult_social_work" retention="permanent" reason="sample">/)
    const docs = [...xml.matchAll(/<document>([\s\S]*?)<\/document>/g)].map((m) => ({
      file: /<file>(.*?)<\/file>/.exec(m[1]!)![1]!,
      sha256: /<sha256>(.*?)<\/sha256>/.exec(m[1]!)![1]!,
      type: /<documentType code="(.*?)"/.exec(m[1]!)![1]!,
      task: /<serviceTask code="(.*?)"/.exec(m[1]!)![1]!,
      records: Number(/<records>(.*?)<\/records>/.exec(m[1]!)![1]),
      firstDate: /<firstDate>(.*?)<\/firstDate>/.exec(m[1]!)?.[1] ?? null,
    }))
    expect(docs).toHaveLength(pkg.documents)
    expect(Object.keys(files).filter((f) => f.endsWith('.pdf')).sort()).toEqual(docs.map((d) => d.file).sort())
    for (const d of docs) expect(createHash('sha256').update(files[d.file]!).digest('hex')).toBe(d.sha256)
    const journal = docs.find((d) => d.type === 'client_journal')!
    expect(journal).toMatchObject({ task: 'adult_social_work', records: 2, firstDate: today })
    const basic = docs.find((d) => d.type === 'client_basic_data')!
    expect(basic.task).toBe('client')
    const text = await pdfText(files[journal.file]!)
    expect(text).toContain('Asiakaskertomus — Aikuisten sosiaalityö')
    expect(text).toContain('Kotikäynti: asunnon kunto tarkistettu')
    expect(text).toContain('syntymäpäiväotos')
    expect(text).toContain('Laji: Tapaaminen')
    expect(text).not.toContain('meeting')

    // every document is PDF/A-1b by Apache PDFBox Preflight
    const verdicts = await pdfaErrors(docs.map((d) => files[d.file]!))
    expect(verdicts).toEqual(docs.map(() => null))

    const downloaded = await db().selectFrom('audit_log').select(['action', 'client_ids']).where('event', '=', 'archive:download').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(downloaded).toMatchObject({ action: 'export', client_ids: [sampled] })

    // a matter closed after the package covered the register makes it ready again
    await db().updateTable('archive_transfer').set({ covers_until: '2000-01-01' }).where('package_id', '=', pkg.id).execute()
    expect((await candidates()).candidates.filter((c) => c.personId === sampled).map((c) => c.register).sort()).toEqual(['adult_social_work', 'client'])
  }, 180_000)
  it('includes the register\'s attachments: images as PDF/A pages, a PDF and a transparent PNG as their originals', async () => {
    const sampled = await newClient('Liitteellinen', '1960-05-08')
    await journalEntry(sampled, 'Tapaaminen: asiakas toi tiliotteen ja vuokrasopimuksen.')
    const fixture = (name: string) => readFileSync(new URL(`./fixtures/archive/${name}`, import.meta.url))
    const originalPdf = await renderPdf({ content: [{ text: 'Vuokrasopimus, Kauppakatu 1 A 2' }] })
    const files = [
      { name: 'tiliote.jpg', type: 'image/jpeg', bytes: fixture('scan.jpg'), documentType: 'bank_statement' },
      { name: 'kaavio.png', type: 'image/png', bytes: fixture('opaque.png'), documentType: 'other' },
      { name: 'leima.png', type: 'image/png', bytes: fixture('transparent.png'), documentType: 'other' },
      { name: 'vuokrasopimus.pdf', type: 'application/pdf', bytes: originalPdf, documentType: 'tenancy_agreement' },
    ]
    const uploader = await userId('sosiaalityontekija')
    for (const [i, f] of files.entries()) {
      await db()
        .insertInto('attachment')
        .values({ person_id: sampled, service_task: TASK, file_name: f.name, content_type: f.type as 'image/png', size_bytes: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest(), storage: 'database', content: f.bytes, uploaded_by: uploader, uploaded_at: new Date(Date.UTC(2001, 0, 10 + i, 10)), document_type: f.documentType as 'other' })
        .execute()
    }
    await close(sampled)
    const res = await archivist.post('/api/archive/packages', { personIds: [sampled] })
    expect(res.status).toBe(201)
    const pkg = (await res.json()) as Summary
    const zip = unzipSync(new Uint8Array(await (await archivist.get(`/api/archive/packages/${pkg.id}/zip`)).arrayBuffer()))
    const xml = new TextDecoder().decode(zip['metadata.xml'])
    // the metadata, with the attachments' originals, is valid against the extended schema
    expect(await xsdErrors(xml, 'huoma-archive-package-1')).toEqual([])
    const attachments = [...xml.matchAll(/<document>([\s\S]*?)<\/document>/g)]
      .map((m) => m[1]!)
      // the attachments' files (the register's list of attachments is a document of its own, with no original)
      .filter((d) => d.includes('<documentType code="attachment"') && d.includes('<original '))
      .map((d) => ({
        file: /<file>(.*?)<\/file>/.exec(d)![1]!,
        sha256: /<sha256>(.*?)<\/sha256>/.exec(d)![1]!,
        format: /<\/language>\s*<format>(.*?)<\/format>/.exec(d)![1]!,
        converted: /<original converted="(.*?)">/.exec(d)![1]!,
        originalName: /<fileName>(.*?)<\/fileName>/.exec(d)![1]!,
        originalSha256: /<original[\s\S]*<sha256>(.*?)<\/sha256>/.exec(d)![1]!,
        firstDate: /<firstDate>(.*?)<\/firstDate>/.exec(d)![1]!,
      }))
    expect(attachments.map((a) => [a.originalName, a.format, a.converted, a.file.replace(/^c\d{4}\/adult_social_work\/\d+-/, '')])).toEqual([
      ['tiliote.jpg', 'PDF/A-1b', 'true', 'attachment.pdf'],
      ['kaavio.png', 'PDF/A-1b', 'true', 'attachment.pdf'],
      ['leima.png', 'image/png', 'false', 'attachment.png'],
      ['vuokrasopimus.pdf', 'application/pdf', 'false', 'attachment.pdf'],
    ])
    expect(attachments.map((a) => a.firstDate)).toEqual(['2001-01-10', '2001-01-11', '2001-01-12', '2001-01-13'])
    // every file's checksum as the metadata says; the originals' checksums are the stored files'
    for (const [i, a] of attachments.entries()) {
      expect(createHash('sha256').update(zip[a.file]!).digest('hex')).toBe(a.sha256)
      expect(a.originalSha256).toBe(createHash('sha256').update(files[i]!.bytes).digest('hex'))
    }
    expect(Buffer.from(zip[attachments[3]!.file]!).equals(originalPdf)).toBe(true)
    expect(Buffer.from(zip[attachments[2]!.file]!).equals(files[2]!.bytes)).toBe(true)
    // the converted images are PDF/A-1b by Preflight, with the attachment's details on the page
    const converted = attachments.filter((a) => a.converted === 'true').map((a) => zip[a.file]!)
    expect(await pdfaErrors(converted)).toEqual([null, null])
    const text = await pdfText(converted[0]!)
    expect(text).toContain('tiliote.jpg')
    expect(text).toContain('Tiliote')
    expect(text).toContain('Liitteellinen Arkisto')
  }, 180_000)
})
