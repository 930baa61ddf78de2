// this module's tables in the database type (declaration merging)
import type {} from './schema'
import type { Content } from 'pdfmake/interfaces'
import type { ClientScope } from '../../access/client-access'
import { readDecision } from '../../kernel/decisions/decisions'
import { baseDocument, date, documentHeader, factTable, fill, heading, renderDecisionDocument, type Lang } from '../../kernel/decisions/document'
import { printOrganisation, printRecipient } from '../../kernel/decisions/parties'
import { problems } from '../../http/problem'
import { renderPdf } from '../../pdf/render'
import { decisionTypeOf } from './decision-types'

/** The words of child welfare's documents, in Finnish and Swedish. */
const TEXTS = {
  fi: {
    forms: { family_care: 'Perhehoito', professional_family_home: 'Ammatillinen perhekoti', institution: 'Laitoshoito', kinship_care: 'Sukulais- tai läheisverkostosijoitus', other: 'Muu' },
    positions: { consent: 'Suostuu', objection: 'Vastustaa', not_heard: 'Ei kuultu' },
    roles: { guardian: 'Huoltaja', child: 'Lapsi (12 vuotta täyttänyt)' },
    placement: 'Sijoitus',
    form: 'Sijaishuollon muoto',
    place: 'Sijoituspaikka',
    placedOn: 'Sijoitettu',
    startsOn: 'Alkaa',
    endsAtLatest: 'Päättyy viimeistään',
    previousEnd: 'Aiempi päättymispäivä',
    child: 'Lapsi',
    decision: 'Päätös',
    urgentPlaced: 'Lapsi sijoitetaan kiireellisesti lastensuojelulain 38 §:n nojalla.',
    extended: 'Kiireellistä sijoitusta jatketaan lastensuojelulain 38 a §:n nojalla enintään 30 vuorokaudella.',
    careOrder: 'Lapsi otetaan huostaan ja sijoitetaan sijaishuoltoon lastensuojelulain 40 ja 49 §:n nojalla.',
    general: {
      child_welfare_urgent_placement: ['Lastensuojelulaki 38 §: kiireellinen sijoitus kestää enintään 30 päivää.'],
      child_welfare_urgent_placement_extension: ['Lastensuojelulaki 38 a §: kiireellistä sijoitusta voidaan jatkaa kerran enintään 30 päivällä; jatkamisesta päättää muu viranhaltija kuin sijoituksesta päättänyt.'],
      child_welfare_care_order: ['Lastensuojelulaki 40 §: huostaanoton edellytykset.', 'Lastensuojelulaki 42 ja 43 §: asianosaisten kuuleminen ja päätösvalta.'],
    } as Record<string, string[]>,
    application: 'Hakemus huostaanotosta ja sijaishuoltoon sijoittamisesta',
    applicationNo: 'Hakemusnumero',
    preparedOn: 'Laadittu',
    to: 'Vastaanottaja',
    applicant: 'Hakija',
    demand: 'Vaatimus',
    demandText: 'Hakija vaatii, että hallinto-oikeus päättää lapsen huostaanotosta ja sijoittamisesta sijaishuoltoon (lastensuojelulaki 43 § 2 mom), koska huoltaja tai 12 vuotta täyttänyt lapsi vastustaa huostaanottoa.',
    hearings: 'Asianosaisten kuuleminen ja kannat',
    name: 'Nimi',
    role: 'Asema',
    position: 'Kanta',
    heardOn: 'Kuultu',
    note: 'Huomautus',
    reasons: 'Perustelut',
    proposed: 'Ehdotettu sijaishuolto',
    signature: 'Hakemuksen laatinut',
    appendixNote: 'Liitteet: lapsen asiakassuunnitelma, palvelutarpeen arvio, kuulemisasiakirjat.',
  },
  sv: {
    forms: { family_care: 'Familjevård', professional_family_home: 'Professionellt familjehem', institution: 'Anstaltsvård', kinship_care: 'Placering hos släkt eller närstående', other: 'Annan' },
    positions: { consent: 'Samtycker', objection: 'Motsätter sig', not_heard: 'Inte hörd' },
    roles: { guardian: 'Vårdnadshavare', child: 'Barn (fyllt 12 år)' },
    placement: 'Placering',
    form: 'Form av vård utom hemmet',
    place: 'Placeringsplats',
    placedOn: 'Placerad',
    startsOn: 'Börjar',
    endsAtLatest: 'Upphör senast',
    previousEnd: 'Tidigare slutdag',
    child: 'Barn',
    decision: 'Beslut',
    urgentPlaced: 'Barnet placeras brådskande med stöd av 38 § i barnskyddslagen.',
    extended: 'Den brådskande placeringen fortsätter med stöd av 38 a § i barnskyddslagen i högst 30 dygn.',
    careOrder: 'Barnet omhändertas och placeras i vård utom hemmet med stöd av 40 och 49 § i barnskyddslagen.',
    general: {
      child_welfare_urgent_placement: ['38 § i barnskyddslagen: en brådskande placering varar högst 30 dagar.'],
      child_welfare_urgent_placement_extension: ['38 a § i barnskyddslagen: en brådskande placering kan fortsätta en gång med högst 30 dagar; beslutet fattas av en annan tjänsteinnehavare än den som beslutade om placeringen.'],
      child_welfare_care_order: ['40 § i barnskyddslagen: förutsättningar för omhändertagande.', '42 och 43 § i barnskyddslagen: hörande av parter och beslutanderätt.'],
    } as Record<string, string[]>,
    application: 'Ansökan om omhändertagande och placering i vård utom hemmet',
    applicationNo: 'Ansökningsnummer',
    preparedOn: 'Upprättad',
    to: 'Mottagare',
    applicant: 'Sökande',
    demand: 'Yrkande',
    demandText: 'Sökanden yrkar att förvaltningsdomstolen beslutar om omhändertagande av barnet och placering i vård utom hemmet (43 § 2 mom. i barnskyddslagen), eftersom en vårdnadshavare eller ett barn som fyllt 12 år motsätter sig omhändertagandet.',
    hearings: 'Hörande av parterna och deras ståndpunkter',
    name: 'Namn',
    role: 'Ställning',
    position: 'Ståndpunkt',
    heardOn: 'Hörd',
    note: 'Anmärkning',
    reasons: 'Motivering',
    proposed: 'Föreslagen vård utom hemmet',
    signature: 'Ansökan upprättad av',
    appendixNote: 'Bilagor: barnets klientplan, bedömning av servicebehovet, handlingar om hörandet.',
  },
} as const

type FormKey = keyof (typeof TEXTS)['fi']['forms']

async function placeName(scope: ClientScope, providerId: string | null, placeName: string | null): Promise<string> {
  if (!providerId) return placeName ?? ''
  return (await scope.trx.selectFrom('provider').select('name').where('id', '=', providerId).executeTakeFirst())?.name ?? ''
}

/** A child welfare decision as PDF: the kernel's layout with the placement's facts and the court's appeal instructions. */
export async function decisionPdf(scope: ClientScope, decisionId: string, language: Lang | undefined): Promise<{ pdf: Buffer; number: number; lang: Lang }> {
  const row = await scope.trx.selectFrom('decision').select('decision_type').where('id', '=', decisionId).where('person_id', '=', scope.personId).executeTakeFirst()
  const type = row ? decisionTypeOf(row.decision_type) : undefined
  if (!type) throw problems.notFound()
  const d = await readDecision(scope, type, decisionId)
  const lang = language ?? d.language
  const t = TEXTS[lang]
  const item = (d.items[0] ?? {}) as { form?: FormKey; providerId?: string | null; placeName?: string | null; placedOn?: string; startsOn?: string; endsAtLatest?: string; previousEnd?: string }
  const body: Content[] = [heading(t.decision)]
  if (type.code === 'child_welfare_urgent_placement_extension') {
    body.push({ text: t.extended, margin: [0, 0, 0, 6] }, factTable([[t.previousEnd, date(item.previousEnd ?? d.decidedOn)], [t.endsAtLatest, date(item.endsAtLatest ?? d.decidedOn)]]))
  } else {
    const rows: [string, string][] = [
      [t.form, item.form ? t.forms[item.form] : ''],
      [t.place, await placeName(scope, item.providerId ?? null, item.placeName ?? null)],
    ]
    if (item.placedOn) rows.push([t.placedOn, date(item.placedOn)])
    if (item.startsOn) rows.push([t.startsOn, date(item.startsOn)])
    if (item.endsAtLatest) rows.push([t.endsAtLatest, date(item.endsAtLatest)])
    body.push({ text: type.code === 'child_welfare_care_order' ? t.careOrder : t.urgentPlaced, margin: [0, 0, 0, 6] }, heading(t.placement, 2), factTable(rows))
  }
  const recipient = await printRecipient(scope)
  const pdf = await renderDecisionDocument({
    type,
    language: lang,
    organisation: await printOrganisation(scope.trx, d.unitId, lang),
    preview: false,
    number: d.number,
    decidedOn: d.decidedOn,
    correctsNumber: null,
    recipient: { heading: t.child, name: recipient.name, hetu: recipient.hetu, temporaryId: recipient.temporaryId, address: recipient.address },
    body,
    reasons: d.reasons,
    generalReasons: t.general[type.code] ?? [],
    maker: { name: d.maker.name },
    appendices: [],
  })
  return { pdf, number: d.number, lang }
}

/**
 * The care order application to the administrative court (LSL 43 § 2 mom): the court, the applicant, the child, the
 * demand, every party heard with their position, the reasons and the proposed substitute care. No addresses are
 * printed (a protected address never leaves this way).
 */
export async function courtApplicationPdf(scope: ClientScope, applicationId: string, language: Lang | undefined): Promise<{ pdf: Buffer; number: number; lang: Lang }> {
  const a = await scope.trx
    .selectFrom('cw_court_application as c')
    .innerJoin('staff_user as u', 'u.id', 'c.prepared_by')
    .selectAll('c')
    .select(['u.display_name', 'u.qualification'])
    .where('c.id', '=', applicationId)
    .where('c.person_id', '=', scope.personId)
    .executeTakeFirst()
  if (!a) throw problems.notFound()
  const lang = language ?? a.language
  const t = TEXTS[lang]
  const org = await printOrganisation(scope.trx, a.unit_id, lang)
  const child = await printRecipient(scope)
  const people = await scope.trx.selectFrom('person').select(['id', 'first_names', 'last_name', 'hetu']).where('id', 'in', a.positions.map((p) => p.personId)).execute()
  scope.touch(...people.map((p) => p.id))
  const nameOf = (id: string) => {
    const p = people.find((x) => x.id === id)
    return p ? `${p.first_names} ${p.last_name}` : ''
  }
  const positions: Content = {
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto', '*'],
      body: [
        [t.name, t.role, t.position, t.heardOn, t.note].map((h) => ({ text: h, style: 'th' })),
        ...a.positions.map((p) => [nameOf(p.personId), t.roles[p.role], { text: t.positions[p.position], bold: p.position === 'objection' }, p.heardOn ? date(p.heardOn) : '–', p.note ?? '']),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  }
  const content: Content[] = [
    documentHeader(org, t.application, [
      [t.applicationNo, String(a.number)],
      [t.preparedOn, date(a.prepared_on)],
    ]),
    factTable([
      [t.to, `${org.court}\n${org.courtAddress}`],
      [t.applicant, `${org.name}, ${org.unitName}`],
      [t.child, `${child.name}${child.hetu ? `, ${child.hetu}` : ''}`],
    ]),
    heading(t.demand),
    { text: t.demandText, margin: [0, 0, 0, 6] },
    heading(t.hearings),
    positions,
    heading(t.reasons),
    ...a.reasons
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p): Content => ({ text: p, margin: [0, 0, 0, 6] })),
    heading(t.proposed),
    factTable([
      [t.form, t.forms[a.form]],
      [t.place, await placeName(scope, a.provider_id, a.place_name)],
    ]),
    heading(t.signature, 2),
    { text: a.display_name, margin: [0, 0, 0, 2] },
    { text: `${org.unitName}, ${date(a.prepared_on)}`, style: 'small', margin: [0, 0, 0, 10] },
    { text: t.appendixNote, style: 'small' },
  ]
  const pdf = await renderPdf(baseDocument(lang, fill('{title} {n}', { title: t.application, n: a.number }), content, null))
  return { pdf, number: Number(a.number), lang }
}
