import { features } from '../features'
import { composeDictionary, type Translation } from '../lib/feature'
import type { appWide as source, Dictionary } from './fi'

/** The app-wide keys in Swedish: exactly the Finnish source's keys. */
export const appWide: Translation<typeof source> = {
  app: {
    name: 'Huoma',
    tagline: 'Klientdatasystem för socialvården',
    version: 'Version {{version}}',
    skipToContent: 'Hoppa till innehållet',
    loading: 'Laddar…',
  },
  language: {
    label: 'Språk',
  },
  header: {
    account: 'Mitt konto',
    userLabel: 'Inloggad användare',
    logout: 'Logga ut',
    loggingOut: 'Loggar ut…',
    logoutFailed: 'Utloggningen misslyckades. Försök på nytt.',
  },
  nav: {
    label: 'Huvudmeny',
  },
  roles: {
    'social_worker': 'Socialarbetare',
    'social_counsellor': 'Socialhandledare',
    'benefit_handler': 'Förmånshandläggare',
    'office_secretary': 'Byråsekreterare',
    supervisor: 'Förman',
    'main_user': 'Huvudanvändare',
    'data_protection_officer': 'Dataskyddsombud',
    finance: 'Ekonomiförvaltning',
    statistician: 'Statistiker',
    archivist: 'Arkivarie',
  },
  common: {
    cancel: 'Avbryt',
    errorSummary: { title: 'Kontrollera uppgifterna' },
    characterCount: {
      left_one: '{{n}} tecken kvar (högst {{max}})',
      left_other: '{{n}} tecken kvar (högst {{max}})',
      over_one: 'Texten är {{n}} tecken för lång (högst {{max}})',
      over_other: 'Texten är {{n}} tecken för lång (högst {{max}})',
    },
    unsaved: {
      title: 'Lämna utan att spara?',
      message: 'Formuläret har osparad text. Om du lämnar nu sparas den inte.',
      leave: 'Lämna utan att spara',
      stay: 'Fortsätt skriva',
    },
    serviceTasks: {
      adult_social_work: 'Socialt arbete för vuxna',
      income_support: 'Utkomststöd',
      child_welfare: 'Barnskydd',
      family_services: 'Socialservice för barnfamiljer',
      disability_services: 'Handikappservice',
      substance_mental_health: 'Missbruks- och mentalvårdsarbete',
      child_maintenance: 'Barnatillsyningsman',
      client_fees: 'Klientavgifter',
      confidential: 'Socialservice (visas inte för kontorsarbete)',
    },
    paging: {
      label: 'Sidor',
      shown: 'Visar {{from}}–{{to}} av {{total}}',
      none: 'Inga rader.',
      previous: 'Föregående sida',
      next: 'Nästa sida',
      page: 'Sida {{page}} av {{pages}}',
      sortBy: 'Sortera: {{column}}',
    },
  },
  attachments: {
    title: 'Bilagor',
    loading: 'Bilagorna laddas…',
    empty: 'Det finns ännu inga bilagor i den här serviceuppgiften.',
    listLabel: 'Bilagor från den nyaste till den äldsta',
    name: 'Fil',
    type: 'Typ',
    size: 'Storlek',
    uploaded: 'Tillagd',
    uploadedBy: '{{name}} {{time}}',
    download: 'Ladda ner {{name}}',
    downloadHint: 'Nedladdningen loggas.',
    uploadTitle: 'Lägg till bilaga',
    file: 'Fil (PDF, PNG, JPEG, TIFF eller textfil, högst {{max}})',
    submit: 'Skicka bilagan',
    sending: 'Skickas…',
    chooseFile: 'Välj först filen som ska skickas.',
    tooLarge: 'Filen är för stor: den maximala storleken är {{max}}.',
    uploadedNotice: 'Bilagan {{name}} sparades.',
    documentType: 'Typ av handling',
    documentTypePlaceholder: 'Välj…',
    chooseDocumentType: 'Välj vilken handling bilagan är.',
    documentTypes: {
      authority_statement: 'Utlåtande från en annan myndighet',
      medical_statement: 'Läkarutlåtande eller läkarintyg',
      income_evidence: 'Utredning om inkomster eller utgifter',
      bank_statement: 'Kontoutdrag',
      tenancy_agreement: 'Hyresavtal',
      power_of_attorney: 'Fullmakt',
      client_account: 'Klientens egen utredning eller brev',
      other: 'Annan bilaga',
    },
  },
  errors: {
    notFoundTitle: 'Sidan hittades inte',
    notFoundText: 'Det finns ingen sida på den här adressen. Kontrollera adressen eller gå tillbaka till startsidan.',
    forbiddenTitle: 'Ingen behörighet',
    forbiddenText:
      'Du har inte behörighet till den här modulen. Om du behöver den i ditt arbete, be din förman om behörighet.',
    backHome: 'Tillbaka till startsidan',
    unavailableTitle: 'Ingen förbindelse till Huoma',
    network: 'Ingen förbindelse till servern. Kontrollera nätverksanslutningen och försök på nytt.',
    unexpected: 'Ett oväntat fel inträffade. Försök på nytt.',
    http: 'Servern svarade med ett fel (HTTP {{status}}).',
    retry: 'Försök på nytt',
  },
}

/** The Swedish dictionary: the app-wide keys and every feature's slice from the features list. */
export const sv = composeDictionary('sv', appWide, features) as Dictionary
