import type { Transaction } from 'kysely'
import type { DB } from '../db/schema'

/** A client being destroyed, as a forgetter may need to find them where no foreign key points: by identity code. */
export interface ForgottenClient {
  id: string
  hetu: string | null
  temporaryId: string | null
  /** only these registers (service tasks) of the client are destroyed, the client staying; absent: the whole client */
  registers?: readonly string[]
}

/**
 * What a module keeps about clients beyond rows that reference the person (the destruction follows those keys by
 * itself): e.g. a kept copy of a file sent out that names them. Called in the destruction's transaction, before the
 * client's rows go; removes every trace of the clients it holds (of a client with `registers`, only what belongs to
 * those registers) and answers how many it removed.
 */
export type ClientForgetter = (trx: Transaction<DB>, clients: readonly ForgottenClient[]) => Promise<number>
