import { defineActions, INCOME_SUPPORT_HANDLERS } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const incomeSupportActions = defineActions({
  'income-support:parameters': {
    scope: 'role',
    roles: ['benefit_handler', 'social_worker', 'supervisor', 'main_user'],
    description: 'Read the effective-dated income support parameters (perusosa, deduction rules, limits) and their history',
  },
  'income-support:parameters-edit': {
    scope: 'role',
    roles: ['main_user'],
    description: 'Add or change an income support parameter set (every change kept with who and when)',
  },
  'income-support:worklist': {
    scope: 'role',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'view',
    dataGroup: 'income_support/application',
    description: 'The handler\'s worklist: open income support applications by deadline (own and the unit\'s queue)',
  },
  'income-support:household': {
    scope: 'client',
    roles: [...INCOME_SUPPORT_HANDLERS, 'office_secretary'],
    audit: 'view',
    dataGroup: 'registry/household',
    description: 'The registry household of a client proposed as the members of an income support application',
  },
  'income-support:calculate': {
    scope: 'client',
    roles: [...INCOME_SUPPORT_HANDLERS, 'office_secretary'],
    audit: 'view',
    dataGroup: 'registry/household',
    description: 'Calculate an application being registered (the household\'s birth dates from the registry; nothing saved)',
  },
  'income-support:register': {
    scope: 'role',
    roles: [...INCOME_SUPPORT_HANDLERS, 'office_secretary'],
    audit: 'insert',
    dataGroup: 'income_support/application',
    description: 'Register an income support application received on paper or as an e-form (opens the matter in the unit\'s queue)',
  },
  'income-support:kela-import': {
    scope: 'role',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'insert',
    dataGroup: 'income_support/application',
    description: 'Fetch the applications Kela has forwarded (supplementary and preventive assistance) into the unit\'s queue',
  },
  'income-support:assign': {
    scope: 'role',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'update',
    dataGroup: 'income_support/application',
    description: 'Take an application from the unit\'s queue (a supervisor may assign it to a handler); opens the client relationship',
  },
  'income-support:read': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'view',
    dataGroup: 'income_support/application',
    description: 'Read a client\'s income support applications, calculations and decisions',
  },
  'income-support:payments': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'view',
    dataGroup: 'income_support/payable',
    description: 'Read the history of a client\'s income support payments (due, paid, returned)',
  },
  'income-support:edit': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'update',
    dataGroup: 'income_support/application',
    description: 'Prepare an application: household, claimed and accepted items, requests for completion',
  },
  'income-support:decide': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'insert',
    dataGroup: 'income_support/decision',
    description: 'Make (or correct with a new) income support decision; creates payment commitments and payables',
  },
  'income-support:notify': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'update',
    dataGroup: 'income_support/decision',
    description: 'Record when and how the decision reached the client (tiedoksianto)',
  },
  'income-support:print': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'print',
    dataGroup: 'income_support/decision',
    description: 'Print a decision (or its preview) or a payment commitment as PDF',
  },
})
