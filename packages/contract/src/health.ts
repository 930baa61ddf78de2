import Type, { type Static } from 'typebox'
import { endpoints } from './endpoint'

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
  migration: Type.String({ description: 'Name of the latest applied migration' }),
})
export type Health = Static<typeof Health>

/** The organisation's active units (toimintayksikkö): no client data, for forms that address a unit. */
export const UnitList = Type.Object({
  units: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      code: Type.String(),
      name: Type.String(),
      /** the user has a valid grant in the unit */
      mine: Type.Boolean(),
      /** the service tasks of the user's grants in the unit */
      myServiceTasks: Type.Array(Type.String()),
    }),
  ),
})
export type UnitList = Static<typeof UnitList>

export const platformEndpoints = endpoints({
  'platform.health': {
    method: 'GET',
    path: '/api/health',
    action: 'platform:health',
    summary: 'Liveness and database status',
    response: { 200: Health },
  },
  'platform.units': {
    method: 'GET',
    path: '/api/units',
    action: 'platform:units',
    summary: 'The organisation\'s active units, with the user\'s own marked (no client data)',
    response: { 200: UnitList },
  },
})
