import Type, { type Static } from 'typebox'

/** Languages the user interface and documents speak. */
export const Language = Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])
export type Language = Static<typeof Language>

/** One field-level validation error, already translated to the user's language. */
export const FieldError = Type.Object({
  field: Type.String({ description: 'JSON pointer-ish path of the offending field, e.g. "body.username"' }),
  code: Type.String({ description: 'Machine-readable error code (the JSON-schema keyword or a domain code)' }),
  message: Type.String({ description: 'Human-readable message in the language of the request' }),
})
export type FieldError = Static<typeof FieldError>

/** RFC 9457 problem details, the shape of every error response (`application/problem+json`). */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldError)),
})
export type Problem = Static<typeof Problem>

export const Uuid = Type.String({ format: 'uuid' })
/** A calendar date (Europe/Helsinki), ISO 8601 `YYYY-MM-DD`. */
export const IsoDate = Type.String({ format: 'date' })

/** The body of a binary or text answer (a PDF, a CSV, a bank file): declared with the endpoint's `produces`. */
export const FileBody = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' })

/** The answer of an operation that returns nothing (204). */
export const NoContent = Type.Null()
