import type { Translation } from '../../lib/feature'

/**
 * Ajastetut tehtävät (the main user's scheduled jobs page): this feature's texts, composed into the root dictionaries
 * under `jobs`. Finnish is the source; Swedish and English are typed by its shape.
 */
const fiJobs = {
  nav: 'Ajastetut tehtävät',
  title: 'Ajastetut tehtävät',
  intro:
    'Huoma tekee nämä tehtävät itse aikataulun mukaan. Epäonnistunut tehtävä yritetään uudelleen hetken kuluttua; jos kaikki yritykset epäonnistuvat, virhe jää näkyviin tähän ja tehtävä ajetaan taas seuraavalla aikataulun mukaisella kerralla.',
  timeZone: 'Ajat ovat Suomen aikaa.',
  loading: 'Ladataan tehtäviä…',
  caption: 'Tehtävät',
  columns: {
    job: 'Tehtävä',
    schedule: 'Aikataulu',
    lastRun: 'Edellinen ajo',
    outcome: 'Tulos',
    nextRun: 'Seuraava ajo',
    actions: 'Toiminnot',
  },
  outcome: {
    running: 'Käynnissä',
    success: 'Onnistui',
    failure: 'Epäonnistui',
    abandoned: 'Keskeytyi',
  },
  never: 'Ei vielä ajettu',
  byHand: 'käynnistetty käsin',
  retry: 'uusi yritys ({{attempt}}/{{of}})',
  failuresInRow_one: '{{count}} epäonnistuminen peräkkäin',
  failuresInRow_other: '{{count}} epäonnistumista peräkkäin',
  errorLabel: 'Virhe:',
  earlierFailure: 'Edellinen virhe {{time}}: {{error}}',
  continuous: 'Jatkuvasti',
  quietNote: 'Kirjataan vain kierrokset, joilla oli tehtävää tai jotka epäonnistuivat.',
  notScheduledHere: 'Tämä palvelin ei aja tehtävää aikataulussa (HUOMA_JOBS); toinen palvelin voi ajaa sen.',
  runNow: 'Käynnistä nyt',
  runNowLabel: 'Käynnistä nyt: {{job}}',
  starting: 'Käynnistetään…',
  started: 'Tehtävä ”{{job}}” käynnistettiin. Tulos näkyy taulukossa, kun se valmistuu.',
} as const

const svJobs: Translation<typeof fiJobs> = {
  nav: 'Schemalagda jobb',
  title: 'Schemalagda jobb',
  intro:
    'Huoma utför de här jobben själv enligt schemat. Ett jobb som misslyckas försöks på nytt efter en stund; om alla försök misslyckas syns felet här och jobbet körs igen nästa gång enligt schemat.',
  timeZone: 'Tiderna är finsk tid.',
  loading: 'Jobben laddas…',
  caption: 'Jobb',
  columns: {
    job: 'Jobb',
    schedule: 'Schema',
    lastRun: 'Senaste körning',
    outcome: 'Resultat',
    nextRun: 'Nästa körning',
    actions: 'Åtgärder',
  },
  outcome: {
    running: 'Pågår',
    success: 'Lyckades',
    failure: 'Misslyckades',
    abandoned: 'Avbröts',
  },
  never: 'Inte kört ännu',
  byHand: 'startat manuellt',
  retry: 'nytt försök ({{attempt}}/{{of}})',
  failuresInRow_one: '{{count}} misslyckande i rad',
  failuresInRow_other: '{{count}} misslyckanden i rad',
  errorLabel: 'Fel:',
  earlierFailure: 'Föregående fel {{time}}: {{error}}',
  continuous: 'Fortlöpande',
  quietNote: 'Endast rundor som hade något att göra eller som misslyckades registreras.',
  notScheduledHere: 'Den här servern kör inte jobbet enligt schemat (HUOMA_JOBS); en annan server kan köra det.',
  runNow: 'Kör nu',
  runNowLabel: 'Kör nu: {{job}}',
  starting: 'Startar…',
  started: 'Jobbet ”{{job}}” startades. Resultatet syns i tabellen när det är klart.',
}

const enJobs: Translation<typeof fiJobs> = {
  nav: 'Scheduled jobs',
  title: 'Scheduled jobs',
  intro:
    'Huoma does these jobs by itself on their schedule. A job that fails is tried again after a while; if every attempt fails, the error stays shown here and the job runs again at its next scheduled time.',
  timeZone: 'Times are Helsinki time.',
  loading: 'Loading the jobs…',
  caption: 'Jobs',
  columns: {
    job: 'Job',
    schedule: 'Schedule',
    lastRun: 'Last run',
    outcome: 'Outcome',
    nextRun: 'Next run',
    actions: 'Actions',
  },
  outcome: {
    running: 'Running',
    success: 'Succeeded',
    failure: 'Failed',
    abandoned: 'Interrupted',
  },
  never: 'Not run yet',
  byHand: 'started by hand',
  retry: 'retry ({{attempt}}/{{of}})',
  failuresInRow_one: '{{count}} failure in a row',
  failuresInRow_other: '{{count}} failures in a row',
  errorLabel: 'Error:',
  earlierFailure: 'Previous error {{time}}: {{error}}',
  continuous: 'Continuously',
  quietNote: 'Only rounds that had something to do or that failed are recorded.',
  notScheduledHere: 'This server does not run the job on its schedule (HUOMA_JOBS); another server may.',
  runNow: 'Run now',
  runNowLabel: 'Run now: {{job}}',
  starting: 'Starting…',
  started: 'The job “{{job}}” was started. Its outcome shows in the table when it ends.',
}

/** The feature's slice: the menu entry's name and the page's texts under `jobs`. */
export const fi = { nav: { jobs: fiJobs.nav }, jobs: fiJobs } as const
export const sv: Translation<typeof fi> = { nav: { jobs: svJobs.nav }, jobs: svJobs }
export const en: Translation<typeof fi> = { nav: { jobs: enJobs.nav }, jobs: enJobs }
