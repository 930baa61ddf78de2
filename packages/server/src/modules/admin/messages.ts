import type { Lang } from '../../http/language'
import { defineFieldMessages, HttpProblem } from '../../http/problem'

/**
 * Field messages of user administration (codes `admin.*`), in the three languages. Finnish is the source; the
 * others are typed from it, so a missing translation fails the type check.
 */
const fieldFi = {
  'admin.username.format':
    'Käyttäjätunnuksessa saa olla vain kirjaimia a–z, numeroita sekä merkkejä . _ - ja sen pitää alkaa kirjaimella tai numerolla.',
  'admin.username.taken': 'Käyttäjätunnus on jo käytössä. Valitse toinen tunnus.',
  'admin.password.tooShort': 'Salasanassa pitää olla vähintään {limit} merkkiä.',
  'admin.password.containsUsername': 'Salasana ei saa sisältää käyttäjätunnusta.',
  'admin.password.common': 'Salasana on liian yleinen tai helposti arvattava. Valitse pidempi ja harvinaisempi salasana tai jätä kenttä tyhjäksi, jolloin Huoma luo kertakäyttöisen salasanan.',
  'admin.grant.roleUnknown': 'Roolia ei ole olemassa.',
  'admin.grant.unitUnknown': 'Yksikköä ei ole olemassa tai se on lakkautettu.',
  'admin.grant.serviceTaskUnknown': 'Palvelutehtävää {code} ei ole olemassa.',
  'admin.grant.serviceTasksRequired': 'Valitse vähintään yksi palvelutehtävä: tällä roolilla käsitellään asiakastietoja.',
  'admin.grant.serviceTasksNotAllowed': 'Tällä roolilla ei nähdä asiakastietoja, joten sille ei valita palvelutehtäviä.',
  'admin.grant.fromPast': 'Alkamispäivä ei voi olla mennyt päivä.',
  'admin.grant.untilBeforeFrom': 'Päättymispäivä ei voi olla ennen alkamispäivää.',
  'admin.grant.substituteUntilRequired': 'Sijaisen käyttöoikeudelle pitää antaa päättymispäivä.',
  'admin.grantRequest.userUnknown': 'Käyttäjää ei löydy tai hänen tunnuksensa on poistettu käytöstä.',
  'admin.grant.needsRequest':
    'Tämä rooli näkee asiakastietoja, joten sen myöntää kaksi henkilöä: lähetä pyyntö, ja toinen pääkäyttäjä hyväksyy sen.',
  'admin.grant.mainUserNoClientContent':
    'Pääkäyttäjälle ei myönnetä asiakastietoja näkevää roolia. Käyttäjien hallinta ja asiakastyö pidetään eri henkilöillä.',
  'admin.grant.clientContentNoMainUser':
    'Käyttäjällä on asiakastietoja näkevä rooli, joten hänestä ei tehdä pääkäyttäjää. Päätä ensin asiakastyön oikeudet.',
  'admin.grantRequest.self': 'Et voi pyytää käyttöoikeutta itsellesi. Pyydä sitä esihenkilöltäsi tai toiselta pääkäyttäjältä.',
  'admin.grantRequest.accountCreator':
    'Loit tämän käyttäjätunnuksen itse, joten et voi pyytää sille asiakastietoja näkevää oikeutta. Pyynnön tekee esihenkilö, ja sen hyväksyy toinen pääkäyttäjä.',
}

type FieldDictionary = Record<keyof typeof fieldFi, string>

const fieldSv: FieldDictionary = {
  'admin.username.format':
    'Användarnamnet får bara innehålla bokstäverna a–z, siffror och tecknen . _ - och ska börja med en bokstav eller siffra.',
  'admin.username.taken': 'Användarnamnet är redan i bruk. Välj ett annat.',
  'admin.password.tooShort': 'Lösenordet ska ha minst {limit} tecken.',
  'admin.password.containsUsername': 'Lösenordet får inte innehålla användarnamnet.',
  'admin.password.common': 'Lösenordet är för vanligt eller lätt att gissa. Välj ett längre och ovanligare lösenord eller lämna fältet tomt, så skapar Huoma ett engångslösenord.',
  'admin.grant.roleUnknown': 'Rollen finns inte.',
  'admin.grant.unitUnknown': 'Enheten finns inte eller har lagts ned.',
  'admin.grant.serviceTaskUnknown': 'Serviceuppgiften {code} finns inte.',
  'admin.grant.serviceTasksRequired': 'Välj minst en serviceuppgift: med den här rollen behandlas klientuppgifter.',
  'admin.grant.serviceTasksNotAllowed': 'Den här rollen ser inga klientuppgifter, så inga serviceuppgifter väljs för den.',
  'admin.grant.fromPast': 'Startdatumet kan inte ligga i det förflutna.',
  'admin.grant.untilBeforeFrom': 'Slutdatumet kan inte vara före startdatumet.',
  'admin.grant.substituteUntilRequired': 'En vikaries behörighet ska ha ett slutdatum.',
  'admin.grantRequest.userUnknown': 'Användaren hittas inte eller användarkontot har inaktiverats.',
  'admin.grant.needsRequest':
    'Den här rollen ser klientuppgifter, så den beviljas av två personer: skicka en begäran, så godkänner en annan huvudanvändare den.',
  'admin.grant.mainUserNoClientContent':
    'En huvudanvändare får ingen roll som ser klientuppgifter. Användarhantering och klientarbete hålls hos olika personer.',
  'admin.grant.clientContentNoMainUser':
    'Användaren har en roll som ser klientuppgifter och görs därför inte till huvudanvändare. Avsluta först behörigheterna för klientarbete.',
  'admin.grantRequest.self': 'Du kan inte begära behörighet åt dig själv. Be din förman eller en annan huvudanvändare om den.',
  'admin.grantRequest.accountCreator':
    'Du skapade själv det här användarkontot och kan därför inte begära en behörighet som ser klientuppgifter åt det. Förmannen begär den och en annan huvudanvändare godkänner.',
}

const fieldEn: FieldDictionary = {
  'admin.username.format':
    'The username may contain only the letters a–z, digits and the characters . _ - and must start with a letter or digit.',
  'admin.username.taken': 'This username is already taken. Choose another.',
  'admin.password.tooShort': 'The password must have at least {limit} characters.',
  'admin.password.containsUsername': 'The password must not contain the username.',
  'admin.password.common': 'The password is too common or easy to guess. Choose a longer, less common one, or leave the field empty and Huoma makes a one-time password.',
  'admin.grant.roleUnknown': 'There is no such role.',
  'admin.grant.unitUnknown': 'There is no such unit, or it has been closed.',
  'admin.grant.serviceTaskUnknown': 'There is no service task {code}.',
  'admin.grant.serviceTasksRequired': 'Choose at least one service task: this role processes client data.',
  'admin.grant.serviceTasksNotAllowed': 'This role never sees client data, so it takes no service tasks.',
  'admin.grant.fromPast': 'The start date cannot be in the past.',
  'admin.grant.untilBeforeFrom': 'The end date cannot be before the start date.',
  'admin.grant.substituteUntilRequired': 'A substitute’s right must have an end date.',
  'admin.grantRequest.userUnknown': 'The user was not found, or the account has been deactivated.',
  'admin.grant.needsRequest':
    'This role sees client data, so two people grant it: send a request, and another main user approves it.',
  'admin.grant.mainUserNoClientContent':
    'A main user is not given a role that sees client data. Administering users and client work stay in different hands.',
  'admin.grant.clientContentNoMainUser':
    'The user holds a role that sees client data, so they are not made a main user. End the client-work rights first.',
  'admin.grantRequest.self': 'You cannot request a right for yourself. Ask your supervisor or another main user.',
  'admin.grantRequest.accountCreator':
    'You created this account yourself, so you cannot request a right that sees client data for it. A supervisor requests it and another main user approves.',
}

export const fieldMessages = defineFieldMessages({ fi: fieldFi, sv: fieldSv, en: fieldEn })

export type AdminFieldCode = keyof typeof fieldFi

/** Details of refusals (409, 403) that are not about one field. */
const detailFi = {
  staleVersion:
    'Käyttäjän tietoja on muutettu sillä välin, kun katselit niitä. Lataa tiedot uudelleen ja tee muutos sen jälkeen.',
  userInactive: 'Käyttäjätunnus on poistettu käytöstä. Ota tunnus ensin uudelleen käyttöön.',
  alreadyInactive: 'Käyttäjätunnus on jo poistettu käytöstä.',
  alreadyActive: 'Käyttäjätunnus on jo käytössä.',
  selfDeactivation: 'Et voi poistaa omaa käyttäjätunnustasi käytöstä. Pyydä sitä toiselta pääkäyttäjältä.',
  lastMainUser:
    'Tämä on viimeinen voimassa oleva pääkäyttäjän oikeus. Myönnä pääkäyttäjän oikeus ensin toiselle henkilölle, jotta käyttäjiä voidaan edelleen hallita.',
  grantNotInForce: 'Käyttöoikeus on jo päättynyt.',
  requestDecided: 'Pyyntö on jo käsitelty.',
  requestLapsed: 'Pyydetty voimassaoloaika on jo päättynyt. Hylkää pyyntö; esihenkilö voi tehdä uuden.',
  selfChange: 'Et voi myöntää itsellesi käyttöoikeuksia etkä nollata omaa tunnistustekijääsi. Pyydä sitä toiselta pääkäyttäjältä.',
  notSupervisorOfUnit: 'Voit pyytää käyttöoikeuksia vain yksiköihin, joissa toimit itse esihenkilönä.',
  ownRequest: 'Teit tämän pyynnön itse. Asiakastietoja näkevän oikeuden hyväksyy toinen pääkäyttäjä.',
  accountCreator: 'Loit tämän käyttäjätunnuksen itse, joten et voi myöntää sille asiakastietoja näkevää oikeutta. Toinen pääkäyttäjä käsittelee pyynnön.',
  mainUserNoClientContent: 'Käyttäjä on pääkäyttäjä, eikä pääkäyttäjälle myönnetä asiakastietoja näkevää roolia.',
  clientContentNoMainUser: 'Käyttäjällä on asiakastietoja näkevä rooli, joten hänestä ei tehdä pääkäyttäjää.',
  separation: 'Oikeutta ei voitu myöntää: asiakastietoja näkevän oikeuden myöntää kaksi eri henkilöä, eikä kumpikaan saa olla oikeuden saaja tai tunnuksen luoja. Lataa tiedot uudelleen.',
}

type DetailDictionary = Record<keyof typeof detailFi, string>

const detailSv: DetailDictionary = {
  staleVersion:
    'Användarens uppgifter har ändrats medan du tittade på dem. Ladda uppgifterna på nytt och gör ändringen därefter.',
  userInactive: 'Användarkontot har inaktiverats. Aktivera kontot igen först.',
  alreadyInactive: 'Användarkontot är redan inaktiverat.',
  alreadyActive: 'Användarkontot är redan aktivt.',
  selfDeactivation: 'Du kan inte inaktivera ditt eget användarkonto. Be en annan huvudanvändare om det.',
  lastMainUser:
    'Det här är den sista gällande huvudanvändarbehörigheten. Bevilja först huvudanvändarbehörighet åt en annan person så att användarna fortfarande kan hanteras.',
  grantNotInForce: 'Behörigheten har redan upphört.',
  requestDecided: 'Begäran har redan behandlats.',
  requestLapsed: 'Den begärda giltighetstiden har redan gått ut. Avslå begäran; förmannen kan göra en ny.',
  selfChange: 'Du kan inte bevilja dig själv behörigheter eller återställa din egen andra faktor. Be en annan huvudanvändare om det.',
  notSupervisorOfUnit: 'Du kan begära behörigheter bara till enheter där du själv är förman.',
  ownRequest: 'Du gjorde själv den här begäran. En behörighet som ser klientuppgifter godkänns av en annan huvudanvändare.',
  accountCreator: 'Du skapade själv det här användarkontot och kan därför inte bevilja det en behörighet som ser klientuppgifter. En annan huvudanvändare behandlar begäran.',
  mainUserNoClientContent: 'Användaren är huvudanvändare, och en huvudanvändare får ingen roll som ser klientuppgifter.',
  clientContentNoMainUser: 'Användaren har en roll som ser klientuppgifter och görs därför inte till huvudanvändare.',
  separation: 'Behörigheten kunde inte beviljas: en behörighet som ser klientuppgifter beviljas av två olika personer, av vilka ingen får vara mottagaren eller den som skapade kontot. Ladda uppgifterna på nytt.',
}

const detailEn: DetailDictionary = {
  staleVersion: 'Someone changed this user while you were looking at it. Reload the user and make your change again.',
  userInactive: 'The account has been deactivated. Reactivate it first.',
  alreadyInactive: 'The account is already deactivated.',
  alreadyActive: 'The account is already active.',
  selfDeactivation: 'You cannot deactivate your own account. Ask another main user to do it.',
  lastMainUser:
    'This is the last main-user right in force. Grant the main-user role to someone else first, so that users can still be managed.',
  grantNotInForce: 'The right has already ended.',
  requestDecided: 'The request has already been decided.',
  requestLapsed: 'The requested period has already passed. Refuse the request; the supervisor can file a new one.',
  selfChange: 'You cannot grant rights to yourself or reset your own second factor. Ask another main user.',
  notSupervisorOfUnit: 'You can request rights only in units where you are a supervisor yourself.',
  ownRequest: 'You filed this request yourself. Another main user approves a right that sees client data.',
  accountCreator: 'You created this account yourself, so you cannot grant it a right that sees client data. Another main user decides the request.',
  mainUserNoClientContent: 'The user is a main user, and a main user is not given a role that sees client data.',
  clientContentNoMainUser: 'The user holds a role that sees client data, so they are not made a main user.',
  separation: 'The right could not be granted: two different people grant a right that sees client data, neither of them the grantee or the account\'s creator. Reload and look again.',
}

const details: Record<Lang, DetailDictionary> = { fi: detailFi, sv: detailSv, en: detailEn }

export type AdminDetail = keyof typeof detailFi

export function adminDetail(key: AdminDetail): (lang: Lang) => string {
  return (lang) => details[lang][key]
}

/** 409 with the detail in the request's language and a problem type named after the key. */
export const adminConflict = (key: AdminDetail) =>
  new HttpProblem(409, 'conflict', { detail: adminDetail(key), type: `https://huoma.fi/problems/${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` })
