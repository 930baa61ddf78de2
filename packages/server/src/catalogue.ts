import type { ActionCatalogue, ActionDef } from './access/actions'
import { reasonMessages } from './access/reason'
import type { FieldMessages } from './http/problem'
import { MODULES } from './modules'

/**
 * The composition root's catalogue: what the modules declare, assembled once. The access layer and the kernel know
 * no module; they are handed these.
 */

/** Every action name the modules declare. */
type ModuleActionName = (typeof MODULES)[number] extends infer M ? (M extends { actions: infer A } ? keyof A & string : never) : never

declare module './access/actions' {
  // Declaration merging fills the access layer's registry with the modules' action names.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the supertype
  interface ActionRegistry extends Record<ModuleActionName, true> {}
}

function assembleActions(): ActionCatalogue {
  const all: Record<string, ActionDef> = {}
  for (const module of MODULES) {
    for (const [name, def] of Object.entries(module.actions as Record<string, ActionDef>)) {
      if (Object.hasOwn(all, name)) throw new Error(`Action ${name} is declared twice (module ${module.name})`)
      all[name] = def
    }
  }
  return all as ActionCatalogue
}

/** Every action of every module, by name. */
export const ACTIONS: ActionCatalogue = assembleActions()

/** Field messages of the access layer and of every module. */
export const FIELD_MESSAGES: readonly FieldMessages[] = [reasonMessages, ...MODULES.flatMap((m) => (m.messages ? [m.messages] : []))]
