import { sql } from 'kysely'
import { addMonths, createFinnishReference, localDate, todayInHelsinki } from '@huoma/domain'
import type { Database } from '../../db/database'

/**
 * Demo: the social worker (sosiaalityontekija) manages an adult client's intermediary account in adult social work
 * and a young person's after-care fund in child welfare, each with a few entries of the last months. Runs once, when
 * the demo is seeded; only deposits, interest and a bank charge, so the demo starts with no open payables. The entries
 * are dated back from `now` (the server's clock).
 */
export async function seedDemoClientAccounts(database: Database, now: Date): Promise<number> {
  const today = localDate(todayInHelsinki(now))
  const month = (back: number, day: number) => `${addMonths(today, -back).slice(0, 7)}-${String(day).padStart(2, '0')}`
  return database.db.transaction().execute(async (trx) => {
    const worker = await trx.selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirst()
    if (!worker) return 0
    const unit = async (code: string) => (await trx.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
    const pick = (olderThan: string | null, youngerThan: string | null) => {
      let q = trx
        .selectFrom('person')
        .select('id')
        .where('hetu', 'is not', null)
        .where('turvakielto', '=', false)
        .where('merged_into', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('client_relationship as cr').select(sql.lit(1).as('one')).whereRef('cr.person_id', '=', 'person.id'))))
      if (olderThan) q = q.where('birth_date', '<=', olderThan)
      if (youngerThan) q = q.where('birth_date', '>', youngerThan)
      return q.orderBy('hetu').limit(1).executeTakeFirst()
    }
    const adult = await pick(addMonths(today, -12 * 60), null)
    const youth = await pick(addMonths(today, -12 * 16), addMonths(today, -12 * 18))
    let n = 0
    const accounts = [
      adult && {
        personId: adult.id,
        task: 'adult_social_work',
        unit: await unit('AIKU'),
        kind: 'intermediary' as const,
        opened: month(3, 1),
        entries: [
          { kind: 'deposit' as const, on: month(3, 7), cents: 128450, text: 'Työeläke', ref: 'DEMO-ARK-0001' },
          { kind: 'deposit' as const, on: month(2, 7), cents: 128450, text: 'Työeläke', ref: 'DEMO-ARK-0002' },
          { kind: 'adjustment' as const, on: month(2, 28), cents: -250, text: 'Pankin palvelumaksu', ref: null },
          { kind: 'deposit' as const, on: month(1, 7), cents: 128450, text: 'Työeläke', ref: 'DEMO-ARK-0003' },
          { kind: 'deposit' as const, on: month(1, 12), cents: 24300, text: 'Asumistuki', ref: 'DEMO-ARK-0004' },
        ],
      },
      youth && {
        personId: youth.id,
        task: 'child_welfare',
        unit: await unit('LAPS'),
        kind: 'after_care_fund' as const,
        opened: month(3, 1),
        entries: [
          { kind: 'deposit' as const, on: month(3, 15), cents: 8420, text: 'Lapsilisä (40 %)', ref: 'DEMO-ARK-0101' },
          { kind: 'deposit' as const, on: month(2, 15), cents: 8420, text: 'Lapsilisä (40 %)', ref: 'DEMO-ARK-0102' },
          { kind: 'deposit' as const, on: month(1, 15), cents: 8420, text: 'Lapsilisä (40 %)', ref: 'DEMO-ARK-0103' },
          { kind: 'interest' as const, on: month(1, 28), cents: 37, text: 'Korko', ref: null },
        ],
      },
    ]
    for (const a of accounts) {
      if (!a) continue
      await trx
        .insertInto('client_relationship')
        .values({ person_id: a.personId, user_id: worker.id, service_task: a.task, kind: 'responsible', start_date: a.opened, opened_by: worker.id })
        .execute()
      const { rows } = await sql<{ n: number }>`SELECT nextval('client_account_number_seq')::bigint AS n`.execute(trx)
      const number = Number(rows[0]!.n)
      const account = await trx
        .insertInto('client_account')
        .values({
          number,
          person_id: a.personId,
          service_task: a.task,
          unit_id: a.unit,
          kind: a.kind,
          reference: createFinnishReference(`7${String(number).padStart(6, '0')}`),
          opened_on: a.opened,
          responsible_user_id: worker.id,
          created_by: worker.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('client_account_entry')
        .values(a.entries.map((e) => ({ account_id: account.id, kind: e.kind, entry_on: e.on, amount_cents: e.cents, description: e.text, bank_ref: e.ref, created_by: worker.id })))
        .execute()
      n++
    }
    return n
  })
}
