import { sql } from 'kysely'
import { appendAudit, type Executor } from '../../access/audit'
import { actorAudit } from '../../access/actor-audit'
import type { AuditEventType } from '../../access/audit-events'
import type { AuthedContext } from '../../access/context'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { TODAY } from './repository'
import { adminDetail, type AdminDetail, type AdminFieldCode } from './messages'

/*
 * Separation of duties in granting access (issue 15, item 1). A right that reaches client content
 * (role.client_content) is given by two people — one asks, another grants — neither of them the grantee and
 * neither the main user who created the grantee's account (they chose or saw its first password, so a right
 * handed to that account would be their own). A main user never holds such a right, and its holder is never made a
 * main user: administering access and reading clients' data stay in different hands. The database's trigger
 * `staff_grant_separation` (migration 0021) holds the same rules for any INSERT that names a granter.
 */

/** Why a grant may not be made as proposed. */
export type SeparationBar =
  /** the main user's own grant form cannot give a client-content right: it takes a request and a second person */
  | 'needsRequest'
  /** the grantee would be asking for or granting their own right */
  | 'self'
  /** the granter is the one who asked */
  | 'ownRequest'
  /** the asker or the granter created the grantee's account */
  | 'accountCreator'
  /** the grantee is a main user and the right reaches client content */
  | 'mainUserNoClientContent'
  /** the right is main user's and the grantee holds a right to client content */
  | 'clientContentNoMainUser'

export interface ProposedGrant {
  userId: string
  roleCode: string
  /** who asks (the requester); for the main user's own form, the main user */
  requestedBy: string
  /** who grants; absent while a request is being filed */
  grantedBy?: string
  /** true for the main user's own grant form (no request, no second person) */
  direct?: boolean
}

/** Whether the role may ever see client content (undefined: no such role; field checks answer that). */
async function clientContent(db: Executor, roleCode: string): Promise<boolean | undefined> {
  return (await db.selectFrom('role').select('client_content').where('code', '=', roleCode).executeTakeFirst())?.client_content
}

/** Whether the user holds, now or from a later date, a grant that is main user's (`mainUser`) or reaches client content. */
async function holds(db: Executor, userId: string, kind: 'mainUser' | 'clientContent'): Promise<boolean> {
  let q = db
    .selectFrom('staff_grant as g')
    .innerJoin('role as r', 'r.code', 'g.role_code')
    .select('g.id')
    .where('g.user_id', '=', userId)
    .where('g.ended_at', 'is', null)
    .where(sql<boolean>`(g.valid_until IS NULL OR g.valid_until >= ${TODAY})`)
  q = kind === 'mainUser' ? q.where('g.role_code', '=', 'main_user') : q.where('r.client_content', '=', true)
  return (await q.executeTakeFirst()) !== undefined
}

/** The first rule the proposed grant breaks, or undefined when two people may make it. */
export async function separationBar(db: Executor, g: ProposedGrant): Promise<SeparationBar | undefined> {
  const content = await clientContent(db, g.roleCode)
  if (content === undefined) return undefined
  if (g.requestedBy === g.userId || g.grantedBy === g.userId) return 'self'
  if (!content) return g.roleCode === 'main_user' && (await holds(db, g.userId, 'clientContent')) ? 'clientContentNoMainUser' : undefined
  if (g.direct) return 'needsRequest'
  if (g.grantedBy !== undefined && g.grantedBy === g.requestedBy) return 'ownRequest'
  const account = await db.selectFrom('staff_user').select('created_by').where('id', '=', g.userId).executeTakeFirst()
  if (account?.created_by && (account.created_by === g.requestedBy || account.created_by === g.grantedBy)) return 'accountCreator'
  if (await holds(db, g.userId, 'mainUser')) return 'mainUserNoClientContent'
  return undefined
}

/** The field message of a bar met while a form is being filled in (grant form, request form). */
const FIELD_OF_BAR: Record<SeparationBar, { field: 'userId' | 'roleCode'; code: AdminFieldCode }> = {
  needsRequest: { field: 'roleCode', code: 'admin.grant.needsRequest' },
  self: { field: 'userId', code: 'admin.grantRequest.self' },
  ownRequest: { field: 'userId', code: 'admin.grantRequest.self' },
  accountCreator: { field: 'userId', code: 'admin.grantRequest.accountCreator' },
  mainUserNoClientContent: { field: 'roleCode', code: 'admin.grant.mainUserNoClientContent' },
  clientContentNoMainUser: { field: 'roleCode', code: 'admin.grant.clientContentNoMainUser' },
}

/** The detail of a bar met when a request is decided (no form: 403 with the reason). */
const DETAIL_OF_BAR: Record<SeparationBar, AdminDetail> = {
  needsRequest: 'selfChange',
  self: 'selfChange',
  ownRequest: 'ownRequest',
  accountCreator: 'accountCreator',
  mainUserNoClientContent: 'mainUserNoClientContent',
  clientContentNoMainUser: 'clientContentNoMainUser',
}

/**
 * Refuses a grant that breaks separation of duties: a denied security row naming the grantee, written on its own
 * (outside any transaction, so that it stays), then 422 with the field message (`form`) or 403 with the reason.
 */
export async function refuseSeparation(
  db: Executor,
  ctx: AuthedContext,
  opts: { event: AuditEventType; userId: string; bar: SeparationBar; form?: { prefix: string } },
): Promise<never> {
  await appendAudit(db, actorAudit(ctx, { event: opts.event, refId: opts.userId, outcome: 'denied' }))
  if (opts.form) {
    const { field, code } = FIELD_OF_BAR[opts.bar]
    const issue: FieldIssue = { field: `${opts.form.prefix}.${field}`, code }
    throw problems.validation([issue])
  }
  throw new HttpProblem(403, 'forbidden', { detail: adminDetail(DETAIL_OF_BAR[opts.bar]) })
}

/** Checks the proposed grant and refuses it (audited) when it breaks a rule. */
export async function requireSeparation(
  db: Executor,
  ctx: AuthedContext,
  g: ProposedGrant,
  opts: { event: AuditEventType; form?: { prefix: string } },
): Promise<void> {
  const bar = await separationBar(db, g)
  if (bar) await refuseSeparation(db, ctx, { ...opts, userId: g.userId, bar })
}

/** The database's separation trigger refused an INSERT that raced past the checks above. */
export function isSeparationViolation(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown }
  if (typeof e !== 'object' || e === null || err.code !== '23514') return false
  if (typeof err.constraint === 'string') return err.constraint.startsWith('staff_grant_')
  return typeof err.message === 'string' && /client content/.test(err.message)
}
