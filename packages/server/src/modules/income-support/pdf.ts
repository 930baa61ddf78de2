import type { CalculationLine } from '@huoma/contract'
import { incomeSupportRuleText } from '@huoma/domain'
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderPdf } from '../../pdf/render'
import {
  baseDocument,
  date,
  decisionDocument as kernelDecisionDocument,
  documentHeader,
  euros,
  factTable,
  fill,
  heading,
  label,
  rule,
  tableLayout,
} from '../../kernel/decisions/document'
import { INCOME_SUPPORT_DECISION } from './decision-type'
import type { CommitmentPrintInput, DecisionPrintInput } from './print-types'
import {
  DOCUMENT_TEXTS,
  type DocumentTexts,
  type Lang,
  channelLabel,
  codeLabel,
  generalReasons,
  itemLabel,
  outcomeLabel,
  providerKindLabel,
  roleLabel,
  sectionLabel,
} from './texts'

/**
 * The income support documents as PDFs in Finnish or Swedish:
 * - the decision (päätös toimeentulotuesta / beslut om utkomststöd) with the decision per item, payments, payment
 *   commitments, the reasons citing the law, the appeal instructions (oikaisuvaatimusohje) and the calculation as
 *   its appendix (laskelma); a preview is marked on every page;
 * - the payment commitment (maksusitoumus / betalningsförbindelse) to a provider.
 *
 * The renderers only lay out what the repository gathered (print-types.ts). The decision prints the applicant's
 * contact address only when one is given — never any other address; the commitment prints the client's name and
 * birth date only. pdfmake reads only its bundled fonts and fetches nothing (pdf/render.ts).
 */

const helsinkiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' })

// ---------------------------------------------------------------------------------------------------------------
// Decision

function applicationBlock(input: DecisionPrintInput, t: DocumentTexts, lang: Lang): Content[] {
  const app = input.application
  const rows: [string, string][] = [
    [t.applicationNumber, String(app.number)],
    [t.receivedOn, date(app.receivedOn)],
    [t.channel, channelLabel(lang, app.channel)],
  ]
  if (app.channel === 'kela' || app.kelaCaseRef) rows.push([t.kelaCaseRef, app.kelaCaseRef ?? '–'])
  rows.push([t.period, `${date(input.decision.periodStart)}–${date(input.decision.periodEnd)}`])
  return [heading(t.application), factTable(rows)]
}

function membersBlock(input: DecisionPrintInput, t: DocumentTexts, lang: Lang): Content[] {
  if (!input.members.length) return []
  return [
    heading(t.members),
    {
      table: {
        headerRows: 1,
        widths: ['*', 140, 80],
        body: [
          [
            { text: t.name, style: 'th' },
            { text: t.role, style: 'th' },
            { text: t.birthDate, style: 'th' },
          ],
          ...input.members.map((m) => [m.name, roleLabel(lang, m.role), m.birthDate ? date(m.birthDate) : '–']),
        ],
      },
      layout: tableLayout,
      margin: [0, 0, 0, 6],
    },
  ]
}

function itemsBlock(input: DecisionPrintInput, t: DocumentTexts, lang: Lang): Content[] {
  const out: Content[] = [heading(t.decisionHeading), factTable([[t.overallOutcome, outcomeLabel(lang, input.decision.outcome)]])]
  if (!input.items.length) {
    out.push({ text: t.noItems, italics: true, margin: [0, 0, 0, 6] })
  } else {
    const body: TableCell[][] = [
      [
        { text: t.item, style: 'th' },
        { text: t.claimed, style: 'th', alignment: 'right' },
        { text: t.granted, style: 'th', alignment: 'right' },
        { text: t.outcome, style: 'th' },
        { text: t.law, style: 'th' },
      ],
    ]
    for (const item of input.items) {
      body.push([
        { text: itemLabel(lang, item.kind, item.code), bold: true },
        { text: euros(item.claimedCents, lang), alignment: 'right', noWrap: true },
        { text: euros(item.grantedCents, lang), alignment: 'right', noWrap: true },
        outcomeLabel(lang, item.outcome),
        incomeSupportRuleText(item.law, lang),
      ])
      body.push([{ text: [{ text: `${t.reason}: `, italics: true }, item.reason], colSpan: 5, fontSize: 9, margin: [8, 0, 0, 4] }, '', '', '', ''])
    }
    out.push({ table: { headerRows: 1, widths: ['*', 62, 62, 70, 64], body }, layout: tableLayout, margin: [0, 0, 0, 4] })
  }
  out.push({
    table: { widths: ['*', 'auto'], body: [[label(t.totalGranted), { text: euros(input.decision.grantedCents, lang), bold: true, alignment: 'right' }]] },
    layout: 'noBorders',
    margin: [0, 2, 0, 6],
  })
  return out
}

function paymentsBlock(input: DecisionPrintInput, t: DocumentTexts, lang: Lang): Content[] {
  const out: Content[] = [heading(t.payments)]
  if (!input.payments.length) {
    out.push({ text: t.noPayments, margin: [0, 0, 0, 6] })
    return out
  }
  out.push({
    table: {
      headerRows: 1,
      widths: ['*', 130, 70, 70],
      body: [
        [
          { text: t.payee, style: 'th' },
          { text: t.account, style: 'th' },
          { text: t.amount, style: 'th', alignment: 'right' },
          { text: t.dueOn, style: 'th' },
        ],
        ...input.payments.map((p): TableCell[] => [
          p.payeeName,
          p.ibanMasked,
          { text: euros(p.amountCents, lang), alignment: 'right', noWrap: true },
          date(p.dueOn),
        ]),
      ],
    },
    layout: tableLayout,
    margin: [0, 0, 0, 6],
  })
  return out
}

function commitmentsBlock(input: DecisionPrintInput, t: DocumentTexts, lang: Lang): Content[] {
  if (!input.commitments.length) return []
  return [
    heading(t.commitments),
    {
      table: {
        headerRows: 1,
        widths: [30, '*', '*', 100, 66],
        body: [
          [
            { text: t.commitmentNo, style: 'th' },
            { text: t.provider, style: 'th' },
            { text: t.purpose, style: 'th' },
            { text: t.validity, style: 'th' },
            { text: t.maxAmount, style: 'th', alignment: 'right' },
          ],
          ...input.commitments.map((c): TableCell[] => [
            String(c.number),
            { text: [c.providerName, { text: `\n${providerKindLabel(lang, c.providerKind)}`, fontSize: 8, color: '#444444' }] },
            c.purpose,
            `${date(c.validFrom)}–${date(c.validUntil)}`,
            { text: euros(c.maxCents, lang), alignment: 'right', noWrap: true },
          ]),
        ],
      },
      layout: tableLayout,
      margin: [0, 0, 0, 2],
    },
    { text: t.commitmentNote, style: 'small', margin: [0, 0, 0, 6] },
  ]
}

function generalReasonsOf(input: DecisionPrintInput, lang: Lang): string[] {
  return generalReasons(lang, {
    supplementary: input.items.some((i) => i.kind === 'supplementary'),
    preventive: input.items.some((i) => i.kind === 'preventive'),
    kela: input.application.channel === 'kela',
  })
}

const SECTION_ORDER = ['perusosa', 'expense', 'income', 'deduction', 'excluded', 'asset', 'supplementary', 'preventive', 'result']

function lineText(line: CalculationLine, lang: Lang, t: DocumentTexts): string {
  let text = codeLabel(lang, line.code)
  const detail = line.detail ?? {}
  if (line.code === 'preventive' && typeof detail.purpose === 'string') text = `${text}: ${detail.purpose}`
  else if (typeof detail.note === 'string' && detail.note) text = `${text} (${detail.note})`
  if ((line.section === 'excluded' || detail.excluded !== undefined) && typeof detail.amountCents === 'number') {
    text = `${text} – ${fill(t.excludedDeclared, { amount: euros(detail.amountCents, lang) })}`
  }
  return text
}

function calculationAppendix(input: DecisionPrintInput, t: DocumentTexts, lang: Lang): Content[] {
  const calc = input.calculation
  const out: Content[] = [
    {
      text: fill(t.appendixIntro, { start: date(input.decision.periodStart), end: date(input.decision.periodEnd), from: date(calc.parametersValidFrom) }),
      style: 'small',
      margin: [0, 0, 0, 8],
    },
  ]
  const sections = [...SECTION_ORDER, ...new Set(calc.lines.map((l) => l.section).filter((s) => !SECTION_ORDER.includes(s)))]
  const body: TableCell[][] = [
    [
      { text: t.line, style: 'th' },
      { text: t.member, style: 'th' },
      { text: t.amount, style: 'th', alignment: 'right' },
      { text: t.rule, style: 'th' },
    ],
  ]
  for (const section of sections) {
    const lines = calc.lines.filter((l) => l.section === section)
    if (!lines.length) continue
    body.push([{ text: sectionLabel(lang, section), bold: true, colSpan: 4, margin: [0, 4, 0, 0] }, '', '', ''])
    for (const line of lines) {
      // deductions are stored positive and subtracted from income: printed with a minus sign
      const shown = line.section === 'deduction' ? -line.amountCents : line.amountCents
      body.push([
        { text: lineText(line, lang, t), margin: [8, 0, 0, 0] },
        line.memberId ? (input.memberNames[line.memberId] ?? '–') : t.household,
        { text: euros(shown, lang), alignment: 'right', noWrap: true },
        { text: incomeSupportRuleText(line.rule, lang), fontSize: 8 },
      ])
    }
  }
  out.push({ table: { headerRows: 1, widths: ['*', 100, 64, 78], body }, layout: tableLayout, fontSize: 9, margin: [0, 0, 0, 10] })

  const totalsRows = (title: string, x: DecisionPrintInput['calculation']['basic']): TableCell[][] => [
    [{ text: title, bold: true, colSpan: 2 }, ''],
    [{ text: t.expensesTotal, margin: [8, 0, 0, 0] }, { text: euros(x.expensesCents, lang), alignment: 'right' }],
    [{ text: t.incomeTotal, margin: [8, 0, 0, 0] }, { text: euros(x.incomeCents, lang), alignment: 'right' }],
    [{ text: t.assetsTotal, margin: [8, 0, 0, 0] }, { text: euros(x.assetsCents, lang), alignment: 'right' }],
    [{ text: t.result, margin: [8, 0, 0, 0], bold: true }, { text: euros(x.resultCents, lang), alignment: 'right', bold: true }],
  ]
  out.push({
    unbreakable: true,
    stack: [
      heading(t.totals),
      {
        table: {
      widths: ['*', 90],
      body: [
        ...totalsRows(t.basicCalculation, calc.basic),
        ...totalsRows(t.withSupplementary, calc.withSupplementary),
        [{ text: t.supplementaryTotal, bold: true }, { text: euros(calc.supplementaryCents, lang), alignment: 'right', bold: true }],
        [{ text: t.preventiveTotal, bold: true }, { text: euros(calc.preventiveCents, lang), alignment: 'right', bold: true }],
        [{ text: t.countyTotal, bold: true }, { text: euros(calc.countyTotalCents, lang), alignment: 'right', bold: true }],
      ],
    },
        layout: tableLayout,
      },
    ],
  })
  return out
}

export function decisionDocument(input: DecisionPrintInput): TDocumentDefinitions {
  const lang = input.language
  const t = DOCUMENT_TEXTS[lang]
  return kernelDecisionDocument({
    type: INCOME_SUPPORT_DECISION,
    language: lang,
    organisation: input.organisation,
    preview: input.preview,
    number: input.decision.number,
    decidedOn: input.decision.decidedOn,
    correctsNumber: input.decision.correctsNumber,
    recipient: { heading: t.applicant, ...input.applicant },
    body: [
      ...applicationBlock(input, t, lang),
      ...membersBlock(input, t, lang),
      rule(),
      ...itemsBlock(input, t, lang),
      ...paymentsBlock(input, t, lang),
      ...commitmentsBlock(input, t, lang),
    ],
    reasons: input.decision.reasons,
    generalReasons: generalReasonsOf(input, lang),
    maker: input.decisionMaker,
    appendices: [{ title: t.appendix, content: calculationAppendix(input, t, lang) }],
  })
}

export function renderDecision(input: DecisionPrintInput): Promise<Buffer> {
  return renderPdf(decisionDocument(input))
}

// ---------------------------------------------------------------------------------------------------------------
// Payment commitment

export function commitmentDocument(input: CommitmentPrintInput): TDocumentDefinitions {
  const lang = input.language
  const t = DOCUMENT_TEXTS[lang]
  const c = input.commitment
  const org = input.organisation
  const max = euros(c.maxCents, lang)
  const content: Content[] = [
    documentHeader(org, t.commitmentTitle, [
      [t.commitmentNumber, String(c.number)],
      [t.printedOn, date(helsinkiDate.format(input.printedAt))],
    ]),
    heading(t.toProvider),
    factTable([
      [t.provider, c.providerName],
      [t.providerKind, providerKindLabel(lang, c.providerKind)],
    ]),
    heading(t.onBehalfOf),
    factTable([
      [t.name, input.client.name],
      [t.birthDate, input.client.birthDate ? date(input.client.birthDate) : '–'],
    ]),
    rule(),
    factTable([
      [t.purpose, c.purpose],
      [t.validity, `${date(c.validFrom)}–${date(c.validUntil)}`],
      [t.maxAmount, { text: max, bold: true }],
    ]),
    { text: fill(t.commitmentBody, { organisation: org.name, max }), margin: [0, 4, 0, 8] },
    heading(t.invoicing),
    ...t.invoiceText.map((p): Content => ({ text: fill(p, { unit: org.unitName, organisation: org.name, n: c.number }), margin: [0, 0, 0, 4] })),
    rule(),
    factTable([
      [t.basedOn, fill(t.basedOnText, { n: input.decision.number, date: date(input.decision.decidedOn) })],
      [t.decisionMaker, input.decisionMaker.name],
    ]),
  ]
  return baseDocument(lang, `${t.commitmentTitle} ${c.number}`, content, null)
}

export function renderCommitment(input: CommitmentPrintInput): Promise<Buffer> {
  return renderPdf(commitmentDocument(input))
}
