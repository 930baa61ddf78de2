import { staffName, type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/**
 * The kernel's records of a client in the copy (every service's decisions, the paid benefits) and the client's own
 * requests about their data.
 */
export const rightsCopy: readonly CopyTable[] = [
  {
    key: 'kernel/decision',
    title: L('Päätökset', 'Beslut'),
    from: 'decision',
    serviceTask: { column: 'service_task' },
    documentType: 'decision',
    date: "to_char(decided_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'number', label: L('Numero', 'Nummer') },
      { key: 'decision_type', label: L('Päätöslaji', 'Beslutstyp') },
      { key: 'decided_on', sql: "to_char(decided_on, 'YYYY-MM-DD')", label: L('Päätöspäivä', 'Beslutsdag') },
      { key: 'maker', sql: staffName('decision_maker_id'), label: L('Päätöksentekijä', 'Beslutsfattare') },
      { key: 'outcome', label: L('Ratkaisu', 'Avgörande') },
      { key: 'reasons', label: L('Perustelut', 'Motivering') },
      { key: 'corrects', sql: '(SELECT c.number FROM decision c WHERE c.id = decision.corrects_id)', label: L('Oikaisee päätöksen', 'Rättar beslut') },
    ],
    orderBy: 'decided_at, number',
  },
  {
    key: 'kernel/payment',
    title: L('Maksut', 'Betalningar'),
    from: 'payable',
    serviceTask: { column: 'service_task' },
    documentType: 'payment_voucher',
    date: "to_char(due_on, 'YYYY-MM-DD')",
    where: "payee_kind = 'client'",
    columns: [
      { key: 'number', label: L('Numero', 'Nummer') },
      { key: 'due_on', sql: "to_char(due_on, 'YYYY-MM-DD')", label: L('Maksupäivä', 'Betalningsdag') },
      { key: 'amount_cents', label: L('Summa (senttiä)', 'Belopp (cent)') },
      { key: 'iban', label: L('Tilille', 'Till konto') },
      { key: 'message', label: L('Viesti', 'Meddelande') },
      { key: 'state', label: L('Tila', 'Status') },
    ],
    orderBy: 'due_on, number',
  },
  {
    key: 'rights/request',
    title: L('Tietosuojapyyntösi', 'Dina begäranden om dataskydd'),
    from: 'rights_request',
    serviceTask: { fixed: null },
    documentType: 'data_subject_request',
    date: "to_char(received_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'number', label: L('Numero', 'Nummer') },
      { key: 'kind', label: L('Pyyntö', 'Begäran') },
      { key: 'received_on', sql: "to_char(received_on, 'YYYY-MM-DD')", label: L('Saapunut', 'Inkommen') },
      { key: 'state', label: L('Tila', 'Status') },
      { key: 'details', label: L('Sisältö', 'Innehåll') },
    ],
    orderBy: 'received_on, number',
  },
]
