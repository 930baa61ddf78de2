import type { FastifySchemaCompiler } from 'fastify'
import SerializerSelector, { type SerializerFactory, type Serializer } from '@fastify/fast-json-stringify-compiler'

/**
 * Schemas are compiled when a route first uses them, not at start-up: some 500 routes' request validators, response
 * serializers and response validators took ~1.3 s to compile before the server could answer anything, most of them
 * for routes a given process never serves. The compiled function is kept, so each schema is still compiled once.
 */
type Validator = ReturnType<FastifySchemaCompiler<unknown>>

/** A validator that compiles on its first call; `errors` are the compiled one's, as ajv's callers read them. */
export function lazyValidator(compile: () => Validator): Validator {
  let compiled: Validator | undefined
  const validate: Validator = (data: unknown) => {
    compiled ??= compile()
    const ok = compiled(data)
    validate.errors = compiled.errors
    return ok
  }
  return validate
}

/** An ajv plugin making `ajv.compile` lazy (for @fastify/response-validation, which compiles in its onRoute hook). */
export function lazyAjvCompile<A extends { compile(schema: unknown): unknown }>(ajv: A): A {
  const compile = ajv.compile.bind(ajv) as (schema: unknown) => Validator
  ajv.compile = ((schema: unknown) => lazyValidator(() => compile(schema))) as A['compile']
  return ajv
}

/**
 * Fastify's own serializer compiler (fast-json-stringify, with the shared schemas and options Fastify passes), each
 * route's response serializer built on its first response.
 */
export const lazySerializerBuilder: SerializerFactory = (externalSchemas, options) => {
  const build = SerializerSelector()(externalSchemas, options)
  return (routeDef) => {
    let serialize: Serializer | undefined
    return (data) => (serialize ??= build(routeDef))(data)
  }
}
