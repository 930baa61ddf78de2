import type { FastifySchemaCompiler } from 'fastify'
import SerializerSelector, { type Serializer, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

type Validator = ReturnType<FastifySchemaCompiler<unknown>>

/**
 * Schemas compiled when a route first uses them, not at start-up: some 500 routes' request validators, response
 * serializers and response validators took ~1.3 s to compile before the server could answer anything, most of them
 * for routes a given process never serves. Each compiled function is kept, so a schema is still compiled once.
 * `compileAll` compiles whatever has not been yet (the tests use it, so a schema that does not compile fails a test
 * and not only the first request of its route).
 */
export class LazySchemas {
  private readonly pending = new Set<() => void>()

  /** A validator that compiles on its first call; `errors` are the compiled one's, as ajv's callers read them. */
  validator(compile: () => Validator): Validator {
    let compiled: Validator | undefined
    const force = () => {
      compiled ??= compile()
      this.pending.delete(force)
      return compiled
    }
    this.pending.add(force)
    const validate: Validator = (data: unknown) => {
      const v = compiled ?? force()
      const ok = v(data)
      validate.errors = v.errors
      return ok
    }
    return validate
  }

  /** An ajv plugin making `ajv.compile` lazy (for @fastify/response-validation, which compiles in its onRoute hook). */
  readonly ajvPlugin = <A extends { compile(schema: unknown): unknown }>(ajv: A): A => {
    const compile = ajv.compile.bind(ajv) as (schema: unknown) => Validator
    ajv.compile = ((schema: unknown) => this.validator(() => compile(schema))) as A['compile']
    return ajv
  }

  /**
   * Fastify's own serializer compiler (fast-json-stringify, with the shared schemas and options Fastify passes), each
   * route's response serializer built on its first response.
   */
  readonly serializerBuilder: SerializerFactory = (externalSchemas, options) => {
    const build = SerializerSelector()(externalSchemas, options)
    return (routeDef) => {
      let serialize: Serializer | undefined
      const force = () => {
        serialize ??= build(routeDef)
        this.pending.delete(force)
        return serialize
      }
      this.pending.add(force)
      return (data) => (serialize ?? force())(data)
    }
  }

  /** Compiles every schema not compiled yet; returns how many there were. */
  compileAll(): number {
    const pending = [...this.pending]
    for (const force of pending) force()
    return pending.length
  }
}
