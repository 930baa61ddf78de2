// The user commitment is about staff users, never client data.
import type { CommitmentStatus, CommitmentVersionList } from '@huoma/contract'
import { sql } from 'kysely'
import type { Executor } from '../../access/audit'
import { problems } from '../../http/problem'

/** The version in force and the user's acceptance of it. */
export async function commitmentStatus(db: Executor, userId: string): Promise<CommitmentStatus> {
  const row = await db
    .selectFrom('user_commitment_version as v')
    .leftJoin('user_commitment_acceptance as a', (j) => j.onRef('a.version', '=', 'v.number').on('a.user_id', '=', userId))
    .select(['v.number', 'v.text_fi', 'v.text_sv', 'v.published_at', 'a.accepted_at'])
    .orderBy('v.number', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return { version: null, textFi: '', textSv: '', publishedAt: null, acceptedAt: null }
  return { version: row.number, textFi: row.text_fi, textSv: row.text_sv, publishedAt: row.published_at.toISOString(), acceptedAt: row.accepted_at?.toISOString() ?? null }
}

/**
 * Records the user's acceptance of the version they read; refused (field message) when that is no longer the
 * version in force. Accepting again is a no-op. Returns whether a new acceptance was written.
 */
export async function acceptCommitment(trx: Executor, userId: string, version: number): Promise<boolean> {
  const latest = await trx.selectFrom('user_commitment_version').select('number').orderBy('number', 'desc').limit(1).executeTakeFirst()
  if (!latest || latest.number !== version) throw problems.validation([{ field: 'body.version', code: 'commitment.version' }])
  const inserted = await trx
    .insertInto('user_commitment_acceptance')
    .values({ user_id: userId, version })
    .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Publishes a new version (the next number, under a lock so two main users do not race for it). */
export async function publishCommitment(trx: Executor, texts: { textFi: string; textSv: string }, userId: string | null): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('huoma-user-commitment'))`.execute(trx)
  const latest = await trx.selectFrom('user_commitment_version').select('number').orderBy('number', 'desc').limit(1).executeTakeFirst()
  const number = (latest?.number ?? 0) + 1
  await trx.insertInto('user_commitment_version').values({ number, text_fi: texts.textFi.trim(), text_sv: texts.textSv.trim(), published_by: userId }).execute()
  return number
}

export async function commitmentVersions(db: Executor): Promise<CommitmentVersionList> {
  const rows = await db
    .selectFrom('user_commitment_version as v')
    .leftJoin('staff_user as u', 'u.id', 'v.published_by')
    .select((eb) => [
      'v.number',
      'v.text_fi',
      'v.text_sv',
      'v.published_at',
      'u.display_name',
      eb.selectFrom('user_commitment_acceptance as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.version', '=', 'v.number').as('acceptances'),
    ])
    .orderBy('v.number', 'desc')
    .execute()
  const latest = rows[0]?.number
  const pending =
    latest === undefined
      ? 0
      : Number(
          (
            await db
              .selectFrom('staff_user as u')
              .select((e) => e.fn.countAll<string>().as('n'))
              .where('u.active', '=', true)
              .where((eb) => eb.not(eb.exists(eb.selectFrom('user_commitment_acceptance as a').select('a.user_id').whereRef('a.user_id', '=', 'u.id').where('a.version', '=', latest))))
              .executeTakeFirstOrThrow()
          ).n,
        )
  return {
    versions: rows.map((r) => ({
      version: r.number,
      textFi: r.text_fi,
      textSv: r.text_sv,
      publishedAt: r.published_at.toISOString(),
      publishedBy: r.display_name,
      acceptances: Number(r.acceptances ?? 0),
    })),
    pendingUsers: pending,
  }
}
