/**
 * What the privacy notice (tietosuojaseloste) says about each service task (palvelutehtävä) of the social welfare
 * client register (rules.md §3.1: the register is kept per service task under 254/2015): the purpose of the
 * processing and the acts it rests on, in Finnish and Swedish. The general legal basis is the same for every task:
 * the controller's statutory obligation and the exercise of public authority (GDPR art. 6(1)(c) and (e)), and for
 * special categories of data social welfare under the law (art. 9(2)(b) and (h); tietosuojalaki 1050/2018 6 §).
 */

export interface BilingualText {
  fi: string;
  sv: string;
}

export interface ServiceTaskProcessing {
  /** why the data are processed in the task */
  purpose: BilingualText;
  /** the acts that oblige or entitle the controller to process them */
  acts: BilingualText;
}

/** The legal basis common to every service task. */
export const GENERAL_LEGAL_BASIS: BilingualText = {
  fi:
    'Rekisterinpitäjän lakisääteisen velvoitteen noudattaminen ja julkisen vallan käyttö (EU:n yleinen tietosuoja-asetus 2016/679 6 artiklan 1 kohdan c ja e alakohta); ' +
    'erityisiin henkilötietoryhmiin kuuluvien tietojen käsittely sosiaalihuollon järjestämiseksi (9 artiklan 2 kohdan b ja h alakohta, tietosuojalaki 1050/2018 6 §). ' +
    'Laki sosiaalihuollon asiakkaan asemasta ja oikeuksista 812/2000, laki sosiaalihuollon asiakasasiakirjoista 254/2015 ja laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023.',
  sv:
    'Att fullgöra den personuppgiftsansvariges rättsliga förpliktelse och att utöva offentlig makt (artikel 6.1 c och e i EU:s allmänna dataskyddsförordning 2016/679); ' +
    'behandling av särskilda kategorier av personuppgifter för att ordna socialvård (artikel 9.2 b och h, 6 § i dataskyddslagen 1050/2018). ' +
    'Lagen om klientens ställning och rättigheter inom socialvården 812/2000, lagen om klienthandlingar inom socialvården 254/2015 och lagen om behandling av klientuppgifter inom social- och hälsovården 703/2023.',
};

/** Purpose and acts per service task (the codes of the `service_task` table). */
export const SERVICE_TASK_PROCESSING: Readonly<Record<string, ServiceTaskProcessing>> = {
  adult_social_work: {
    purpose: {
      fi: 'Aikuisten sosiaalityö: palvelutarpeen arviointi, asiakassuunnitelma, sosiaalinen kuntoutus ja ohjaus sekä niiden kirjaaminen.',
      sv: 'Socialt arbete för vuxna: bedömning av servicebehovet, klientplan, social rehabilitering och handledning samt dokumentationen av dem.',
    },
    acts: { fi: 'Sosiaalihuoltolaki 1301/2014', sv: 'Socialvårdslagen 1301/2014' },
  },
  income_support: {
    purpose: {
      fi: 'Täydentävän ja ehkäisevän toimeentulotuen hakemusten käsittely, päätökset, maksusitoumukset ja maksatus.',
      sv: 'Handläggning av ansökningar om kompletterande och förebyggande utkomststöd, beslut, betalningsförbindelser och utbetalning.',
    },
    acts: { fi: 'Laki toimeentulotuesta 1412/1997; sosiaalihuoltolaki 1301/2014', sv: 'Lagen om utkomststöd 1412/1997; socialvårdslagen 1301/2014' },
  },
  child_welfare: {
    purpose: {
      fi: 'Lastensuojeluilmoitusten käsittely, lastensuojelutarpeen selvitys, avohuollon tukitoimet, sijaishuolto ja jälkihuolto sekä niiden asiakirjat.',
      sv: 'Handläggning av barnskyddsanmälningar, utredning av behovet av barnskydd, stödåtgärder inom öppenvården, vård utom hemmet och eftervård samt handlingarna om dem.',
    },
    acts: { fi: 'Lastensuojelulaki 417/2007', sv: 'Barnskyddslagen 417/2007' },
  },
  family_services: {
    purpose: {
      fi: 'Lapsiperheiden sosiaalipalvelut: perhesosiaalityö, perhetyö ja lapsiperheiden kotipalvelu sekä niiden suunnittelu ja kirjaaminen.',
      sv: 'Socialservice för barnfamiljer: familjesocialt arbete, familjearbete och hemservice för barnfamiljer samt planeringen och dokumentationen av dem.',
    },
    acts: { fi: 'Sosiaalihuoltolaki 1301/2014', sv: 'Socialvårdslagen 1301/2014' },
  },
  disability_services: {
    purpose: {
      fi: 'Vammaispalvelujen tarpeen arviointi, päätökset ja palvelujen järjestäminen.',
      sv: 'Bedömning av behovet av handikappservice, beslut och ordnandet av tjänsterna.',
    },
    acts: { fi: 'Vammaispalvelulaki 675/2023; sosiaalihuoltolaki 1301/2014', sv: 'Lagen om funktionshinderservice 675/2023; socialvårdslagen 1301/2014' },
  },
  substance_mental_health: {
    purpose: {
      fi: 'Päihde- ja mielenterveystyön sosiaalipalvelut: tuki, ohjaus ja kuntoutus sekä niiden kirjaaminen.',
      sv: 'Socialservice inom missbruks- och mentalvårdsarbetet: stöd, handledning och rehabilitering samt dokumentationen av dem.',
    },
    acts: {
      fi: 'Sosiaalihuoltolaki 1301/2014 24–25 §; päihdehuoltolaki 41/1986; mielenterveyslaki 1116/1990',
      sv: 'Socialvårdslagen 1301/2014 24–25 §; lagen om missbrukarvård 41/1986; mentalvårdslagen 1116/1990',
    },
  },
  child_maintenance: {
    purpose: {
      fi: 'Lastenvalvojan tehtävät: elatus-, huolto- ja tapaamissopimusten vahvistaminen sekä isyyden ja äitiyden selvittäminen.',
      sv: 'Barnatillsyningsmannens uppgifter: fastställande av avtal om underhåll, vårdnad och umgängesrätt samt utredning av faderskap och moderskap.',
    },
    acts: {
      fi: 'Laki lapsen elatuksesta 704/1975; laki lapsen huollosta ja tapaamisoikeudesta 361/1983; isyyslaki 11/2015; äitiyslaki 253/2018',
      sv: 'Lagen om underhåll för barn 704/1975; lagen angående vårdnad om barn och umgängesrätt 361/1983; faderskapslagen 11/2015; moderskapslagen 253/2018',
    },
  },
  client_fees: {
    purpose: {
      fi: 'Sosiaalihuollon asiakasmaksujen määrääminen, laskutus, perintä ja maksujen alentaminen.',
      sv: 'Fastställande, fakturering och indrivning av klientavgifter inom socialvården samt nedsättning av avgifterna.',
    },
    acts: { fi: 'Laki sosiaali- ja terveydenhuollon asiakasmaksuista 734/1992', sv: 'Lagen om klientavgifter inom social- och hälsovården 734/1992' },
  },
};

/** A task's processing texts; a task added later without its own texts is described by the general basis only. */
export function serviceTaskProcessing(code: string): ServiceTaskProcessing | null {
  return SERVICE_TASK_PROCESSING[code] ?? null;
}
