import type { Lang } from './language'

/**
 * Server-side texts that reach users: problem titles and field-level validation messages. Finnish is the source;
 * the other languages must have exactly the same keys (checked by the type).
 */
const fi = {
  title: {
    badRequest: 'Virheellinen pyyntö',
    validation: 'Tiedoissa on virheitä',
    unauthorized: 'Kirjautuminen vaaditaan',
    forbidden: 'Ei käyttöoikeutta',
    notFound: 'Ei löytynyt',
    conflict: 'Tiedot ovat muuttuneet',
    tooLarge: 'Pyyntö on liian suuri',
    unsupportedMediaType: 'Tietomuotoa ei tueta',
    tooManyRequests: 'Liian monta pyyntöä',
    internal: 'Palvelussa tapahtui virhe',
    unavailable: 'Palvelu ei ole käytettävissä',
    gone: 'Asiakkaan tiedot on hävitetty',
  },
  detail: {
    malformedJson: 'Pyynnön JSON-sisältö on virheellinen.',
    emptyJson: 'Pyynnön sisältö puuttuu.',
    routeNotFound: 'Osoitetta {path} ei ole.',
    badUrl: 'Pyynnön osoite on virheellinen tai liian pitkä.',
    tooLarge: 'Pyynnön enimmäiskoko on {size} ({limit} tavua).',
    unsupportedMediaType: 'Sisältötyyppiä {type} ei tueta.',
    internal: 'Yritä hetken kuluttua uudelleen. Jos virhe toistuu, kerro pääkäyttäjälle tunniste {requestId}.',
    tooManyRequests: 'Odota hetki ja yritä uudelleen.',
  },
  field: {
    required: 'Pakollinen tieto puuttuu.',
    type: 'Arvon pitää olla tyyppiä {type}.',
    minLength: 'Vähintään {limit} merkkiä.',
    maxLength: 'Enintään {limit} merkkiä.',
    minimum: 'Arvon pitää olla vähintään {limit}.',
    maximum: 'Arvon pitää olla enintään {limit}.',
    format: 'Virheellinen muoto ({format}).',
    pattern: 'Virheellinen muoto.',
    enum: 'Arvo ei ole sallittu.',
    additionalProperties: 'Tuntematon kenttä {property}.',
    minItems: 'Vähintään {limit} kohdetta.',
    maxItems: 'Enintään {limit} kohdetta.',
    invalid: 'Virheellinen arvo.',
    controlCharacters: 'Teksti sisältää ohjausmerkin (esim. NUL), jota ei voi tallentaa. Poista se ja yritä uudelleen.',
  },
}

type Dictionary = { [G in keyof typeof fi]: { [K in keyof (typeof fi)[G]]: string } }

const sv: Dictionary = {
  title: {
    badRequest: 'Felaktig begäran',
    validation: 'Uppgifterna innehåller fel',
    unauthorized: 'Inloggning krävs',
    forbidden: 'Ingen behörighet',
    notFound: 'Hittades inte',
    conflict: 'Uppgifterna har ändrats',
    tooLarge: 'Begäran är för stor',
    unsupportedMediaType: 'Dataformatet stöds inte',
    tooManyRequests: 'För många begäranden',
    internal: 'Ett fel inträffade i tjänsten',
    unavailable: 'Tjänsten är inte tillgänglig',
    gone: 'Klientens uppgifter har förstörts',
  },
  detail: {
    malformedJson: 'Begärans JSON-innehåll är felaktigt.',
    emptyJson: 'Begärans innehåll saknas.',
    routeNotFound: 'Adressen {path} finns inte.',
    badUrl: 'Begärans adress är felaktig eller för lång.',
    tooLarge: 'Begärans maximala storlek är {size} ({limit} byte).',
    unsupportedMediaType: 'Innehållstypen {type} stöds inte.',
    internal: 'Försök igen om en stund. Om felet upprepas, meddela huvudanvändaren koden {requestId}.',
    tooManyRequests: 'Vänta en stund och försök igen.',
  },
  field: {
    required: 'Obligatorisk uppgift saknas.',
    type: 'Värdet ska vara av typen {type}.',
    minLength: 'Minst {limit} tecken.',
    maxLength: 'Högst {limit} tecken.',
    minimum: 'Värdet ska vara minst {limit}.',
    maximum: 'Värdet ska vara högst {limit}.',
    format: 'Felaktigt format ({format}).',
    pattern: 'Felaktigt format.',
    enum: 'Värdet är inte tillåtet.',
    additionalProperties: 'Okänt fält {property}.',
    minItems: 'Minst {limit} poster.',
    maxItems: 'Högst {limit} poster.',
    invalid: 'Felaktigt värde.',
    controlCharacters: 'Texten innehåller ett styrtecken (t.ex. NUL) som inte kan sparas. Ta bort det och försök igen.',
  },
}

const en: Dictionary = {
  title: {
    badRequest: 'Bad request',
    validation: 'The data has errors',
    unauthorized: 'Sign-in required',
    forbidden: 'Not permitted',
    notFound: 'Not found',
    conflict: 'The data has changed',
    tooLarge: 'Request too large',
    unsupportedMediaType: 'Unsupported media type',
    tooManyRequests: 'Too many requests',
    internal: 'The service had an error',
    unavailable: 'Service unavailable',
    gone: 'The client\'s records have been destroyed',
  },
  detail: {
    malformedJson: 'The request body is not valid JSON.',
    emptyJson: 'The request body is missing.',
    routeNotFound: 'There is no {path}.',
    badUrl: 'The address of the request is malformed or too long.',
    tooLarge: 'The largest accepted request is {size} ({limit} bytes).',
    unsupportedMediaType: 'Content type {type} is not supported.',
    internal: 'Try again in a moment. If it keeps happening, give the main user the code {requestId}.',
    tooManyRequests: 'Wait a moment and try again.',
  },
  field: {
    required: 'Required.',
    type: 'Must be of type {type}.',
    minLength: 'At least {limit} characters.',
    maxLength: 'At most {limit} characters.',
    minimum: 'Must be at least {limit}.',
    maximum: 'Must be at most {limit}.',
    format: 'Invalid format ({format}).',
    pattern: 'Invalid format.',
    enum: 'Value not allowed.',
    additionalProperties: 'Unknown field {property}.',
    minItems: 'At least {limit} items.',
    maxItems: 'At most {limit} items.',
    invalid: 'Invalid value.',
    controlCharacters: 'The text contains a control character (such as NUL) that cannot be saved. Remove it and try again.',
  },
}

export const messages: Record<Lang, Dictionary> = { fi, sv, en }
export type MessageGroup = keyof Dictionary

export function msg<G extends MessageGroup>(
  lang: Lang,
  group: G,
  key: keyof Dictionary[G],
  params: Record<string, string | number> = {},
): string {
  const template = messages[lang][group][key] as string
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
}
