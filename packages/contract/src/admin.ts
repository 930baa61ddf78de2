import Type, { type Static, type TSchema } from 'typebox'
import { IsoDate, Language, Uuid } from './common'
import { endpoints } from './endpoint'

/*
 * User administration (Käyttäjät ja oikeudet): staff accounts, their grants and the supervisors' grant requests.
 * Nothing here ever carries client data: the main user administers people who work with clients, not clients.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** A name in the three UI languages. */
export const OrgNames = Type.Object({ fi: Type.String(), sv: Type.String(), en: Type.String() })
export type OrgNames = Static<typeof OrgNames>

// ---- Organisation structure (for the forms) --------------------------------------------------------------

export const OrgUnit = Type.Object({
  id: Uuid,
  code: Type.String(),
  /** Units are named in Finnish and Swedish; `en` repeats the Finnish name. */
  names: OrgNames,
  active: Type.Boolean(),
})
export type OrgUnit = Static<typeof OrgUnit>

export const OrgServiceTask = Type.Object({ code: Type.String(), names: OrgNames })
export type OrgServiceTask = Static<typeof OrgServiceTask>

export const OrgRole = Type.Object({
  code: Type.String(),
  names: OrgNames,
  /** false: the role never sees client content (main user, statistician) and its grants carry no service tasks. */
  clientContent: Type.Boolean(),
})
export type OrgRole = Static<typeof OrgRole>

export const OrganisationStructure = Type.Object({
  organisation: Nullable(Type.Object({ id: Uuid, name: Type.String(), businessId: Type.String() })),
  units: Type.Array(OrgUnit),
  serviceTasks: Type.Array(OrgServiceTask),
  roles: Type.Array(OrgRole),
})
export type OrganisationStructure = Static<typeof OrganisationStructure>

// ---- Grants ------------------------------------------------------------------------------------------------

/** current: in force today; future: starts later; expired: its end date has passed; ended: ended by the main user. */
export const GrantStatus = Type.Union([Type.Literal('current'), Type.Literal('future'), Type.Literal('expired'), Type.Literal('ended')])
export type GrantStatus = Static<typeof GrantStatus>

/** Another staff member named on a record (who requested, granted or decided). */
export const AdminStaffRef = Type.Object({ id: Uuid, username: Type.String(), displayName: Type.String() })
export type AdminStaffRef = Static<typeof AdminStaffRef>

export const GrantView = Type.Object({
  id: Uuid,
  userId: Uuid,
  roleCode: Type.String(),
  unitId: Uuid,
  serviceTasks: Type.Array(Type.String()),
  validFrom: IsoDate,
  /** null: until further notice; a date: the last day the grant is in force (substitutes always have one). */
  validUntil: Nullable(IsoDate),
  status: GrantStatus,
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  requestedBy: Nullable(AdminStaffRef),
  grantedBy: Nullable(AdminStaffRef),
  createdAt: Type.String({ format: 'date-time' }),
})
export type GrantView = Static<typeof GrantView>

export const GrantList = Type.Object({ grants: Type.Array(GrantView) })
export type GrantList = Static<typeof GrantList>

const GrantFields = {
  roleCode: Type.String({ minLength: 1, maxLength: 60 }),
  unitId: Uuid,
  serviceTasks: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20, uniqueItems: true }),
  validFrom: IsoDate,
  validUntil: Type.Optional(Nullable(IsoDate)),
}

export const CreateGrantRequest = Type.Object(
  {
    ...GrantFields,
    /** A substitute's grant (sijainen): an end date is then required. */
    substitute: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type CreateGrantRequest = Static<typeof CreateGrantRequest>

export const GrantIdParams = Type.Object({ id: Uuid })

// ---- Users -------------------------------------------------------------------------------------------------

export const StaffUserView = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  language: Language,
  active: Type.Boolean(),
  deactivatedAt: Nullable(Type.String({ format: 'date-time' })),
  /** The user has enrolled a second factor (TOTP). */
  mfaEnabled: Type.Boolean(),
  /** The user must set a new password at the next sign-in (new account or one-time password). */
  mustChangePassword: Type.Boolean(),
  /** Locked after repeated failed sign-ins, until this moment. */
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  /** Optimistic lock: send it back with a change; a stale value gets 409. */
  version: Type.Integer({ minimum: 1 }),
  /** In the list: current and future grants; in the detail: every grant with its status. */
  grants: Type.Array(GrantView),
})
export type StaffUserView = Static<typeof StaffUserView>

export const UserStatusFilter = Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('all')])
export type UserStatusFilter = Static<typeof UserStatusFilter>

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name or username' })),
    status: Type.Optional(UserStatusFilter),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
)
export type UserListQuery = Static<typeof UserListQuery>

export const UserList = Type.Object({
  users: Type.Array(StaffUserView),
  /** Users that matched, including those beyond `limit`. */
  total: Type.Integer({ minimum: 0 }),
})
export type UserList = Static<typeof UserList>

export const UserIdParams = Type.Object({ id: Uuid })

export const CreateUserRequest = Type.Object(
  {
    /** Stored in lower case: letters a–z, digits and . _ - */
    username: Type.String({ minLength: 2, maxLength: 100 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    language: Language,
    /** Set by the main user (password policy applies); left out: the server makes a one-time password. */
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export type CreateUserRequest = Static<typeof CreateUserRequest>

export const CreateUserResponse = Type.Object({
  user: StaffUserView,
  /** The generated one-time password, shown exactly once; absent when the main user set the password. */
  initialPassword: Type.Optional(Type.String()),
})
export type CreateUserResponse = Static<typeof CreateUserResponse>

export const UpdateUserRequest = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
)
export type UpdateUserRequest = Static<typeof UpdateUserRequest>

/** The body of deactivate, reactivate and second-factor reset: the version the main user saw. */
export const VersionedRequest = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type VersionedRequest = Static<typeof VersionedRequest>

// ---- Grant requests ----------------------------------------------------------------------------------------

export const GrantRequestDecision = Type.Union([Type.Literal('granted'), Type.Literal('refused')])

export const GrantRequestView = Type.Object({
  id: Uuid,
  user: AdminStaffRef,
  /** The main user who created the worker's account (null: an installation account): they may not decide the request. */
  accountCreatedBy: Nullable(Uuid),
  roleCode: Type.String(),
  unitId: Uuid,
  serviceTasks: Type.Array(Type.String()),
  validFrom: IsoDate,
  validUntil: Nullable(IsoDate),
  justification: Type.String(),
  requestedBy: AdminStaffRef,
  requestedAt: Type.String({ format: 'date-time' }),
  decision: Nullable(GrantRequestDecision),
  decidedBy: Nullable(AdminStaffRef),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  grantId: Nullable(Uuid),
})
export type GrantRequestView = Static<typeof GrantRequestView>

export const GrantRequestListQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided'), Type.Literal('all')])) },
  { additionalProperties: false },
)
export type GrantRequestListQuery = Static<typeof GrantRequestListQuery>

export const GrantRequestList = Type.Object({ requests: Type.Array(GrantRequestView) })
export type GrantRequestList = Static<typeof GrantRequestList>

export const FileGrantRequest = Type.Object(
  {
    userId: Uuid,
    ...GrantFields,
    /** Why the worker needs the right. Never client details: the main user reads this. */
    justification: Type.String({ minLength: 10, maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type FileGrantRequest = Static<typeof FileGrantRequest>

export const GrantRequestIdParams = Type.Object({ id: Uuid })

/** What a supervisor may put in a request: active accounts (names only) and the units they supervise. */
export const GrantRequestOptions = Type.Object({
  users: Type.Array(AdminStaffRef),
  /** The units the caller may request rights in: where they hold a current supervisor grant; every active unit for a main user. */
  unitIds: Type.Array(Uuid),
})
export type GrantRequestOptions = Static<typeof GrantRequestOptions>

/**
 * The administration's operations: staff accounts and grants for the main user, grant requests for supervisors.
 * Every change is a security event in the audit log; no answer carries client data.
 */
export const adminEndpoints = endpoints({
  'admin.organisation': {
    method: 'GET',
    path: '/api/admin/organisation',
    action: 'admin:grant-requests',
    summary: 'Units, service tasks and roles, with their names in Finnish, Swedish and English',
    response: { 200: OrganisationStructure },
  },
  'admin.grantRequestOptions': {
    method: 'GET',
    path: '/api/admin/grant-requests/options',
    action: 'admin:grant-requests',
    summary: 'For a request: active staff accounts (names only) and the units the caller supervises',
    response: { 200: GrantRequestOptions },
  },
  'admin.listUsers': {
    method: 'GET',
    path: '/api/admin/users',
    action: 'admin:users',
    summary: 'Staff users by name or username, with their current and future grants',
    query: UserListQuery,
    response: { 200: UserList },
  },
  'admin.readUser': {
    method: 'GET',
    path: '/api/admin/users/:id',
    action: 'admin:users',
    summary: 'A staff user with every grant and its status',
    params: UserIdParams,
    response: { 200: StaffUserView },
  },
  'admin.createUser': {
    method: 'POST',
    path: '/api/admin/users',
    action: 'admin:users-write',
    summary: 'Create a staff user; the password is set here or generated and shown once, and must be changed at first sign-in',
    body: CreateUserRequest,
    response: { 201: CreateUserResponse },
  },
  'admin.updateUser': {
    method: 'PATCH',
    path: '/api/admin/users/:id',
    action: 'admin:users-write',
    summary: 'Change a user\'s name, e-mail or language (optimistic lock: a stale version gets 409)',
    params: UserIdParams,
    body: UpdateUserRequest,
    response: { 200: StaffUserView },
    errors: [409],
  },
  'admin.deactivateUser': {
    method: 'POST',
    path: '/api/admin/users/:id/deactivate',
    action: 'admin:users-write',
    summary: 'Deactivate a user: every grant ends today and every session is revoked, at once',
    params: UserIdParams,
    body: VersionedRequest,
    response: { 200: StaffUserView },
    errors: [409],
  },
  'admin.reactivateUser': {
    method: 'POST',
    path: '/api/admin/users/:id/reactivate',
    action: 'admin:users-write',
    summary: 'Reactivate a user (without grants: rights are granted anew)',
    params: UserIdParams,
    body: VersionedRequest,
    response: { 200: StaffUserView },
    errors: [409],
  },
  'admin.resetMfa': {
    method: 'POST',
    path: '/api/admin/users/:id/reset-mfa',
    action: 'admin:users-write',
    summary: 'Reset a user\'s second factor: the TOTP secret and recovery codes are removed and every session is revoked',
    params: UserIdParams,
    body: VersionedRequest,
    response: { 200: StaffUserView },
    errors: [409],
  },
  'admin.userGrants': {
    method: 'GET',
    path: '/api/admin/users/:id/grants',
    action: 'admin:users',
    summary: 'A user\'s grants with their status: current, future, expired or ended',
    params: UserIdParams,
    response: { 200: GrantList },
  },
  'admin.createGrant': {
    method: 'POST',
    path: '/api/admin/users/:id/grants',
    action: 'admin:grants-write',
    summary: 'Grant a role in a unit for service tasks from a date, until a date for substitutes',
    params: UserIdParams,
    body: CreateGrantRequest,
    response: { 201: GrantView },
    errors: [409],
  },
  'admin.endGrant': {
    method: 'POST',
    path: '/api/admin/grants/:id/end',
    action: 'admin:grants-write',
    summary: 'End a grant now: it stops counting at once and its end date becomes today',
    params: GrantIdParams,
    response: { 200: GrantView },
    errors: [409],
  },
  'admin.listGrantRequests': {
    method: 'GET',
    path: '/api/admin/grant-requests',
    action: 'admin:grant-requests',
    summary: 'Grant requests: the main user sees all, a supervisor those they filed',
    query: GrantRequestListQuery,
    response: { 200: GrantRequestList },
  },
  'admin.fileGrantRequest': {
    method: 'POST',
    path: '/api/admin/grant-requests',
    action: 'admin:grant-requests',
    summary: 'A supervisor requests a right for a worker in a unit they supervise, with a justification',
    body: FileGrantRequest,
    response: { 201: GrantRequestView },
  },
  'admin.approveGrantRequest': {
    method: 'POST',
    path: '/api/admin/grant-requests/:id/grant',
    action: 'admin:grants-write',
    summary: 'Grant a request: the grant is created as requested (from today at the earliest), naming the requester',
    params: GrantRequestIdParams,
    response: { 200: GrantRequestView },
    errors: [409],
  },
  'admin.refuseGrantRequest': {
    method: 'POST',
    path: '/api/admin/grant-requests/:id/refuse',
    action: 'admin:grants-write',
    summary: 'Refuse a request',
    params: GrantRequestIdParams,
    response: { 200: GrantRequestView },
    errors: [409],
  },
})
