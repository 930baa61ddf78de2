import pino, { type DestinationStream, type Logger } from 'pino'

/**
 * Anything that looks like a henkilötunnus (any century sign, any case), wherever it appears in a log line:
 * messages, URLs, query strings, error texts, serialized objects. Deliberately broader than validity — a
 * mistyped code is personal data too: the sign written as itself or percent-encoded (`%2D`, `%2B`), typed as an en
 * dash, an em dash or a minus sign (as themselves or percent-encoded), or left out (ten characters in a row).
 */
const SEPARATOR = ['[-+A-FU-Ya-fu-y]', '%2[BbDd]', '[\u2013\u2014\u2212]', '%[Ee]2%80%9[34]', '%[Ee]2%88%92', ''].join('|')
const HETU_LIKE = new RegExp(`(?<![0-9A-Za-z])[0-3][0-9][01][0-9]{3}(?:${SEPARATOR})[0-9]{3}[0-9A-Ya-y](?![0-9A-Za-z])`, 'g')

/**
 * Search terms that identify a person, in a URL's query (`/api/persons?name=virtanen&hetu=…`, the officer's
 * searches): their values never reach the log, whatever they hold.
 */
const IDENTIFYING_QUERY = /([?&](?:name|hetu|q|firstNames|lastName|birthDate)=)[^&"\s]*/g

export function maskHetu(line: string): string {
  return line.replace(HETU_LIKE, '[hetu]').replace(IDENTIFYING_QUERY, '$1[masked]')
}

/**
 * The process logger. Masking happens on the final serialized line (pino's streamWrite hook), so no code path,
 * serializer or error message can write a henkilötunnus to the log.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'huoma' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: maskHetu },
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'password'], censor: '[redacted]' },
    },
    destination,
  )
}
