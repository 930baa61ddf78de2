// the kernel's tables in the database type (declaration merging)
import type {} from './schema'
import type { Executor } from '../access/audit'

/**
 * Intake: a matter about persons who are not (yet) clients — a child welfare notification, an information request
 * from another authority, a request for a service-need assessment — received by a unit in a service task. While it
 * is open, the workers with a grant in that unit and task reach its persons' registry data through the access
 * chokepoint on the basis `intake` (the audit row names the person and points to the intake); nothing else opens.
 * When the matter leads to a client relationship, that relationship is the basis from then on; an intake that leads
 * nowhere is closed and stays in its own register.
 */
export interface NewIntake {
  kind: string
  serviceTask: string
  unitId: string
  receivedAt: Date
  persons: { personId: string; role: string }[]
  createdBy: string | null
}

/** Opens an intake about its persons; returns its id and number. */
export async function openIntake(trx: Executor, i: NewIntake): Promise<{ id: string; number: number }> {
  const row = await trx
    .insertInto('intake')
    .values({ kind: i.kind, service_task: i.serviceTask, unit_id: i.unitId, received_at: i.receivedAt, created_by: i.createdBy })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
  if (i.persons.length) {
    await trx
      .insertInto('intake_person')
      .values(i.persons.map((p) => ({ intake_id: row.id, person_id: p.personId, role: p.role })))
      .execute()
  }
  return row
}

/** Adds a person to an open intake (a sibling found later). */
export async function addIntakePerson(trx: Executor, intakeId: string, personId: string, role: string): Promise<void> {
  await trx.insertInto('intake_person').values({ intake_id: intakeId, person_id: personId, role }).onConflict((oc) => oc.columns(['intake_id', 'person_id']).doNothing()).execute()
}

/** Closes the intake on a day: its persons are no longer reached through it. */
export async function closeIntake(trx: Executor, intakeId: string, on: string): Promise<void> {
  await trx.updateTable('intake').set({ state: 'closed', closed_on: on }).where('id', '=', intakeId).where('state', '=', 'open').execute()
}
