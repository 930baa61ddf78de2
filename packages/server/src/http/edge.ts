import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'

/*
 * The edge every request's parameters, query and body pass before their schema: control characters refused, ids in
 * one case.
 */

/**
 * Control characters are refused at the schema edge: a NUL cannot be stored in PostgreSQL's text (it answered 500
 * deep inside a query), and the other C0 controls and DEL have no place in anything a person types — they hide text
 * in logs, PDFs and bank files. Tab, line feed and carriage return stay allowed (journal text has lines).
 */
// eslint-disable-next-line no-control-regex -- the point of this expression is to find control characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** JSON-pointer paths (`/members/0/name`) of the strings, and object keys, that hold a control character. */
export function controlCharacterPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return CONTROL.test(value) ? [path] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacterPaths(v, `${path}/${i}`))
  if (value !== null && typeof value === 'object') {
    if (value instanceof Uint8Array) return []
    return Object.entries(value).flatMap(([k, v]) => {
      const here = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`
      return CONTROL.test(k) ? [here] : controlCharacterPaths(v, here)
    })
  }
  return []
}


type Validator = ReturnType<FastifySchemaCompiler<unknown>>

const UUID_ANY_CASE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** A UUID in any case, as it may arrive before the edge lower-cases it. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_ANY_CASE.test(value)

/**
 * Ids arrive in one form: a UUID written in upper case (`/api/persons/0F8FAD5B-…`) is the same id, and code compares
 * ids as strings (a child's guardians were listed as wards when the URL's id was upper case), so every UUID-shaped
 * string of a request's parameters, query and body is lower-cased in place before anything reads it.
 */
export function normaliseIds(value: unknown): unknown {
  if (typeof value === 'string') return isUuid(value) ? value.toLowerCase() : value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normaliseIds(value[i])
    return value
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) record[key] = normaliseIds(record[key])
  }
  return value
}

/**
 * Wraps a compiled schema validator: input holding a control character fails with ajv-shaped errors of the keyword
 * `controlCharacters` at each such field (the error handler turns them into field messages); otherwise its ids are
 * lower-cased and the schema runs.
 */
export function edgeValidator(validate: Validator): Validator {
  const wrapped: Validator = (data: unknown) => {
    const paths = controlCharacterPaths(data)
    if (paths.length) {
      wrapped.errors = paths.map((instancePath): FastifySchemaValidationError => ({ instancePath, keyword: 'controlCharacters', params: {}, schemaPath: '#', message: 'must not contain control characters' }))
      return false
    }
    normaliseIds(data)
    const ok = validate(data)
    wrapped.errors = validate.errors
    return ok
  }
  return wrapped
}
