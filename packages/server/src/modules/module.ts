import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ActionDef } from '../access/actions'
import type { AuditEventType } from '../access/audit-events'
import type { FieldMessages } from '../http/problem'
import type { Config } from '../config'
import type { KelaForwardingClient } from '../integrations/kela/types'
import type { VtjConnector } from '../integrations/vtj'
import type { CopyTable } from '../kernel/client-copy'
import type { ClientForgetter } from '../kernel/client-forget'
import type { TimelineSource } from '../kernel/client-timeline'
import type { RegisterRecords, RegisterTable } from '../kernel/register-records'
import type { JobDefinition } from '../kernel/jobs'

/** What a module's scheduled jobs are built from (handed by the composition root, `src/jobs.ts`). */
export interface ModuleJobDeps {
  config: Config
  vtj: VtjConnector
  kela: KelaForwardingClient
  /** The demo municipality (`serve --demo`, `npm start`): Kela's simulator may forward into its queue. */
  demo: boolean
  /** Every module's `forgetClients` (the destruction job removes what they hold of the clients it destroys). */
  forgetters: readonly ClientForgetter[]
  /** Every module's register records (a register's destruction removes them). */
  registerRecords: RegisterRecords
}

/**
 * A module as a declared unit: everything it adds to the server, registered by the composition root
 * (`src/catalogue.ts`, `src/app.ts`) from the one list in `modules/index.ts`. Adding a module is one folder with an
 * `index.ts` exporting one of these, and one line in that list.
 */
export interface ServerModule<A extends Record<string, ActionDef> = Record<string, ActionDef>> {
  /** The module's name: its folder, and the prefix of its actions and audit events. */
  name: string
  /** The module's actions: every endpoint declares one (contract `action`). */
  actions: A
  /** The module's HTTP routes (a Fastify plugin; routes are declared from the contract's endpoints). */
  routes?: FastifyPluginAsyncTypebox
  /** Field-level validation messages in fi/sv/en, by code. */
  messages?: FieldMessages
  /** The module's audit events that are not one action's own (`defineAuditEvents`). */
  events?: readonly Readonly<Record<string, AuditEventType>>[]
  /** The module's scheduled jobs, built from what they need (`kernel/jobs`: a JobDefinition each). */
  jobs?: (deps: ModuleJobDeps) => JobDefinition[]
  /** The records the module keeps about a client, as the copy of the client's data gives them (right of access). */
  clientCopy?: readonly CopyTable[]
  /**
   * Tables of the module's client records of a register that its `clientCopy` does not name as one table (reached by
   * a join, or not given in the copy): a register's destruction starts from these and the copy's one-table records.
   */
  registerRecords?: readonly RegisterTable[]
  /** The module's records as events on the client card's timeline (what, when, who; never the content). */
  clientTimeline?: readonly TimelineSource[]
  /** What the module keeps of clients where no foreign key leads (a kept file naming them): removed at destruction. */
  forgetClients?: ClientForgetter
}

/** Declares a module, keeping the literal types of its actions (they make up the `Action` union). */
export function defineModule<const A extends Record<string, ActionDef>>(module: ServerModule<A>): ServerModule<A> {
  return module
}
