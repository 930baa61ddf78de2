import type { Dictionary } from './types'

export const sv: Dictionary = {
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
    userLabel: 'Inloggad användare',
    logout: 'Logga ut',
    loggingOut: 'Loggar ut…',
    logoutFailed: 'Utloggningen misslyckades. Försök på nytt.',
  },
  nav: {
    label: 'Huvudmeny',
    home: 'Startsida',
    persons: 'Klienter',
    adminUsers: 'Användare och behörigheter',
    audit: 'Loggövervakning',
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
  },
  login: {
    title: 'Logga in',
    intro: 'Logga in i Huoma med det användarnamn som din organisation har gett dig.',
    username: 'Användarnamn',
    password: 'Lösenord',
    submit: 'Logga in',
    submitting: 'Loggar in…',
    usernameRequired: 'Ange användarnamn.',
    passwordRequired: 'Ange lösenord.',
    signedOut: 'Du har loggat ut.',
    sessionExpired: 'Din session har gått ut. Logga in på nytt.',
  },
  home: {
    title: 'Startsida',
    greetingMorning: 'God morgon, {{name}}',
    greetingDay: 'God dag, {{name}}',
    greetingEvening: 'God kväll, {{name}}',
    intro: 'Välj din arbetsuppgift i menyn till vänster.',
    noModules:
      'Du har ännu inte behörighet till någon modul. Be din förman om de behörigheter du behöver; huvudanvändaren beviljar dem.',
    roles: 'Dina roller',
  },
  status: {
    title: 'Systemets status',
    loading: 'Hämtar statusuppgifter…',
    state: 'Status',
    ok: 'I drift',
    database: 'Databas',
    pglite: 'Inbäddad PGlite-databas',
    postgresql: 'PostgreSQL-databasserver',
    migration: 'Databasens senaste ändring',
    failed: 'Systemets status kunde inte hämtas.',
  },
  persons: {
    title: 'Klienter',
    description:
      'Sökning av klienter och deras grunduppgifter. I modulen söker man en klient med namn eller personbeteckning och ser klientens person- och kontaktuppgifter samt klientskap inom olika serviceuppgifter. Klientens uppgifter visas bara när du har en klientrelation till klienten eller anger grunden för att behandla uppgifterna.',
  },
  adminUsers: {
    title: 'Användare och behörigheter',
    description:
      'Hantering av användarkonton och behörigheter. Huvudanvändaren lägger till användare, beviljar dem roller för serviceuppgifter och enheter på begäran av förmannen och anger slutdatum för vikariers behörigheter. Varje ändring av behörigheter loggförs.',
  },
  audit: {
    title: 'Loggövervakning',
    description:
      'Övervakning av hur klientuppgifter används. Dataskyddsombudet utreder i loggen vem som har behandlat klientens uppgifter, när och på vilken grund, tar stickprov av händelser för granskning och går igenom situationer där uppgifter har öppnats utan klientrelation.',
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
