// this module's tables in the database type (declaration merging)
import type {} from './schema'
import type { Content } from 'pdfmake/interfaces'
import type { ClientScope } from '../../access/client-access'
import { copyValueText, readClientCopy, type CopyTable } from '../../kernel/client-copy'
import { appealInstructions } from '../../kernel/decisions/appeal-texts'
import { baseDocument, date, documentHeader, factTable, fill, heading, recordBlock, valueText, type Lang } from '../../kernel/decisions/document'
import { printOrganisation } from '../../kernel/decisions/parties'
import { HttpProblem, problems } from '../../http/problem'
import { renderPdf } from '../../pdf/render'

/** A refusal to disclose is appealed to the administrative court within 30 days (julkisuuslaki 621/1999 33 §). */
const APPEAL = { route: 'administrative_court' as const, days: 30, law: { fi: 'julkisuuslaki 621/1999 33 §', sv: '33 § i offentlighetslagen 621/1999' } }

const TEXTS = {
  fi: {
    title: 'Päätös tietojen luovuttamisesta',
    number: 'Pyyntö nro',
    decidedOn: 'Päätöspäivä',
    requester: 'Pyytäjä',
    receivedOn: 'Pyyntö saapunut',
    client: 'Asiakas',
    basis: 'Pyynnön peruste',
    requested: 'Pyydetyt tiedot',
    purpose: 'Käyttötarkoitus',
    decision: 'Päätös',
    outcomes: { disclose: 'Tiedot luovutetaan.', partly: 'Tiedot luovutetaan osittain; muilta osin pyyntö hylätään.', refuse: 'Tietoja ei luovuteta.' },
    reasons: 'Perustelut',
    maker: 'Päätöksen tekijä',
    noAppeal: 'Pyyntöön on suostuttu kokonaan; päätökseen ei ole tarpeen hakea muutosta.',
    bases: {
      consent: 'Asiakkaan suostumus', client_act_17: 'Sosiaalihuollon asiakaslaki 17 §', client_act_18: 'Sosiaalihuollon asiakaslaki 18 §', client_act_19: 'Sosiaalihuollon asiakaslaki 19 §',
      child_welfare_act: 'Lastensuojelulaki', other_act: 'Muu laki', research_permit: 'Tutkimuslupa',
    } as Record<string, string>,
  },
  sv: {
    title: 'Beslut om utlämnande av uppgifter',
    number: 'Begäran nr',
    decidedOn: 'Beslutsdag',
    requester: 'Den som begär',
    receivedOn: 'Begäran inkom',
    client: 'Klient',
    basis: 'Grund för begäran',
    requested: 'Begärda uppgifter',
    purpose: 'Användningsändamål',
    decision: 'Beslut',
    outcomes: { disclose: 'Uppgifterna lämnas ut.', partly: 'Uppgifterna lämnas ut delvis; i övrigt avslås begäran.', refuse: 'Uppgifterna lämnas inte ut.' },
    reasons: 'Motivering',
    maker: 'Beslutsfattare',
    noAppeal: 'Begäran har beviljats i sin helhet; det finns inget behov av att söka ändring.',
    bases: {
      consent: 'Klientens samtycke', client_act_17: '17 § i klientlagen inom socialvården', client_act_18: '18 § i klientlagen inom socialvården', client_act_19: '19 § i klientlagen inom socialvården',
      child_welfare_act: 'Barnskyddslagen', other_act: 'Annan lag', research_permit: 'Forskningstillstånd',
    } as Record<string, string>,
  },
} as const

/**
 * The decision on a disclosure request as the requester receives it: who asked, what and on what basis, the outcome
 * with its reasons, and — when anything was refused — the instructions to appeal to the administrative court. The
 * client is named without the identity code and without an address.
 */
export async function disclosureDecisionPdf(scope: ClientScope, requestId: string, o: { serviceTask: string; unitId: string; language: Lang }): Promise<{ pdf: Buffer; number: number }> {
  const r = await scope.trx
    .selectFrom('disclosure_request as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('staff_user as u', 'u.id', 'r.decided_by')
    .selectAll('r')
    .select(['p.first_names', 'p.last_name', 'u.display_name'])
    .where('r.id', '=', requestId)
    .where('r.person_id', '=', scope.personId)
    .where('r.service_task', '=', o.serviceTask)
    .executeTakeFirst()
  if (!r || !r.outcome || !r.decided_on) throw problems.notFound()
  const lang = o.language
  const t = TEXTS[lang]
  const org = await printOrganisation(scope.trx, o.unitId, lang)
  const paragraphs = (text: string): Content[] =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p): Content => ({ text: p, margin: [0, 0, 0, 6] }))
  const content: Content[] = [
    documentHeader(org, t.title, [
      [t.number, String(r.number)],
      [t.decidedOn, date(r.decided_on)],
    ]),
    factTable([
      [t.requester, r.requester_organisation ? `${r.requester_name}, ${r.requester_organisation}` : r.requester_name],
      [t.receivedOn, date(r.received_on)],
      [t.client, `${r.first_names} ${r.last_name}`],
      [t.basis, `${t.bases[r.basis] ?? r.basis}${r.basis_citation ? ` (${r.basis_citation})` : ''}`],
      [t.purpose, r.purpose],
      [t.requested, r.requested],
    ]),
    heading(t.decision),
    { text: t.outcomes[r.outcome], bold: true, margin: [0, 0, 0, 8] },
    heading(t.reasons),
    ...paragraphs(r.decision_reasons ?? ''),
    heading(t.maker),
    { text: r.display_name ?? '', margin: [0, 0, 0, 2] },
    { text: `${org.unitName}, ${date(r.decided_on)}`, style: 'small' },
  ]
  const appeal = r.outcome === 'disclose' ? null : appealInstructions(lang, APPEAL, org)
  if (!appeal) content.push({ text: t.noAppeal, margin: [0, 10, 0, 0] })
  else {
    content.push({ text: appeal.title, style: 'h2', fontSize: 13, pageBreak: 'before' })
    for (const section of appeal.sections) {
      content.push(heading(section.heading, 2))
      for (const p of section.paragraphs) content.push({ text: p, margin: [0, 0, 0, 4] })
      if (section.bullets) content.push({ ul: [...section.bullets], margin: [8, 0, 0, 4] })
    }
  }
  const pdf = await renderPdf(baseDocument(lang, `${t.title} ${r.number}`, content, null))
  return { pdf, number: Number(r.number) }
}

const BUNDLE_TEXTS = {
  fi: {
    title: 'Saate: tietojen luovutus',
    to: 'Vastaanottaja',
    decision: 'Luovutuspäätös',
    decisionText: 'nro {number}, {date}',
    basis: 'Luovutuksen peruste',
    purpose: 'Käyttötarkoitus',
    client: 'Asiakas',
    enclosed: 'Oheiset tiedot',
    period: 'ajalta {from} – {to}',
    records: '{title}: {count} merkintää',
    noRecords: 'Valitulta ajalta ei ole luovutettavia merkintöjä.',
    confidential:
      'Tiedot ovat salassa pidettäviä (laki sosiaalihuollon asiakkaan asemasta ja oikeuksista 812/2000 14 §; julkisuuslaki 621/1999 24 § 1 mom. 25 kohta). Vastaanottaja saa käyttää tietoja vain siihen tarkoitukseen, jota varten ne on luovutettu, eikä saa luovuttaa niitä edelleen ilman laissa säädettyä oikeutta.',
    sender: 'Lähettäjä',
    sentOn: 'Päiväys',
    yes: 'kyllä',
    no: 'ei',
  },
  sv: {
    title: 'Följebrev: utlämnande av uppgifter',
    to: 'Mottagare',
    decision: 'Beslut om utlämnande',
    decisionText: 'nr {number}, {date}',
    basis: 'Grund för utlämnandet',
    purpose: 'Användningsändamål',
    client: 'Klient',
    enclosed: 'Bifogade uppgifter',
    period: 'för tiden {from} – {to}',
    records: '{title}: {count} anteckningar',
    noRecords: 'Under den valda tiden finns inga anteckningar att lämna ut.',
    confidential:
      'Uppgifterna är sekretessbelagda (lagen om klientens ställning och rättigheter inom socialvården 812/2000 14 §; offentlighetslagen 621/1999 24 § 1 mom. 25 punkten). Mottagaren får använda uppgifterna endast för det ändamål för vilket de har lämnats ut och får inte lämna ut dem vidare utan en i lag föreskriven rätt.',
    sender: 'Avsändare',
    sentOn: 'Datum',
    yes: 'ja',
    no: 'nej',
  },
} as const

/**
 * The documents sent on a decided disclosure request as one PDF: a cover letter (saate) naming the recipient, the
 * decision, the basis and purpose, what is enclosed and the duty of confidentiality, then the enclosed records of the
 * register — the record kinds chosen (the modules' copy declarations), within the period chosen. A refused request
 * has nothing to send (409).
 */
export async function disclosureBundlePdf(
  scope: ClientScope,
  requestId: string,
  o: { serviceTask: string; unitId: string; language: Lang; tables: readonly CopyTable[]; records: readonly string[]; from?: string; to?: string; sender: string; today: string },
): Promise<{ pdf: Buffer; number: number }> {
  const r = await scope.trx
    .selectFrom('disclosure_request as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .selectAll('r')
    .select(['p.first_names', 'p.last_name', 'p.birth_date'])
    .where('r.id', '=', requestId)
    .where('r.person_id', '=', scope.personId)
    .where('r.service_task', '=', o.serviceTask)
    .executeTakeFirst()
  if (!r) throw problems.notFound()
  if (!r.outcome || !r.decided_on || r.outcome === 'refuse') throw new HttpProblem(409, 'conflict', { issues: [{ field: 'requestId', code: 'disclosure.bundle.refused' }] })
  const unknown = o.records.filter((k) => !o.tables.some((t) => t.key === k))
  if (unknown.length) throw problems.validation([{ field: 'records', code: 'disclosure.bundle.records' }])
  const lang = o.language
  const t = BUNDLE_TEXTS[lang]
  const d = TEXTS[lang]
  const org = await printOrganisation(scope.trx, o.unitId, lang)
  const tables = o.tables.filter((x) => o.records.includes(x.key))
  const sections = (await readClientCopy(scope.trx, tables, { personIds: [scope.personId], include: (task) => task === o.serviceTask })).map((s) => {
    const keep = s.recordDates.map((day) => (!o.from || (day !== null && day >= o.from)) && (!o.to || (day !== null && day <= o.to)))
    return { ...s, records: s.records.filter((_, i) => keep[i]), recordDates: s.recordDates.filter((_, i) => keep[i]) }
  })
  const enclosed = sections.filter((s) => s.records.length).map((s) => fill(t.records, { title: s.title[lang], count: s.records.length }))
  const birth = r.birth_date ? date(typeof r.birth_date === 'string' ? r.birth_date : (r.birth_date as Date).toISOString()) : null
  const content: Content[] = [
    documentHeader(org, t.title, [
      [t.sentOn, date(o.today)],
      [d.number, String(r.number)],
    ]),
    factTable([
      [t.to, r.requester_organisation ? `${r.requester_name}, ${r.requester_organisation}` : r.requester_name],
      [t.decision, fill(t.decisionText, { number: r.number, date: date(r.decided_on) })],
      [t.basis, `${d.bases[r.basis] ?? r.basis}${r.basis_citation ? ` (${r.basis_citation})` : ''}`],
      [t.purpose, r.purpose],
      [t.client, `${r.first_names} ${r.last_name}${birth ? ` (${birth})` : ''}`],
    ]),
    heading(t.enclosed),
    ...(o.from || o.to ? [{ text: fill(t.period, { from: o.from ? date(o.from) : '…', to: o.to ? date(o.to) : '…' }), margin: [0, 0, 0, 4] } as Content] : []),
    enclosed.length ? { ul: enclosed, margin: [8, 0, 0, 8] } : { text: t.noRecords, margin: [0, 0, 0, 8] },
    { text: t.confidential, style: 'small', margin: [0, 0, 0, 8] },
    heading(t.sender, 2),
    { text: o.sender, margin: [0, 0, 0, 2] },
    { text: org.unitName, style: 'small' },
  ]
  let first = true
  for (const s of sections) {
    if (!s.records.length) continue
    content.push({ text: s.title[lang], style: 'h2', ...(first ? { pageBreak: 'before' as const } : {}) })
    first = false
    const columns = new Map(s.columns.map((c) => [c.key, c]))
    for (const record of s.records) {
      content.push(recordBlock(record, (k) => columns.get(k)?.label[lang] ?? k, (k, v) => valueText(copyValueText(columns.get(k), v, lang)!, t.yes, t.no)))
    }
  }
  const pdf = await renderPdf(baseDocument(lang, `${t.title} ${r.number}`, content, null))
  return { pdf, number: Number(r.number) }
}
