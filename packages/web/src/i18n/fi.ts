/**
 * Finnish is the source language: every key is defined here first, and `sv.ts` and `en.ts` are typed
 * from this object so that a missing or extra key fails the type check.
 */
export const fi = {
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
    userLabel: 'Kirjautunut käyttäjä',
    logout: 'Kirjaudu ulos',
    loggingOut: 'Kirjaudutaan ulos…',
    logoutFailed: 'Uloskirjautuminen epäonnistui. Yritä uudelleen.',
  },
  nav: {
    label: 'Päävalikko',
    home: 'Etusivu',
    persons: 'Asiakkaat',
    adminUsers: 'Käyttäjät ja oikeudet',
    audit: 'Lokivalvonta',
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
  },
  login: {
    title: 'Kirjaudu sisään',
    intro: 'Kirjaudu Huomaan organisaatiosi antamalla käyttäjätunnuksella.',
    username: 'Käyttäjätunnus',
    password: 'Salasana',
    submit: 'Kirjaudu sisään',
    submitting: 'Kirjaudutaan…',
    usernameRequired: 'Anna käyttäjätunnus.',
    passwordRequired: 'Anna salasana.',
    signedOut: 'Olet kirjautunut ulos.',
    sessionExpired: 'Istuntosi on päättynyt. Kirjaudu uudelleen sisään.',
  },
  home: {
    title: 'Etusivu',
    greetingMorning: 'Hyvää huomenta, {{name}}',
    greetingDay: 'Hyvää päivää, {{name}}',
    greetingEvening: 'Hyvää iltaa, {{name}}',
    intro: 'Valitse työtehtäväsi vasemman reunan valikosta.',
    noModules:
      'Sinulla ei ole vielä oikeuksia yhteenkään moduuliin. Pyydä tarvitsemasi oikeudet esihenkilöltäsi; pääkäyttäjä myöntää ne.',
    roles: 'Roolisi',
  },
  status: {
    title: 'Järjestelmän tila',
    loading: 'Haetaan tilatietoja…',
    state: 'Tila',
    ok: 'Toiminnassa',
    database: 'Tietokanta',
    pglite: 'Sulautettu PGlite-tietokanta',
    postgresql: 'PostgreSQL-tietokantapalvelin',
    migration: 'Tietokannan viimeisin muutos',
    failed: 'Järjestelmän tilaa ei saatu haettua.',
  },
  persons: {
    title: 'Asiakkaat',
    description:
      'Asiakkaiden haku ja perustiedot. Moduulissa haetaan asiakas nimellä tai henkilötunnuksella ja nähdään hänen henkilö- ja yhteystietonsa sekä asiakkuutensa eri palvelutehtävissä. Asiakkaan tietoja näytetään vain, kun sinulla on asiakassuhde häneen tai kun ilmoitat tietojen käsittelyn perusteen.',
  },
  adminUsers: {
    title: 'Käyttäjät ja oikeudet',
    description:
      'Käyttäjätunnusten ja käyttöoikeuksien hallinta. Pääkäyttäjä lisää käyttäjät, myöntää heille roolit palvelutehtäviin ja yksiköihin esihenkilön pyynnöstä ja asettaa sijaisten oikeuksille päättymispäivän. Jokainen oikeuksien muutos kirjataan lokiin.',
  },
  audit: {
    title: 'Lokivalvonta',
    description:
      'Asiakastietojen käytön valvonta. Tietosuojavastaava selvittää lokista, kuka on käsitellyt asiakkaan tietoja, milloin ja millä perusteella, poimii tapahtumia pistokokein tarkastettavaksi ja käy läpi tilanteet, joissa tietoja on avattu ilman asiakassuhdetta.',
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
