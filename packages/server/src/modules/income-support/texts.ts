import type {
  ApplicationChannel,
  BasicExpenseType,
  DecisionOutcome,
  IncomeType,
  MemberRole,
  PerusosaCategory,
  ProviderKind,
  SupplementaryType,
} from '@huoma/contract'

/**
 * The Finnish and Swedish texts of income support (toimeentulotuki / utkomststöd): labels for every code of the
 * contract's lists and of the calculation engine's lines, the law citation of a decision item, the handler's
 * suggested reasons, and the fixed texts of the printed decision (general reasons, appeal instructions) and payment
 * commitment. Pure data and string functions: the server's PDFs and the web's screens use the same wording.
 *
 * An unknown code (a list value added later, a new engine line) is rendered as the code itself, never an error.
 */

export type Lang = 'fi' | 'sv'
export type ItemKind = 'supplementary' | 'preventive'

/** The engine's calculation line sections (`CalculationLine.section`). */
export type LineSectionCode = 'perusosa' | 'expense' | 'income' | 'deduction' | 'excluded' | 'asset' | 'supplementary' | 'preventive' | 'result'

/** Line codes of the engine that are not values of the contract's lists: adjustments, assets and results. */
export type OtherLineCode =
  | 'perusosa_reduction'
  | 'housing_norm_cap'
  | 'housing_norm_missing'
  | 'earned_income_deduction'
  | 'minor_earnings_cap'
  | 'minor_assistance_limit'
  | 'bank_balance'
  | 'other_asset'
  | 'preventive'
  | 'basic_result'
  | 'supplementary_result'
  | 'preventive_result'
  | 'county_total'

interface Labels {
  perusosa: Record<PerusosaCategory, string>
  basicExpense: Record<BasicExpenseType, string>
  supplementary: Record<SupplementaryType, string>
  income: Record<IncomeType, string>
  otherLine: Record<OtherLineCode, string>
  role: Record<MemberRole, string>
  outcome: Record<DecisionOutcome, string>
  providerKind: Record<ProviderKind, string>
  channel: Record<ApplicationChannel, string>
  section: Record<LineSectionCode, string>
  kind: Record<ItemKind, string>
}

export const LABELS: Record<Lang, Labels> = {
  fi: {
    perusosa: {
      single: 'Perusosa, yksin asuva',
      single_parent: 'Perusosa, yksinhuoltaja',
      adult_other: 'Perusosa, muu 18 vuotta täyttänyt (puoliso)',
      adult_with_parents: 'Perusosa, vanhempansa luona asuva 18 vuotta täyttänyt',
      child_10_17_1: 'Perusosa, 10–17-vuotias lapsi, 1. lapsi',
      child_10_17_2: 'Perusosa, 10–17-vuotias lapsi, 2. lapsi',
      child_10_17_3: 'Perusosa, 10–17-vuotias lapsi, 3. tai seuraava lapsi',
      child_under_10_1: 'Perusosa, alle 10-vuotias lapsi, 1. lapsi',
      child_under_10_2: 'Perusosa, alle 10-vuotias lapsi, 2. lapsi',
      child_under_10_3: 'Perusosa, alle 10-vuotias lapsi, 3. tai seuraava lapsi',
    },
    basicExpense: {
      rent: 'Vuokra',
      maintenance_charge: 'Yhtiövastike',
      water: 'Vesimaksu',
      heating: 'Lämmityskustannukset',
      electricity: 'Taloussähkö',
      home_insurance: 'Kotivakuutus',
      health_care_fees: 'Julkisen terveydenhuollon maksut',
      prescribed_medicines: 'Lääkärin määräämät lääkkeet',
      daycare_fees: 'Varhaiskasvatusmaksut',
      moving_costs_basic: 'Välttämättömät muuttokustannukset',
      identity_document: 'Henkilöllisyystodistus',
      other_basic: 'Muu perusmeno',
    },
    supplementary: {
      rent_deposit: 'Vuokravakuus',
      moving: 'Muuttokustannukset',
      furniture: 'Välttämätön kodin irtaimisto',
      child_visiting: 'Lapsen tapaamisesta aiheutuvat kustannukset',
      children_hobbies: 'Lasten harrastusmenot',
      children_equipment: 'Välttämättömät lasten tarvikkeet',
      funeral: 'Hautauskustannukset',
      study_costs: 'Opiskelusta aiheutuvat kustannukset',
      commuting: 'Työmatkakustannukset',
      health_care_special: 'Erityiset terveydenhuoltomenot',
      other_supplementary: 'Muu erityismeno',
    },
    income: {
      net_wage: 'Nettopalkka',
      self_employment: 'Yritystulo',
      unemployment_benefit: 'Työttömyyspäiväraha',
      labour_market_subsidy: 'Työmarkkinatuki',
      general_benefit: 'Yleistuki',
      housing_allowance: 'Asumistuki',
      child_benefit: 'Lapsilisä',
      child_maintenance: 'Elatusapu tai elatustuki',
      pension: 'Eläke',
      sickness_allowance: 'Sairauspäiväraha',
      parental_allowance: 'Vanhempainpäiväraha',
      student_financial_aid: 'Opintotuki',
      minor_assistance: 'Vähäiset avustukset',
      other_income: 'Muu tulo',
      excluded_maternity_grant: 'Äitiysavustus (ei oteta tulona huomioon)',
      excluded_disability_allowance: 'Vammaisetuus tai hoitotuki (ei oteta tulona huomioon)',
      excluded_expense_compensation: 'Kulukorvaus (ei oteta tulona huomioon)',
      excluded_distraint: 'Ulosotossa pidätetty osuus (ei oteta tulona huomioon)',
      excluded_other: 'Muu tuloksi katsomaton erä',
    },
    otherLine: {
      perusosa_reduction: 'Perusosan alentaminen',
      housing_norm_cap: 'Asumismenot rajattu asumisnormiin',
      housing_norm_missing: 'Asumisnormi puuttuu parametreista',
      earned_income_deduction: 'Ansiotulovähennys',
      minor_earnings_cap: 'Alaikäisen ansiotulojen rajaus',
      minor_assistance_limit: 'Vähäisten avustusten huomiotta jätettävä osuus',
      bank_balance: 'Pankkitilin saldo',
      other_asset: 'Muut varat',
      preventive: 'Ehkäisevä toimeentulotuki',
      basic_result: 'Perustoimeentulotuen laskelman tulos',
      supplementary_result: 'Täydentävä toimeentulotuki',
      preventive_result: 'Ehkäisevä toimeentulotuki',
      county_total: 'Hyvinvointialueen myöntämä tuki yhteensä',
    },
    role: { applicant: 'Hakija', spouse: 'Puoliso', child: 'Lapsi', adult_child: 'Täysi-ikäinen lapsi' },
    outcome: { granted: 'Myönnetty', partly_granted: 'Osittain myönnetty', refused: 'Hylätty' },
    providerKind: { pharmacy: 'Apteekki', funeral: 'Hautaustoimisto', landlord: 'Vuokranantaja', energy: 'Energiayhtiö', other: 'Muu palveluntuottaja' },
    channel: { paper: 'Paperihakemus', eform: 'Sähköinen hakemus', kela: 'Kelan siirtämä hakemus' },
    section: {
      perusosa: 'Perusosa',
      expense: 'Muut perusmenot',
      income: 'Tulot',
      deduction: 'Tuloista tehtävät vähennykset',
      excluded: 'Tuloina huomioon ottamatta jätetyt erät',
      asset: 'Varat',
      supplementary: 'Täydentävät menot',
      preventive: 'Ehkäisevä toimeentulotuki',
      result: 'Tulos',
    },
    kind: { supplementary: 'Täydentävä toimeentulotuki', preventive: 'Ehkäisevä toimeentulotuki' },
  },
  sv: {
    perusosa: {
      single: 'Grunddel, ensamboende',
      single_parent: 'Grunddel, ensamförsörjare',
      adult_other: 'Grunddel, annan person som fyllt 18 år (make, maka eller sambo)',
      adult_with_parents: 'Grunddel, person som fyllt 18 år och bor hos sina föräldrar',
      child_10_17_1: 'Grunddel, barn 10–17 år, första barnet',
      child_10_17_2: 'Grunddel, barn 10–17 år, andra barnet',
      child_10_17_3: 'Grunddel, barn 10–17 år, tredje eller följande barn',
      child_under_10_1: 'Grunddel, barn under 10 år, första barnet',
      child_under_10_2: 'Grunddel, barn under 10 år, andra barnet',
      child_under_10_3: 'Grunddel, barn under 10 år, tredje eller följande barn',
    },
    basicExpense: {
      rent: 'Hyra',
      maintenance_charge: 'Bolagsvederlag',
      water: 'Vattenavgift',
      heating: 'Uppvärmningskostnader',
      electricity: 'Hushållsel',
      home_insurance: 'Hemförsäkring',
      health_care_fees: 'Avgifter för offentlig hälso- och sjukvård',
      prescribed_medicines: 'Läkemedel ordinerade av läkare',
      daycare_fees: 'Avgifter för småbarnspedagogik',
      moving_costs_basic: 'Nödvändiga flyttkostnader',
      identity_document: 'Identitetsbevis',
      other_basic: 'Annan grundutgift',
    },
    supplementary: {
      rent_deposit: 'Hyresgaranti',
      moving: 'Flyttkostnader',
      furniture: 'Nödvändigt lösöre i hemmet',
      child_visiting: 'Kostnader för umgänge med barn',
      children_hobbies: 'Kostnader för barns fritidsintressen',
      children_equipment: 'Nödvändig utrustning för barn',
      funeral: 'Begravningskostnader',
      study_costs: 'Kostnader för studier',
      commuting: 'Kostnader för resor till och från arbetet',
      health_care_special: 'Särskilda hälso- och sjukvårdsutgifter',
      other_supplementary: 'Annan särskild utgift',
    },
    income: {
      net_wage: 'Nettolön',
      self_employment: 'Företagarinkomst',
      unemployment_benefit: 'Arbetslöshetsdagpenning',
      labour_market_subsidy: 'Arbetsmarknadsstöd',
      general_benefit: 'Allmänt stöd',
      housing_allowance: 'Bostadsbidrag',
      child_benefit: 'Barnbidrag',
      child_maintenance: 'Underhållsbidrag eller underhållsstöd',
      pension: 'Pension',
      sickness_allowance: 'Sjukdagpenning',
      parental_allowance: 'Föräldradagpenning',
      student_financial_aid: 'Studiestöd',
      minor_assistance: 'Mindre understöd',
      other_income: 'Annan inkomst',
      excluded_maternity_grant: 'Moderskapsunderstöd (beaktas inte som inkomst)',
      excluded_disability_allowance: 'Handikappförmån eller vårdbidrag (beaktas inte som inkomst)',
      excluded_expense_compensation: 'Kostnadsersättning (beaktas inte som inkomst)',
      excluded_distraint: 'Belopp som innehållits vid utsökning (beaktas inte som inkomst)',
      excluded_other: 'Annan post som inte räknas som inkomst',
    },
    otherLine: {
      perusosa_reduction: 'Nedsättning av grunddelen',
      housing_norm_cap: 'Boendeutgifterna begränsade till boendenormen',
      housing_norm_missing: 'Boendenorm saknas i parametrarna',
      earned_income_deduction: 'Avdrag för förvärvsinkomst',
      minor_earnings_cap: 'Begränsning av en minderårigs förvärvsinkomster',
      minor_assistance_limit: 'Den del av mindre understöd som lämnas obeaktad',
      bank_balance: 'Saldo på bankkonto',
      other_asset: 'Andra tillgångar',
      preventive: 'Förebyggande utkomststöd',
      basic_result: 'Resultat av beräkningen av grundläggande utkomststöd',
      supplementary_result: 'Kompletterande utkomststöd',
      preventive_result: 'Förebyggande utkomststöd',
      county_total: 'Stöd som välfärdsområdet beviljar sammanlagt',
    },
    role: { applicant: 'Sökande', spouse: 'Make, maka eller sambo', child: 'Barn', adult_child: 'Myndigt barn' },
    outcome: { granted: 'Beviljat', partly_granted: 'Delvis beviljat', refused: 'Avslaget' },
    providerKind: { pharmacy: 'Apotek', funeral: 'Begravningsbyrå', landlord: 'Hyresvärd', energy: 'Energibolag', other: 'Annan tjänsteproducent' },
    channel: { paper: 'Pappersansökan', eform: 'Elektronisk ansökan', kela: 'Ansökan överförd av FPA' },
    section: {
      perusosa: 'Grunddel',
      expense: 'Övriga grundutgifter',
      income: 'Inkomster',
      deduction: 'Avdrag från inkomsterna',
      excluded: 'Poster som inte beaktas som inkomst',
      asset: 'Tillgångar',
      supplementary: 'Kompletterande utgifter',
      preventive: 'Förebyggande utkomststöd',
      result: 'Resultat',
    },
    kind: { supplementary: 'Kompletterande utkomststöd', preventive: 'Förebyggande utkomststöd' },
  },
}

function lookup(map: Record<string, string>, code: string): string | undefined {
  return Object.hasOwn(map, code) ? map[code] : undefined
}

/**
 * The label of a calculation line or claim code: a perusosa category, a basic expense, supplementary or income type,
 * or one of the engine's own codes (adjustments, assets, results). An unknown code is returned as it is.
 */
export function codeLabel(lang: Lang, code: string): string {
  const l = LABELS[lang]
  return (
    lookup(l.perusosa, code) ??
    lookup(l.basicExpense, code) ??
    lookup(l.supplementary, code) ??
    lookup(l.income, code) ??
    lookup(l.otherLine, code) ??
    code
  )
}

export const sectionLabel = (lang: Lang, section: string): string => lookup(LABELS[lang].section, section) ?? section
export const roleLabel = (lang: Lang, role: string): string => lookup(LABELS[lang].role, role) ?? role
export const outcomeLabel = (lang: Lang, outcome: string): string => lookup(LABELS[lang].outcome, outcome) ?? outcome
export const providerKindLabel = (lang: Lang, kind: string): string => lookup(LABELS[lang].providerKind, kind) ?? kind
export const channelLabel = (lang: Lang, channel: string): string => lookup(LABELS[lang].channel, channel) ?? channel
export const kindLabel = (lang: Lang, kind: string): string => lookup(LABELS[lang].kind, kind) ?? kind

/**
 * The label of a decision item: the supplementary type's label, or for a preventive item the kind with the purpose
 * (the item's code is the purpose, or the engine's code `preventive`).
 */
export function itemLabel(lang: Lang, kind: string, code: string): string {
  if (kind === 'preventive') {
    const base = kindLabel(lang, 'preventive')
    return code && code !== 'preventive' ? `${base}: ${code}` : base
  }
  return codeLabel(lang, code)
}

/**
 * The law citation printed for a decision item. Supplementary assistance rests on TTTL 7 c §, preventive on 13 §.
 * A more precise basis per supplementary type can be added to SUPPLEMENTARY_LAW once verified against the statute;
 * until then every supplementary type cites the section.
 */
const SUPPLEMENTARY_LAW: Partial<Record<SupplementaryType, string>> = {}

export function itemLaw(kind: ItemKind | string, code: string): string {
  if (kind === 'preventive') return 'TTTL 13 §'
  return lookup(SUPPLEMENTARY_LAW, code) ?? 'TTTL 7 c §'
}

const REASONS: Record<Lang, Record<ItemKind, Record<DecisionOutcome, string>>> = {
  fi: {
    supplementary: {
      granted:
        'Täydentävää toimeentulotukea myönnetään haettuun menoon. Meno on harkittu tarpeelliseksi toimeentulonne turvaamiseksi tai itsenäisen suoriutumisenne edistämiseksi (laki toimeentulotuesta 7 c §). Tuen määrä perustuu liitteenä olevaan laskelmaan.',
      partly_granted:
        'Täydentävää toimeentulotukea myönnetään haettuun menoon osittain. Menosta on hyväksytty tarpeellisen suuruisena pidettävä määrä; haettua määrää ei ole voitu hyväksyä kokonaan (laki toimeentulotuesta 7 c §). Tuen määrä perustuu liitteenä olevaan laskelmaan.',
      refused:
        'Tulonne ylittävät hyväksyttävät menot myös silloin, kun haettu meno otetaan laskelmassa huomioon. Täydentävää toimeentulotukea ei siksi myönnetä (laki toimeentulotuesta 6 § ja 7 c §). Laskelma on päätöksen liitteenä.',
    },
    preventive: {
      granted:
        'Ehkäisevää toimeentulotukea myönnetään. Tuki myönnetään sosiaalisen turvallisuuden ja omatoimisen suoriutumisen edistämiseksi sekä syrjäytymisen ja pitkäaikaisen toimeentulotuesta riippuvuuden ehkäisemiseksi (laki toimeentulotuesta 1 § 2 mom ja 13 §).',
      partly_granted:
        'Ehkäisevää toimeentulotukea myönnetään osittain. Haetusta määrästä on hyväksytty tuen tarkoituksen kannalta tarpeellisena pidettävä osuus (laki toimeentulotuesta 13 §).',
      refused:
        'Tulonne ylittävät hyväksyttävät menot, ja haettu meno on katsottu voitavan kattaa omilla tuloillanne ja varoillanne. Ehkäisevää toimeentulotukea ei siksi myönnetä (laki toimeentulotuesta 13 §).',
    },
  },
  sv: {
    supplementary: {
      granted:
        'Kompletterande utkomststöd beviljas för den sökta utgiften. Utgiften har bedömts vara nödvändig för att trygga er försörjning eller främja er förmåga att klara er på egen hand (7 c § i lagen om utkomststöd). Stödets belopp grundar sig på den bifogade beräkningen.',
      partly_granted:
        'Kompletterande utkomststöd beviljas delvis för den sökta utgiften. Av utgiften har det belopp som anses skäligt godkänts; det sökta beloppet har inte kunnat godkännas i sin helhet (7 c § i lagen om utkomststöd). Stödets belopp grundar sig på den bifogade beräkningen.',
      refused:
        'Era inkomster överstiger de godtagbara utgifterna även när den sökta utgiften beaktas i beräkningen. Kompletterande utkomststöd beviljas därför inte (6 och 7 c § i lagen om utkomststöd). Beräkningen är bifogad beslutet.',
    },
    preventive: {
      granted:
        'Förebyggande utkomststöd beviljas. Stödet beviljas för att främja social trygghet och förmågan att klara sig på egen hand samt för att förebygga utslagning och långvarigt beroende av utkomststöd (1 § 2 mom. och 13 § i lagen om utkomststöd).',
      partly_granted:
        'Förebyggande utkomststöd beviljas delvis. Av det sökta beloppet har den del godkänts som anses nödvändig med tanke på stödets syfte (13 § i lagen om utkomststöd).',
      refused:
        'Era inkomster överstiger de godtagbara utgifterna, och den sökta utgiften har bedömts kunna täckas med era egna inkomster och tillgångar. Förebyggande utkomststöd beviljas därför inte (13 § i lagen om utkomststöd).',
    },
  },
}

/** A suggested reason for one decision item, for the handler to edit (never printed without the handler's choice). */
export function defaultReasonText(lang: Lang, outcome: DecisionOutcome, kind: ItemKind): string {
  const byKind = REASONS[lang][kind] ?? REASONS[lang].supplementary
  return byKind[outcome] ?? byKind.granted
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed texts of the printed documents

/**
 * The general reasons of a decision (perustelut / motivering) citing the Act on Social Assistance (1412/1997), in
 * paragraphs: always 1 §, 2 § and 6 §; 7 c § when the decision has supplementary items; 1 § 2 mom and 13 § when it
 * has preventive items; 14 a § on the handling.
 */
export function generalReasons(lang: Lang, kinds: { supplementary: boolean; preventive: boolean; kela: boolean }): string[] {
  if (lang === 'sv') {
    return [
      'Utkomststödet är ett ekonomiskt stöd i sista hand inom socialvården. Syftet med stödet är att trygga en persons och familjens utkomst och främja deras förmåga att klara sig på egen hand (1 § i lagen om utkomststöd 1412/1997).',
      'Var och en har rätt till utkomststöd om han eller hon är i behov av stöd och inte kan få sin utkomst genom förvärvsarbete, företagsverksamhet, andra förmåner som tryggar utkomsten, andra inkomster eller tillgångar, genom försorg av en person som är försörjningsskyldig i förhållande till honom eller henne eller på något annat sätt (2 §). Utkomststödets belopp är skillnaden mellan de utgifter som avses i lagen och de disponibla inkomsterna och tillgångarna (6 §).',
      ...(kinds.supplementary
        ? [
            `Folkpensionsanstalten (FPA) beslutar om grundläggande utkomststöd. Kompletterande utkomststöd beräknas utgående från beräkningen av grundläggande utkomststöd, och som utgifter beaktas dessutom sådana utgifter som beror på personens eller familjens särskilda behov eller förhållanden och som bedöms vara nödvändiga för att trygga utkomsten eller främja förmågan att klara sig på egen hand (7 c §).${kinds.kela ? ' Ansökan har överförts av FPA.' : ''}`,
          ]
        : []),
      ...(kinds.preventive
        ? [
            'Förebyggande utkomststöd kan beviljas för att främja social trygghet och förmågan att klara sig på egen hand samt för att förebygga utslagning och långvarigt beroende av utkomststöd (1 § 2 mom. och 13 §).',
          ]
        : []),
      'Ansökan har behandlats i enlighet med 14 a § i lagen om utkomststöd på grundval av ansökan, de bifogade utredningarna och den bifogade beräkningen.',
    ]
  }
  return [
    'Toimeentulotuki on sosiaalihuoltoon kuuluva viimesijainen taloudellinen tuki, jonka tarkoituksena on turvata henkilön ja perheen toimeentulo ja edistää heidän itsenäistä suoriutumistaan (laki toimeentulotuesta 1412/1997, 1 §).',
    'Jokaisella on oikeus saada toimeentulotukea, jos hän on tuen tarpeessa eikä voi saada toimeentuloa ansiotyöllään, yrittäjätoiminnallaan, toimeentuloa turvaavien muiden etuuksien avulla, muista tuloistaan tai varoistaan, häneen nähden elatusvelvollisen huolenpidolla tai muulla tavalla (2 §). Toimeentulotuen määrä on laissa tarkoitettujen menojen sekä käytettävissä olevien tulojen ja varojen erotus (6 §).',
    ...(kinds.supplementary
      ? [
          `Perustoimeentulotuesta päättää Kansaneläkelaitos (Kela). Täydentävä toimeentulotuki lasketaan perustoimeentulotuen laskelman pohjalta, ja menoina otetaan lisäksi huomioon henkilön tai perheen erityisistä tarpeista tai olosuhteista johtuvat menot, jotka on harkittu tarpeellisiksi toimeentulon turvaamiseksi tai itsenäisen suoriutumisen edistämiseksi (7 c §).${kinds.kela ? ' Hakemus on tullut vireille Kelan siirtämänä.' : ''}`,
        ]
      : []),
    ...(kinds.preventive
      ? [
          'Ehkäisevää toimeentulotukea voidaan myöntää sosiaalisen turvallisuuden ja omatoimisen suoriutumisen edistämiseksi sekä syrjäytymisen ja pitkäaikaisen toimeentulotuesta riippuvuuden ehkäisemiseksi (1 § 2 mom ja 13 §).',
        ]
      : []),
    'Hakemus on käsitelty toimeentulotuesta annetun lain 14 a §:n mukaisesti hakemuksen, sen liitteiden ja päätöksen liitteenä olevan laskelman perusteella.',
  ]
}

/** The fixed words of the two documents. */
export const DOCUMENT_TEXTS = {
  fi: {
    decisionTitle: 'Päätös toimeentulotuesta',
    decisionNumber: 'Päätösnumero',
    decisionDate: 'Päätöspäivä',
    preview: 'LUONNOS – EI PÄÄTÖS',
    corrects: 'Korjaa päätöksen nro {n}',
    applicant: 'Hakija',
    name: 'Nimi',
    hetu: 'Henkilötunnus',
    temporaryId: 'Tilapäinen tunniste',
    address: 'Osoite',
    application: 'Hakemus',
    applicationNumber: 'Hakemuksen numero',
    receivedOn: 'Saapunut',
    channel: 'Vireilletulotapa',
    kelaCaseRef: 'Kelan asiatunnus',
    period: 'Tukijakso',
    members: 'Perheenjäsenet',
    role: 'Asema',
    birthDate: 'Syntymäaika',
    decisionHeading: 'Päätös',
    overallOutcome: 'Ratkaisu',
    item: 'Tuki ja meno',
    claimed: 'Haettu',
    granted: 'Myönnetty',
    outcome: 'Ratkaisu',
    law: 'Lainkohta',
    reason: 'Perustelu',
    noItems: 'Päätöksessä ei ole täydentävän tai ehkäisevän toimeentulotuen eriä.',
    totalGranted: 'Myönnetty yhteensä',
    payments: 'Maksatus',
    payee: 'Maksunsaaja',
    account: 'Tili',
    amount: 'Määrä',
    dueOn: 'Maksupäivä',
    noPayments: 'Päätöksen perusteella ei makseta rahaa.',
    commitments: 'Maksusitoumukset',
    commitmentNo: 'Nro',
    provider: 'Palveluntuottaja',
    purpose: 'Käyttötarkoitus',
    validity: 'Voimassa',
    maxAmount: 'Enintään',
    commitmentNote: 'Maksusitoumus toimitetaan palveluntuottajalle erikseen.',
    reasons: 'Perustelut',
    generalReasons: 'Sovelletut oikeusohjeet',
    decisionMaker: 'Päätöksentekijä',
    appendix: 'Liite: Laskelma',
    appendixIntro:
      'Laskelma ajalta {start}–{end}. Laskelmassa on käytetty {from} alkaen voimassa olevia perusosan määriä ja laskentaperusteita. Perustoimeentulotuen laskelma noudattaa Kelan laskentaa; täydentävä ja ehkäisevä tuki lasketaan sen lisäksi.',
    line: 'Erä',
    member: 'Henkilö',
    rule: 'Peruste',
    totals: 'Yhteenveto',
    basicCalculation: 'Perustoimeentulotuen laskelma (Kela)',
    withSupplementary: 'Laskelma täydentävine menoineen',
    expensesTotal: 'Menot yhteensä',
    incomeTotal: 'Tulot yhteensä',
    assetsTotal: 'Varat yhteensä',
    result: 'Tulos',
    supplementaryTotal: 'Täydentävä toimeentulotuki',
    preventiveTotal: 'Ehkäisevä toimeentulotuki',
    countyTotal: 'Hyvinvointialueen tuki yhteensä',
    household: 'Koko perhe',
    excludedDeclared: 'ilmoitettu {amount}',
    footer: 'Salassa pidettävä (Laki sosiaalihuollon asiakkaan asemasta ja oikeuksista 812/2000 14 §) – sivu {page}/{pages}',
    // payment commitment
    commitmentTitle: 'Maksusitoumus',
    commitmentNumber: 'Maksusitoumuksen numero',
    printedOn: 'Päivämäärä',
    toProvider: 'Palveluntuottajalle',
    providerKind: 'Palveluntuottajan laji',
    onBehalfOf: 'Asiakas',
    commitmentBody: '{organisation} sitoutuu maksamaan asiakkaan puolesta yllä mainittuun käyttötarkoitukseen sitoumuksen voimassaoloaikana syntyneet kustannukset, kuitenkin enintään {max}.',
    invoicing: 'Laskutusohje',
    invoiceText: [
      'Lasku osoitetaan: {unit}, {organisation}.',
      'Merkitkää laskuun maksusitoumuksen numero {n} ja asiakkaan nimi sekä liittäkää siihen erittely toimitetuista tuotteista tai palveluista.',
      'Maksusitoumus ei kata enimmäismäärän ylittävää osuutta eikä voimassaoloajan ulkopuolella syntyneitä kustannuksia. Maksusitoumusta ei voi siirtää toiselle eikä vaihtaa rahaksi.',
    ],
    basedOn: 'Perustuu päätökseen',
    basedOnText: 'nro {n}, {date}',
  },
  sv: {
    decisionTitle: 'Beslut om utkomststöd',
    decisionNumber: 'Beslutsnummer',
    decisionDate: 'Beslutsdatum',
    preview: 'UTKAST – INTE ETT BESLUT',
    corrects: 'Rättar beslut nr {n}',
    applicant: 'Sökande',
    name: 'Namn',
    hetu: 'Personbeteckning',
    temporaryId: 'Tillfällig identifikation',
    address: 'Adress',
    application: 'Ansökan',
    applicationNumber: 'Ansökans nummer',
    receivedOn: 'Inkommen',
    channel: 'Hur ansökan inkommit',
    kelaCaseRef: 'FPA:s ärendenummer',
    period: 'Stödperiod',
    members: 'Familjemedlemmar',
    role: 'Ställning',
    birthDate: 'Födelsedatum',
    decisionHeading: 'Beslut',
    overallOutcome: 'Avgörande',
    item: 'Stöd och utgift',
    claimed: 'Sökt',
    granted: 'Beviljat',
    outcome: 'Avgörande',
    law: 'Lagrum',
    reason: 'Motivering',
    noItems: 'Beslutet omfattar inga poster av kompletterande eller förebyggande utkomststöd.',
    totalGranted: 'Beviljat sammanlagt',
    payments: 'Utbetalning',
    payee: 'Betalningsmottagare',
    account: 'Konto',
    amount: 'Belopp',
    dueOn: 'Betalningsdag',
    noPayments: 'Inga pengar betalas ut på grundval av beslutet.',
    commitments: 'Betalningsförbindelser',
    commitmentNo: 'Nr',
    provider: 'Tjänsteproducent',
    purpose: 'Ändamål',
    validity: 'Giltig',
    maxAmount: 'Högst',
    commitmentNote: 'Betalningsförbindelsen sänds separat till tjänsteproducenten.',
    reasons: 'Motivering',
    generalReasons: 'Tillämpade rättsregler',
    decisionMaker: 'Beslutsfattare',
    appendix: 'Bilaga: Beräkning',
    appendixIntro:
      'Beräkning för tiden {start}–{end}. I beräkningen har de belopp för grunddelen och de beräkningsgrunder som gäller från och med {from} använts. Beräkningen av grundläggande utkomststöd följer FPA:s beräkning; kompletterande och förebyggande stöd beräknas utöver den.',
    line: 'Post',
    member: 'Person',
    rule: 'Grund',
    totals: 'Sammandrag',
    basicCalculation: 'Beräkning av grundläggande utkomststöd (FPA)',
    withSupplementary: 'Beräkning med kompletterande utgifter',
    expensesTotal: 'Utgifter sammanlagt',
    incomeTotal: 'Inkomster sammanlagt',
    assetsTotal: 'Tillgångar sammanlagt',
    result: 'Resultat',
    supplementaryTotal: 'Kompletterande utkomststöd',
    preventiveTotal: 'Förebyggande utkomststöd',
    countyTotal: 'Välfärdsområdets stöd sammanlagt',
    household: 'Hela familjen',
    excludedDeclared: 'uppgivet {amount}',
    footer: 'Sekretessbelagd (lagen om klientens ställning och rättigheter inom socialvården 812/2000 14 §) – sida {page}/{pages}',
    commitmentTitle: 'Betalningsförbindelse',
    commitmentNumber: 'Betalningsförbindelsens nummer',
    printedOn: 'Datum',
    toProvider: 'Till tjänsteproducenten',
    providerKind: 'Typ av tjänsteproducent',
    onBehalfOf: 'Klient',
    commitmentBody:
      '{organisation} förbinder sig att på klientens vägnar betala de kostnader för ovan nämnda ändamål som uppkommer under förbindelsens giltighetstid, dock högst {max}.',
    invoicing: 'Faktureringsanvisning',
    invoiceText: [
      'Fakturan adresseras till: {unit}, {organisation}.',
      'Ange betalningsförbindelsens nummer {n} och klientens namn på fakturan och bifoga en specifikation av de levererade varorna eller tjänsterna.',
      'Betalningsförbindelsen täcker inte den del som överstiger maximibeloppet eller kostnader som uppkommit utanför giltighetstiden. Betalningsförbindelsen kan inte överlåtas eller växlas in mot pengar.',
    ],
    basedOn: 'Grundar sig på beslut',
    basedOnText: 'nr {n}, {date}',
  },
} as const satisfies Record<Lang, Record<string, string | readonly string[]>>

export type DocumentTexts = (typeof DOCUMENT_TEXTS)[Lang]
