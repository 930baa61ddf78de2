import Type, { type Static } from 'typebox'

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
  migration: Type.String({ description: 'Name of the latest applied migration' }),
})
export type Health = Static<typeof Health>
