import { defineFieldMessages } from '../http/problem'

/** Letters and digits a stated reason needs at the least (break the glass, a report older than two years). */
export const REASON_MIN_CHARS = 10

/**
 * Whether a free-text reason says something: at least {@link REASON_MIN_CHARS} letters or digits (spaces and
 * punctuation do not count) and not one character repeated ("aaaaaaaaaa", "..........", "1111111111").
 */
export function isMeaningfulReason(text: string | undefined): boolean {
  const chars = [...(text ?? '').normalize('NFC').toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c))
  return chars.length >= REASON_MIN_CHARS && new Set(chars).size >= 4
}

/** Field messages (codes used by break the glass and the data protection officer's tools). */
export const reasonMessages = defineFieldMessages({
  fi: {
    'reason.tooShort': 'Kirjoita syy omin sanoin: vähintään {limit} kirjainta tai numeroa.',
    'breakGlass.serviceTask': 'Valitse palvelutehtävä, johon sinulla on käyttöoikeus.',
    'privacy.reasonRequired':
      'Yli kahden vuoden takaisista tapahtumista selvitys annetaan vain erityisestä syystä: kirjoita syy (vähintään {limit} kirjainta tai numeroa).',
    'privacy.period': 'Alkupäivä ei voi olla loppupäivän jälkeen.',
    'privacy.future': 'Päivä ei voi olla tulevaisuudessa.',
    'privacy.noteRequired': 'Kirjoita arvion perustelu.',
    'privacy.findTooShort': 'Anna henkilötunnus, asiakkaan tunniste tai vähintään kolme kirjainta nimestä.',
    'privacy.alreadyReviewed': 'Tämä tapahtuma on jo arvioitu.',
  },
  sv: {
    'reason.tooShort': 'Skriv orsaken med egna ord: minst {limit} bokstäver eller siffror.',
    'breakGlass.serviceTask': 'Välj en tjänsteuppgift som du har behörighet till.',
    'privacy.reasonRequired':
      'För händelser som är äldre än två år ges en redogörelse endast av särskilt skäl: skriv skälet (minst {limit} bokstäver eller siffror).',
    'privacy.period': 'Startdagen kan inte vara efter slutdagen.',
    'privacy.future': 'Dagen kan inte ligga i framtiden.',
    'privacy.noteRequired': 'Skriv en motivering till bedömningen.',
    'privacy.findTooShort': 'Ange en personbeteckning, klientens identifierare eller minst tre bokstäver av namnet.',
    'privacy.alreadyReviewed': 'Den här händelsen har redan bedömts.',
  },
  en: {
    'reason.tooShort': 'State the reason in your own words: at least {limit} letters or digits.',
    'breakGlass.serviceTask': 'Choose a service task you hold a grant for.',
    'privacy.reasonRequired':
      'Events older than two years are reported only for a special reason: state the reason (at least {limit} letters or digits).',
    'privacy.period': 'The start date cannot be after the end date.',
    'privacy.future': 'The date cannot be in the future.',
    'privacy.noteRequired': 'Write the grounds for the verdict.',
    'privacy.findTooShort': 'Give a personal identity code, the client\'s id or at least three letters of the name.',
    'privacy.alreadyReviewed': 'This access has already been reviewed.',
  },
})
