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

/**
 * Standard output for the JSON log, written in blocks: a request's line is buffered and written with others when 4 kB
 * have gathered or 250 ms have passed (one write a line cost a tenth of the server's CPU per request). Pino flushes
 * what is left when the process exits, on an error as well.
 */
export function bufferedStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 })
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }
/** Fields every line has, or that the readable line shows in its own place. */
const SHOWN = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname', 'reqId', 'err'])
/** Requests whose "incoming" line came but whose "completed" line has not: at most this many are remembered. */
const PENDING_MAX = 1000

const clock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })

/** A field's value on a readable line; a long list as its first and last item and its length. */
function field(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value
  if (Array.isArray(value) && value.length > 4) return `[${JSON.stringify(value[0])} … ${JSON.stringify(value.at(-1))}](${value.length})`
  return JSON.stringify(value)
}

/**
 * One JSON log line (already masked) as a line for people: `10:05:03 INFO  GET /api/persons 200 12 ms` for a
 * request (Helsinki time; the method and URL come from the request's "incoming request" line, which is itself not
 * shown), `10:05:03 WARN  message key=value …` for anything else, an error's stack on the lines after. Undefined: the
 * line shows nothing by itself. A line that is not JSON is returned as it is.
 */
export function readableLine(line: string, pending: Map<string, string>): string | undefined {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(line) as Record<string, unknown>
  } catch {
    return line.replace(/\n$/, '')
  }
  const at = typeof entry.time === 'string' || typeof entry.time === 'number' ? new Date(entry.time) : new Date()
  const head = `${clock.format(at)} ${(LEVELS[Number(entry.level)] ?? String(entry.level)).padEnd(5)}`
  const reqId = typeof entry.reqId === 'string' ? entry.reqId : undefined
  const req = entry.req as { method?: string; url?: string } | undefined
  const res = entry.res as { statusCode?: number } | undefined
  if (entry.msg === 'incoming request' && reqId && req) {
    if (pending.size >= PENDING_MAX) pending.delete(pending.keys().next().value!)
    pending.set(reqId, `${req.method ?? '?'} ${req.url ?? '?'}`)
    return undefined
  }
  if (entry.msg === 'request completed' && res) {
    // the server logs one line a request, naming it (app.ts); a pair of lines (pino's incoming/completed) still reads
    const request = req?.method ? `${req.method} ${req.url ?? '?'}` : (reqId && pending.get(reqId)) || '?'
    if (reqId) pending.delete(reqId)
    const ms = typeof entry.responseTime === 'number' ? ` ${Math.round(entry.responseTime)} ms` : ''
    return `${head} ${request} ${res.statusCode ?? '?'}${ms}`
  }
  const rest = Object.entries(entry)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => ` ${key}=${field(value)}`)
    .join('')
  const err = entry.err as { stack?: string; message?: string } | undefined
  const stack = err ? `\n${(err.stack ?? err.message ?? JSON.stringify(err)).replace(/^/gm, '    ')}` : ''
  return `${head} ${String(entry.msg ?? '')}${rest}${stack}`
}

/**
 * A destination that writes readable lines ({@link readableLine}) instead of JSON: the development log (`npm start`,
 * LOG_FORMAT=text). The lines it gets are masked already (pino's streamWrite hook runs first).
 */
export function readableLog(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  const pending = new Map<string, string>()
  return {
    write(line: string) {
      const text = readableLine(line, pending)
      if (text !== undefined) out.write(`${text}\n`)
    },
  }
}
