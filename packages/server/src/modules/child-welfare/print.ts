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
import { guardianWithholding, type Withholding } from '../../kernel/disclosure-bans'
import { SERVICE_TASK } from './notifications'
import { guardiansOf } from './record'

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
    address: 'Osoite',
    role: 'Asema',
    position: 'Kanta',
    heardOn: 'Kuultu',
    note: 'Huomautus',
    reasons: 'Perustelut',
    proposed: 'Ehdotettu sijaishuolto',
    signature: 'Hakemuksen laatinut',
    appendixNote: 'Liitteet: lapsen asiakassuunnitelma, palvelutarpeen arvio, kuulemisasiakirjat.',
    measures: {
      family_work: 'Perhetyö', support_person: 'Tukihenkilö', support_family: 'Tukiperhe', family_rehabilitation: 'Perhekuntoutus', peer_group: 'Vertaisryhmätoiminta',
      financial_support: 'Taloudellinen tuki', housing_support: 'Asumisen tukeminen', supported_housing: 'Tukiasuminen', school_support: 'Koulunkäynnin tukeminen',
      education_support: 'Koulutuksen ja opiskelun tukeminen', hobby_support: 'Harrastusten tukeminen', therapy: 'Terapia ja kuntoutus',
      open_care_placement: 'Avohuollon sijoitus (LSL 37 §)', after_care_placement: 'Jälkihuollon sijoitus', other: 'Muu tukitoimi',
    } as Record<string, string>,
    measureIntro: { child_welfare_open_care: 'Lapselle myönnetään lastensuojelulain 34–37 §:n mukaisina avohuollon tukitoimina:', child_welfare_after_care: 'Nuorelle järjestetään lastensuojelulain 75–76 §:n mukaisena jälkihuoltona:' } as Record<string, string>,
    measure: 'Tukitoimi',
    granted: 'Myönnetään',
    refused: 'Ei myönnetä',
    period: 'Aika',
    untilFurther: 'toistaiseksi',
    content: 'Sisältö',
    copyTo: 'Jäljennös huoltajalle',
    withheldReasons: 'Perustelut on jätetty pois tästä jäljennöksestä: lapsi on kieltänyt tietojensa antamisen huoltajalle (sosiaalihuollon asiakaslaki 11 §). Päätöksen sisältö ja muutoksenhakuohje ovat alla.',
    assessment: 'Palvelutarpeen arvio, yhteenveto',
    matter: 'Asia',
    matterKinds: { notification: 'Lastensuojeluilmoitus', anticipatory: 'Ennakollinen lastensuojeluilmoitus', assessment_request: 'Pyyntö palvelutarpeen arvioimiseksi', other: 'Muu tapa' } as Record<string, string>,
    pendingOn: 'Vireille',
    startedOn: 'Arviointi aloitettu',
    responsible: 'Vastuusosiaalityöntekijä',
    completedOn: 'Arvio valmistunut',
    completedBy: 'Arvion laatinut',
    childViews: 'Lapsen oma näkemys',
    guardianViews: 'Huoltajien näkemys',
    summary: 'Yhteenveto ja johtopäätökset',
    conclusion: 'Johtopäätös',
    conclusions: { client: 'Lapsi on lastensuojelun asiakas (LSL 26 § 4 mom).', not_client: 'Lapsi ei ole lastensuojelun asiakas; asiakkuus päättyy.' },
    withheldViews: 'Lapsen näkemys on jätetty pois: lapsi on kieltänyt sen antamisen huoltajalle (sosiaalihuollon asiakaslaki 11 §).',
    reporterNote: 'Ilmoittajan henkilöllisyyttä ei ilmoiteta tässä asiakirjassa.',
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
    address: 'Adress',
    role: 'Ställning',
    position: 'Ståndpunkt',
    heardOn: 'Hörd',
    note: 'Anmärkning',
    reasons: 'Motivering',
    proposed: 'Föreslagen vård utom hemmet',
    signature: 'Ansökan upprättad av',
    appendixNote: 'Bilagor: barnets klientplan, bedömning av servicebehovet, handlingar om hörandet.',
    measures: {
      family_work: 'Familjearbete', support_person: 'Stödperson', support_family: 'Stödfamilj', family_rehabilitation: 'Familjerehabilitering', peer_group: 'Kamratgruppsverksamhet',
      financial_support: 'Ekonomiskt stöd', housing_support: 'Stöd för boendet', supported_housing: 'Stödboende', school_support: 'Stöd för skolgången',
      education_support: 'Stöd för utbildning och studier', hobby_support: 'Stöd för fritidsintressen', therapy: 'Terapi och rehabilitering',
      open_care_placement: 'Placering som stödåtgärd inom öppenvården (37 § BSL)', after_care_placement: 'Placering inom eftervården', other: 'Annan stödåtgärd',
    } as Record<string, string>,
    measureIntro: { child_welfare_open_care: 'Barnet beviljas följande stödåtgärder inom öppenvården enligt 34–37 § i barnskyddslagen:', child_welfare_after_care: 'Den unga ordnas följande eftervård enligt 75–76 § i barnskyddslagen:' } as Record<string, string>,
    measure: 'Stödåtgärd',
    granted: 'Beviljas',
    refused: 'Beviljas inte',
    period: 'Tid',
    untilFurther: 'tills vidare',
    content: 'Innehåll',
    copyTo: 'Kopia till vårdnadshavare',
    withheldReasons: 'Motiveringen har utelämnats från denna kopia: barnet har förbjudit att uppgifter om barnet lämnas till vårdnadshavaren (11 § i lagen om klientens ställning och rättigheter inom socialvården). Beslutets innehåll och besvärsanvisningen finns nedan.',
    assessment: 'Bedömning av servicebehovet, sammanfattning',
    matter: 'Ärende',
    matterKinds: { notification: 'Barnskyddsanmälan', anticipatory: 'Föregripande barnskyddsanmälan', assessment_request: 'Begäran om bedömning av servicebehovet', other: 'Annat sätt' } as Record<string, string>,
    pendingOn: 'Inlett',
    startedOn: 'Bedömningen påbörjad',
    responsible: 'Ansvarig socialarbetare',
    completedOn: 'Bedömningen klar',
    completedBy: 'Bedömningen gjord av',
    childViews: 'Barnets egen åsikt',
    guardianViews: 'Vårdnadshavarnas åsikt',
    summary: 'Sammanfattning och slutsatser',
    conclusion: 'Slutsats',
    conclusions: { client: 'Barnet är klient inom barnskyddet (26 § 4 mom. BSL).', not_client: 'Barnet är inte klient inom barnskyddet; klientskapet upphör.' },
    withheldViews: 'Barnets åsikt har utelämnats: barnet har förbjudit att den lämnas till vårdnadshavaren (11 § i lagen om klientens ställning och rättigheter inom socialvården).',
    reporterNote: 'Anmälarens identitet uppges inte i denna handling.',
  },
} as const

type FormKey = keyof (typeof TEXTS)['fi']['forms']

async function placeName(scope: ClientScope, providerId: string | null, placeName: string | null): Promise<string> {
  if (!providerId) return placeName ?? ''
  return (await scope.trx.selectFrom('provider').select('name').where('id', '=', providerId).executeTakeFirst())?.name ?? ''
}

/**
 * Who a document is for: the child's file (no recipient) or a guardian's copy. A guardian must be the child's
 * guardian today; the child's prohibition to disclose to them (asiakaslaki 11 §) then decides: 'all' refuses the
 * copy with a field message, 'child_views' leaves the child's own words out.
 */
async function forGuardian(scope: ClientScope, recipient: string | undefined, today: string): Promise<{ guardianId: string; withholding: Withholding } | null> {
  if (!recipient) return null
  const guardians = await guardiansOf(scope, today)
  if (!guardians.some((g) => g.id === recipient)) throw problems.validation([{ field: 'recipient', code: 'ban.not_guardian' }])
  scope.touch(recipient)
  const withholding = await guardianWithholding(scope.trx, { personId: scope.personId, guardianId: recipient, serviceTask: SERVICE_TASK, on: today })
  if (withholding === 'all') throw problems.validation([{ field: 'recipient', code: 'ban.guardian' }])
  return { guardianId: recipient, withholding }
}

const period = (t: (typeof TEXTS)[Lang], from: string, to: string | null) => `${date(from)} – ${to ? date(to) : t.untilFurther}`

/** A child welfare decision as PDF: the kernel's layout with the placement's or the measures' facts and the court's appeal instructions. */
export async function decisionPdf(scope: ClientScope, decisionId: string, o: { language?: Lang | undefined; recipient?: string | undefined; today: string }): Promise<{ pdf: Buffer; number: number; lang: Lang }> {
  const row = await scope.trx.selectFrom('decision').select('decision_type').where('id', '=', decisionId).where('person_id', '=', scope.personId).executeTakeFirst()
  const type = row ? decisionTypeOf(row.decision_type) : undefined
  if (!type) throw problems.notFound()
  const copy = await forGuardian(scope, o.recipient, o.today)
  const d = await readDecision(scope, type, decisionId)
  const lang = o.language ?? d.language
  const t = TEXTS[lang]
  const item = (d.items[0] ?? {}) as { form?: FormKey; providerId?: string | null; placeName?: string | null; placedOn?: string; startsOn?: string; endsAtLatest?: string; previousEnd?: string }
  const body: Content[] = [heading(t.decision)]
  if (type.code === 'child_welfare_urgent_placement_extension') {
    body.push({ text: t.extended, margin: [0, 0, 0, 6] }, factTable([[t.previousEnd, date(item.previousEnd ?? d.decidedOn)], [t.endsAtLatest, date(item.endsAtLatest ?? d.decidedOn)]]))
  } else if (type.code === 'child_welfare_open_care' || type.code === 'child_welfare_after_care') {
    const items = d.items as { code: string; granted: boolean; description: string; startsOn: string; endsOn: string | null; form?: FormKey | null; providerId?: string | null; placeName?: string | null }[]
    body.push({ text: t.measureIntro[type.code] ?? '', margin: [0, 0, 0, 6] })
    body.push({
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', '*'],
        body: [
          [t.measure, t.decision, t.period, t.content].map((h) => ({ text: h, style: 'th' })),
          ...(await Promise.all(
            items.map(async (m) => [
              t.measures[m.code] ?? m.code,
              { text: m.granted ? t.granted : t.refused, bold: !m.granted },
              m.granted ? period(t, m.startsOn, m.endsOn) : '–',
              m.form ? `${m.description}\n${t.forms[m.form]}: ${await placeName(scope, m.providerId ?? null, m.placeName ?? null)}` : m.description,
            ]),
          )),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    })
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
  const child = await printRecipient(scope)
  if (copy) {
    const g = await printRecipient(scope, copy.guardianId)
    const rows: [string, string][] = [[t.name, g.name]]
    if (g.address) rows.push([t.address, `${g.address.street}\n${g.address.postalCode} ${g.address.postOffice}`])
    body.unshift(heading(t.copyTo, 2), factTable(rows))
  }
  const withheld = copy?.withholding === 'child_views'
  const pdf = await renderDecisionDocument({
    type,
    language: lang,
    organisation: await printOrganisation(scope.trx, d.unitId, lang),
    preview: false,
    number: d.number,
    decidedOn: d.decidedOn,
    correctsNumber: null,
    // a guardian's copy shows the child without the identity code and never the child's address
    recipient: { heading: t.child, name: child.name, hetu: copy ? null : child.hetu, temporaryId: copy ? null : child.temporaryId, address: copy ? null : child.address },
    body,
    reasons: withheld ? t.withheldReasons : d.reasons,
    generalReasons: t.general[type.code] ?? [],
    maker: { name: d.maker.name },
    appendices: [],
  })
  return { pdf, number: d.number, lang }
}

/**
 * The service-need assessment's summary (LSL 26 §; SHL 37 §): the matter, who assessed and when, the child's and the
 * guardians' views apart, the summary and the conclusion. The reporter of the notification is never named here
 * (the document may go to the family); a guardian's copy honours the child's prohibition.
 */
export async function assessmentPdf(scope: ClientScope, matterId: string, o: { language?: Lang | undefined; recipient?: string | undefined; today: string }): Promise<{ pdf: Buffer; lang: Lang; receipt: string }> {
  const m = await scope.trx
    .selectFrom('cw_matter as m')
    .innerJoin('cw_notification as n', 'n.id', 'm.notification_id')
    .innerJoin('intake as i', 'i.id', 'n.intake_id')
    .innerJoin('cw_assessment as a', 'a.matter_id', 'm.id')
    .innerJoin('staff_user as ab', 'ab.id', 'a.completed_by')
    .leftJoin('staff_user as r', 'r.id', 'm.responsible_user_id')
    .select(['n.kind', 'n.receipt', 'i.unit_id', 'm.pending_on', 'm.start_decided_on', 'r.display_name as responsible_name'])
    .select(['a.child_views', 'a.guardian_views', 'a.summary', 'a.conclusion', 'a.completed_on', 'ab.display_name as completed_by_name'])
    .where('m.id', '=', matterId)
    .where('m.person_id', '=', scope.personId)
    .executeTakeFirst()
  if (!m) throw problems.notFound()
  const copy = await forGuardian(scope, o.recipient, o.today)
  const lang = o.language ?? 'fi'
  const t = TEXTS[lang]
  const org = await printOrganisation(scope.trx, m.unit_id, lang)
  const child = await printRecipient(scope)
  const paragraphs = (text: string): Content[] =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p): Content => ({ text: p, margin: [0, 0, 0, 6] }))
  const facts: [string, string][] = [
    [t.child, `${child.name}${child.hetu && !copy ? `, ${child.hetu}` : ''}`],
    [t.matter, `${t.matterKinds[m.kind] ?? m.kind}, ${m.receipt}`],
    [t.pendingOn, date(m.pending_on)],
  ]
  if (m.start_decided_on) facts.push([t.startedOn, date(m.start_decided_on)])
  if (m.responsible_name) facts.push([t.responsible, m.responsible_name])
  facts.push([t.completedOn, date(m.completed_on)], [t.completedBy, m.completed_by_name])
  const content: Content[] = [
    documentHeader(org, t.assessment, [[t.completedOn, date(m.completed_on)]]),
    ...(copy ? [heading(t.copyTo, 2), factTable([[t.name, (await printRecipient(scope, copy.guardianId)).name]])] : []),
    factTable(facts),
    { text: t.reporterNote, style: 'small', margin: [0, 0, 0, 8] },
    heading(t.childViews),
    ...(copy?.withholding === 'child_views' ? [{ text: t.withheldViews, italics: true, margin: [0, 0, 0, 6] } as Content] : paragraphs(m.child_views)),
    heading(t.guardianViews),
    ...paragraphs(m.guardian_views),
    heading(t.summary),
    ...paragraphs(m.summary),
    heading(t.conclusion),
    { text: t.conclusions[m.conclusion], bold: true, margin: [0, 0, 0, 10] },
    { text: m.completed_by_name, margin: [0, 0, 0, 2] },
    { text: `${org.unitName}, ${date(m.completed_on)}`, style: 'small' },
  ]
  const pdf = await renderPdf(baseDocument(lang, `${t.assessment} ${m.receipt}`, content, null))
  return { pdf, lang, receipt: m.receipt }
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
