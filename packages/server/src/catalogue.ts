import type { Action, ActionCatalogue, ActionDef } from './access/actions'
import { actionEvent, isWellFormedEventName, type AuditEventCatalogue, type AuditEventType } from './access/audit-events'
import { reasonMessages } from './access/reason'
import { accessEvents } from './access/events'
import { kernelMessages } from './kernel/messages'
import type { FieldMessages } from './http/problem'
import type { ClientForgetter } from './kernel/client-forget'
import { assembleRegisterRecords, type RegisterRecords } from './kernel/register-records'
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
/** Every module's `forgetClients`: what the destruction removes beyond the rows whose keys lead to the client. */
export const CLIENT_FORGETTERS: readonly ClientForgetter[] = MODULES.flatMap((m) => (m.forgetClients ? [m.forgetClients] : []))

/** Every module's records of a register: what a register's destruction removes (copy declarations and `registerRecords`). */
export const REGISTER_RECORDS: RegisterRecords = assembleRegisterRecords(MODULES)

export const FIELD_MESSAGES: readonly FieldMessages[] = [reasonMessages, kernelMessages, ...MODULES.flatMap((m) => (m.messages ? [m.messages] : []))]

function assembleEvents(): AuditEventCatalogue {
  const all = new Map<string, AuditEventType>()
  const add = (e: AuditEventType, from: string) => {
    if (!isWellFormedEventName(e.name)) throw new Error(`Audit event ${e.name} (${from}) does not follow <area>:<verb-in-kebab-case>`)
    all.set(e.name, e)
  }
  // A client action is its own event; a refusal of any action is a `security` row under the action's name.
  for (const [name, def] of Object.entries(ACTIONS) as [Action, ActionDef][]) add(actionEvent(name, def), 'action')
  // the access layer's own (a CSRF refusal)
  for (const e of Object.values(accessEvents)) add(e, 'access')
  for (const module of MODULES) {
    for (const group of module.events ?? []) {
      for (const e of Object.values(group)) {
        // A declared event may take an action's name only when the action itself writes no client row (its refusals
        // and its own declared rows then share the name, e.g. audit:read).
        const action: ActionDef | undefined = (ACTIONS as Record<string, ActionDef>)[e.name]
        if (action?.audit || (!action && all.has(e.name))) throw new Error(`Audit event ${e.name} is declared twice (module ${module.name})`)
        add(e, module.name)
      }
    }
  }
  return all
}

/** Every audit event, by name: the actions' own and those the modules declare. */
export const AUDIT_EVENTS: AuditEventCatalogue = assembleEvents()
