import { ensureAuditPartitions } from '../../access/audit-partitions'
import { dailyAt } from './schedule'
import type { JobDefinition } from './types'

/** Months of audit log partitions kept ready after the current one. */
export const AUDIT_PARTITION_MONTHS_AHEAD = 3

/**
 * The audit log's coming months (migration 0058): every night creates the partitions of audit_log and audit_client
 * for this Helsinki month and the three after it that do not exist yet, so the month's rows never land in the
 * DEFAULT partition (which catches them if the job has not run: an insert never fails). Idempotent: a second run the
 * same day creates nothing and reports no work. A month whose rows already sit in the DEFAULT partition is named in
 * the summary and left there (a partition cannot be created over them; they are found and verified like any other).
 */
export function auditPartitionsJob(opts: { at?: string } = {}): JobDefinition {
  return {
    name: 'audit-partitions',
    title: { fi: 'Lokin kuukausiosiot', sv: 'Loggens månadspartitioner', en: 'Audit log partitions' },
    description: {
      fi: 'Luo käyttölokille tulevien kuukausien osiot etukäteen (kuluva kuukausi ja kolme seuraavaa).',
      sv: 'Skapar loggens partitioner för de kommande månaderna i förväg (innevarande månad och de tre följande).',
      en: 'Creates the audit log partitions of the coming months ahead of time (this month and the three after it).',
    },
    schedule: dailyAt(opts.at ?? '03:10'),
    run: async ({ db, clock }) => {
      const months = await ensureAuditPartitions(db, clock.now(), AUDIT_PARTITION_MONTHS_AHEAD)
      const created = months.filter((m) => m.outcome === 'created').map((m) => m.month)
      const inDefault = months.filter((m) => m.outcome === 'in-default').map((m) => m.month)
      const parts = [
        created.length ? `created ${created.join(', ')}` : 'no month created',
        ...(inDefault.length ? [`rows of ${inDefault.join(', ')} are in the default partition`] : []),
      ]
      return { worked: created.length > 0, summary: parts.join('; ') }
    },
  }
}
