/**
 * Document types (asiakirjatyypit) of social welfare client records.
 *
 * Every record Huoma keeps about a client carries its service task (palvelutehtävä, the register) and one of these
 * document types: the retention table and the archive's orders are written per service task and document type
 * (laki 254/2015; 703/2023 liite; Kansallisarkisto's decision AL/20064/07.01.01.03.01/2014), and the archive package
 * names each document's type in its metadata. The codes are stable identifiers (they go into archive packages);
 * the names are what people read, in Finnish and Swedish.
 */
export const DOCUMENT_TYPES = {
  client_basic_data: { fi: 'Asiakkuusasiakirja ja asiakkaan perustiedot', sv: 'Klientskapshandling och klientens grunduppgifter' },
  client_journal: { fi: 'Asiakaskertomus', sv: 'Klientberättelse' },
  appointment: { fi: 'Ajanvaraus', sv: 'Tidsbokning' },
  attachment: { fi: 'Liiteasiakirja', sv: 'Bilaga' },
  application: { fi: 'Hakemus', sv: 'Ansökan' },
  decision: { fi: 'Päätös', sv: 'Beslut' },
  payment_voucher: { fi: 'Maksatuksen tosite', sv: 'Utbetalningsverifikat' },
  client_funds_entry: { fi: 'Asiakasvarojen tilitapahtuma', sv: 'Transaktion på klientens medel' },
  notification: { fi: 'Lastensuojeluilmoitus', sv: 'Barnskyddsanmälan' },
  matter: { fi: 'Asian vireilletulo ja käsittely', sv: 'Ärendets anhängiggörande och behandling' },
  service_need_assessment: { fi: 'Palvelutarpeen arviointi', sv: 'Bedömning av servicebehovet' },
  client_plan: { fi: 'Asiakassuunnitelma', sv: 'Klientplan' },
  placement: { fi: 'Sijoitus', sv: 'Placering' },
  support_measure: { fi: 'Avohuollon tukitoimi', sv: 'Stödåtgärd inom öppenvården' },
  consent: { fi: 'Suostumus tai kielto', sv: 'Samtycke eller förbud' },
  disclosure_request: { fi: 'Tietopyyntö ja sen ratkaisu', sv: 'Begäran om uppgifter och avgörandet' },
  disclosure_record: { fi: 'Luovutusmerkintä', sv: 'Anteckning om utlämnande' },
  data_subject_request: { fi: 'Tietosuojapyyntö', sv: 'Begäran enligt dataskyddet' },
} as const satisfies Record<string, { fi: string; sv: string }>

export type DocumentType = keyof typeof DOCUMENT_TYPES

export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as DocumentType[]

export function isDocumentType(code: string): code is DocumentType {
  return Object.hasOwn(DOCUMENT_TYPES, code)
}

/**
 * The kinds of document an attachment is (liiteasiakirjan tyyppi): chosen on every upload, kept with the file, shown
 * in the list and printed in the client's copy and the archive package (whose documents group attachments under
 * the document type `attachment`). `other` is also what attachments stored before the kinds were asked carry.
 */
export const ATTACHMENT_DOCUMENT_TYPES = {
  authority_statement: { fi: 'Lausunto toiselta viranomaiselta', sv: 'Utlåtande från en annan myndighet' },
  medical_statement: { fi: 'Lääkärinlausunto tai -todistus', sv: 'Läkarutlåtande eller läkarintyg' },
  income_evidence: { fi: 'Tulo- tai menoselvitys', sv: 'Utredning om inkomster eller utgifter' },
  bank_statement: { fi: 'Tiliote', sv: 'Kontoutdrag' },
  tenancy_agreement: { fi: 'Vuokrasopimus', sv: 'Hyresavtal' },
  power_of_attorney: { fi: 'Valtakirja', sv: 'Fullmakt' },
  client_account: { fi: 'Asiakkaan oma selvitys tai kirje', sv: 'Klientens egen utredning eller brev' },
  other: { fi: 'Muu liiteasiakirja', sv: 'Annan bilaga' },
} as const satisfies Record<string, { fi: string; sv: string }>

export type AttachmentDocumentType = keyof typeof ATTACHMENT_DOCUMENT_TYPES

export const ATTACHMENT_DOCUMENT_TYPE_CODES = Object.keys(ATTACHMENT_DOCUMENT_TYPES) as AttachmentDocumentType[]

export function isAttachmentDocumentType(code: string): code is AttachmentDocumentType {
  return Object.hasOwn(ATTACHMENT_DOCUMENT_TYPES, code)
}

/**
 * The file name of one archived document: `<register>/<nn>-<type>.pdf` inside the client's folder, ASCII only
 * (archive systems and zip tools differ on non-ASCII names), numbered in the order of the package.
 */
export function archiveDocumentFileName(register: string, index: number, type: DocumentType): string {
  const safe = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'x'
  return `${safe(register)}/${String(index).padStart(2, '0')}-${safe(type)}.pdf`
}
