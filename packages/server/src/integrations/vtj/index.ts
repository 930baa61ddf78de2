/**
 * Population-register (VTJ) connector: the data model, the X-Road SOAP adapter, the change feed, the simulator
 * and the person diff. See integrations.md §5 and the module comments.
 *
 * @module
 */
import { loadVtjConfig, XRoadVtjClient } from './http-adapter'
import { VtjSimulator, type VtjSimulatorOptions } from './simulator'
import type { VtjClient } from './types'

export * from './types'
export * from './soap'
export * from './changes'
export * from './diff'
export * from './mirror'
export { DEMOLA, generateFixturePopulation, type FixtureMunicipality, type FixturePopulationOptions } from './fixture-population'
export * from './simulator'
export * from './http-adapter'

export type VtjConnector =
  | { kind: 'xroad'; client: XRoadVtjClient; close(): void }
  | { kind: 'simulator'; client: VtjSimulator; close(): void }

/**
 * The connector the server should use: the X-Road client when `HUOMA_VTJ_URL` is set ({@link loadVtjConfig}),
 * otherwise a simulator built with `simulator` options (pass Huoma's demo persons there, mapped with
 * {@link vtjPersonsFromRegistry}). Throws on an incomplete X-Road configuration. `now` is the clock of either
 * (the simulator's own `now` option wins).
 */
export function createVtjConnector(opts: { env?: NodeJS.ProcessEnv; simulator?: VtjSimulatorOptions; now?: () => Date } = {}): VtjConnector {
  const config = loadVtjConfig(opts.env ?? process.env)
  const now = opts.now ? { now: opts.now } : {}
  if (config) {
    const client = new XRoadVtjClient({ ...config, ...now })
    return { kind: 'xroad', client, close: () => client.close() }
  }
  return { kind: 'simulator', client: new VtjSimulator({ ...now, ...opts.simulator }), close: () => {} }
}

/** Narrowing helper for code that only needs the {@link VtjClient} interface. */
export const vtjClientOf = (c: VtjConnector): VtjClient => c.client
