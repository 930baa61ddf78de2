import {
  type Calculation,
  type CalculationLine,
  IS_BASIC_EXPENSE_TYPES,
  IS_INCOME_TYPES,
  IS_MEMBER_ROLES,
  IS_OUTCOMES,
  IS_PERUSOSA_CATEGORIES,
  IS_PROVIDER_KINDS,
  IS_SUPPLEMENTARY_TYPES,
} from '@huoma/contract'
import { describe, expect, it } from 'vitest'
import { pdfPages as pdfPagesOf, pdfText as pdfTextOf } from './helpers/pdf'
import { renderCommitment, renderDecision } from '../src/modules/income-support/pdf'
import type { CommitmentPrintInput, DecisionPrintInput } from '../src/modules/income-support/print-types'
import {
  codeLabel,
  defaultReasonText,
  itemLaw,
  outcomeLabel,
  providerKindLabel,
  roleLabel,
  sectionLabel,
} from '../src/modules/income-support/texts'

/**
 * The printed income support documents (no server, no database): the decision with its appeal instructions and the
 * calculation appendix, and the payment commitment, in Finnish and Swedish, read back with poppler's pdftotext.
 */


const pdfPages = (pdf: Buffer) => pdfPagesOf(pdf, { layout: true })
const pdfText = (pdf: Buffer) => pdfTextOf(pdf, { layout: true })

// --- fixture: a family of five, March 2026, forwarded by Kela ---------------------------------------------------

const ID = {
  matti: '00000000-0000-4000-8000-000000000001',
  liisa: '00000000-0000-4000-8000-000000000002',
  aino: '00000000-0000-4000-8000-000000000003',
  eero: '00000000-0000-4000-8000-000000000004',
  ville: '00000000-0000-4000-8000-000000000005',
}

const lines: CalculationLine[] = [
  { section: 'perusosa', code: 'adult_other', memberId: ID.matti, amountCents: 49745, rule: 'TTTL 9 § 1 mom' },
  { section: 'perusosa', code: 'adult_other', memberId: ID.liisa, amountCents: 49745, rule: 'TTTL 9 § 1 mom' },
  { section: 'perusosa', code: 'child_10_17_1', memberId: ID.aino, amountCents: 41763, rule: 'TTTL 9 § 1 mom' },
  { section: 'perusosa', code: 'child_under_10_2', memberId: ID.eero, amountCents: 34706, rule: 'TTTL 9 § 1 mom' },
  { section: 'perusosa', code: 'child_under_10_3', memberId: ID.ville, amountCents: 31814, rule: 'TTTL 9 § 1 mom' },
  { section: 'expense', code: 'rent', amountCents: 115000, rule: 'TTTL 7 a §' },
  { section: 'expense', code: 'water', amountCents: 6000, rule: 'TTTL 7 a §' },
  { section: 'expense', code: 'electricity', amountCents: 4500, rule: 'TTTL 7 b §' },
  { section: 'income', code: 'labour_market_subsidy', memberId: ID.matti, amountCents: 75000, rule: 'TTTL 11 § 1 mom' },
  { section: 'income', code: 'net_wage', memberId: ID.liisa, amountCents: 120000, rule: 'TTTL 11 § 1 mom' },
  { section: 'income', code: 'housing_allowance', memberId: ID.matti, amountCents: 60000, rule: 'TTTL 11 § 1 mom' },
  { section: 'income', code: 'child_benefit', memberId: ID.liisa, amountCents: 35000, rule: 'TTTL 11 § 1 mom' },
  { section: 'excluded', code: 'excluded_disability_allowance', memberId: ID.ville, amountCents: 0, rule: 'TTTL 11 § 2 mom', detail: { amountCents: 9876 } },
  { section: 'asset', code: 'bank_balance', memberId: ID.matti, amountCents: 10000, rule: 'TTTL 11 § 1 mom' },
  { section: 'supplementary', code: 'children_hobbies', amountCents: 12000, rule: 'TTTL 7 c §' },
  { section: 'supplementary', code: 'furniture', amountCents: 0, rule: 'TTTL 7 c §', detail: { claimedCents: 45000 } },
  { section: 'preventive', code: 'preventive', amountCents: 30000, rule: 'TTTL 13 §', detail: { purpose: 'Vuokrarästi' } },
  { section: 'result', code: 'basic_result', amountCents: 33273, rule: 'TTTL 6 §' },
  { section: 'result', code: 'supplementary_result', amountCents: 12000, rule: 'TTTL 7 c §' },
  { section: 'result', code: 'preventive_result', amountCents: 30000, rule: 'TTTL 13 §' },
  { section: 'result', code: 'county_total', amountCents: 42000, rule: 'TTTL 7 c §, 13 §' },
  { section: 'result', code: 'brand_new_result_code', amountCents: 1, rule: 'test' },
]

const calculation: Calculation = {
  parametersValidFrom: '2026-03-01',
  lines,
  basic: { expensesCents: 333273, incomeCents: 290000, assetsCents: 10000, resultCents: 33273 },
  withSupplementary: { expensesCents: 345273, incomeCents: 290000, assetsCents: 10000, resultCents: 45273 },
  supplementaryCents: 12000,
  preventiveCents: 30000,
  countyTotalCents: 42000,
}

const ORG = {
  name: 'Järvikylän hyvinvointialue',
  unitName: 'Aikuissosiaalityö, toimeentulotuki',
  reviewAuthority: 'Järvikylän hyvinvointialueen yksilöasioiden jaosto',
  reviewAddress: 'PL 123, 00100 Järvikylä',
}

function decisionInput(language: 'fi' | 'sv', overrides: Partial<DecisionPrintInput> = {}): DecisionPrintInput {
  const sv = language === 'sv'
  return {
    language,
    organisation: ORG,
    preview: false,
    decision: {
      number: 4711,
      decidedOn: '2026-03-10',
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      outcome: 'partly_granted',
      grantedCents: 42000,
      reasons: sv ? 'Familjens särskilda utgifter har bedömts enligt utredningen. MOTIVERING-SLUT' : 'Perheen erityiset menot on arvioitu selvitysten perusteella. PERUSTELU-LOPPU',
      correctsNumber: null,
    },
    decisionMaker: { name: 'Sari Sosiaalityöntekijä' },
    applicant: {
      name: 'Matti Virtanen',
      hetu: '010180-123A',
      temporaryId: null,
      address: { street: 'Koivukuja 7 B 12', postalCode: '00100', postOffice: 'JÄRVIKYLÄ' },
    },
    application: { number: 2026001, receivedOn: '2026-03-02', channel: 'kela', kelaCaseRef: 'KELA-2026-998877' },
    members: [
      { name: 'Matti Virtanen', role: 'applicant', birthDate: '1980-01-01' },
      { name: 'Liisa Virtanen', role: 'spouse', birthDate: '1982-05-05' },
      { name: 'Aino Virtanen', role: 'child', birthDate: '2013-09-01' },
      { name: 'Eero Virtanen', role: 'child', birthDate: '2017-11-20' },
      { name: 'Ville Virtanen', role: 'child', birthDate: '2020-07-15' },
    ],
    items: [
      {
        kind: 'supplementary',
        code: 'children_hobbies',
        claimedCents: 12000,
        grantedCents: 12000,
        outcome: 'granted',
        reason: defaultReasonText(language, 'granted', 'supplementary'),
        law: itemLaw('supplementary', 'children_hobbies'),
        commitmentId: null,
      },
      {
        kind: 'supplementary',
        code: 'furniture',
        claimedCents: 45000,
        grantedCents: 0,
        outcome: 'refused',
        reason: defaultReasonText(language, 'refused', 'supplementary'),
        law: itemLaw('supplementary', 'furniture'),
        commitmentId: null,
      },
      {
        kind: 'preventive',
        code: 'Vuokrarästi',
        claimedCents: 30000,
        grantedCents: 30000,
        outcome: 'granted',
        reason: defaultReasonText(language, 'granted', 'preventive'),
        law: itemLaw('preventive', 'Vuokrarästi'),
        commitmentId: '00000000-0000-4000-8000-0000000000c1',
      },
    ],
    calculation,
    memberNames: { [ID.matti]: 'Matti Virtanen', [ID.liisa]: 'Liisa Virtanen', [ID.aino]: 'Aino Virtanen', [ID.eero]: 'Eero Virtanen', [ID.ville]: 'Ville Virtanen' },
    commitments: [
      {
        id: '00000000-0000-4000-8000-0000000000c1',
        number: 815,
        decisionId: '00000000-0000-4000-8000-0000000000d1',
        providerKind: 'landlord',
        providerName: 'Asunto Oy Koivukuja',
        purpose: 'Vuokrarästi helmikuu 2026',
        validFrom: '2026-03-10',
        validUntil: '2026-04-30',
        maxCents: 30000,
      },
    ],
    payments: [{ payeeName: 'Matti Virtanen', ibanMasked: 'FI** **** **** **12 34', amountCents: 12000, dueOn: '2026-03-12' }],
    ...overrides,
  }
}

function commitmentInput(language: 'fi' | 'sv'): CommitmentPrintInput {
  return {
    language,
    organisation: ORG,
    commitment: {
      number: 815,
      providerKind: 'funeral',
      providerName: 'Hautaustoimisto Rauha Oy',
      purpose: language === 'sv' ? 'Begravning av Aino Virtanens farfar' : 'Hautajaiset',
      validFrom: '2026-03-10',
      validUntil: '2026-04-30',
      maxCents: 123456,
    },
    decision: { number: 4711, decidedOn: '2026-03-10' },
    decisionMaker: { name: 'Sari Sosiaalityöntekijä' },
    client: { name: 'Matti Virtanen', birthDate: '1980-01-01' },
    printedAt: new Date('2026-03-10T22:30:00Z'), // 11.3.2026 in Helsinki
  }
}

// --- texts --------------------------------------------------------------------------------------------------------

describe('income support texts', () => {
  it('labels every code of the contract lists in both languages and renders an unknown code as itself', () => {
    for (const lang of ['fi', 'sv'] as const) {
      for (const code of [...IS_PERUSOSA_CATEGORIES, ...IS_BASIC_EXPENSE_TYPES, ...IS_SUPPLEMENTARY_TYPES, ...IS_INCOME_TYPES]) {
        expect(codeLabel(lang, code), `${lang} ${code}`).not.toBe(code)
      }
      for (const code of ['perusosa_reduction', 'housing_norm_cap', 'earned_income_deduction', 'minor_assistance_limit', 'bank_balance', 'basic_result', 'county_total']) {
        expect(codeLabel(lang, code)).not.toBe(code)
      }
      for (const role of IS_MEMBER_ROLES) expect(roleLabel(lang, role)).not.toBe(role)
      for (const outcome of IS_OUTCOMES) expect(outcomeLabel(lang, outcome)).not.toBe(outcome)
      for (const kind of IS_PROVIDER_KINDS) expect(providerKindLabel(lang, kind)).not.toBe(kind)
      for (const section of ['perusosa', 'expense', 'income', 'deduction', 'excluded', 'asset', 'supplementary', 'preventive', 'result']) {
        expect(sectionLabel(lang, section)).not.toBe(section)
      }
      expect(codeLabel(lang, 'no_such_code')).toBe('no_such_code')
      expect(sectionLabel(lang, 'no_such_section')).toBe('no_such_section')
      expect(codeLabel(lang, 'toString')).toBe('toString')
    }
    expect(codeLabel('fi', 'funeral')).toBe('Hautauskustannukset')
    expect(codeLabel('sv', 'funeral')).toBe('Begravningskostnader')
  })

  it('cites the law of an item and suggests reasons', () => {
    expect(itemLaw('preventive', 'anything')).toBe('TTTL 13 §')
    for (const code of IS_SUPPLEMENTARY_TYPES) expect(itemLaw('supplementary', code)).toMatch(/^TTTL 7 c §/)
    expect(itemLaw('supplementary', 'unknown')).toBe('TTTL 7 c §')
    expect(defaultReasonText('fi', 'refused', 'supplementary')).toMatch(/^Tulonne ylittävät hyväksyttävät menot/)
    expect(defaultReasonText('sv', 'refused', 'supplementary')).toMatch(/^Era inkomster överstiger de godtagbara utgifterna/)
    for (const lang of ['fi', 'sv'] as const) {
      for (const kind of ['supplementary', 'preventive'] as const) {
        const texts = IS_OUTCOMES.map((o) => defaultReasonText(lang, o, kind))
        expect(new Set(texts).size).toBe(3)
        for (const text of texts) expect(text).toMatch(kind === 'preventive' ? /13 §/ : /7 c §/)
      }
    }
  })
})

// --- the decision ---------------------------------------------------------------------------------------------------

describe('income support decision PDF', () => {
  it('prints the Finnish decision with items, payments, commitment, reasons, appeal instructions and calculation', async () => {
    const pdf = await renderDecision(decisionInput('fi'))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const pages = await pdfPages(pdf)
    const text = pages.join(' ')

    // header, applicant, application
    for (const s of [
      'Järvikylän hyvinvointialue',
      'Aikuissosiaalityö, toimeentulotuki',
      'Päätös toimeentulotuesta',
      '4711',
      '10.3.2026',
      'Matti Virtanen',
      '010180-123A',
      'Koivukuja 7 B 12',
      '00100 JÄRVIKYLÄ',
      '2026001',
      '2.3.2026',
      'Kelan siirtämä hakemus',
      'KELA-2026-998877',
      '1.3.2026–31.3.2026',
    ]) {
      expect(text, s).toContain(s)
    }
    // members
    for (const name of ['Liisa Virtanen', 'Aino Virtanen', 'Eero Virtanen', 'Ville Virtanen']) expect(text).toContain(name)
    expect(text).toContain('Puoliso')
    // items with labels, amounts, outcomes and law
    expect(text).toContain('Lasten harrastusmenot')
    expect(text).toContain('Välttämätön kodin irtaimisto')
    expect(text).toContain('Ehkäisevä toimeentulotuki: Vuokrarästi')
    expect(text).toContain('450,00 €')
    expect(text).toContain('120,00 €')
    expect(text).toContain('Hylätty')
    expect(text).toContain('Osittain myönnetty')
    expect(text).toContain('TTTL 7 c §')
    expect(text).toContain('TTTL 13 §')
    expect(text).toMatch(/Myönnetty yhteensä 420,00 €/)
    expect(text).toContain('Tulonne ylittävät hyväksyttävät menot')
    // payment and commitment
    expect(text).toContain('FI** **** **** **12 34')
    expect(text).toContain('12.3.2026')
    expect(text).toContain('Asunto Oy Koivukuja')
    expect(text).toContain('Vuokranantaja')
    expect(text).toContain('10.3.2026–30.4.2026')
    // reasons citing the law, decision maker
    expect(text).toContain('PERUSTELU-LOPPU')
    expect(text).toContain('laki toimeentulotuesta 1412/1997, 1 §')
    for (const s of ['(2 §)', '(6 §)', '(7 c §)', '(1 § 2 mom ja 13 §)', '14 a §']) expect(text).toContain(s)
    expect(text).toContain('Sari Sosiaalityöntekijä')
    expect(text).not.toContain('Korjaa päätöksen')
    // appeal instructions
    expect(text).toContain('Oikaisuvaatimusohje')
    expect(text).toContain('Oikaisuvaatimus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista.')
    expect(text).toContain('Tiedoksisaantipäivää ei lueta määräaikaan.')
    expect(text).toContain('seitsemäntenä päivänä kirjeen lähettämisestä, jollei muuta näytetä')
    expect(text).toContain('Järvikylän hyvinvointialueen yksilöasioiden jaosto, PL 123, 00100 Järvikylä')
    expect(text).toContain('asianosainen')
    expect(text).toContain('hallinto-oikeuteen')
    expect(text).toMatch(/allekirjoittaa/)
    // the calculation appendix
    expect(text).toContain('Liite: Laskelma')
    expect(text).toContain('Perusosa, alle 10-vuotias lapsi, 3. tai seuraava')
    expect(text).toContain('Ville Virtanen 318,14 € TTTL 9 § 1 mom')
    expect(text).toContain('1 150,00 €')
    expect(text).toContain('Työmarkkinatuki')
    expect(text).toContain('ilmoitettu 98,76 €') // an excluded income shows what was declared
    expect(text).toContain('brand_new_result_code') // an unknown code prints as itself
    expect(text).toContain('TTTL 9 § 1 mom')
    expect(text).toMatch(/Perustoimeentulotuen laskelma \(Kela\)/)
    expect(text).toContain('3 332,73 €')
    expect(text).toContain('2 900,00 €')
    expect(text).toContain('332,73 €')
    expect(text).toContain('452,73 €')
    expect(text).toMatch(/Hyvinvointialueen tuki yhteensä 420,00 €/)
    // the footer on every page, no preview mark
    pages.forEach((page, i) => {
      expect(page).toContain(`Salassa pidettävä (Laki sosiaalihuollon asiakkaan asemasta ja oikeuksista 812/2000 14 §) – sivu ${i + 1}/${pages.length}`)
    })
    expect(text).not.toContain('LUONNOS')
  })

  it('prints the Swedish decision in Swedish only', async () => {
    const text = await pdfText(await renderDecision(decisionInput('sv')))
    for (const s of [
      'Beslut om utkomststöd',
      'Sökande',
      'Personbeteckning',
      'Ansökan överförd av FPA',
      'KELA-2026-998877',
      'Make, maka eller sambo',
      'Kostnader för barns fritidsintressen',
      'Nödvändigt lösöre i hemmet',
      'Förebyggande utkomststöd: Vuokrarästi',
      'Avslaget',
      'Delvis beviljat',
      'Era inkomster överstiger de godtagbara utgifterna',
      'Beviljat sammanlagt 420,00 €',
      'MOTIVERING-SLUT',
      '1 § i lagen om utkomststöd 1412/1997',
      'Anvisning om begäran om omprövning',
      'Begäran om omprövning ska framställas inom 30 dagar från delfåendet av beslutet.',
      'Dagen för delfåendet räknas inte in i tidsfristen.',
      'den sjunde dagen efter det att brevet sändes, om inte något annat visas',
      'förvaltningsdomstolen',
      'Bilaga: Beräkning',
      'Grunddel, barn under 10 år, andra barnet Eero Virtanen 347,06 €',
      'Ville Virtanen 318,14 €',
      '3 332,73 €',
      'Välfärdsområdets stöd sammanlagt 420,00 €',
      'utkomststöd 13 §',
      'Sekretessbelagd (lagen om klientens ställning och rättigheter inom socialvården 812/2000 14 §) – sida 1/',
    ]) {
      expect(text, s).toContain(s)
    }
    for (const finnish of [
      'Päätös toimeentulotuesta',
      'Oikaisuvaatimusohje',
      'Laskelma',
      'Salassa pidettävä',
      'Perustelut',
      'Hakija',
      'Myönnetty',
      'Hylätty',
      'Tulonne ylittävät',
      'päivän kuluessa',
      'TTTL', // the calculation's legal grounds cite the Swedish act
    ]) {
      expect(text, finnish).not.toContain(finnish)
    }
  })

  it('marks a preview on every page in both languages', async () => {
    for (const [lang, mark] of [
      ['fi', 'LUONNOS – EI PÄÄTÖS'],
      ['sv', 'UTKAST – INTE ETT BESLUT'],
    ] as const) {
      const input = decisionInput(lang, { preview: true })
      input.decision = { ...input.decision, number: null }
      const pages = await pdfPages(await renderDecision(input))
      expect(pages.length).toBeGreaterThanOrEqual(3)
      for (const page of pages) expect(page).toContain(mark)
    }
  })

  it('prints no address when none is given, and the temporary id when there is no henkilötunnus', async () => {
    const base = decisionInput('fi')
    const text = await pdfText(await renderDecision({ ...base, applicant: { name: 'Matti Virtanen', hetu: null, temporaryId: 'TMP-20260310-7', address: null } }))
    expect(text).toContain('Matti Virtanen')
    expect(text).toContain('Tilapäinen tunniste TMP-20260310-7')
    expect(text).not.toContain('Koivukuja 7 B 12')
    expect(text).not.toContain('JÄRVIKYLÄ')
    expect(text).not.toContain('Osoite')
    expect(text).not.toContain('Henkilötunnus')
  })

  it('prints the decision it corrects', async () => {
    const base = decisionInput('fi')
    const fi = await pdfText(await renderDecision({ ...base, decision: { ...base.decision, correctsNumber: 4700 } }))
    expect(fi).toContain('Korjaa päätöksen nro 4700')
    const sb = decisionInput('sv')
    const sv = await pdfText(await renderDecision({ ...sb, decision: { ...sb.decision, correctsNumber: 4700 } }))
    expect(sv).toContain('Rättar beslut nr 4700')
  })

  it('paginates a long reasons text', async () => {
    const base = decisionInput('fi')
    const short = await pdfPages(await renderDecision(base))
    const paragraph =
      'Hakija on kertonut perheen tilanteesta tapaamisessa, ja selvitysten perusteella perheen menot ja tulot on arvioitu huolellisesti kuukauden ajalta. '
    const reasons = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${paragraph.repeat(2)}`).join('\n\n') + '\n\nVIIMEINEN-KAPPALE'
    expect(reasons.length).toBeLessThanOrEqual(16000)
    const long = await pdfPages(await renderDecision({ ...base, decision: { ...base.decision, reasons } }))
    expect(long.length).toBeGreaterThan(short.length + 1)
    const text = long.join(' ')
    expect(text).toContain('1. Hakija on kertonut')
    expect(text).toContain('40. Hakija on kertonut')
    expect(text).toContain('VIIMEINEN-KAPPALE')
    long.forEach((page, i) => expect(page).toContain(`sivu ${i + 1}/${long.length}`))
    // the appeal instructions and the calculation still follow
    expect(text.indexOf('VIIMEINEN-KAPPALE')).toBeLessThan(text.indexOf('Oikaisuvaatimusohje'))
    expect(text.indexOf('Oikaisuvaatimusohje')).toBeLessThan(text.indexOf('Liite: Laskelma'))
  })
})

// --- the payment commitment ---------------------------------------------------------------------------------------

describe('payment commitment PDF', () => {
  it('prints the Finnish commitment', async () => {
    const pages = await pdfPages(await renderCommitment(commitmentInput('fi')))
    const text = pages.join(' ')
    for (const s of [
      'Järvikylän hyvinvointialue',
      'Maksusitoumus',
      '815',
      '11.3.2026',
      'Hautaustoimisto Rauha Oy',
      'Hautaustoimisto',
      'Matti Virtanen',
      '1.1.1980',
      'Hautajaiset',
      '10.3.2026–30.4.2026',
      '1 234,56 €',
      'Laskutusohje',
      'Lasku osoitetaan: Aikuissosiaalityö, toimeentulotuki, Järvikylän hyvinvointialue.',
      'maksusitoumuksen numero 815',
      'nro 4711, 10.3.2026',
      'Sari Sosiaalityöntekijä',
      'sivu 1/1',
    ]) {
      expect(text, s).toContain(s)
    }
    expect(text).not.toContain('Henkilötunnus')
    expect(text).not.toContain('Osoite')
  })

  it('prints the Swedish commitment in Swedish only', async () => {
    const text = await pdfText(await renderCommitment(commitmentInput('sv')))
    for (const s of [
      'Betalningsförbindelse',
      'Begravningsbyrå',
      'Hautaustoimisto Rauha Oy',
      'Matti Virtanen',
      '1.1.1980',
      '1 234,56 €',
      'Faktureringsanvisning',
      'betalningsförbindelsens nummer 815',
      'nr 4711, 10.3.2026',
      'Beslutsfattare',
      'Sekretessbelagd',
    ]) {
      expect(text, s).toContain(s)
    }
    for (const finnish of ['Maksusitoumus', 'Laskutusohje', 'Päätöksentekijä', 'Salassa pidettävä']) expect(text).not.toContain(finnish)
  })
})
