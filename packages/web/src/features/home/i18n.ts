import type { Translation } from '../../lib/feature'

/** The home feature's part of the dictionary (Finnish, the source; sv and en have exactly its keys). */
export const fi = {
  nav: {
    home: 'Etusivu',
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
} as const

export const sv: Translation<typeof fi> = {
  nav: {
    home: 'Startsida',
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
}

export const en: Translation<typeof fi> = {
  nav: {
    home: 'Home',
  },
  home: {
    title: 'Home',
    greetingMorning: 'Good morning, {{name}}',
    greetingDay: 'Good afternoon, {{name}}',
    greetingEvening: 'Good evening, {{name}}',
    intro: 'Choose your task from the menu on the left.',
    noModules:
      'You do not have access to any module yet. Ask your supervisor for the permissions you need; the main user grants them.',
    roles: 'Your roles',
  },
  status: {
    title: 'System status',
    loading: 'Fetching system status…',
    state: 'Status',
    ok: 'Operational',
    database: 'Database',
    pglite: 'Embedded PGlite database',
    postgresql: 'PostgreSQL database server',
    migration: 'Latest database migration',
    failed: 'The system status could not be fetched.',
  },
}
