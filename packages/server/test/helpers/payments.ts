import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { validateXML } from 'xmllint-wasm'
import type { DB } from '../../src/db/schema'

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))
export const SAMPLES = '/work/shared/domain/data/samples'
export const sample = (name: string) => readFileSync(`${SAMPLES}/${name}`, 'utf8')

const schemas = new Map<string, string>()
/** XSD errors of `xml` against a schema committed in packages/domain/xsd (empty = valid). */
export async function xsdErrors(xml: string, name: 'pain.001.001.03' | 'pain.001.001.09' | 'camt.054.001.02' | 'huoma-archive-package-1'): Promise<string[]> {
  let text = schemas.get(name)
  if (!text) schemas.set(name, (text = readFileSync(here(`../../../domain/xsd/${name}.xsd`), 'utf8')))
  const r = await validateXML({ xml: { fileName: 'd.xml', contents: xml }, schema: { fileName: `${name}.xsd`, contents: text }, maxMemoryPages: 4096 })
  return r.valid ? [] : r.errors.map((e) => e.message)
}

/** Valid Finnish IBANs (mod 97 and Luhn) from the vectors of integrations.md §4. */
export const IBANS = ['FI2112345600000785', 'FI5542345670000081', 'FI1410093000123458', 'FI7433010001222090']

export interface PayableSpec {
  personId: string
  unitId: string
  amountCents: number
  dueOn: string
  iban?: string
  reference?: string | null
  message?: string | null
  payeeName?: string
}

/** Payables as income support decisions make them (source rows are not needed by payments). */
export async function insertPayables(db: Kysely<DB>, specs: PayableSpec[]): Promise<{ id: string; number: number }[]> {
  if (!specs.length) return []
  const rows = await db
    .insertInto('payable')
    .values(
      specs.map((s, i) => ({
        source_kind: 'income_support_decision' as const,
        source_id: randomUUID(),
        source_key: `item-${i}`,
        person_id: s.personId,
        service_task: 'income_support',
        unit_id: s.unitId,
        payee_kind: 'client' as const,
        payee_name: s.payeeName ?? 'Äijälä Åsa',
        iban: s.iban ?? IBANS[i % 3]!,
        bic: null,
        amount_cents: s.amountCents,
        due_on: s.dueOn,
        reference: s.reference === undefined ? null : s.reference,
        message: s.message === undefined ? (s.reference ? null : 'Toimeentulotuki, täydentävä') : s.message,
        cancelled_by_source: null,
        created_by: null,
      })),
    )
    .returning(['id', 'number'])
    .execute()
  return rows.map((r) => ({ id: r.id, number: Number(r.number) }))
}

const amt = (c: number) => (c / 100).toFixed(2)

/** A pain.002.001.03 as Finnish banks send it (shape of the corporate.js sample 4), about our own file. */
export function pain002(opts: {
  msgId: string
  groupStatus: string
  groups: { pmtInfId: string; status?: string; reason?: { code: string; text: string }; txs?: { e2e: string; status: string; code: string; text: string; amountCents: number }[] }[]
}): string {
  const groups = opts.groups
    .map(
      (g) => `
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>${g.pmtInfId}</OrgnlPmtInfId>
      ${g.status ? `<PmtInfSts>${g.status}</PmtInfSts>` : ''}
      ${g.reason ? `<StsRsnInf><Rsn><Cd>${g.reason.code}</Cd></Rsn><AddtlInf>${g.reason.text}</AddtlInf></StsRsnInf>` : ''}
      ${(g.txs ?? [])
        .map(
          (t) => `<TxInfAndSts>
        <OrgnlEndToEndId>${t.e2e}</OrgnlEndToEndId>
        <TxSts>${t.status}</TxSts>
        <StsRsnInf><Rsn><Cd>${t.code}</Cd></Rsn><AddtlInf>${t.text}</AddtlInf></StsRsnInf>
        <OrgnlTxRef><Amt><InstdAmt Ccy="EUR">${amt(t.amountCents)}</InstdAmt></Amt></OrgnlTxRef>
      </TxInfAndSts>`,
        )
        .join('\n')}
    </OrgnlPmtInfAndSts>`,
    )
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>${randomUUID().slice(0, 30)}</MsgId><CreDtTm>2026-01-11T16:31:48+02:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>${opts.msgId}</OrgnlMsgId>
      <OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>
      <GrpSts>${opts.groupStatus}</GrpSts>
    </OrgnlGrpInfAndSts>${groups}
  </CstmrPmtStsRpt>
</Document>`
}

export interface CamtTx {
  ref: string
  e2e: string
  amountCents: number
  return?: { code: string; text: string }
}

/**
 * A camt.054.001.02 in the Finance Finland B2C sample's shape: a booked debit entry with our payments (settled), and
 * an entry with returned payments — as the sample's entry 6, a credit with RvslInd and RtrInf.
 */
export function camt054(opts: { iban: string; msgId?: string; debits?: { entryRef: string; txs: CamtTx[] }; returns?: { entryRef: string; txs: CamtTx[] } }): string {
  const tx = (t: CamtTx) => `
          <TxDtls>
            <Refs><AcctSvcrRef>${t.ref}</AcctSvcrRef><EndToEndId>${t.e2e}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">${amt(t.amountCents)}</Amt></TxAmt></AmtDtls>
            ${t.return ? `<RtrInf><Rsn><Cd>${t.return.code}</Cd></Rsn><AddtlInf>${t.return.text}</AddtlInf></RtrInf>` : ''}
          </TxDtls>`
  const entry = (e: { entryRef: string; txs: CamtTx[] }, cd: 'DBIT' | 'CRDT', reversal: boolean, status: string, i: number) => `
      <Ntry>
        <NtryRef>${i}</NtryRef>
        <Amt Ccy="EUR">${amt(e.txs.reduce((s, t) => s + t.amountCents, 0))}</Amt>
        <CdtDbtInd>${cd}</CdtDbtInd>
        ${reversal ? '<RvslInd>true</RvslInd>' : ''}
        <Sts>${status}</Sts>
        <BookgDt><Dt>2026-11-20</Dt></BookgDt>
        <ValDt><Dt>2026-11-20</Dt></ValDt>
        <AcctSvcrRef>${e.entryRef}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>${e.txs.map(tx).join('')}
        </NtryDtls>
      </Ntry>`
  const entries = [opts.debits && entry(opts.debits, 'DBIT', false, 'BOOK', 1), opts.returns && entry(opts.returns, 'CRDT', true, 'INFO', 2)].filter(Boolean).join('')
  return camt054Document(opts, entries)
}

/** The camt.054.001.02 document around the entries' XML, for the account `iban`. */
function camt054Document(opts: { iban: string; msgId?: string | undefined }, entries: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>${opts.msgId ?? randomUUID().slice(0, 30)}</MsgId><CreDtTm>2026-11-20T20:00:00+02:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>N${Date.now()}</Id>
      <CreDtTm>2026-11-20T20:00:00+02:00</CreDtTm>
      <Acct><Id><IBAN>${opts.iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>`
}

export interface CamtEntrySpec {
  /** the entry's and its transaction's AcctSvcrRef */
  ref: string
  e2e: string
  amountCents: number
  /** a booked debit (settles), or a returned payment (CRDT with RtrInf) */
  kind: 'debit' | 'return'
  returnCode?: string
  /** the entry's amount as written, to make a file malformed on purpose */
  rawAmount?: string
}

/** A camt.054.001.02 with one entry per payment (the shape of the bench's large files). */
export function camt054Entries(opts: { iban: string; msgId?: string; entries: CamtEntrySpec[] }): string {
  const entry = (e: CamtEntrySpec, i: number) => `
      <Ntry>
        <NtryRef>${i + 1}</NtryRef>
        <Amt Ccy="EUR">${e.rawAmount ?? amt(e.amountCents)}</Amt>
        <CdtDbtInd>${e.kind === 'debit' ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-20</Dt></BookgDt>
        <AcctSvcrRef>${e.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><AcctSvcrRef>${e.ref}</AcctSvcrRef><EndToEndId>${e.e2e}</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">${amt(e.amountCents)}</Amt></TxAmt></AmtDtls>
          ${e.kind === 'return' ? `<RtrInf><Rsn><Cd>${e.returnCode ?? 'AC01'}</Cd></Rsn><AddtlInf>1+TILIÄ EI LÖYDY</AddtlInf></RtrInf>` : ''}
        </TxDtls></NtryDtls>
      </Ntry>`
  return camt054Document(opts, opts.entries.map(entry).join(''))
}
