import { features } from '../features'
import { composeDictionary, type ComposedDictionary } from '../lib/feature'
import type { DeepStringRecord } from '../lib/language'

/**
 * The app-wide keys in Finnish, the source language: the application, language, header, the menu's own name, roles,
 * shared words (`common`) and errors. Every feature brings its own keys in its slice (`features/<m>/i18n.ts`); `sv.ts`
 * and `en.ts` are typed from this object so that a missing or extra key fails the type check.
 */
export const appWide = {
  app: {
    name: 'Huoma',
    tagline: 'Sosiaalihuollon asiakastietojärjestelmä',
    version: 'Versio {{version}}',
    skipToContent: 'Siirry sisältöön',
    loading: 'Ladataan…',
  },
  language: {
    label: 'Kieli',
  },
  header: {
    account: 'Oma tili',
    userLabel: 'Kirjautunut käyttäjä',
    logout: 'Kirjaudu ulos',
    loggingOut: 'Kirjaudutaan ulos…',
    logoutFailed: 'Uloskirjautuminen epäonnistui. Yritä uudelleen.',
  },
  nav: {
    label: 'Päävalikko',
  },
  roles: {
    'social_worker': 'Sosiaalityöntekijä',
    'social_counsellor': 'Sosiaaliohjaaja',
    'benefit_handler': 'Etuuskäsittelijä',
    'office_secretary': 'Toimistosihteeri',
    supervisor: 'Esihenkilö',
    'main_user': 'Pääkäyttäjä',
    'data_protection_officer': 'Tietosuojavastaava',
    finance: 'Taloushallinto',
    statistician: 'Tilastoija',
    archivist: 'Arkistonhoitaja',
  },
  common: {
    cancel: 'Peruuta',
    errorSummary: { title: 'Tarkista tiedot' },
    characterCount: {
      left_one: '{{n}} merkki jäljellä (enintään {{max}})',
      left_other: '{{n}} merkkiä jäljellä (enintään {{max}})',
      over_one: 'Teksti on {{n}} merkin liian pitkä (enintään {{max}})',
      over_other: 'Teksti on {{n}} merkkiä liian pitkä (enintään {{max}})',
    },
    unsaved: {
      title: 'Poistutaanko tallentamatta?',
      message: 'Lomakkeella on tallentamatonta tekstiä. Jos poistut nyt, sitä ei tallenneta.',
      leave: 'Poistu tallentamatta',
      stay: 'Jatka kirjoittamista',
      restored: 'Palautettu tallentamaton teksti ({{time}}). Tallenna se tai peruuta.',
      discardTitle: 'Hylätäänkö kirjoitettu teksti?',
      discardWarning: 'Lomakkeella on tallentamatonta tekstiä. Jos peruutat, teksti poistetaan eikä sitä voi palauttaa.',
      discardConfirm: 'Hylkää teksti',
    },
    serviceTasks: {
      adult_social_work: 'Aikuisten sosiaalityö',
      income_support: 'Toimeentulotuki',
      child_welfare: 'Lastensuojelu',
      family_services: 'Lapsiperheiden sosiaalipalvelut',
      disability_services: 'Vammaispalvelut',
      substance_mental_health: 'Päihde- ja mielenterveystyö',
      child_maintenance: 'Lastenvalvoja',
      client_fees: 'Asiakasmaksut',
      // a relationship in a sensitive service as clerical access sees it: a client, and whom to contact
      confidential: 'Sosiaalipalvelu (ei näytetä toimistotyölle)',
    },
    paging: {
      label: 'Sivut',
      shown: 'Näytetään {{from}}–{{to}} / {{total}}',
      none: 'Ei rivejä.',
      previous: 'Edellinen sivu',
      next: 'Seuraava sivu',
      page: 'Sivu {{page}} / {{pages}}',
      sortBy: 'Järjestä: {{column}}',
    },
  },
  attachments: {
    title: 'Liitteet',
    loading: 'Ladataan liitteitä…',
    empty: 'Tässä palvelutehtävässä ei ole vielä liitteitä.',
    listLabel: 'Liitteet uusimmasta vanhimpaan',
    name: 'Tiedosto',
    type: 'Tyyppi',
    size: 'Koko',
    uploaded: 'Lisätty',
    uploadedBy: '{{name}}, {{time}}',
    download: 'Lataa {{name}}',
    downloadHint: 'Lataaminen kirjataan lokiin.',
    uploadTitle: 'Lisää liite',
    file: 'Tiedosto (PDF, PNG, JPEG, TIFF tai tekstitiedosto, enintään {{max}})',
    submit: 'Lähetä liite',
    sending: 'Lähetetään…',
    chooseFile: 'Valitse ensin lähetettävä tiedosto.',
    tooLarge: 'Tiedosto on liian suuri: enimmäiskoko on {{max}}.',
    uploadedNotice: 'Liite {{name}} tallennettiin.',
    documentType: 'Asiakirjan tyyppi',
    documentTypePlaceholder: 'Valitse…',
    chooseDocumentType: 'Valitse, mikä asiakirja liite on.',
    documentTypes: {
      authority_statement: 'Lausunto toiselta viranomaiselta',
      medical_statement: 'Lääkärinlausunto tai -todistus',
      income_evidence: 'Tulo- tai menoselvitys',
      bank_statement: 'Tiliote',
      tenancy_agreement: 'Vuokrasopimus',
      power_of_attorney: 'Valtakirja',
      client_account: 'Asiakkaan oma selvitys tai kirje',
      other: 'Muu liiteasiakirja',
    },
  },
  errors: {
    notFoundTitle: 'Sivua ei löytynyt',
    notFoundText: 'Tässä osoitteessa ei ole sivua. Tarkista osoite tai palaa etusivulle.',
    forbiddenTitle: 'Ei käyttöoikeutta',
    forbiddenText:
      'Sinulla ei ole oikeutta tähän moduuliin. Jos tarvitset sitä työssäsi, pyydä oikeutta esihenkilöltäsi.',
    backHome: 'Palaa etusivulle',
    unavailableTitle: 'Huomaan ei saada yhteyttä',
    network: 'Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
    unexpected: 'Tapahtui odottamaton virhe. Yritä uudelleen.',
    http: 'Palvelin vastasi virheellä (HTTP {{status}}).',
    retry: 'Yritä uudelleen',
  },
}

/** The Finnish dictionary: the app-wide keys and every feature's slice from the features list. */
export const fi = composeDictionary('fi', appWide, features) as ComposedDictionary<typeof appWide, typeof features>

/**
 * A whole dictionary: the Finnish one's tree of keys, every leaf a string (what sv.ts and en.ts must be). Declared
 * here rather than in types.ts, which every module imports through language.ts: a types.ts that imported fi.ts
 * would close an import cycle through the features list.
 */
export type Dictionary = DeepStringRecord<typeof fi>
