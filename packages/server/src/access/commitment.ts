import type { Generated } from 'kysely'
import type { Timestamp } from '../db/schema'
import type { Lang } from '../http/language'
import { HttpProblem } from '../http/problem'
import type { Executor } from './audit'

/** A version of the user commitment (käyttäjäsitoumus, migration 0045); the latest is in force. */
export interface UserCommitmentVersionTable {
  number: number
  text_fi: string
  text_sv: string
  published_by: string | null
  published_at: Timestamp
}

/** A user's acceptance of one version (migration 0045; append-only). */
export interface UserCommitmentAcceptanceTable {
  user_id: string
  version: number
  accepted_at: Generated<Date>
}

declare module '../db/schema' {
  interface DB {
    user_commitment_version: UserCommitmentVersionTable
    user_commitment_acceptance: UserCommitmentAcceptanceTable
  }
}

/**
 * Whether the user has yet to accept the commitment in force: a version has been published and the user has not
 * accepted the latest one. Until they do, the access layer lets them do nothing but read and accept it (and sign
 * out); with no version published nothing is gated.
 */
export async function commitmentPending(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_commitment_version as v')
    .leftJoin('user_commitment_acceptance as a', (j) => j.onRef('a.version', '=', 'v.number').on('a.user_id', '=', userId))
    .select(['v.number', 'a.user_id'])
    .orderBy('v.number', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined && row.user_id === null
}

const DETAIL: Record<Lang, string> = {
  fi: 'Hyväksy käyttäjäsitoumus ennen kuin jatkat.',
  sv: 'Godkänn användarförbindelsen innan du fortsätter.',
  en: 'Accept the user commitment before you continue.',
}

/** The refusal of any other action while the commitment is not accepted. */
export const commitmentRequired = () =>
  new HttpProblem(403, 'forbidden', { type: 'https://huoma.fi/problems/commitment-required', detail: (lang) => DETAIL[lang] })
