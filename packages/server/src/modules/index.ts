/**
 * The server's modules: the one list that the composition root iterates for routes, actions, messages and jobs.
 * Adding a module is its folder and one line here.
 */
import { platformModule } from './platform'
import { authModule } from './auth'
import { personsModule } from './persons'
import { journalModule } from './journal'
import { appointmentsModule } from './appointments'
import { attachmentsModule } from './attachments'
import { privacyModule } from './privacy'
import { adminModule } from './admin'
import { incomeSupportModule } from './income-support'
import { clientAccountsModule } from './client-accounts'
import { paymentsModule } from './payments'
import { jobsModule } from './jobs'
import { providersModule } from './providers'
import { deadlinesModule } from './deadlines'
import { childWelfareModule } from './child-welfare'
import { disclosuresModule } from './disclosures'
import { rightsModule } from './rights'
import { noticeModule } from './notice'
import { deskModule } from './desk'
import { retentionModule } from './retention'
import { archiveModule } from './archive'

export const MODULES = [
  platformModule,
  authModule,
  personsModule,
  journalModule,
  appointmentsModule,
  attachmentsModule,
  privacyModule,
  adminModule,
  incomeSupportModule,
  clientAccountsModule,
  paymentsModule,
  jobsModule,
  providersModule,
  deadlinesModule,
  childWelfareModule,
  disclosuresModule,
  rightsModule,
  noticeModule,
  deskModule,
  retentionModule,
  archiveModule,
] as const
