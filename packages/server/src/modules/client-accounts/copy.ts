import { type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/** The client's intermediary accounts and after-care funds with their entries. */
export const clientAccountsCopy: readonly CopyTable[] = [
  {
    key: 'client-accounts/entry',
    title: L('Asiakasvarojen tilitapahtumat', 'Kontohändelser för klientmedel'),
    from: 'client_account_entry e JOIN client_account a ON a.id = e.account_id',
    personColumn: 'a.person_id',
    serviceTask: { column: 'a.service_task' },
    documentType: 'client_funds_entry',
    date: "to_char(e.entry_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'account', sql: 'a.number', label: L('Tili', 'Konto') },
      { key: 'account_kind', sql: 'a.kind', label: L('Tilin laji', 'Kontotyp') },
      { key: 'entry_on', sql: "to_char(e.entry_on, 'YYYY-MM-DD')", label: L('Päivä', 'Dag') },
      { key: 'kind', sql: 'e.kind', label: L('Tapahtuma', 'Händelse') },
      { key: 'amount_cents', sql: 'e.amount_cents', label: L('Summa (senttiä)', 'Belopp (cent)') },
      { key: 'description', sql: 'e.description', label: L('Selite', 'Förklaring') },
    ],
    orderBy: 'e.entry_on, e.number',
  },
]
