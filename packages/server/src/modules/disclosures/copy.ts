import { helsinkiMidnight, type TimelineSource } from '../../kernel/client-timeline'
import { staffName, type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/** Consents and bans, disclosure requests about the client and the disclosure log. */
export const disclosuresCopy: readonly CopyTable[] = [
  {
    key: 'disclosures/consent',
    title: L('Suostumukset ja kiellot', 'Samtycken och förbud'),
    from: 'consent',
    serviceTask: { fixed: null },
    documentType: 'consent',
    date: "to_char(given_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'kind', label: L('Laji', 'Typ') },
      { key: 'recipient', label: L('Vastaanottaja', 'Mottagare') },
      { key: 'purpose', label: L('Tarkoitus', 'Ändamål') },
      { key: 'registers', sql: 'service_tasks', label: L('Rekisterit', 'Register') },
      { key: 'given_on', sql: "to_char(given_on, 'YYYY-MM-DD')", label: L('Annettu', 'Givet') },
      { key: 'valid_until', sql: "to_char(valid_until, 'YYYY-MM-DD')", label: L('Voimassa', 'Giltigt till') },
      { key: 'revoked_on', sql: "to_char(revoked_on, 'YYYY-MM-DD')", label: L('Peruttu', 'Återkallat') },
    ],
    orderBy: 'given_on, id',
  },
  {
    key: 'disclosures/request',
    title: L('Tietopyynnöt sinua koskevista tiedoista', 'Begäranden om uppgifter om dig'),
    from: 'disclosure_request',
    serviceTask: { column: 'service_task' },
    documentType: 'disclosure_request',
    date: "to_char(received_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'received_on', sql: "to_char(received_on, 'YYYY-MM-DD')", label: L('Saapunut', 'Inkommen') },
      { key: 'requester', sql: "requester_name || coalesce(', ' || requester_organisation, '')", label: L('Pyytäjä', 'Begärd av') },
      { key: 'purpose', label: L('Tarkoitus', 'Ändamål') },
      { key: 'requested', label: L('Pyydetyt tiedot', 'Begärda uppgifter') },
      { key: 'outcome', label: L('Ratkaisu', 'Avgörande') },
      { key: 'decided_on', sql: "to_char(decided_on, 'YYYY-MM-DD')", label: L('Ratkaistu', 'Avgjord') },
    ],
    orderBy: 'received_on, number',
  },
  {
    key: 'disclosures/log',
    title: L('Tietojen luovutukset', 'Utlämnanden av uppgifter'),
    from: 'disclosure_log',
    serviceTask: { column: 'service_task' },
    documentType: 'disclosure_record',
    date: "to_char(disclosed_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'disclosed_on', sql: "to_char(disclosed_on, 'YYYY-MM-DD')", label: L('Päivä', 'Dag') },
      { key: 'recipient', label: L('Vastaanottaja', 'Mottagare') },
      { key: 'basis', sql: "basis || coalesce(' (' || basis_citation || ')', '')", label: L('Peruste', 'Grund') },
      { key: 'what', label: L('Mitä luovutettiin', 'Vad som lämnades ut') },
    ],
    orderBy: 'disclosed_on, id',
    // the disclosure log is kept by its own retention (rules.md §4.2): a register's destruction leaves it
    ownRetention: true,
  },
]

/** The module's records as events on the client card's timeline. */
export const disclosuresTimeline: readonly TimelineSource[] = [{ kind: 'disclosure.made', from: 'disclosure_log', serviceTask: 'service_task', at: helsinkiMidnight('disclosed_on'), by: staffName('disclosed_by') }]
