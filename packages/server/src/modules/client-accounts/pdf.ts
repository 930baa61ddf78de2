import { type Cents, formatEuros, formatFinnishReference } from '@huoma/domain'
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderPdf } from '../../pdf/render'
import type { StatementInput } from './repository'

/**
 * The statement (tiliote / kontoutdrag) of a client account for a period, in Finnish or Swedish: opening balance,
 * the entries with the running balance, closing balance. The only address printed is the one the repository chose
 * (the contact address under turvakielto, never a protected one).
 */

const TEXTS = {
  fi: {
    title: { intermediary: 'Tiliote – välitystili', after_care_fund: 'Tiliote – itsenäistymisvarat' },
    account: 'Tili',
    reference: 'Viitenumero talletuksille',
    serviceTask: 'Palvelutehtävä',
    period: 'Jakso',
    opened: 'Avattu',
    closed: 'Suljettu',
    opening: 'Alkusaldo',
    closing: 'Loppusaldo',
    date: 'Päivä',
    entry: 'Tapahtuma',
    amount: 'Määrä',
    balance: 'Saldo',
    none: 'Jaksolla ei ole tapahtumia.',
    printed: 'Tulostettu',
    kinds: { deposit: 'Talletus', bill: 'Lasku', payout: 'Maksu asiakkaalle', interest: 'Korko', adjustment: 'Oikaisu', reversal: 'Korjaus' },
    footer: 'Varoja hoidetaan kunnan asiakasvaratilillä asiakkaan puolesta.',
  },
  sv: {
    title: { intermediary: 'Kontoutdrag – förmedlingskonto', after_care_fund: 'Kontoutdrag – medel för att bli självständig' },
    account: 'Konto',
    reference: 'Referensnummer för insättningar',
    serviceTask: 'Serviceuppgift',
    period: 'Period',
    opened: 'Öppnat',
    closed: 'Avslutat',
    opening: 'Ingående saldo',
    closing: 'Utgående saldo',
    date: 'Datum',
    entry: 'Händelse',
    amount: 'Belopp',
    balance: 'Saldo',
    none: 'Inga händelser under perioden.',
    printed: 'Utskrivet',
    kinds: { deposit: 'Insättning', bill: 'Räkning', payout: 'Utbetalning till klienten', interest: 'Ränta', adjustment: 'Justering', reversal: 'Rättelse' },
    footer: 'Medlen förvaltas på kommunens klientmedelskonto för klientens räkning.',
  },
} as const

function date(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}

export function renderStatement(input: StatementInput): Promise<Buffer> {
  const t = TEXTS[input.language]
  const money = (c: number) => formatEuros(c as Cents, input.language).replace(/[\u00a0\u202f]/g, ' ')
  const addressLines: Content[] = input.client.address
    ? [{ text: input.client.address.street }, { text: `${input.client.address.postalCode} ${input.client.address.postOffice}` }]
    : []
  const header: TableCell[] = [t.date, t.entry, t.amount, t.balance].map((h, i) => ({ text: h, bold: true, alignment: i >= 2 ? 'right' : 'left' }))
  const rows: TableCell[][] = input.entries.map((e) => [
    date(e.entryOn),
    { text: [{ text: `${t.kinds[e.kind as keyof typeof t.kinds] ?? e.kind}: `, bold: true }, e.description, e.payeeName ? ` (${e.payeeName})` : ''] },
    { text: money(e.amountCents), alignment: 'right' },
    { text: money(e.balanceAfterCents), alignment: 'right' },
  ])
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    info: { title: t.title[input.account.kind] },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    footer: (page, pages) => ({
      columns: [{ text: t.footer, fontSize: 8 }, { text: `${page} / ${pages}`, alignment: 'right', fontSize: 8 }],
      margin: [48, 16, 48, 0],
    }),
    content: [
      {
        columns: [
          { stack: [{ text: input.organisation.name, bold: true }, { text: input.organisation.unitName }], width: '*' },
          { stack: [{ text: t.title[input.account.kind], bold: true, fontSize: 13 }, { text: `${t.printed} ${date(input.printedOn)}` }], width: 'auto' },
        ],
      },
      { stack: [{ text: input.client.name, bold: true }, ...addressLines], margin: [0, 24, 0, 24] },
      {
        table: {
          widths: [150, '*'],
          body: [
            [t.account, String(input.account.number)],
            [t.reference, formatFinnishReference(input.account.reference)],
            [t.serviceTask, input.account.serviceTaskName],
            [t.opened, date(input.account.openedOn)],
            ...(input.account.closedOn ? [[t.closed, date(input.account.closedOn)]] : []),
            [t.period, `${date(input.from)} – ${date(input.to)}`],
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 12],
      },
      { columns: [{ text: `${t.opening} ${date(input.from)}`, bold: true }, { text: money(input.openingCents), alignment: 'right', bold: true }], margin: [0, 0, 0, 6] },
      rows.length
        ? { table: { headerRows: 1, widths: [60, '*', 80, 80], body: [header, ...rows] }, layout: 'lightHorizontalLines' }
        : { text: t.none, italics: true },
      { columns: [{ text: `${t.closing} ${date(input.to)}`, bold: true }, { text: money(input.closingCents), alignment: 'right', bold: true }], margin: [0, 6, 0, 0] },
    ],
  }
  return renderPdf(definition)
}
