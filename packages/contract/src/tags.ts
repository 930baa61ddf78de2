/**
 * The OpenAPI tags: one per module of the API, with what it is about. An endpoint's tag is the first part of its
 * operationId in kebab case (`incomeSupport.worklist` → `income-support`); the server's OpenAPI document lists these
 * with their descriptions, and its test fails on an operation whose tag is not described here.
 */
export const API_TAGS = {
  platform: 'Liveness, the database status and the organisation\'s units. No client data.',
  auth: 'Signing in and out (password, second factor, single sign-on), the session, one\'s own password and TOTP.',
  persons:
    'Clients (asiakkaat): search, registration, the client card, client relationships, protected addresses and ' +
    'opening a client by breaking the glass.',
  vtj: 'The population register (väestötietojärjestelmä): queries with a stated purpose, registration from the register, refresh and the sync.',
  journal: 'The client journal (asiakaskertomus): drafts, signing, corrections as new versions, and the printout.',
  appointments: 'Workers\' and offices\' calendars and the booking, moving and cancelling of clients\' appointments.',
  attachments: 'A client\'s attachments in a service task: upload (the type sniffed from the content) and audited download.',
  privacy: 'The data protection officer\'s tools: the audit log, samples, break-the-glass review and the access report.',
  admin: 'Users, grants, substitutes and grant requests (no client content).',
  'income-support':
    'Income support (toimeentulotuki): parameters, applications and the worklist, Kela\'s forwarded applications, ' +
    'calculation, decisions, payment commitments and their PDFs.',
  payments: 'Payment batches with two-person approval, pain.001 files, bank feedback (pain.002, camt.054) and the accounting export.',
  'client-accounts': 'Intermediary accounts and after-care funds of clients: the ledger, statements and reconciliation.',
  deadlines: 'Statutory deadlines of every service as one worklist: the worker\'s own and the units\' queues, overdue and urgent marked.',
  providers: 'The register of service providers (palveluntuottajat): Y-tunnus, account, service types and validity, with every change kept. No client data.',
  'child-welfare':
    'Child welfare (lastensuojelu): the notifications register and its public e-form, the intake queue, urgency, ' +
    'the decision to start the service-need assessment and its statutory deadlines.',
  disclosures: 'Disclosures of client data (luovutukset) per register: requests with their legal basis, decisions, the disclosure log, and the client\'s consents and bans.',
  rights:
    'The client\'s own requests about their data (access, rectification, restriction, erasure, the log request): ' +
    'registration with the identity check, the one-month deadline, decisions per register, the refusal certificate and the copy.',
  jobs: 'The scheduled jobs: their state, last runs and running one now (the main user). No client data.',
  notice:
    'The privacy notice (tietosuojaseloste) generated from the configuration, public in Finnish and Swedish with every version kept; ' +
    'its configuration (data protection parameters, regular disclosures, paper records) and the record that a client was informed.',
  commitment: 'The user commitment (käyttäjäsitoumus): its versions, and each user\'s acceptance before anything else.',
  desk: 'The signed-in user\'s desk (the home page): my clients, appointments, drafts and deadlines, and what waits for my act.',
  retention: 'Retention of client records (703/2023): the retention table as effective-dated parameters, each client\'s destroy-after dates and legal holds.',
  archive: 'Archive packages: the records ordered permanent (the 8/18/28 sample, archive orders) exported as PDF/A with their metadata for the archive.',
  destruction: 'Destruction lists (hävitysluettelot): proposal by due date, review, approval by another archive officer, execution in batches, and the permanent destruction records.',
} as const satisfies Record<string, string>

export type ApiTag = keyof typeof API_TAGS

/** The tag of an operation: the first part of its operationId, in kebab case. */
export function operationTag(operationId: string): string {
  const module = operationId.split('.')[0] ?? operationId
  return module.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}
