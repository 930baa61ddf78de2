import { operationTag, type Endpoint, type EndpointDef } from '@huoma/contract'

/**
 * The route options of a contract endpoint: method, URL, the access action and the schemas that validate the
 * request and the answer, with the OpenAPI texts. Use it as `app.route({ ...endpoint(e), handler })`: Fastify's
 * TypeBox provider then types `request.params`, `.query`, `.body` and the reply from the same schemas the web app
 * is typed with, and a route cannot drift from its contract.
 */
export interface EndpointExtras {
  /** More route config beside the action (e.g. `rateLimit`). */
  config?: Record<string, unknown>
  /** A larger body limit than the server's default (bank files). */
  bodyLimit?: number
}

export function endpoint<const K extends string, const E extends EndpointDef>(e: Endpoint<K, E>, extras: EndpointExtras = {}) {
  const tag = operationTag(e.operationId)
  const schema = {
    operationId: e.operationId,
    tags: [tag],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    ...(e.params ? { params: e.params } : {}),
    ...(e.query ? { querystring: e.query } : {}),
    ...(e.body ? { body: e.body } : {}),
    ...(e.consumes ? { consumes: [...e.consumes] } : {}),
    ...(e.produces ? { produces: [e.produces] } : {}),
    response: e.response,
  } as {
    operationId: K
    tags: string[]
    summary: string
    params: E['params']
    querystring: E['query']
    body: E['body']
    response: E['response']
  }
  return {
    method: e.method,
    url: e.path,
    // The declared error answers go to the OpenAPI document only (http/openapi.ts): a response schema for them would
    // also serialize, and so strip, the problem details that the error handler sends.
    config: { ...extras.config, action: e.action as E['action'], ...(e.errors ? { errorStatuses: [...e.errors] } : {}) },
    ...(extras.bodyLimit ? { bodyLimit: extras.bodyLimit } : {}),
    schema,
  }
}
