import type { Feature } from '../../lib/feature'
import { lazyPage } from '../../lib/lazyPage'
import * as dictionary from './i18n'
import { RetentionSection } from './RetentionSection'

const DestructionListPage = lazyPage(() => import('./DestructionListPage'), 'DestructionListPage')
const DestructionListsPage = lazyPage(() => import('./DestructionListsPage'), 'DestructionListsPage')
const DestructionRecordsPage = lazyPage(() => import('./DestructionRecordsPage'), 'DestructionRecordsPage')
const RetentionRulesPage = lazyPage(() => import('./RetentionRulesPage'), 'RetentionRulesPage')
const ArchivePage = lazyPage(() => import('./ArchivePage'), 'ArchivePage')

/**
 * Retention and destruction: the archive officer's destruction lists (review, take off with a reason, approve,
 * execute) and the destruction records; the main user's retention table; the archive packages of the registers kept
 * permanently.
 */
export const retention: Feature<typeof dictionary.fi> = {
  id: 'retention',
  dictionary,
  navigation: [
    { id: 'destruction-lists', path: '/retention/destruction', action: 'destruction:lists', label: 'nav.destructionLists', order: 130 },
    { id: 'destruction-records', path: '/retention/destruction-records', action: 'destruction:records', label: 'nav.destructionRecords', order: 131 },
    { id: 'retention-rules', path: '/retention/rules', action: 'retention:rules-read', label: 'nav.retentionRules', order: 132 },
    { id: 'archive', path: '/retention/archive', action: 'archive:packages', label: 'nav.archive', order: 133 },
  ],
  cardSections: [{ id: 'retention', component: RetentionSection, order: 90, action: 'retention:read' }],
  routes: [
    { path: '/retention/destruction', page: DestructionListsPage, action: 'destruction:lists' },
    { path: '/retention/destruction/:listId', page: DestructionListPage, action: 'destruction:read' },
    { path: '/retention/destruction-records', page: DestructionRecordsPage, action: 'destruction:records' },
    { path: '/retention/rules', page: RetentionRulesPage, action: 'retention:rules-read' },
    { path: '/retention/archive', page: ArchivePage, action: 'archive:packages' },
  ],
}
