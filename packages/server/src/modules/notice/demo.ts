import type { Executor } from '../../access/audit'
import { publishCommitment } from './commitment.queries'

/** The user commitment as Demola first published it (a new version is the main user's). */
export const DEMO_COMMITMENT = {
  textFi:
    'Käyttäjäsitoumus\n\n' +
    'Sitoudun käsittelemään asiakastietoja vain siinä laajuudessa kuin työtehtäväni edellyttävät ja vain niiden asiakkaiden osalta, joiden asioita hoidan. ' +
    'Tiedän, että asiakastiedot ovat salassa pidettäviä (laki sosiaalihuollon asiakkaan asemasta ja oikeuksista 812/2000 14–15 §) ja että vaitiolovelvollisuuteni jatkuu palvelussuhteen päätyttyä. ' +
    'Tiedän, että jokaisesta asiakastietojen käsittelystä jää lokimerkintä, jota tietosuojavastaava valvoo, ja että tietojen väärinkäyttö voi johtaa rikosoikeudelliseen vastuuseen. ' +
    'En luovuta käyttäjätunnustani tai salasanaani toiselle, ja kirjaudun ulos, kun poistun päätteeltä.',
  textSv:
    'Användarförbindelse\n\n' +
    'Jag förbinder mig att behandla klientuppgifter endast i den omfattning mina arbetsuppgifter kräver och endast för de klienter vars ärenden jag sköter. ' +
    'Jag vet att klientuppgifterna är sekretessbelagda (lagen om klientens ställning och rättigheter inom socialvården 812/2000 14–15 §) och att min tystnadsplikt fortsätter efter att anställningen har upphört. ' +
    'Jag vet att varje behandling av klientuppgifter lämnar en loggpost som dataskyddsombudet övervakar, och att missbruk av uppgifterna kan leda till straffrättsligt ansvar. ' +
    'Jag lämnar inte mitt användarnamn eller lösenord till någon annan, och jag loggar ut när jag lämnar terminalen.',
}

/**
 * Demola's data protection configuration: the controller's and the officer's contact, the regular disclosures
 * (Kela, THL, the enforcement office), where the paper records are kept, and the user commitment — published, and
 * accepted by every demo user (so that the demo and the tests sign in straight to work; a new user accepts it at
 * first sign-in).
 */
export async function seedDemoNotice(trx: Executor, opts: { organisationId: string; userIds: string[]; mainUserId: string; unitId: (code: 'AIKU' | 'LAPS' | 'HALL') => string }): Promise<void> {
  await trx
    .insertInto('data_protection_settings')
    .values({
      organisation_id: opts.organisationId,
      controller_address: 'Demolan kaupunki, sosiaalipalvelut, PL 100, 99990 Demola',
      controller_email: 'kirjaamo@demola.fi',
      controller_phone: '09 123 4567',
      dpo_name: 'Maria Lindqvist',
      dpo_email: 'tietosuoja@demola.fi',
      dpo_phone: '09 123 4580',
      dpo_address: 'Demolan kaupunki, tietosuojavastaava, PL 100, 99990 Demola',
      rights_contact_fi: 'kirjallisesti kirjaamoon (PL 100, 99990 Demola) tai asioimalla sosiaalitoimistossa henkilöllisyys todistaen.',
      rights_contact_sv: 'skriftligen till registratorskontoret (PB 100, 99990 Demola) eller personligen på socialbyrån mot uppvisande av identitetsbevis.',
      updated_by: opts.mainUserId,
    })
    .execute()
  const disclosure = (d: { task: string; fi: string; sv: string; basisFi: string; basisSv: string; contentFi: string; contentSv: string; frequency: 'continuous' | 'daily' | 'monthly' | 'yearly' | 'on_request' | 'per_event'; producer?: 'kela_income_support_decisions' }) => ({
    service_task: d.task,
    recipient_fi: d.fi,
    recipient_sv: d.sv,
    legal_basis_fi: d.basisFi,
    legal_basis_sv: d.basisSv,
    content_fi: d.contentFi,
    content_sv: d.contentSv,
    frequency: d.frequency,
    producer: d.producer ?? null,
    created_by: opts.mainUserId,
  })
  await trx
    .insertInto('regular_disclosure')
    .values([
      disclosure({
        task: 'income_support',
        fi: 'Kansaneläkelaitos (Kela)',
        sv: 'Folkpensionsanstalten (FPA)',
        basisFi: 'Laki toimeentulotuesta 1412/1997 14 a § ja 18 §',
        basisSv: 'Lagen om utkomststöd 1412/1997 14 a § och 18 §',
        contentFi: 'Täydentävää ja ehkäisevää toimeentulotukea koskevat päätöstiedot perustoimeentulotuen käsittelyä varten',
        contentSv: 'Beslutsuppgifter om kompletterande och förebyggande utkomststöd för handläggningen av grundläggande utkomststöd',
        frequency: 'per_event',
        // Huoma produces it: the previous day's decisions, every morning (disclosures' regular-disclosures job)
        producer: 'kela_income_support_decisions',
      }),
      disclosure({
        task: 'child_welfare',
        fi: 'Terveyden ja hyvinvoinnin laitos (THL)',
        sv: 'Institutet för hälsa och välfärd (THL)',
        basisFi: 'Laki Terveyden ja hyvinvoinnin laitoksesta 668/2008 5 b §; lastensuojelulaki 417/2007 14 §',
        basisSv: 'Lagen om Institutet för hälsa och välfärd 668/2008 5 b §; barnskyddslagen 417/2007 14 §',
        contentFi: 'Lastensuojelun tilastotiedot (ilmoitukset, asiakkuudet, sijoitukset) valtakunnallista tilastoa varten',
        contentSv: 'Statistikuppgifter om barnskyddet (anmälningar, klientskap, placeringar) för den riksomfattande statistiken',
        frequency: 'yearly',
      }),
      disclosure({
        task: 'client_fees',
        fi: 'Ulosottolaitos',
        sv: 'Utsökningsverket',
        basisFi: 'Ulosottokaari 705/2007 3 luku 64 §',
        basisSv: 'Utsökningsbalken 705/2007 3 kap. 64 §',
        contentFi: 'Erääntyneiden asiakasmaksujen velallisen tunniste- ja saatavatiedot ulosottoa varten',
        contentSv: 'Identifierings- och fordringsuppgifter om gäldenären av förfallna klientavgifter för utsökning',
        frequency: 'on_request',
      }),
    ])
    .execute()
  await trx
    .insertInto('paper_record_location')
    .values([
      {
        service_task: 'child_welfare',
        unit_id: opts.unitId('LAPS'),
        place: 'Sosiaalitoimiston lukittu arkisto, Kauppakatu 1, kellari, huone B12',
        content: 'Lastensuojelun paperiset asiakirjat ennen sähköiseen järjestelmään siirtymistä',
        period: '1985–2015',
        responsible: 'Lastensuojelun johtava sosiaalityöntekijä',
        created_by: opts.mainUserId,
      },
      {
        service_task: 'adult_social_work',
        unit_id: opts.unitId('AIKU'),
        place: 'Kaupungintalon päätearkisto, 2. krs',
        content: 'Aikuissosiaalityön ja toimeentulotuen paperiset asiakirjat',
        period: '1990–2012',
        responsible: 'Arkistonhoitaja',
        created_by: opts.mainUserId,
      },
    ])
    .execute()
  const version = await publishCommitment(trx, DEMO_COMMITMENT, opts.mainUserId)
  await trx
    .insertInto('user_commitment_acceptance')
    .values(opts.userIds.map((userId) => ({ user_id: userId, version })))
    .execute()
}
