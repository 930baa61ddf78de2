import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderPdf } from '../../pdf/render'

/**
 * The client's report "who has processed my data" (703/2023 11 §) as a PDF in Finnish or Swedish.
 *
 * What it prints: the organisation; on the cover the client's name, their own henkilötunnus and a mailing address
 * that is never a protected one (under turvakielto only the contact address, yhteysosoite); then one line per
 * processing: time (Europe/Helsinki), the staff member's name and role, the data, the action in words and its
 * basis. Nobody else's henkilötunnus or name (e.g. other clients in the same audit row) is printed.
 *
 * pdfmake reads only its bundled Roboto: the local-file policy admits those four files and nothing else, and the URL
 * policy refuses every fetch, so no text of the report can make the server read a file or call a URL.
 */

export type ReportLanguage = 'fi' | 'sv'

export interface ReportRow {
  occurredAt: Date
  userName: string | null
  roleName: string | null
  /** data_group: `<service task | registry | privacy | security>/<record type>` */
  dataGroup: string
  action: string
  event: string
  basis: string | null
}

export interface ReportInput {
  language: ReportLanguage
  organisation: string
  client: { name: string; hetu: string | null; temporaryId: string | null }
  /** Lines of the mailing address, or null when none may be printed. */
  address: string[] | null
  period: { from: string; to: string }
  /** A stated reason was recorded because the period reaches beyond two years (the reason itself is not printed). */
  extendedPeriod: boolean
  printedAt: Date
  printedBy: string
  serviceTaskNames: Record<string, string>
  /** the disclosure log of the period: to whom, from which register, on what basis, what */
  disclosures?: { on: string; recipient: string; serviceTask: string; basis: string; basisCitation: string | null; what: string }[]
  /** the report goes to a guardian of a minor client; the registers the child forbade disclosing to them are left out */
  guardian?: { name: string; withheldRegisters: string[] } | null
  rows: ReportRow[]
}

const TEXTS = {
  fi: {
    title: 'Selvitys asiakastietojen käsittelystä',
    subtitle: 'Kuka on käsitellyt tietojani – laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä (703/2023) 11 §',
    client: 'Asiakas',
    disclosuresTitle: 'Tietojen luovutukset',
    noDisclosures: 'Tietojasi ei ole luovutettu ajanjaksolla.',
    disclosedOn: 'Päivä',
    recipient: 'Vastaanottaja',
    disclosedWhat: 'Mitä luovutettiin',
    disclosureBases: {
      consent: 'Suostumuksesi',
      client_act_17: 'Sosiaalihuollon asiakaslaki 17 §',
      client_act_18: 'Sosiaalihuollon asiakaslaki 18 §',
      client_act_19: 'Sosiaalihuollon asiakaslaki 19 §',
      child_welfare_act: 'Lastensuojelulaki',
      other_act: 'Muu laki',
      research_permit: 'Tutkimuslupa',
    } as Record<string, string>,
    guardian: 'Annettu huoltajalle',
    withheld: 'Selvityksestä on jätetty pois rekisterit, joiden tietojen antamisen huoltajalle lapsi on kieltänyt (sosiaalihuollon asiakaslaki 11 §): {registers}.',
    hetu: 'Henkilötunnus',
    temporaryId: 'Tilapäinen tunniste',
    period: 'Ajanjakso',
    extended: 'Selvitys kattaa yli kaksi vuotta; erityinen syy on kirjattu.',
    printedAt: 'Laadittu',
    printedBy: 'Laatija',
    processings: 'Tietojen käsittelyt',
    count: 'Käsittelyjä ajanjaksolla: {n}',
    none: 'Ajanjaksolla ei ole kirjattu tietojesi käsittelyjä.',
    when: 'Aika',
    who: 'Käsittelijä',
    role: 'Rooli',
    data: 'Tiedot',
    action: 'Toimenpide',
    basis: 'Peruste',
    unknownUser: 'Järjestelmä',
    footer: 'Sivu {page}/{pages}',
    explanation:
      'Selvityksessä ovat ne kerrat, joina organisaation työntekijä on katsonut, kirjannut, muuttanut, tulostanut, ' +
      'luovuttanut tai hakenut tietojasi. Peruste kertoo, millä perusteella tietoja käsiteltiin. Jos epäilet, että ' +
      'tietojasi on käsitelty ilman perustetta, ota yhteyttä tietosuojavastaavaan.',
    actions: {
      'persons:read': 'Katsoi perustiedot',
      'persons:search': 'Haki asiakasrekisteristä',
      'persons:break-glass': 'Avasi tiedot ilman asiakassuhdetta (poikkeuksellinen pääsy)',
      'audit:read': 'Tarkasti lokitietoja (tietosuojavalvonta)',
      'audit:review': 'Arvioi tietojen käsittelyn (tietosuojavalvonta)',
      'audit:client-report': 'Laati tämän selvityksen',
      view: 'Katsoi tietoja',
      insert: 'Kirjasi tietoja',
      update: 'Muutti tietoja',
      delete: 'Poisti tietoja',
      print: 'Tulosti tietoja',
      export: 'Vei tietoja',
      disclose: 'Luovutti tietoja',
      search: 'Haki tietoja',
      security: 'Tietoturvatapahtuma',
    } as Record<string, string>,
    bases: {
      relationship: 'Asiakassuhde',
      supervision: 'Esihenkilön tehtävä',
      registry: 'Asiakasrekisterin ylläpito',
      break_glass: 'Poikkeuksellinen pääsy, syy kirjattu ja tarkastetaan',
      search: 'Haku',
      log_monitoring: 'Lokivalvonta',
      access_request: 'Asiakkaan tietopyyntö',
      role: 'Käyttöoikeus',
    } as Record<string, string>,
    groups: { registry: 'Asiakasrekisteri', journal: 'Asiakaskertomus', privacy: 'Tietosuoja', security: 'Tietoturva', case: 'Asiakastyö' } as Record<string, string>,
    records: {
      person: 'henkilötiedot',
      'client-card': 'asiakaskortti',
      'protected-address': 'suojattu osoite',
      contact: 'yhteyshenkilöt ja edustajat',
      'life-situation': 'asumis- ja elämäntilanne',
      relationship: 'asiakkuus',
      vtj: 'väestötiedot',
      entry: 'kirjaus',
      'break-glass': 'poikkeuksellinen pääsy',
      'access-report': 'selvitys tietojen käsittelystä',
      'audit-log': 'lokitiedot',
      'sample-review': 'pistokoe',
      'break-glass-review': 'poikkeuksellisen pääsyn arviointi',
      notification: 'lastensuojeluilmoitus',
      record: 'asiakirjat',
      assessment: 'palvelutarpeen arvio',
      decision: 'päätös',
      plan: 'asiakassuunnitelma',
      disclosure_ban: 'kielto antaa tietoja huoltajalle',
      account: 'asiakasvarojen tili',
      accounting: 'kirjanpito',
      application: 'hakemus',
      appointment: 'tapaaminen',
      attachment: 'liite',
      batch: 'maksuerä',
      'client-copy': 'jäljennös asiakastiedoista',
      commitment: 'maksusitoumus',
      consent: 'suostumus tai kielto',
      deadline: 'määräaika',
      disclosure: 'tietojen luovutus',
      'regular-disclosure': 'säännönmukainen tietojen luovutus',
      family: 'perhesuhteet',
      household: 'kotitalous',
      'information-request': 'tietopyyntö toiselle viranomaiselle',
      job: 'ajastettu tehtävä',
      payable: 'maksu',
      provider: 'palveluntuottaja',
      review: 'arviointi',
      'rights-request': 'tietosuojapyyntö',
      'processing-notice': 'tieto käsittelystä kertomisesta',
      desk: 'työpöytä (omat asiakkaat ja tehtävät)',
      retention: 'säilytysajat ja säilytyksen jatkaminen',
      'destruction-list': 'hävitysluettelo',
      destruction: 'tietojen hävittäminen',
      archive: 'pysyvästi säilytettävien tietojen siirto arkistoon',
      'retention-rule': 'säilytysaikataulukko',
      'security/commitment': 'käyttäjäsitoumus',
    } as Record<string, string>,
  },
  sv: {
    title: 'Redogörelse för behandlingen av klientuppgifter',
    subtitle: 'Vem har behandlat mina uppgifter – lagen om behandling av klientuppgifter inom social- och hälsovården (703/2023) 11 §',
    client: 'Klient',
    disclosuresTitle: 'Utlämnande av uppgifter',
    noDisclosures: 'Dina uppgifter har inte lämnats ut under perioden.',
    disclosedOn: 'Dag',
    recipient: 'Mottagare',
    disclosedWhat: 'Vad som lämnades ut',
    disclosureBases: {
      consent: 'Ditt samtycke',
      client_act_17: '17 § i lagen om klientens ställning och rättigheter inom socialvården',
      client_act_18: '18 § i lagen om klientens ställning och rättigheter inom socialvården',
      client_act_19: '19 § i lagen om klientens ställning och rättigheter inom socialvården',
      child_welfare_act: 'Barnskyddslagen',
      other_act: 'Annan lag',
      research_permit: 'Forskningstillstånd',
    } as Record<string, string>,
    guardian: 'Given till vårdnadshavare',
    withheld: 'Från redogörelsen har utelämnats de register vars uppgifter barnet har förbjudit att lämnas till vårdnadshavaren (11 § i lagen om klientens ställning och rättigheter inom socialvården): {registers}.',
    hetu: 'Personbeteckning',
    temporaryId: 'Tillfällig identifikation',
    period: 'Period',
    extended: 'Redogörelsen omfattar mer än två år; ett särskilt skäl har antecknats.',
    printedAt: 'Upprättad',
    printedBy: 'Upprättad av',
    processings: 'Behandlingar av uppgifterna',
    count: 'Behandlingar under perioden: {n}',
    none: 'Inga behandlingar av dina uppgifter har registrerats under perioden.',
    when: 'Tidpunkt',
    who: 'Behandlare',
    role: 'Roll',
    data: 'Uppgifter',
    action: 'Åtgärd',
    basis: 'Grund',
    unknownUser: 'Systemet',
    footer: 'Sida {page}/{pages}',
    explanation:
      'Redogörelsen visar de gånger då en anställd hos organisationen har sett, antecknat, ändrat, skrivit ut, ' +
      'lämnat ut eller sökt dina uppgifter. Grunden anger på vilken grund uppgifterna behandlades. Om du misstänker ' +
      'att dina uppgifter har behandlats utan grund, kontakta dataskyddsansvarig.',
    actions: {
      'persons:read': 'Såg basuppgifterna',
      'persons:search': 'Sökte i klientregistret',
      'persons:break-glass': 'Öppnade uppgifterna utan klientrelation (exceptionell åtkomst)',
      'audit:read': 'Granskade logguppgifter (dataskyddstillsyn)',
      'audit:review': 'Bedömde behandlingen av uppgifterna (dataskyddstillsyn)',
      'audit:client-report': 'Upprättade denna redogörelse',
      view: 'Såg uppgifter',
      insert: 'Antecknade uppgifter',
      update: 'Ändrade uppgifter',
      delete: 'Raderade uppgifter',
      print: 'Skrev ut uppgifter',
      export: 'Exporterade uppgifter',
      disclose: 'Lämnade ut uppgifter',
      search: 'Sökte uppgifter',
      security: 'Säkerhetshändelse',
    } as Record<string, string>,
    bases: {
      relationship: 'Klientrelation',
      supervision: 'Förmans uppgift',
      registry: 'Underhåll av klientregistret',
      break_glass: 'Exceptionell åtkomst, skälet antecknat och granskas',
      search: 'Sökning',
      log_monitoring: 'Loggtillsyn',
      access_request: 'Klientens begäran om uppgifter',
      role: 'Behörighet',
    } as Record<string, string>,
    groups: { registry: 'Klientregistret', journal: 'Klientberättelsen', privacy: 'Dataskydd', security: 'Informationssäkerhet', case: 'Klientarbete' } as Record<string, string>,
    records: {
      person: 'personuppgifter',
      'client-card': 'klientkort',
      'protected-address': 'skyddad adress',
      contact: 'kontaktpersoner och företrädare',
      'life-situation': 'boende- och livssituation',
      relationship: 'klientskap',
      vtj: 'befolkningsuppgifter',
      entry: 'anteckning',
      'break-glass': 'exceptionell åtkomst',
      'access-report': 'redogörelse för behandlingen',
      'audit-log': 'logguppgifter',
      'sample-review': 'stickprov',
      'break-glass-review': 'bedömning av exceptionell åtkomst',
      notification: 'barnskyddsanmälan',
      record: 'handlingar',
      assessment: 'bedömning av servicebehovet',
      decision: 'beslut',
      plan: 'klientplan',
      disclosure_ban: 'förbud att lämna uppgifter till vårdnadshavare',
      account: 'konto för klientmedel',
      accounting: 'bokföring',
      application: 'ansökan',
      appointment: 'möte',
      attachment: 'bilaga',
      batch: 'betalningsparti',
      'client-copy': 'kopia av klientuppgifterna',
      commitment: 'betalningsförbindelse',
      consent: 'samtycke eller förbud',
      deadline: 'tidsfrist',
      disclosure: 'utlämnande av uppgifter',
      'regular-disclosure': 'regelbundet utlämnande av uppgifter',
      family: 'familjeförhållanden',
      household: 'hushåll',
      'information-request': 'begäran om uppgifter till en annan myndighet',
      job: 'schemalagd uppgift',
      payable: 'betalning',
      provider: 'serviceproducent',
      review: 'bedömning',
      'rights-request': 'begäran om dataskydd',
      'processing-notice': 'uppgift om att klienten informerats om behandlingen',
      desk: 'skrivbordet (egna klienter och uppgifter)',
      retention: 'förvaringstider och förlängd förvaring',
      'destruction-list': 'gallringsförteckning',
      destruction: 'förstöring av uppgifter',
      archive: 'överföring av varaktigt bevarade uppgifter till arkivet',
      'retention-rule': 'förvaringstabell',
      'security/commitment': 'användarförbindelse',
    } as Record<string, string>,
  },
} as const

type Texts = (typeof TEXTS)[ReportLanguage]

export function reportTexts(language: ReportLanguage): Texts {
  return TEXTS[language]
}

/** The action in words: the event when it is known, else the kind of action. */
export function actionInWords(t: Texts, row: Pick<ReportRow, 'event' | 'action'>): string {
  return t.actions[row.event] ?? t.actions[row.action] ?? row.action
}

export function basisInWords(t: Texts, row: Pick<ReportRow, 'event' | 'basis'>): string {
  // The report's own print row is written by the list chokepoint with basis 'search'; its basis is the request.
  if (row.event === 'audit:client-report') return t.bases.access_request ?? ''
  return row.basis ? (t.bases[row.basis] ?? row.basis) : '–'
}

export function dataInWords(t: Texts, dataGroup: string, serviceTaskNames: Record<string, string>): string {
  const [register = '', record = ''] = dataGroup.split('/')
  const registerName = serviceTaskNames[register] ?? t.groups[register] ?? register
  // a record type named differently in one register (a user commitment is not a payment commitment)
  const recordName = t.records[dataGroup] ?? t.records[record] ?? record
  return recordName ? `${registerName}: ${recordName}` : registerName
}

/** A moment as day and time in Helsinki: 22.11.2026 15.16 (no "klo", so that it fits a narrow column). */
function dateTimeFormat(language: ReportLanguage): { format: (d: Date) => string } {
  const locale = language === 'sv' ? 'sv-FI' : 'fi-FI'
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' })
  const time = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' })
  return { format: (d) => `${day.format(d)} ${time.format(d)}` }
}

/** A calendar date `YYYY-MM-DD` as Finns write it: 1.3.2026. */
export function finnishDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}

export function reportDocument(input: ReportInput): TDocumentDefinitions {
  const t = reportTexts(input.language)
  const fmt = dateTimeFormat(input.language)
  const facts: TableCell[][] = [
    [{ text: t.client, bold: true }, input.client.name],
    input.client.hetu
      ? [{ text: t.hetu, bold: true }, input.client.hetu]
      : [{ text: t.temporaryId, bold: true }, input.client.temporaryId ?? '–'],
    [{ text: t.period, bold: true }, `${finnishDate(input.period.from)}–${finnishDate(input.period.to)}`],
    [{ text: t.printedAt, bold: true }, fmt.format(input.printedAt)],
    [{ text: t.printedBy, bold: true }, input.printedBy],
  ]
  const body: TableCell[][] = [
    [t.when, t.who, t.role, t.data, t.action, t.basis].map((h) => ({ text: h, style: 'th' })),
    ...input.rows.map((r) => [
      fmt.format(r.occurredAt),
      r.userName ?? t.unknownUser,
      r.roleName ?? '–',
      dataInWords(t, r.dataGroup, input.serviceTaskNames),
      actionInWords(t, r),
      basisInWords(t, r),
    ]),
  ]
  const content: Content[] = [
    { text: input.organisation, style: 'organisation' },
    { text: t.title, style: 'title' },
    { text: t.subtitle, style: 'subtitle' },
  ]
  const addressee = input.guardian ? input.guardian.name : input.client.name
  if (input.address) content.push({ stack: [addressee, ...input.address], margin: [0, 0, 0, 16] })
  if (input.guardian) facts.splice(2, 0, [{ text: t.guardian, bold: true }, input.guardian.name])
  content.push(
    { table: { widths: [110, '*'], body: facts }, layout: 'noBorders', margin: [0, 0, 0, 8] },
    ...(input.extendedPeriod ? [{ text: t.extended, italics: true, margin: [0, 0, 0, 8] } as Content] : []),
    ...(input.guardian?.withheldRegisters.length
      ? [{ text: t.withheld.replace('{registers}', input.guardian.withheldRegisters.join(', ')), italics: true, margin: [0, 0, 0, 8] } as Content]
      : []),
    { text: t.processings, style: 'h2' },
    { text: t.count.replace('{n}', String(input.rows.length)), margin: [0, 0, 0, 6] },
    input.rows.length
      ? { table: { headerRows: 1, widths: [74, 78, 70, '*', '*', 80], body }, layout: 'lightHorizontalLines', fontSize: 8 }
      : { text: t.none, italics: true },
    { text: t.disclosuresTitle, style: 'h2' },
    input.disclosures?.length
      ? {
          table: {
            headerRows: 1,
            widths: [60, 110, 90, '*'],
            body: [
              [t.disclosedOn, t.recipient, t.basis, t.disclosedWhat].map((h) => ({ text: h, style: 'th' })),
              ...input.disclosures.map((d) => [
                finnishDate(d.on),
                d.recipient,
                `${t.disclosureBases[d.basis] ?? d.basis}${d.basisCitation ? ` (${d.basisCitation})` : ''}`,
                `${input.serviceTaskNames[d.serviceTask] ?? d.serviceTask}: ${d.what}`,
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 8,
        }
      : { text: t.noDisclosures, italics: true },
    { text: t.explanation, margin: [0, 16, 0, 0], fontSize: 9 },
  )
  return {
    info: { title: t.title, creator: 'Huoma', producer: 'Huoma' },
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      organisation: { fontSize: 10, color: '#444444', margin: [0, 0, 0, 12] },
      title: { fontSize: 17, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 9, color: '#444444', margin: [0, 0, 0, 16] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
      th: { bold: true },
    },
    footer: (page: number, pages: number) => ({
      text: t.footer.replace('{page}', String(page)).replace('{pages}', String(pages)),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 16, 0, 0],
    }),
    content,
  }
}

export async function renderReport(input: ReportInput): Promise<Buffer> {
  return renderPdf(reportDocument(input))
}
