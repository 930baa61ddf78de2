import type { TimelineSource } from '../../kernel/client-timeline'
import { staffName, type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/** Signed journal entries (asiakaskertomus), every version: a correction keeps the text it corrected. */
export const journalCopy: readonly CopyTable[] = [
  {
    key: 'journal/entry',
    title: L('Asiakaskertomus', 'Klientberättelse'),
    from: 'journal_entry',
    serviceTask: { column: 'service_task' },
    documentType: 'client_journal',
    date: "to_char(event_date, 'YYYY-MM-DD')",
    where: "status = 'signed'",
    columns: [
      { key: 'entry_no', label: L('Merkintä', 'Anteckning') },
      { key: 'version_no', label: L('Versio', 'Version') },
      {
        key: 'type',
        label: L('Laji', 'Typ'),
        values: {
          meeting: L('Tapaaminen', 'Möte'),
          home_visit: L('Kotikäynti', 'Hembesök'),
          phone_call: L('Puhelu', 'Telefonsamtal'),
          measure: L('Toimenpide', 'Åtgärd'),
          negotiation: L('Neuvottelu', 'Förhandling'),
          other: L('Muu', 'Annat'),
        },
      },
      { key: 'event_date', sql: "to_char(event_date, 'YYYY-MM-DD')", label: L('Päivä', 'Dag') },
      { key: 'event_time', sql: "to_char(event_time, 'HH24:MI')", label: L('Kello', 'Klockan') },
      { key: 'author', sql: staffName('author_id'), label: L('Kirjaaja', 'Antecknad av') },
      { key: 'correction_reason', label: L('Korjauksen syy', 'Orsak till rättelse') },
      { key: 'body', label: L('Teksti', 'Text') },
    ],
    orderBy: 'entry_no, version_no',
  },
]

/** The module's records as events on the client card's timeline. */
export const journalTimeline: readonly TimelineSource[] = [
  { kind: 'journal.signed', from: 'journal_entry', serviceTask: 'service_task', at: 'signed_at', by: staffName('author_id'), where: "status = 'signed' AND previous_id IS NULL" },
  { kind: 'journal.corrected', from: 'journal_entry', serviceTask: 'service_task', at: 'signed_at', by: staffName('author_id'), where: "status = 'signed' AND previous_id IS NOT NULL" },
]
