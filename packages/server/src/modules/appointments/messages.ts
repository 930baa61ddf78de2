import { defineFieldMessages } from '../../http/problem'

/** Field messages of appointments (ajanvaraus), codes `appointments.*`. */
export const fieldMessages = defineFieldMessages({
  fi: {
    'appointments.time.invalid': 'Aikaa ei ole olemassa (esimerkiksi päivää ei ole kalenterissa).',
    'appointments.end.beforeStart': 'Päättymisajan pitää olla alkamisajan jälkeen.',
    'appointments.end.tooLong': 'Varaus voi kestää enintään {hours} tuntia.',
    'appointments.start.past': 'Aikaa ei voi varata menneisyyteen.',
    'appointments.worker.unknown': 'Valitulla työntekijällä ei ole voimassa olevaa oikeutta tähän palvelutehtävään.',
    'appointments.overlap': 'Työntekijällä on jo varaus tähän aikaan. Valitse toinen aika.',
    'appointments.range.invalid': 'Aikavälin loppu ei voi olla ennen alkua.',
    'appointments.range.tooLong': 'Kalenteria voi hakea enintään {days} päivältä kerrallaan.',
  },
  sv: {
    'appointments.time.invalid': 'Tiden finns inte (till exempel finns dagen inte i kalendern).',
    'appointments.end.beforeStart': 'Sluttiden måste vara efter starttiden.',
    'appointments.end.tooLong': 'En bokning kan vara högst {hours} timmar.',
    'appointments.start.past': 'En tid kan inte bokas i det förflutna.',
    'appointments.worker.unknown': 'Den valda arbetstagaren har ingen giltig behörighet för denna serviceuppgift.',
    'appointments.overlap': 'Arbetstagaren har redan en bokning vid denna tid. Välj en annan tid.',
    'appointments.range.invalid': 'Periodens slut kan inte vara före dess början.',
    'appointments.range.tooLong': 'Kalendern kan hämtas för högst {days} dagar åt gången.',
  },
  en: {
    'appointments.time.invalid': 'The time does not exist (for example the day is not in the calendar).',
    'appointments.end.beforeStart': 'The end must be after the start.',
    'appointments.end.tooLong': 'An appointment can last at most {hours} hours.',
    'appointments.start.past': 'An appointment cannot be booked in the past.',
    'appointments.worker.unknown': 'The chosen worker has no valid right to this service task.',
    'appointments.overlap': 'The worker already has an appointment at this time. Choose another time.',
    'appointments.range.invalid': 'The end of the range cannot be before its start.',
    'appointments.range.tooLong': 'The calendar can be fetched for at most {days} days at a time.',
  },
})
