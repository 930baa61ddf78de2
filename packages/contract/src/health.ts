import Type, { type Static } from 'typebox'

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
