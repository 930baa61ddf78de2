import { sealAuditLog } from '../../access/audit'
import type { AuditAnchor } from '../../access/audit-anchor'
import { every } from './schedule'
import type { JobDefinition } from './types'

/**
 * The audit sealer as a scheduled job: a round every `intervalMs` (HUOMA_AUDIT_SEAL_INTERVAL_MS, the window in which
 * a written row is not yet in the chain) and a last one when the server stops. It is a quiet job: an idle round
 * (nothing pending) writes nothing — `audit_seal_pending` returns before locking anything and the runner records
 * only rounds that sealed rows or failed. Several server processes may each schedule it; the job's advisory lock
 * lets one round run at a time (and the chain head's row lock would, too).
 *
 * Each round signs its head with the key outside the database and appends it to the witness (`anchor`,
 * access/audit-anchor.ts). A witness that cannot be written fails the round, and the retries (and every later
 * round) write what is missing: the witness never lags silently.
 */
export function auditSealerJob(opts: { intervalMs: number; anchor: AuditAnchor }): JobDefinition {
  return {
    name: 'audit-sealer',
    title: { fi: 'Lokin sinetöinti', sv: 'Försegling av loggen', en: 'Audit log sealing' },
    description: {
      fi: 'Sinetöi uudet lokitapahtumat lokin tiivisteketjuun, allekirjoittaa kierroksen ja kirjaa sen tietokannan ulkopuoliseen todistetiedostoon (muutokset lokiin paljastuvat tarkistuksessa).',
      sv: 'Förseglar nya logghändelser i loggens hashkedja, signerar omgången och skriver den i en vittnesfil utanför databasen (ändringar i loggen avslöjas vid kontrollen).',
      en: "Seals newly written audit rows into the audit log's hash chain, signs the round and records it in a witness file outside the database (so that any change to the log shows in verification).",
    },
    schedule: every(Math.max(opts.intervalMs, 10)),
    quiet: true,
    runAtShutdown: true,
    maxAttempts: 5,
    backoff: { firstMs: 1000, factor: 2, maxMs: 30_000 },
    run: async ({ db, clock }) => {
      const n = await sealAuditLog(db, opts.anchor, { now: () => clock.now() })
      return { worked: n > 0, summary: `${n} audit ${n === 1 ? 'row' : 'rows'} sealed` }
    },
  }
}
