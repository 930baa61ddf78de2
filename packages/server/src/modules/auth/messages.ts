import type { Lang } from '../../http/language'
import { defineFieldMessages } from '../../http/problem'

/** Field messages of sign-in, the second factor and the password policy (codes `password.*`, `mfa.*`). */
const fieldFi = {
  'password.tooShort': 'Salasanassa pitää olla vähintään {min} merkkiä.',
  'password.sameAsUsername': 'Salasana ei saa olla käyttäjätunnuksesi eikä sisältää sitä.',
  'password.common':
    'Salasana on liian yleinen tai helposti arvattava. Valitse pidempi ja harvinaisempi salasana, esimerkiksi usean sanan lause.',
  'password.sameAsCurrent': 'Uuden salasanan pitää olla eri kuin nykyinen.',
  'password.incorrect': 'Salasana on väärä.',
  'password.reused': 'Et voi ottaa uudelleen käyttöön salasanaa, jota olet käyttänyt {count} edellisen salasanan joukossa. Valitse uusi salasana.',
  'mfa.invalidCode': 'Koodi ei kelpaa. Tarkista koodi todennussovelluksesta ja yritä uudelleen.',
  'mfa.invalidRecoveryCode': 'Varakoodi ei kelpaa tai se on jo käytetty.',
}
type FieldCode = keyof typeof fieldFi

export const fieldMessages = defineFieldMessages({
  fi: fieldFi,
  sv: {
    'password.tooShort': 'Lösenordet ska ha minst {min} tecken.',
    'password.sameAsUsername': 'Lösenordet får inte vara eller innehålla ditt användarnamn.',
    'password.common':
      'Lösenordet är för vanligt eller lätt att gissa. Välj ett längre och ovanligare lösenord, till exempel en mening av flera ord.',
    'password.sameAsCurrent': 'Det nya lösenordet ska skilja sig från det nuvarande.',
    'password.incorrect': 'Lösenordet är fel.',
    'password.reused': 'Du kan inte ta i bruk ett lösenord som finns bland dina {count} senaste lösenord. Välj ett nytt lösenord.',
    'mfa.invalidCode': 'Koden godkändes inte. Kontrollera koden i autentiseringsappen och försök igen.',
    'mfa.invalidRecoveryCode': 'Reservkoden godkändes inte eller har redan använts.',
  } satisfies Record<FieldCode, string>,
  en: {
    'password.tooShort': 'The password must have at least {min} characters.',
    'password.sameAsUsername': 'The password must not be or contain your username.',
    'password.common':
      'The password is too common or easy to guess. Choose a longer, less common one, for example a sentence of several words.',
    'password.sameAsCurrent': 'The new password must differ from the current one.',
    'password.incorrect': 'The password is wrong.',
    'password.reused': 'You cannot reuse a password from among your last {count} passwords. Choose a new one.',
    'mfa.invalidCode': 'The code was not accepted. Check the code in your authenticator app and try again.',
    'mfa.invalidRecoveryCode': 'The recovery code was not accepted or has already been used.',
  } satisfies Record<FieldCode, string>,
})

/** Problem details of the auth module, per language. */
const detailFi = {
  invalidCredentials: 'Käyttäjätunnus tai salasana on väärä.',
  accountLocked:
    'Tili on lukittu toistuvien virheellisten yritysten vuoksi. Lukitus päättyy enintään {minutes} minuutissa; kiireellisessä tapauksessa ota yhteyttä pääkäyttäjään.',
  mfaExpired: 'Kirjautuminen kesti liian kauan. Kirjaudu uudelleen.',
  mfaNotPending: 'Tämä istunto ei odota toista tunnistautumisvaihetta.',
  finishSignIn: 'Viimeistele ensin kirjautuminen toisella tunnistautumisvaiheella.',
  passwordChangeRequired: 'Salasanasi on vanhentunut. Vaihda salasana ennen kuin jatkat.',
  totpAlreadyEnabled:
    'Kaksivaiheinen tunnistautuminen on jo käytössä. Jos haluat siirtää sen uuteen laitteeseen, poista se ensin käytöstä.',
  totpNotEnabled: 'Kaksivaiheinen tunnistautuminen ei ole käytössä.',
  noEnrolment: 'Käyttöönottoa ei ole aloitettu tai se on jo päättynyt. Aloita alusta.',
  totpUnavailable:
    'Todennussovelluksen koodia ei voida nyt tarkistaa palvelimen avainasetusten vuoksi. Käytä varakoodia ja kerro asiasta pääkäyttäjälle.',
}
type DetailKey = keyof typeof detailFi

const details: Record<Lang, Record<DetailKey, string>> = {
  fi: detailFi,
  sv: {
    invalidCredentials: 'Användarnamnet eller lösenordet är fel.',
    accountLocked:
      'Kontot är låst på grund av upprepade felaktiga försök. Låsningen upphör inom högst {minutes} minuter; i brådskande fall kontakta huvudanvändaren.',
    mfaExpired: 'Inloggningen tog för lång tid. Logga in på nytt.',
    mfaNotPending: 'Den här sessionen väntar inte på ett andra verifieringssteg.',
    finishSignIn: 'Slutför först inloggningen med det andra verifieringssteget.',
    passwordChangeRequired: 'Ditt lösenord har gått ut. Byt lösenord innan du fortsätter.',
    totpAlreadyEnabled:
      'Tvåstegsverifiering används redan. Om du vill flytta den till en ny enhet ska du först stänga av den.',
    totpNotEnabled: 'Tvåstegsverifiering används inte.',
    noEnrolment: 'Ibruktagandet har inte påbörjats eller har redan avslutats. Börja om från början.',
    totpUnavailable:
      'Koden från autentiseringsappen kan inte kontrolleras just nu på grund av serverns nyckelinställningar. Använd en reservkod och meddela huvudanvändaren.',
  },
  en: {
    invalidCredentials: 'The username or password is wrong.',
    accountLocked:
      'The account is locked after repeated failed attempts. The lock ends within {minutes} minutes; if it is urgent, contact the main user.',
    mfaExpired: 'Signing in took too long. Please sign in again.',
    mfaNotPending: 'This session is not waiting for a second verification step.',
    finishSignIn: 'Finish signing in with the second verification step first.',
    passwordChangeRequired: 'Your password has expired. Change it before you continue.',
    totpAlreadyEnabled:
      'Two-step verification is already on. To move it to a new device, turn it off first.',
    totpNotEnabled: 'Two-step verification is not on.',
    noEnrolment: 'No set-up has been started, or it has already ended. Please start again.',
    totpUnavailable:
      'Codes from the authenticator app cannot be checked now because of the server’s key settings. Use a recovery code and tell the main user.',
  },
}

/** A translated problem detail for HttpProblem's `detail` option. */
export function detail(key: DetailKey, params: Record<string, string | number> = {}): (lang: Lang) => string {
  return (lang) => details[lang][key].replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? `{${n}}`))
}
