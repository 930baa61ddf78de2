import type { AuditActionKind } from '../db/schema'
import type { Action, ActionDef } from './actions'

/**
 * The typed catalogue of audit events. Every row of the audit log names one event, and every event is declared
 * once: a client action is its own event (the action's name, audit kind and data group, from the action
 * catalogue), and every other event — sign-ins, second factors, grants and users, configuration changes, system
 * jobs, the data protection officer's reads — is declared by its module with `defineAuditEvents`. Code passes the
 * declared object (`authEvents.loginSuccess`), never a name: `appendAudit` takes nothing else.
 *
 * One naming scheme: `<area>:<verb-in-kebab-case>`, e.g. `auth:login-success`, `admin:grant-created`, `vtj:sync`,
 * `journal:read`. Names written before this scheme are kept as `legacy` names so the log stays searchable.
 */
export interface AuditEventDef {
  kind: AuditActionKind
  /** The data group of the row: register (a service task, `registry`, `security`, …) / record type. */
  dataGroup: string
  description: string
  /** Names this event was written under before the naming scheme (rows already in the log keep them). */
  legacy?: readonly string[]
}

declare const eventBrand: unique symbol

/** A declared event, ready to be written: its name and definition. Only the catalogue makes these. */
export interface AuditEventType extends AuditEventDef {
  readonly name: string
  readonly [eventBrand]: true
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/**
 * Declares an area's events: `defineAuditEvents('auth', { loginSuccess: {…} })` makes `auth:login-success`. The
 * returned object is what code hands to `appendAudit`.
 */
export function defineAuditEvents<const T extends Record<string, AuditEventDef>>(area: string, defs: T): { readonly [K in keyof T]: AuditEventType } {
  if (!/^[a-z][a-z-]*$/.test(area)) throw new Error(`Audit event area ${area} is not kebab-case`)
  return Object.fromEntries(
    Object.entries(defs).map(([key, def]) => [key, Object.freeze({ ...def, name: `${area}:${kebab(key)}` }) as AuditEventType]),
  ) as { readonly [K in keyof T]: AuditEventType }
}

/** The event of a client action (or of its refusal, `kind` 'security'): named after the action. */
export function actionEvent(action: Action, def: ActionDef, kind?: AuditActionKind): AuditEventType {
  return {
    name: action,
    kind: kind ?? def.audit ?? 'security',
    dataGroup: def.dataGroup ?? 'security/access',
    description: def.description,
  } as AuditEventType
}

/** Every declared event by name (the composition root assembles it; the DPO's tools read it). */
export type AuditEventCatalogue = ReadonlyMap<string, AuditEventType>

/** Whether a name follows the scheme `<area>:<verb-in-kebab-case>`. */
export function isWellFormedEventName(name: string): boolean {
  return /^[a-z][a-z-]*:[a-z][a-z0-9-]*$/.test(name)
}
