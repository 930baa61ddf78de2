import type { LawText } from './types'

export type Lang = 'fi' | 'sv'

/**
 * The appeal instructions printed with a decision, by the route its type declares: a request for a review
 * (oikaisuvaatimus) to the authority, an appeal (valitus) directly to the administrative court, or none.
 */
export interface AppealInstructions {
  title: string
  sections: { heading: string; paragraphs: string[]; bullets?: string[] }[]
}

/**
 * The instructions for requesting a review (oikaisuvaatimusohje / anvisning om begäran om omprövning), written for
 * Huoma on the basis of the Administrative Procedure Act (434/2003) 46–49 §, 49 a–49 g § and 59 § and the law of
 * the decision type (e.g. TTTL 24 §).
 */
function reviewRequestInstructions(lang: Lang, law: LawText, authority: string, address: string): AppealInstructions {
  if (lang === 'sv') {
    return {
      title: 'Anvisning om begäran om omprövning',
      sections: [
        {
          heading: 'Begäran om omprövning',
          paragraphs: [
            `Den som är missnöjd med detta beslut kan begära omprövning av det. Ändring i beslutet får inte sökas genom besvär direkt hos domstol, utan omprövning ska först begäras hos den myndighet som anges nedan (${law.sv} och 7 a kap. i förvaltningslagen 434/2003).`,
          ],
        },
        {
          heading: 'Vem får begära omprövning',
          paragraphs: ['Omprövning får begäras av den som beslutet avser eller vars rätt, skyldighet eller fördel direkt påverkas av beslutet (part).'],
        },
        {
          heading: 'Tidsfrist',
          paragraphs: [
            'Begäran om omprövning ska framställas inom 30 dagar från delfåendet av beslutet. Dagen för delfåendet räknas inte in i tidsfristen. Om den sista dagen av tidsfristen infaller på en helgdag, självständighetsdagen, första maj, julafton, midsommarafton eller en helgfri lördag, får begäran framställas den första vardagen därefter.',
            'Om beslutet har sänts per post som vanligt brev anses parten ha fått del av beslutet den sjunde dagen efter det att brevet sändes, om inte något annat visas. Vid elektronisk delgivning anses parten ha fått del av beslutet den tredje dagen efter det att meddelandet sändes, om inte något annat visas.',
          ],
        },
        {
          heading: 'Omprövningsmyndighet',
          paragraphs: [
            `Begäran om omprövning riktas till: ${authority}, ${address}.`,
            'Begäran kan sändas per post eller lämnas in hos myndigheten. Den ska ha kommit fram till myndigheten senast den sista dagen av tidsfristen före ämbetstidens utgång. Begäran sänds på avsändarens eget ansvar. Det är avgiftsfritt att begära omprövning.',
          ],
        },
        {
          heading: 'Innehållet i begäran om omprövning',
          paragraphs: ['Begäran om omprövning ska framställas skriftligen. Av begäran ska framgå'],
          bullets: [
            'det beslut som omprövning begärs i (beslutets nummer och datum),',
            'vilken ändring som begärs i beslutet,',
            'på vilka grunder ändring begärs,',
            'namn och kontaktuppgifter för den som begär omprövning (postadress, telefonnummer eller någon annan uppgift genom vilken han eller hon kan nås); om talan förs av en laglig företrädare eller ett ombud ska också dennes namn och kontaktuppgifter uppges.',
          ],
        },
        {
          heading: 'Underskrift och bilagor',
          paragraphs: [
            'Begäran om omprövning ska undertecknas av den som begär omprövning eller av dennes lagliga företrädare eller ombud. Till begäran kan fogas de handlingar som den som begär omprövning vill åberopa.',
          ],
        },
        {
          heading: 'Besvär över beslut med anledning av begäran om omprövning',
          paragraphs: [
            'Ändring i ett beslut som har meddelats med anledning av en begäran om omprövning får sökas genom besvär hos förvaltningsdomstolen. Besvärsanvisning fogas till omprövningsbeslutet.',
          ],
        },
      ],
    }
  }
  return {
    title: 'Oikaisuvaatimusohje',
    sections: [
      {
        heading: 'Oikaisuvaatimuksen tekeminen',
        paragraphs: [
          `Tähän päätökseen tyytymätön voi vaatia siihen oikaisua. Päätökseen ei saa hakea muutosta valittamalla suoraan tuomioistuimeen, vaan oikaisua on ensin vaadittava jäljempänä mainitulta viranomaiselta (${law.fi} ja hallintolain 434/2003 7 a luku).`,
        ],
      },
      {
        heading: 'Oikaisuvaatimuksen tekijä',
        paragraphs: ['Oikaisuvaatimuksen saa tehdä se, johon päätös on kohdistettu tai jonka oikeuteen, velvollisuuteen tai etuun päätös välittömästi vaikuttaa (asianosainen).'],
      },
      {
        heading: 'Oikaisuvaatimusaika',
        paragraphs: [
          'Oikaisuvaatimus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista. Tiedoksisaantipäivää ei lueta määräaikaan. Jos määräajan viimeinen päivä on pyhäpäivä, itsenäisyyspäivä, vapunpäivä, joulu- tai juhannusaatto tai arkilauantai, oikaisuvaatimuksen saa tehdä ensimmäisenä sen jälkeisenä arkipäivänä.',
          'Jos päätös on lähetetty tavallisena kirjeenä, asianosaisen katsotaan saaneen päätöksestä tiedon seitsemäntenä päivänä kirjeen lähettämisestä, jollei muuta näytetä. Sähköisesti tiedoksi annetun päätöksen katsotaan tulleen tiedoksi kolmantena päivänä viestin lähettämisestä, jollei muuta näytetä.',
        ],
      },
      {
        heading: 'Oikaisuvaatimusviranomainen',
        paragraphs: [
          `Oikaisuvaatimus osoitetaan: ${authority}, ${address}.`,
          'Oikaisuvaatimuksen voi lähettää postitse tai toimittaa viranomaiselle henkilökohtaisesti. Sen on oltava perillä viimeistään oikaisuvaatimusajan viimeisenä päivänä ennen virka-ajan päättymistä. Oikaisuvaatimus lähetetään lähettäjän omalla vastuulla. Oikaisuvaatimuksen tekeminen on maksutonta.',
        ],
      },
      {
        heading: 'Oikaisuvaatimuksen sisältö',
        paragraphs: ['Oikaisuvaatimus on tehtävä kirjallisesti. Siinä on ilmoitettava'],
        bullets: [
          'päätös, johon oikaisua vaaditaan (päätöksen numero ja päivämäärä),',
          'millaista oikaisua päätökseen vaaditaan,',
          'millä perusteilla oikaisua vaaditaan,',
          'oikaisuvaatimuksen tekijän nimi ja yhteystiedot (postiosoite, puhelinnumero tai muu tieto, jolla hänet tavoitetaan); jos puhevaltaa käyttää laillinen edustaja tai asiamies, myös tämän nimi ja yhteystiedot.',
        ],
      },
      {
        heading: 'Allekirjoitus ja liitteet',
        paragraphs: [
          'Oikaisuvaatimuksen allekirjoittaa sen tekijä tai hänen laillinen edustajansa tai asiamiehensä. Oikaisuvaatimukseen voi liittää asiakirjat, joihin tekijä haluaa vedota.',
        ],
      },
      {
        heading: 'Muutoksenhaku oikaisuvaatimuksen johdosta annettuun päätökseen',
        paragraphs: [
          'Oikaisuvaatimuksen johdosta annettuun päätökseen saa hakea muutosta valittamalla hallinto-oikeuteen. Valitusosoitus liitetään oikaisuvaatimuksesta annettavaan päätökseen.',
        ],
      },
    ],
  }
}


/**
 * The instructions for appealing directly to the administrative court (valitusosoitus / besvärsanvisning), written
 * for Huoma on the basis of the Administrative Judicial Procedure Act (808/2019) 5, 13–18 and 20 §, the Act on
 * Court Fees (1455/2015) and the law of the decision type (e.g. LSL 89 §).
 */
function courtAppealInstructions(lang: Lang, law: LawText, court: string, address: string, days: number): AppealInstructions {
  if (lang === 'sv') {
    return {
      title: 'Besvärsanvisning',
      sections: [
        {
          heading: 'Besvär',
          paragraphs: [`Ändring i detta beslut får sökas genom besvär hos förvaltningsdomstolen (${law.sv} och lagen om rättegång i förvaltningsärenden 808/2019).`],
        },
        {
          heading: 'Vem får anföra besvär',
          paragraphs: ['Besvär får anföras av den som beslutet avser eller vars rätt, skyldighet eller fördel direkt påverkas av beslutet (part). Ett barn som fyllt 12 år får självt anföra besvär i ärenden som gäller barnet.'],
        },
        {
          heading: 'Besvärstid',
          paragraphs: [
            `Besvär ska anföras inom ${days} dagar från delfåendet av beslutet. Dagen för delfåendet räknas inte in i besvärstiden. Om den sista dagen av besvärstiden infaller på en helgdag, självständighetsdagen, första maj, julafton, midsommarafton eller en helgfri lördag, får besvär anföras den första vardagen därefter.`,
            'Om beslutet har sänts per post som vanligt brev anses parten ha fått del av beslutet den sjunde dagen efter det att brevet sändes, om inte något annat visas. Vid elektronisk delgivning anses parten ha fått del av beslutet den tredje dagen efter det att meddelandet sändes, om inte något annat visas.',
          ],
        },
        {
          heading: 'Besvärsmyndighet',
          paragraphs: [
            `Besvär anförs hos: ${court}, ${address}.`,
            'Besvärsskriften kan sändas per post, lämnas in hos domstolen eller sändas elektroniskt via domstolarnas e-tjänst. Den ska ha kommit fram senast den sista dagen av besvärstiden före tjänstetidens utgång. Besvärsskriften sänds på avsändarens eget ansvar.',
          ],
        },
        {
          heading: 'Besvärsskriftens innehåll',
          paragraphs: ['Besvären ska anföras skriftligen. I besvärsskriften ska uppges'],
          bullets: [
            'det beslut i vilket ändring söks (beslutets nummer och datum),',
            'hur beslutet ska ändras,',
            'på vilka grunder ändring söks,',
            'ändringssökandens namn och kontaktuppgifter; om talan förs av en laglig företrädare eller ett ombud ska också dennes namn och kontaktuppgifter uppges.',
          ],
        },
        {
          heading: 'Bilagor',
          paragraphs: ['Till besvärsskriften ska fogas det beslut som överklagas i original eller kopia, ett intyg över dagen för delfåendet eller någon annan utredning om när besvärstiden har börjat, och de handlingar som ändringssökanden vill åberopa.'],
        },
        {
          heading: 'Rättegångsavgift',
          paragraphs: ['Förvaltningsdomstolen tar ut en rättegångsavgift enligt lagen om domstolsavgifter (1455/2015). Ingen avgift tas ut i ärenden som gäller barnskydd eller om domstolen ändrar beslutet till ändringssökandens fördel.'],
        },
      ],
    }
  }
  return {
    title: 'Valitusosoitus',
    sections: [
      {
        heading: 'Valitus',
        paragraphs: [`Tähän päätökseen saa hakea muutosta valittamalla hallinto-oikeuteen (${law.fi} ja laki oikeudenkäynnistä hallintoasioissa 808/2019).`],
      },
      {
        heading: 'Valitusoikeus',
        paragraphs: ['Valituksen saa tehdä se, johon päätös on kohdistettu tai jonka oikeuteen, velvollisuuteen tai etuun päätös välittömästi vaikuttaa (asianosainen). Kaksitoista vuotta täyttänyt lapsi saa itse valittaa häntä koskevassa asiassa.'],
      },
      {
        heading: 'Valitusaika',
        paragraphs: [
          `Valitus on tehtävä ${days} päivän kuluessa päätöksen tiedoksisaannista. Tiedoksisaantipäivää ei lueta määräaikaan. Jos määräajan viimeinen päivä on pyhäpäivä, itsenäisyyspäivä, vapunpäivä, joulu- tai juhannusaatto tai arkilauantai, valituksen saa tehdä ensimmäisenä sen jälkeisenä arkipäivänä.`,
          'Jos päätös on lähetetty tavallisena kirjeenä, asianosaisen katsotaan saaneen päätöksestä tiedon seitsemäntenä päivänä kirjeen lähettämisestä, jollei muuta näytetä. Sähköisesti tiedoksi annetun päätöksen katsotaan tulleen tiedoksi kolmantena päivänä viestin lähettämisestä, jollei muuta näytetä.',
        ],
      },
      {
        heading: 'Valitusviranomainen',
        paragraphs: [
          `Valitus osoitetaan: ${court}, ${address}.`,
          'Valituksen voi lähettää postitse, toimittaa tuomioistuimeen tai lähettää sähköisesti tuomioistuinten asiointipalvelussa. Sen on oltava perillä viimeistään valitusajan viimeisenä päivänä ennen virka-ajan päättymistä. Valitus lähetetään lähettäjän omalla vastuulla.',
        ],
      },
      {
        heading: 'Valituksen sisältö',
        paragraphs: ['Valitus on tehtävä kirjallisesti. Valituksessa on ilmoitettava'],
        bullets: [
          'päätös, johon haetaan muutosta (päätöksen numero ja päivämäärä),',
          'miltä osin päätökseen haetaan muutosta ja mitä muutoksia siihen vaaditaan,',
          'vaatimusten perustelut,',
          'valittajan nimi ja yhteystiedot; jos puhevaltaa käyttää laillinen edustaja tai asiamies, myös tämän nimi ja yhteystiedot.',
        ],
      },
      {
        heading: 'Liitteet',
        paragraphs: ['Valitukseen on liitettävä valituksenalainen päätös alkuperäisenä tai jäljennöksenä, todistus tiedoksisaantipäivästä tai muu selvitys valitusajan alkamisen ajankohdasta sekä asiakirjat, joihin valittaja vetoaa.'],
      },
      {
        heading: 'Oikeudenkäyntimaksu',
        paragraphs: ['Hallinto-oikeus perii oikeudenkäyntimaksun tuomioistuinmaksulain (1455/2015) mukaan. Maksua ei peritä lastensuojeluasioissa eikä silloin, kun tuomioistuin muuttaa päätöstä valittajan eduksi.'],
      },
    ],
  }
}

/** Where a decision is challenged: the organisation's review authority or the administrative court. */
export interface AppealAddressees {
  reviewAuthority: string
  reviewAddress: string
  /** the administrative court of the organisation's region (needed by types appealed to the court) */
  court?: string
  courtAddress?: string
}

/** The instructions for the route, or null for a decision that cannot be appealed (a factual act). */
export function appealInstructions(
  lang: Lang,
  appeal: { route: 'none' } | { route: 'review_request' | 'administrative_court'; days: number; law: LawText },
  to: AppealAddressees,
): AppealInstructions | null {
  if (appeal.route === 'none') return null
  if (appeal.route === 'review_request') return reviewRequestInstructions(lang, appeal.law, to.reviewAuthority, to.reviewAddress)
  if (!to.court || !to.courtAddress) throw new Error('A decision appealed to the administrative court needs the court and its address')
  return courtAppealInstructions(lang, appeal.law, to.court, to.courtAddress, appeal.days)
}
