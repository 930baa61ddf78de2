import type { Translation } from '../../lib/feature'

/**
 * Määräajat (the worklist of statutory deadlines of every service): this feature's texts, composed into the root
 * dictionaries under `deadlines`. Finnish is the source; Swedish and English are typed by its shape.
 */
const fiDeadlines = {
  nav: 'Määräajat',
  title: 'Määräajat',
  intro: 'Lakisääteiset määräajat kaikista palvelutehtävistä: omat asiasi, joissa olet vastuutyöntekijä, ja yksikkösi jono, jossa asialla ei vielä ole vastuutyöntekijää.',
  scope: { label: 'Näytä', mine: 'Omat', unit: 'Yksikön jono' },
  unit: { label: 'Yksikkö', all: 'Kaikki yksikköni' },
  overdueOnly: 'Vain myöhässä olevat',
  loading: 'Ladataan määräaikoja…',
  caption: 'Määräajat, aikaisin ensin',
  summary_one: '{{count}} määräaika, joista {{overdue}} myöhässä.',
  summary_other: '{{count}} määräaikaa, joista {{overdue}} myöhässä.',
  shownOf: 'Näytetään {{shown}} / {{total}}.',
  empty: 'Ei avoimia määräaikoja.',
  columns: { due: 'Määräpäivä', what: 'Asia', client: 'Asiakas', task: 'Palvelutehtävä', unit: 'Yksikkö', responsible: 'Vastuutyöntekijä', standing: 'Tilanne' },
  kinds: {
    'income_support.decision': 'Toimeentulotukipäätös',
  },
  standing: { upcoming: 'Tulossa', due_today: 'Tänään', overdue: 'Myöhässä', paused: 'Keskeytetty' },
  daysLeft_one: '{{count}} arkipäivä jäljellä',
  daysLeft_other: '{{count}} arkipäivää jäljellä',
  daysLate_one: '{{count}} arkipäivä myöhässä',
  daysLate_other: '{{count}} arkipäivää myöhässä',
  urgent: 'Kiireellinen',
  reminded: 'Muistutettu',
  nobody: 'Ei vielä',
  refresh: 'Päivitä',
} as const

const svDeadlines: Translation<typeof fiDeadlines> = {
  nav: 'Tidsfrister',
  title: 'Tidsfrister',
  intro: 'Lagstadgade tidsfrister i alla serviceuppgifter: dina egna ärenden där du är ansvarig arbetstagare och din enhets kö där ärendet ännu saknar ansvarig arbetstagare.',
  scope: { label: 'Visa', mine: 'Egna', unit: 'Enhetens kö' },
  unit: { label: 'Enhet', all: 'Alla mina enheter' },
  overdueOnly: 'Endast försenade',
  loading: 'Tidsfristerna laddas…',
  caption: 'Tidsfrister, tidigaste först',
  summary_one: '{{count}} tidsfrist, varav {{overdue}} försenade.',
  summary_other: '{{count}} tidsfrister, varav {{overdue}} försenade.',
  shownOf: 'Visas {{shown}} / {{total}}.',
  empty: 'Inga öppna tidsfrister.',
  columns: { due: 'Förfallodag', what: 'Ärende', client: 'Klient', task: 'Serviceuppgift', unit: 'Enhet', responsible: 'Ansvarig arbetstagare', standing: 'Läge' },
  kinds: {
    'income_support.decision': 'Beslut om utkomststöd',
  },
  standing: { upcoming: 'Kommande', due_today: 'I dag', overdue: 'Försenad', paused: 'Avbruten' },
  daysLeft_one: '{{count}} vardag kvar',
  daysLeft_other: '{{count}} vardagar kvar',
  daysLate_one: '{{count}} vardag försenad',
  daysLate_other: '{{count}} vardagar försenad',
  urgent: 'Brådskande',
  reminded: 'Påmind',
  nobody: 'Ännu ingen',
  refresh: 'Uppdatera',
}

const enDeadlines: Translation<typeof fiDeadlines> = {
  nav: 'Deadlines',
  title: 'Deadlines',
  intro: 'Statutory deadlines of every service task: your own matters, where you are the responsible worker, and your unit’s queue, where nobody is responsible yet.',
  scope: { label: 'Show', mine: 'Mine', unit: 'Unit queue' },
  unit: { label: 'Unit', all: 'All my units' },
  overdueOnly: 'Overdue only',
  loading: 'Loading deadlines…',
  caption: 'Deadlines, earliest first',
  summary_one: '{{count}} deadline, {{overdue}} of them overdue.',
  summary_other: '{{count}} deadlines, {{overdue}} of them overdue.',
  shownOf: 'Showing {{shown}} of {{total}}.',
  empty: 'No open deadlines.',
  columns: { due: 'Due', what: 'Matter', client: 'Client', task: 'Service task', unit: 'Unit', responsible: 'Responsible worker', standing: 'Standing' },
  kinds: {
    'income_support.decision': 'Income support decision',
  },
  standing: { upcoming: 'Upcoming', due_today: 'Today', overdue: 'Overdue', paused: 'Paused' },
  daysLeft_one: '{{count}} working day left',
  daysLeft_other: '{{count}} working days left',
  daysLate_one: '{{count}} working day late',
  daysLate_other: '{{count}} working days late',
  urgent: 'Urgent',
  reminded: 'Reminded',
  nobody: 'Nobody yet',
  refresh: 'Refresh',
}

export const fi = { nav: { deadlines: fiDeadlines.nav }, deadlines: fiDeadlines } as const
export const sv: Translation<typeof fi> = { nav: { deadlines: svDeadlines.nav }, deadlines: svDeadlines }
export const en: Translation<typeof fi> = { nav: { deadlines: enDeadlines.nav }, deadlines: enDeadlines }
