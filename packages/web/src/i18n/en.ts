import type { Dictionary } from './types'

export const en: Dictionary = {
  app: {
    name: 'Huoma',
    tagline: 'Social welfare client information system',
    version: 'Version {{version}}',
    skipToContent: 'Skip to content',
    loading: 'Loading…',
  },
  language: {
    label: 'Language',
  },
  header: {
    userLabel: 'Signed-in user',
    logout: 'Sign out',
    loggingOut: 'Signing out…',
    logoutFailed: 'Signing out failed. Please try again.',
  },
  nav: {
    label: 'Main menu',
    home: 'Home',
    persons: 'Clients',
    adminUsers: 'Users and permissions',
    audit: 'Audit log review',
  },
  roles: {
    'social_worker': 'Social worker',
    'social_counsellor': 'Social counsellor',
    'benefit_handler': 'Benefit handler',
    'office_secretary': 'Office secretary',
    supervisor: 'Supervisor',
    'main_user': 'Main user',
    'data_protection_officer': 'Data protection officer',
    finance: 'Finance',
    statistician: 'Statistician',
  },
  login: {
    title: 'Sign in',
    intro: 'Sign in to Huoma with the username your organisation has given you.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    usernameRequired: 'Enter your username.',
    passwordRequired: 'Enter your password.',
    signedOut: 'You have signed out.',
    sessionExpired: 'Your session has expired. Please sign in again.',
  },
  home: {
    title: 'Home',
    greetingMorning: 'Good morning, {{name}}',
    greetingDay: 'Good afternoon, {{name}}',
    greetingEvening: 'Good evening, {{name}}',
    intro: 'Choose your task from the menu on the left.',
    noModules:
      'You do not have access to any module yet. Ask your supervisor for the permissions you need; the main user grants them.',
    roles: 'Your roles',
  },
  status: {
    title: 'System status',
    loading: 'Fetching system status…',
    state: 'Status',
    ok: 'Operational',
    database: 'Database',
    pglite: 'Embedded PGlite database',
    postgresql: 'PostgreSQL database server',
    migration: 'Latest database migration',
    failed: 'The system status could not be fetched.',
  },
  persons: {
    title: 'Clients',
    description:
      'Client search and basic details. Here you find a client by name or personal identity code and see their personal and contact details and their client relationships in each service task. A client’s details are shown only when you have a client relationship with them or state the grounds for processing their data.',
  },
  adminUsers: {
    title: 'Users and permissions',
    description:
      'Management of user accounts and access rights. The main user adds users, grants them roles for service tasks and units at a supervisor’s request, and sets an end date on substitutes’ rights. Every change of rights is logged.',
  },
  audit: {
    title: 'Audit log review',
    description:
      'Monitoring the use of client data. The data protection officer finds out from the log who has processed a client’s data, when and on what grounds, draws random samples of events for review, and goes through cases where data was opened without a client relationship.',
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address. Check the address or return to the home page.',
    forbiddenTitle: 'No access',
    forbiddenText:
      'You do not have access to this module. If you need it for your work, ask your supervisor for the permission.',
    backHome: 'Return to the home page',
    unavailableTitle: 'Huoma cannot be reached',
    network: 'The server could not be reached. Check the network connection and try again.',
    unexpected: 'An unexpected error occurred. Please try again.',
    http: 'The server responded with an error (HTTP {{status}}).',
    retry: 'Try again',
  },
}
