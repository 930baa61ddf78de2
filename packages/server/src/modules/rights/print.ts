// this module's tables in the database type (declaration merging)
import type {} from './schema'
import type { RightsPart } from '@huoma/contract'
import { REFUSAL_GROUND_LAW, type RefusalGround } from '@huoma/domain'
import type { Transaction } from 'kysely'
import type { Content, TableCell } from 'pdfmake/interfaces'
import type { DB } from '../../db/schema'
import { HttpProblem, problems } from '../../http/problem'
import { appealInstructions } from '../../kernel/decisions/appeal-texts'
import { baseDocument, date, documentHeader, factTable, heading, recordBlock, tableLayout, valueText, type Lang } from '../../kernel/decisions/document'
import { printOrganisation, printRecipient } from '../../kernel/decisions/parties'
import { renderPdf } from '../../pdf/render'
import type { CopyInput } from './copy-builder'
import { RIGHTS_DECISION } from './repository'

const TEXTS = {
  fi: {
    title: 'Päätös tietosuojapyyntöön',
    certificate: 'Kieltäytymistodistus',
    copyTitle: 'Jäljennös asiakastiedoistasi',
    number: 'Pyyntö nro',
    decisionNumber: 'Päätös nro',
    decidedOn: 'Päätöspäivä',
    receivedOn: 'Pyyntö saapunut',
    client: 'Asiakas',
    hetu: 'Henkilötunnus',
    requester: 'Pyytäjä',
    request: 'Pyyntö',
    kinds: {
      access: 'Oikeus saada pääsy tietoihin (tietosuoja-asetus 15 art.)',
      rectification: 'Tietojen oikaiseminen (tietosuoja-asetus 16 art.)',
      restriction: 'Käsittelyn rajoittaminen (tietosuoja-asetus 18 art.)',
      erasure: 'Tietojen poistaminen (tietosuoja-asetus 17 art.)',
      log: 'Tieto siitä, kuka on käsitellyt tietojasi ja kenelle niitä on luovutettu (laki 703/2023 11 §)',
    } as Record<string, string>,
    decision: 'Päätös',
    outcomes: { granted: 'Pyyntöön suostutaan.', partly: 'Pyyntöön suostutaan osittain; muilta osin siitä kieltäydytään.', refused: 'Pyynnöstä kieltäydytään.' } as Record<string, string>,
    parts: 'Ratkaisu rekistereittäin',
    register: 'Rekisteri',
    outcome: 'Ratkaisu',
    partOutcomes: { granted: 'Suostutaan', refused: 'Kieltäydytään' } as Record<string, string>,
    ground: 'Peruste',
    explanation: 'Selitys',
    registry: 'Perustiedot (asiakasrekisteri)',
    reasons: 'Perustelut',
    maker: 'Päätöksen tekijä',
    noAppeal: 'Pyyntöön on suostuttu kokonaan; päätökseen ei ole tarpeen hakea muutosta.',
    certIntro:
      'Rekisterinpitäjä on kieltäytynyt pyynnöstäsi alla mainituilta osin. Tämä todistus annetaan sinulle EU:n yleisen tietosuoja-asetuksen 12 artiklan 4 kohdan ja tietosuojalain (1050/2018) 34 §:n 3 momentin mukaisesti.',
    refusedParts: 'Osat, joista kieltäydyttiin',
    ombudsman: 'Voit saattaa asian tietosuojavaltuutetun käsiteltäväksi',
    ombudsmanText:
      'Jos katsot, että henkilötietojesi käsittelyssä on rikottu tietosuojasääntelyä tai että pyyntöösi ei ole vastattu lainmukaisesti, voit tehdä asiasta ilmoituksen tietosuojavaltuutetulle (EU:n yleinen tietosuoja-asetus 77 art.; tietosuojalaki 1050/2018 34 § 3 mom.). Tietosuojavaltuutettu voi tarkastaa, onko kieltäytyminen lainmukainen.',
    ombudsmanAddress: 'Tietosuojavaltuutetun toimisto\nPL 800, 00531 Helsinki\nKäyntiosoite Lintulahdenkuja 4, 00530 Helsinki\ntietosuoja@om.fi · www.tietosuoja.fi',
    alsoAppeal: 'Päätökseen voi lisäksi hakea muutosta valittamalla hallinto-oikeuteen päätöksen mukana olevan valitusosoituksen mukaisesti.',
    producedAt: 'Laadittu',
    withheld: 'Jäljennöksestä jätetyt tiedot',
    withheldText: '{register}: tietoja ei anneta ({law}).',
    processing: 'Kuka on käsitellyt tietojasi',
    noProcessing: 'Ajanjaksolla ei ole kirjattu tietojesi käsittelyjä.',
    when: 'Aika',
    who: 'Käsittelijä',
    action: 'Toimenpide',
    disclosures: 'Tietojesi luovutukset',
    noDisclosures: 'Tietojasi ei ole luovutettu ajanjaksolla.',
    recipient: 'Vastaanottaja',
    what: 'Mitä luovutettiin',
    empty: 'Ei tietoja.',
    yes: 'Kyllä',
    no: 'Ei',
  },
  sv: {
    title: 'Beslut om en begäran om dataskydd',
    certificate: 'Intyg om vägran',
    copyTitle: 'Kopia av dina klientuppgifter',
    number: 'Begäran nr',
    decisionNumber: 'Beslut nr',
    decidedOn: 'Beslutsdag',
    receivedOn: 'Begäran inkom',
    client: 'Klient',
    hetu: 'Personbeteckning',
    requester: 'Den som begär',
    request: 'Begäran',
    kinds: {
      access: 'Rätt till tillgång till uppgifter (dataskyddsförordningen art. 15)',
      rectification: 'Rättelse av uppgifter (dataskyddsförordningen art. 16)',
      restriction: 'Begränsning av behandling (dataskyddsförordningen art. 18)',
      erasure: 'Radering av uppgifter (dataskyddsförordningen art. 17)',
      log: 'Uppgift om vem som har behandlat dina uppgifter och till vem de har lämnats ut (lag 703/2023 11 §)',
    } as Record<string, string>,
    decision: 'Beslut',
    outcomes: { granted: 'Begäran beviljas.', partly: 'Begäran beviljas delvis; i övrigt avslås den.', refused: 'Begäran avslås.' } as Record<string, string>,
    parts: 'Avgörande per register',
    register: 'Register',
    outcome: 'Avgörande',
    partOutcomes: { granted: 'Beviljas', refused: 'Avslås' } as Record<string, string>,
    ground: 'Grund',
    explanation: 'Förklaring',
    registry: 'Grunduppgifter (klientregistret)',
    reasons: 'Motivering',
    maker: 'Beslutsfattare',
    noAppeal: 'Begäran har beviljats i sin helhet; det finns inget behov av att söka ändring.',
    certIntro:
      'Den personuppgiftsansvarige har avslagit din begäran till de delar som anges nedan. Detta intyg ges till dig enligt artikel 12.4 i EU:s allmänna dataskyddsförordning och 34 § 3 mom. i dataskyddslagen (1050/2018).',
    refusedParts: 'Delar som avslogs',
    ombudsman: 'Du kan föra ärendet till dataombudsmannen',
    ombudsmanText:
      'Om du anser att dataskyddsbestämmelserna har överträtts vid behandlingen av dina personuppgifter eller att din begäran inte har besvarats enligt lag, kan du anmäla saken till dataombudsmannen (EU:s allmänna dataskyddsförordning art. 77; dataskyddslagen 1050/2018 34 § 3 mom.). Dataombudsmannen kan granska om vägran är lagenlig.',
    ombudsmanAddress: 'Dataombudsmannens byrå\nPB 800, 00531 Helsingfors\nBesöksadress Fågelviksgränden 4, 00530 Helsingfors\ntietosuoja@om.fi · www.tietosuoja.fi',
    alsoAppeal: 'Dessutom kan ändring i beslutet sökas genom besvär hos förvaltningsdomstolen enligt besvärsanvisningen i beslutet.',
    producedAt: 'Upprättad',
    withheld: 'Uppgifter som inte ingår i kopian',
    withheldText: '{register}: uppgifterna lämnas inte ut ({law}).',
    processing: 'Vem har behandlat dina uppgifter',
    noProcessing: 'Inga behandlingar av dina uppgifter har registrerats under perioden.',
    when: 'Tid',
    who: 'Behandlare',
    action: 'Åtgärd',
    disclosures: 'Utlämnanden av dina uppgifter',
    noDisclosures: 'Dina uppgifter har inte lämnats ut under perioden.',
    recipient: 'Mottagare',
    what: 'Vad som lämnades ut',
    empty: 'Inga uppgifter.',
    yes: 'Ja',
    no: 'Nej',
  },
} as const

const paragraphs = (text: string): Content[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p): Content => ({ text: p, margin: [0, 0, 0, 6] }))

const notDecided = () => new HttpProblem(409, 'conflict', { issues: [{ field: 'requestId', code: 'rights.notDecided' }] })

async function decidedRequest(trx: Transaction<DB>, requestId: string) {
  const r = await trx
    .selectFrom('rights_request as r')
    .leftJoin('decision as d', 'd.id', 'r.decision_id')
    .leftJoin('staff_user as u', 'u.id', 'd.decision_maker_id')
    .leftJoin('person as q', 'q.id', 'r.requester_id')
    .selectAll('r')
    .select(['d.number as decision_number', 'd.decided_on', 'd.outcome', 'd.reasons', 'd.items', 'd.unit_id', 'u.display_name as maker', 'q.first_names as q_first', 'q.last_name as q_last'])
    .where('r.id', '=', requestId)
    .executeTakeFirst()
  if (!r) throw problems.notFound()
  if (!r.decided_on || !r.unit_id) throw notDecided()
  const names = await trx.selectFrom('service_task').select(['code', 'name_fi', 'name_sv']).execute()
  const lang: Lang = r.language
  const t = TEXTS[lang]
  const registerName = (code: string | null) => (code === null ? t.registry : ((n) => (n ? (lang === 'sv' ? n.name_sv : n.name_fi) : code))(names.find((x) => x.code === code)))
  return { r: { ...r, decided_on: r.decided_on, unit_id: r.unit_id }, parts: r.items as RightsPart[], lang, t, registerName }
}

/** The addressee as a letter's window: name and the mailing address (never a protected one). */
const addressBlock = (a: { name: string; address: { street: string; postalCode: string; postOffice: string } | null }): Content => ({
  stack: [a.name, ...(a.address ? [a.address.street, `${a.address.postalCode} ${a.address.postOffice}`] : [])],
  margin: [0, 0, 0, 12],
})

const groundLaw = (g: RefusalGround | null | undefined, lang: Lang) => (g ? REFUSAL_GROUND_LAW[g][lang] : '')

/**
 * The decision on a client's request as the requester receives it: the request, the answer per register with the
 * statute of each refusal, the reasons, and — when anything was refused — the appeal instructions. Addressed to the
 * client (or the guardian or representative who asked) by the mailing-address rule of every document sent.
 */
export async function rightsDecisionPdf(trx: Transaction<DB>, requestId: string): Promise<{ pdf: Buffer; number: number }> {
  const { r, parts, lang, t, registerName } = await decidedRequest(trx, requestId)
  const org = await printOrganisation(trx, r.unit_id, lang)
  const recipient = await printRecipient({ trx, personId: r.person_id })
  const addressee = r.requester_id ? await printRecipient({ trx, personId: r.person_id }, r.requester_id) : recipient
  const partRows: TableCell[][] = [
    [{ text: t.register, style: 'th' }, { text: t.outcome, style: 'th' }, { text: t.ground, style: 'th' }, { text: t.explanation, style: 'th' }],
    ...parts.map((p): TableCell[] => [registerName(p.serviceTask), t.partOutcomes[p.outcome] ?? p.outcome, groundLaw(p.ground, lang), p.explanation]),
  ]
  const content: Content[] = [
    documentHeader(org, t.title, [
      [t.decisionNumber, String(r.decision_number)],
      [t.decidedOn, date(r.decided_on)],
      [t.number, String(r.number)],
    ]),
    addressBlock(addressee),
    factTable([
      [t.client, `${recipient.name}${recipient.hetu ? `, ${recipient.hetu}` : ''}`],
      ...(r.requester_id ? [[t.requester, `${r.q_first} ${r.q_last}`] as [string, string]] : []),
      [t.receivedOn, date(r.received_on)],
      [t.request, t.kinds[r.kind] ?? r.kind],
    ]),
    ...paragraphs(r.details),
    heading(t.decision),
    { text: t.outcomes[r.outcome ?? ''] ?? '', bold: true, margin: [0, 0, 0, 8] },
    heading(t.parts),
    { table: { headerRows: 1, widths: [110, 60, 130, '*'], body: partRows }, layout: tableLayout, fontSize: 9, margin: [0, 0, 0, 8] },
    heading(t.reasons),
    ...paragraphs(r.reasons ?? ''),
    heading(t.maker),
    { text: r.maker ?? '', margin: [0, 0, 0, 2] },
    { text: `${org.unitName}, ${date(r.decided_on)}`, style: 'small' },
  ]
  const appeal = r.outcome === 'granted' ? null : appealInstructions(lang, RIGHTS_DECISION.appeal, org)
  if (!appeal) content.push({ text: t.noAppeal, margin: [0, 10, 0, 0] })
  else {
    content.push({ text: appeal.title, style: 'h2', fontSize: 13, pageBreak: 'before' })
    for (const section of appeal.sections) {
      content.push(heading(section.heading, 2))
      for (const p of section.paragraphs) content.push({ text: p, margin: [0, 0, 0, 4] })
      if (section.bullets) content.push({ ul: [...section.bullets], margin: [8, 0, 0, 4] })
    }
  }
  const pdf = await renderPdf(baseDocument(lang, `${t.title} ${r.decision_number}`, content, null))
  return { pdf, number: Number(r.number) }
}

/**
 * The refusal certificate (kieltäytymistodistus, tietosuojalaki 34 § 3 mom.): which parts were refused and on what
 * statute, and how to turn to the Data Protection Ombudsman. Only for a request refused in whole or in part.
 */
export async function refusalCertificatePdf(trx: Transaction<DB>, requestId: string): Promise<{ pdf: Buffer; number: number }> {
  const { r, parts, lang, t, registerName } = await decidedRequest(trx, requestId)
  const refused = parts.filter((p) => p.outcome === 'refused')
  if (!refused.length) throw new HttpProblem(409, 'conflict', { issues: [{ field: 'requestId', code: 'rights.nothingRefused' }] })
  const org = await printOrganisation(trx, r.unit_id, lang)
  const recipient = await printRecipient({ trx, personId: r.person_id })
  const addressee = r.requester_id ? await printRecipient({ trx, personId: r.person_id }, r.requester_id) : recipient
  const content: Content[] = [
    documentHeader(org, t.certificate, [
      [t.number, String(r.number)],
      [t.decisionNumber, String(r.decision_number)],
      [t.decidedOn, date(r.decided_on)],
    ]),
    addressBlock(addressee),
    factTable([
      [t.client, `${recipient.name}${recipient.hetu ? `, ${recipient.hetu}` : ''}`],
      ...(r.requester_id ? [[t.requester, `${r.q_first} ${r.q_last}`] as [string, string]] : []),
      [t.receivedOn, date(r.received_on)],
      [t.request, t.kinds[r.kind] ?? r.kind],
    ]),
    { text: t.certIntro, margin: [0, 0, 0, 8] },
    heading(t.refusedParts),
    ...refused.flatMap((p): Content[] => [
      heading(registerName(p.serviceTask), 2),
      factTable([
        [t.ground, groundLaw(p.ground, lang)],
        [t.explanation, p.explanation],
      ]),
    ]),
    heading(t.ombudsman),
    { text: t.ombudsmanText, margin: [0, 0, 0, 6] },
    { text: t.ombudsmanAddress, margin: [0, 0, 0, 8] },
    { text: t.alsoAppeal, margin: [0, 0, 0, 8] },
    heading(t.maker),
    { text: r.maker ?? '', margin: [0, 0, 0, 2] },
    { text: `${org.unitName}, ${date(r.decided_on)}`, style: 'small' },
  ]
  const pdf = await renderPdf(baseDocument(lang, `${t.certificate} ${r.number}`, content, null))
  return { pdf, number: Number(r.number) }
}

const helsinkiTime = (iso: string) => {
  const d = new Date(iso)
  const parts = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).formatToParts(d)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('day')}.${get('month')}.${get('year')} ${get('hour')}.${get('minute')}`
}

/** The copy as PDF: per register each record's fields, what was left out and why, the processing and disclosures. */
export async function renderCopyPdf(input: CopyInput): Promise<Buffer> {
  const { copy, labels, phrases, registerNames, language: lang } = input
  const t = TEXTS[lang]
  const content: Content[] = [
    documentHeader({ name: copy.controller, unitName: '' }, t.copyTitle, [
      [t.number, String(copy.request.number)],
      [t.decidedOn, date(copy.request.decidedOn)],
      [t.producedAt, helsinkiTime(copy.producedAt)],
    ]),
    factTable([
      [t.client, copy.client.name],
      [t.hetu, copy.client.hetu ?? copy.client.temporaryId ?? ''],
      [t.request, t.kinds[copy.request.kind] ?? copy.request.kind],
    ]),
  ]
  if (copy.withheld.length) {
    content.push(heading(t.withheld))
    for (const w of copy.withheld) {
      const register = w.serviceTask === null ? t.registry : (registerNames[w.serviceTask] ?? w.serviceTask)
      content.push({ text: t.withheldText.replace('{register}', register).replace('{law}', groundLaw(w.ground, lang)), margin: [0, 0, 0, 4] })
    }
  }
  for (const s of copy.sections) {
    const register = s.serviceTask === null ? t.registry : (registerNames[s.serviceTask] ?? s.serviceTask)
    content.push(heading(`${s.title} — ${register}`))
    const columnLabels = labels[s.key] ?? {}
    const columnPhrases = phrases[s.key] ?? {}
    for (const record of s.records) {
      content.push(recordBlock(record, (k) => columnLabels[k] ?? k, (k, v) => valueText(typeof v === 'string' ? (columnPhrases[k]?.[v] ?? v) : v, t.yes, t.no)))
    }
  }
  content.push(heading(t.processing))
  if (!copy.processing.length) content.push({ text: t.noProcessing })
  else
    content.push({
      table: {
        headerRows: 1,
        widths: [80, 120, 110, '*'],
        body: [
          [{ text: t.when, style: 'th' }, { text: t.who, style: 'th' }, { text: t.register, style: 'th' }, { text: t.action, style: 'th' }],
          ...copy.processing.map((p): TableCell[] => [helsinkiTime(p.at), [p.who, p.role].filter(Boolean).join(', '), p.register, p.action]),
        ],
      },
      layout: tableLayout,
      fontSize: 8,
    })
  content.push(heading(t.disclosures))
  if (!copy.disclosures.length) content.push({ text: t.noDisclosures })
  else
    content.push({
      table: {
        headerRows: 1,
        widths: [60, 120, 130, '*'],
        body: [
          [{ text: t.decidedOn, style: 'th' }, { text: t.recipient, style: 'th' }, { text: t.ground, style: 'th' }, { text: t.what, style: 'th' }],
          ...copy.disclosures.map((d): TableCell[] => [date(d.on), d.recipient, d.basis, d.what]),
        ],
      },
      layout: tableLayout,
      fontSize: 8,
    })
  return renderPdf(baseDocument(lang, `${t.copyTitle} ${copy.request.number}`, content, null))
}
