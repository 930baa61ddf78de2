import { defineActions } from '../../access/actions'

/** Who works child welfare's intake: social workers, social counsellors and their supervisors with a child welfare grant. */
export const CHILD_WELFARE_WORKERS = ['social_worker', 'social_counsellor', 'supervisor'] as const

/** The actions of child welfare (the access layer's catalogue is assembled from every module's). */
export const childWelfareActions = defineActions({
  'child-welfare:public-notify': {
    scope: 'public',
    audit: 'insert',
    dataGroup: 'child_welfare/notification',
    description: 'Make a child welfare notification through the public e-form without signing in (rate limited; audited with the address)',
  },
  'child-welfare:notifications': {
    scope: 'role',
    roles: CHILD_WELFARE_WORKERS,
    audit: 'view',
    dataGroup: 'child_welfare/notification',
    description: 'Read the notifications register of one\'s own child welfare units: the intake queue and each notification with its reporter',
  },
  'child-welfare:register': {
    scope: 'role',
    roles: [...CHILD_WELFARE_WORKERS, 'office_secretary'],
    audit: 'insert',
    dataGroup: 'child_welfare/notification',
    description: 'Register a notification received by phone, letter, e-mail or in person into a unit\'s intake queue',
  },
  'child-welfare:find-child': {
    scope: 'role',
    roles: CHILD_WELFARE_WORKERS,
    audit: 'search',
    dataGroup: 'registry/person',
    description: 'Search the client registry for the child an open notification of one\'s unit concerns (minors at the receipt)',
  },
  'child-welfare:handle': {
    scope: 'role',
    roles: CHILD_WELFARE_WORKERS,
    audit: 'update',
    dataGroup: 'child_welfare/notification',
    description: 'Handle a notification: assess its urgency, identify its children, decide on starting the assessment, record informing the family, close it',
  },
  'child-welfare:read': {
    scope: 'client',
    roles: CHILD_WELFARE_WORKERS,
    audit: 'view',
    dataGroup: 'child_welfare/record',
    bases: ['relationship', 'supervision', 'break_glass'],
    description: 'Read a child\'s child welfare record: assessments, decisions, the placements timeline and court applications',
  },
  'child-welfare:assess': {
    scope: 'client',
    roles: CHILD_WELFARE_WORKERS,
    audit: 'update',
    dataGroup: 'child_welfare/assessment',
    bases: ['relationship', 'supervision', 'break_glass'],
    description: 'Complete a child\'s service-need assessment with its conclusion (child welfare client or not)',
  },
  'child-welfare:decide': {
    scope: 'client',
    roles: ['social_worker', 'supervisor'],
    audit: 'insert',
    dataGroup: 'child_welfare/decision',
    bases: ['relationship', 'supervision', 'break_glass'],
    description: 'Decide open-care support measures, after-care measures, an urgent placement or its extension, a care order or its end, or prepare and file the care order application to the court',
  },
  'child-welfare:print': {
    scope: 'client',
    roles: CHILD_WELFARE_WORKERS,
    audit: 'print',
    dataGroup: 'child_welfare/decision',
    bases: ['relationship', 'supervision', 'break_glass'],
    description: 'Print a child welfare decision (the file copy or a guardian\'s), the assessment summary or a care order application to the court as PDF',
  },
  'child-welfare:caseload': {
    scope: 'role',
    roles: ['supervisor'],
    description: 'See how many children each responsible social worker of one\'s units has, against the statutory maximum (counts only, no client data)',
  },
  'child-welfare:ban': {
    scope: 'client',
    roles: ['social_worker', 'supervisor'],
    audit: 'insert',
    dataGroup: 'child_welfare/disclosure_ban',
    bases: ['relationship', 'supervision', 'break_glass'],
    description: 'Record or lift a minor\'s prohibition to disclose their data to a guardian (asiakaslaki 11 §), with the maturity assessment',
  },
  'child-welfare:workers': {
    scope: 'role',
    roles: CHILD_WELFARE_WORKERS,
    description: 'List the licensed social workers of one\'s child welfare units who may be a child\'s responsible worker (staff names only, no client data)',
  },
  'child-welfare:plan': {
    scope: 'client',
    roles: CHILD_WELFARE_WORKERS,
    audit: 'insert',
    dataGroup: 'child_welfare/plan',
    bases: ['relationship', 'supervision', 'break_glass'],
    description: 'Make or review a child\'s client plan (or the parents\' plan while the child is placed)',
  },
})
