import pino, { type DestinationStream, type Logger } from 'pino'

/**
 * Anything that looks like a henkilötunnus (any century sign, any case), wherever it appears in a log line:
 * messages, URLs, query strings, error texts, serialized objects. Deliberately broader than validity — a
 * mistyped code is personal data too.
 */
const HETU_LIKE = /(?<![0-9A-Za-z])[0-3][0-9][01][0-9]{3}(?:[-+A-FU-Ya-fu-y]|%2[Bb])[0-9]{3}[0-9A-Ya-y](?![0-9A-Za-z])/g

export function maskHetu(line: string): string {
  return line.replace(HETU_LIKE, '[hetu]')
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
