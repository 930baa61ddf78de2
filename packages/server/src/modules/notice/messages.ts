import { defineFieldMessages } from '../../http/problem'

/** Field messages of the privacy notice's configuration, the informed record and the user commitment. */
export const fieldMessages = defineFieldMessages({
  fi: {
    'notice.unit': 'Toimintayksikköä ei löydy.',
    'notice.informedOn': 'Päivä ei voi olla tulevaisuudessa.',
    'notice.informedBy': 'Tiedon antajan pitää olla käyttäjä, jolla on voimassa oleva käyttöoikeus tähän palvelutehtävään.',
    'commitment.version': 'Käyttäjäsitoumus on muuttunut. Lue voimassa oleva versio ja hyväksy se.',
    'notice.producer.task': 'Tämä aineisto luovuttaa palvelutehtävän {task} tietoja: valitse se palvelutehtäväksi.',
    'notice.producer.taken': 'Tämä aineisto on jo toisen voimassa olevan säännönmukaisen luovutuksen: samoja tietoja ei luovuteta kahdesti.',
  },
  sv: {
    'notice.unit': 'Verksamhetsenheten finns inte.',
    'notice.informedOn': 'Dagen kan inte vara i framtiden.',
    'notice.informedBy': 'Den som informerade ska vara en användare med gällande behörighet till denna serviceuppgift.',
    'commitment.version': 'Användarförbindelsen har ändrats. Läs den gällande versionen och godkänn den.',
    'notice.producer.task': 'Detta material lämnar ut uppgifter ur serviceuppgiften {task}: välj den som serviceuppgift.',
    'notice.producer.taken': 'Detta material hör redan till ett annat gällande regelbundet utlämnande: samma uppgifter lämnas inte ut två gånger.',
  },
  en: {
    'notice.unit': 'The unit does not exist.',
    'notice.informedOn': 'The day cannot be in the future.',
    'notice.informedBy': 'The one who informed must be a user with a valid grant in this service task.',
    'commitment.version': 'The user commitment has changed. Read the version in force and accept it.',
    'notice.producer.task': 'This output discloses data of the service task {task}: choose it as the service task.',
    'notice.producer.taken': 'This output already belongs to another active regular disclosure: the same data is not disclosed twice.',
  },
})
