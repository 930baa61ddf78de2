import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'

const JobsPage = lazyPage(() => import('./JobsPage'), 'JobsPage')

/** Ajastetut tehtävät: the main user's view of the scheduled jobs (last run, next run, failures, run now). */
export const jobs: Feature<typeof dictionary.fi> = {
  id: 'jobs',
  dictionary,
  navigation: [{ id: 'jobs', path: '/admin/jobs', action: 'jobs:read', label: 'nav.jobs', order: 115 }],
  routes: [{ path: '/admin/jobs', page: JobsPage, action: 'jobs:read' }],
}
