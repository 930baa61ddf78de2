import { defineFieldMessages } from '../../http/problem'

/** Field messages of the journal (asiakaskertomus), codes `journal.*`. */
export const fieldMessages = defineFieldMessages({
  fi: {
    'journal.eventDate.future': 'Tapahtumapäivä ei voi olla tulevaisuudessa.',
    'journal.text.blank': 'Kirjoita merkinnän teksti.',
    'journal.participants.unknown': 'Osallistujaksi valittua työntekijää ei löydy.',
    'journal.participants.blank': 'Muun osallistujan nimi tai kuvaus ei voi olla tyhjä.',
    'journal.reason.required': 'Kirjoita korjauksen syy (vähintään {min} kirjainta tai numeroa).',
    'journal.correct.draft': 'Luonnosta ei korjata: muokkaa sitä ja allekirjoita se.',
  },
  sv: {
    'journal.eventDate.future': 'Händelsedatumet kan inte vara i framtiden.',
    'journal.text.blank': 'Skriv anteckningens text.',
    'journal.participants.unknown': 'Den valda arbetstagaren som deltagare hittades inte.',
    'journal.participants.blank': 'En annan deltagares namn eller beskrivning kan inte vara tom.',
    'journal.reason.required': 'Skriv orsaken till rättelsen (minst {min} bokstäver eller siffror).',
    'journal.correct.draft': 'Ett utkast rättas inte: redigera det och underteckna det.',
  },
  en: {
    'journal.eventDate.future': 'The date of the event cannot be in the future.',
    'journal.text.blank': 'Write the text of the entry.',
    'journal.participants.unknown': 'The staff member chosen as a participant does not exist.',
    'journal.participants.blank': 'The name or description of another participant cannot be empty.',
    'journal.reason.required': 'Give the reason for the correction (at least {min} letters or digits).',
    'journal.correct.draft': 'A draft is not corrected: edit it and sign it.',
  },
})
