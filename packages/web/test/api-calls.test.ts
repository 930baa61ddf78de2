/**
 * Every call of the API goes through the client typed by the contract (`src/api/endpoint.ts`: `callApi`,
 * `useEndpoint`, `endpointPath`): no call site writes an `/api/…` path, asserts an answer's type
 * (`apiRequest<T>`, `useApi<T>`) or calls the transport itself. Read from the sources with `fs`, like the
 * architecture tests.
 */
import { describe, expect, it } from 'vitest'
import { readSources } from './import-graph'

type Rule = 'path' | 'typed' | 'transport'

interface Finding {
  file: string
  line: number
  rule: Rule
  text: string
}

/** The source without comments, each comment blanked so that the line numbers stay. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '')
}

const RULES: readonly [Rule, RegExp][] = [
  // A string or template literal that starts with the API's path: '/api/…', "/api?…", `/api/${…}`.
  ['path', /['"`]\/api(?=[/?'"`])/],
  // The transport with a type argument: the answer's type asserted by hand.
  ['typed', /\b(?:apiRequest|useApi)\s*</],
  // The transport called without one: a URL from somewhere, an untyped answer.
  ['transport', /\b(?:apiRequest|useApi)\s*\(/],
]

/** Hand-written API calls outside `src/api/`, the typed client's own home. */
function handWrittenCalls(sources: ReadonlyMap<string, string>): Finding[] {
  const found: Finding[] = []
  for (const [file, source] of sources) {
    if (file.startsWith('api/')) continue
    withoutComments(source)
      .split('\n')
      .forEach((text, index) => {
        for (const [rule, pattern] of RULES) if (pattern.test(text)) found.push({ file, line: index + 1, rule, text: text.trim() })
      })
  }
  return found
}

const sources = readSources()
const findings = handWrittenCalls(sources)

describe('calls of the API', () => {
  it('go through the typed client everywhere', () => {
    expect(findings).toEqual([])
  })

  it('would notice a hand-written path, an asserted answer type and the transport called directly', () => {
    const fixtures = new Map([
      [
        'features/persons/Fixture.tsx',
        [
          "const card = await apiRequest<ClientCard>(`/api/persons/${id}/card`)",
          "const health = useApi<Health>('/api/health')",
          '<a href="/api/auth/oidc/start">',
          "await apiRequest(path, { method: 'POST', body })",
          "const search = `/api?q=${q}`",
        ].join('\n'),
      ],
      [
        'features/persons/Fine.tsx',
        [
          "import { callApi, endpointPath, useEndpoint } from '../../api/endpoint'",
          "// the card: '/api/persons/:id/card'",
          '/** `/api/persons/:id/card`, read with',
          " * useApi<ClientCard>('/api/persons') in the old days */",
          "const card = await callApi(personsEndpoints['persons.card'], { params: { id } })",
          "const link = endpointPath(journalEndpoints['journal.print'], { params, query })",
          "const bees = '/apiary/hive'",
          'type S = ApiState<Health>',
        ].join('\n'),
      ],
      ['api/client.ts', "export async function apiRequest<T>(path: string): Promise<T> { return fetch('/api/x') }"],
    ])
    expect(handWrittenCalls(fixtures).map(({ file, line, rule }) => `${file}:${line} ${rule}`)).toEqual([
      'features/persons/Fixture.tsx:1 path',
      'features/persons/Fixture.tsx:1 typed',
      'features/persons/Fixture.tsx:2 path',
      'features/persons/Fixture.tsx:2 typed',
      'features/persons/Fixture.tsx:3 path',
      'features/persons/Fixture.tsx:4 transport',
      'features/persons/Fixture.tsx:5 path',
    ])
  })
})
