import { helsinkiMidnight, type TimelineSource } from '../../kernel/client-timeline'
import { type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/** Income support applications (the decisions are the kernel's, in the decisions section). */
export const incomeSupportCopy: readonly CopyTable[] = [
  {
    key: 'income-support/application',
    title: L('Toimeentulotukihakemukset', 'Ansökningar om utkomststöd'),
    from: 'income_support_application',
    serviceTask: { fixed: 'income_support' },
    documentType: 'application',
    date: "to_char(received_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'number', label: L('Numero', 'Nummer') },
      { key: 'received_on', sql: "to_char(received_on, 'YYYY-MM-DD')", label: L('Saapunut', 'Inkommen') },
      { key: 'channel', label: L('Tapa', 'Sätt') },
      { key: 'period_start', sql: "to_char(period_start, 'YYYY-MM-DD')", label: L('Ajalta alkaen', 'Period från') },
      { key: 'period_end', sql: "to_char(period_end, 'YYYY-MM-DD')", label: L('Ajalta päättyen', 'Period till') },
      { key: 'urgent', label: L('Kiireellinen', 'Brådskande') },
      { key: 'state', label: L('Tila', 'Status') },
      { key: 'claims', label: L('Haetut menot', 'Sökta utgifter') },
    ],
    orderBy: 'received_on, number',
  },
]

/** The module's records as events on the client card's timeline. */
export const incomeSupportTimeline: readonly TimelineSource[] = [{ kind: 'income_support.application', from: 'income_support_application', serviceTask: "'income_support'::text", at: helsinkiMidnight('received_on') }]
