import type { Lang } from '../../http/language'
import { defineFieldMessages } from '../../http/problem'

/**
 * Messages of the scheduled jobs' page (codes `jobs.*`), in the three languages. Finnish is the source; the others
 * are typed from it, so a missing translation fails the type check.
 */
export const fieldMessages = defineFieldMessages({
  fi: { 'jobs.name.unknown': 'Ajastettua tehtävää {name} ei ole.' },
  sv: { 'jobs.name.unknown': 'Det finns inget schemalagt jobb {name}.' },
  en: { 'jobs.name.unknown': 'There is no scheduled job {name}.' },
})

/** Details of refusals that are not about one field. */
const detailFi = {
  running: 'Tehtävä on juuri nyt käynnissä. Odota, että se päättyy, ja käynnistä se sitten uudelleen, jos tarpeen.',
  stopping: 'Palvelin on sammumassa, joten se ei käynnistä uusia tehtäviä. Yritä hetken kuluttua uudelleen.',
}

type DetailDictionary = Record<keyof typeof detailFi, string>

const detailSv: DetailDictionary = {
  running: 'Jobbet körs just nu. Vänta tills det är klart och starta det sedan på nytt vid behov.',
  stopping: 'Servern håller på att stängas av och startar inga nya jobb. Försök igen om en stund.',
}

const detailEn: DetailDictionary = {
  running: 'The job is running right now. Wait for it to end, then run it again if needed.',
  stopping: 'The server is shutting down and starts no new jobs. Try again in a moment.',
}

const details: Record<Lang, DetailDictionary> = { fi: detailFi, sv: detailSv, en: detailEn }

export type JobsDetail = keyof typeof detailFi

export function jobsDetail(key: JobsDetail): (lang: Lang) => string {
  return (lang) => details[lang][key]
}
