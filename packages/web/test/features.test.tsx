import type { ClientCard } from '@huoma/contract'
import { render, screen, within } from '@testing-library/react'
import { useTranslation } from 'react-i18next'
import { createMemoryRouter } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../src/App'
import { features } from '../src/features'
import { i18n } from '../src/i18n'
import { en, appWide as enAppWide } from '../src/i18n/en'
import { fi, appWide as fiAppWide } from '../src/i18n/fi'
import { sv, appWide as svAppWide } from '../src/i18n/sv'
import { LANGUAGES } from '../src/lib/language'
import { composeDictionary, navigationEntries, type Feature, type FeatureDeclaration, type PersonCardSectionProps } from '../src/lib/feature'
import { createRoutes } from '../src/routes'
import { json, sessionUser, signedIn } from './helpers'

const PERSON = '5b7c1a52-2d1e-4c3f-9a8b-7e6d5c4b3a21'

/** A feature that exists only in this test: one of everything a feature may declare. */
const kennelsFi = { nav: { kennels: 'Kennelit' }, kennels: { title: 'Kennelit', section: 'Koirat: {{task}}', taskless: 'Koirat kortilla' } } as const
const kennels: Feature<typeof kennelsFi> = {
  id: 'kennels',
  dictionary: {
    fi: kennelsFi,
    sv: { nav: { kennels: 'Kenneller' }, kennels: { title: 'Kenneller', section: 'Hundar: {{task}}', taskless: 'Hundar på kortet' } },
    en: { nav: { kennels: 'Kennels' }, kennels: { title: 'Kennels', section: 'Dogs: {{task}}', taskless: 'Dogs on the card' } },
  },
  navigation: [{ id: 'kennels', path: '/kennels', action: 'kennels:read', label: 'nav.kennels', order: 35 }],
  routes: [{ path: '/kennels', page: KennelsPage, action: 'kennels:read' }],
  cardSections: [
    { id: 'kennels-per-task', component: KennelSection, order: 25, serviceTask: 'each' },
    { id: 'kennels-card', component: KennelCardSection, order: 5, action: 'kennels:read' },
  ],
}

function KennelsPage() {
  return <h1>Kennel page</h1>
}

function KennelSection({ serviceTask }: PersonCardSectionProps) {
  const { t } = useTranslation()
  // A test-only key: the app's typed keys do not know it.
  return <section aria-label={String(t('kennels.section' as 'app.name', { task: serviceTask }))}>{serviceTask}</section>
}

function KennelCardSection({ card }: PersonCardSectionProps) {
  return <section aria-label="Kennel of the card">{card.person.lastName}</section>
}

function card(): ClientCard {
  return {
    person: {
      id: PERSON,
      hetu: '050776-900H',
      temporaryId: null,
      firstNames: 'Tuulikki',
      lastName: 'Salminen',
      birthDate: '1976-07-05',
      deathDate: null,
      turvakielto: false,
      callingName: null,
      serviceLanguage: 'fi',
      nativeLanguage: 'fi',
      phone: null,
      email: null,
      iban: null,
      addresses: [],
      version: 1,
    },
    family: [],
    household: [],
    relationships: [
      { id: 'r1', serviceTask: 'child_welfare', kind: 'responsible', userId: sessionUser().id, userName: 'Tiina Virtanen', startDate: '2026-01-01', endDate: null, startReason: 'new_client', endReason: null },
      { id: 'r2', serviceTask: 'adult_social_work', kind: 'team', userId: sessionUser().id, userName: 'Tiina Virtanen', startDate: '2026-01-01', endDate: null, startReason: 'new_client', endReason: null },
    ],
    timeline: [],
    accessBasis: 'relationship',
    vtjCheckedAt: null,
    vtjChanges: [],
  }
}

function renderWith(list: readonly FeatureDeclaration[], path: string) {
  const router = createMemoryRouter(createRoutes(list), { initialEntries: [path] })
  render(<App router={router} />)
  return router
}

async function navLinks() {
  const nav = await screen.findByRole('navigation', { name: 'Päävalikko' })
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent)
}

describe('the features list', () => {
  const roots = { fi, sv, en }
  const appWide = { fi: fiAppWide, sv: svAppWide, en: enAppWide }

  /** i18next with the dictionaries of a list, as i18n/{fi,sv,en}.ts make them for the real one. */
  function useDictionariesOf(list: readonly FeatureDeclaration[]) {
    for (const language of LANGUAGES) {
      i18n.removeResourceBundle(language, 'translation')
      i18n.addResourceBundle(language, 'translation', composeDictionary(language, appWide[language], list))
    }
  }

  afterEach(() => {
    for (const language of LANGUAGES) {
      i18n.removeResourceBundle(language, 'translation')
      i18n.addResourceBundle(language, 'translation', roots[language])
    }
  })

  const withKennels: readonly FeatureDeclaration[] = [...features, kennels]

  it('drives the navigation, the routes and the client card: a feature added to the list appears in all three', async () => {
    useDictionariesOf(withKennels)
    const actions = ['persons:search', 'persons:card', 'kennels:read']
    signedIn(sessionUser({ actions }), { [`GET /api/persons/${PERSON}/card`]: () => json(card()) })
    renderWith(withKennels, `/persons/${PERSON}`)

    // The card: the per-task section once for each of the user's service tasks, the other one once, in order.
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki' })
    const sections = screen.getAllByRole('region').map((region) => region.getAttribute('aria-label') ?? '')
    const ours = sections.filter((label) => label.startsWith('Koirat') || label.startsWith('Kennel'))
    expect(ours).toEqual(['Kennel of the card', 'Koirat: child_welfare', 'Koirat: adult_social_work'])

    // The navigation, in the order the entry asks for (after appointments' 30 and persons' 20).
    expect(await navLinks()).toEqual(['Etusivu', 'Asiakkaat', 'Kennelit'])
    expect(navigationEntries(withKennels).map((entry) => entry.id)).toContain('kennels')
  })

  it('routes to the feature’s page, guarded by its action', async () => {
    useDictionariesOf(withKennels)
    signedIn(sessionUser({ actions: ['kennels:read'] }))
    renderWith(withKennels, '/kennels')
    expect(await screen.findByRole('heading', { level: 1, name: 'Kennel page' })).toBeTruthy()
  })

  it('refuses the page to a user without the action, and shows neither entry nor section', async () => {
    useDictionariesOf(withKennels)
    signedIn(sessionUser({ actions: ['persons:card'] }), { [`GET /api/persons/${PERSON}/card`]: () => json(card()) })
    const router = renderWith(withKennels, '/kennels')
    expect(await screen.findByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeTruthy()
    expect(await navLinks()).toEqual(['Etusivu'])
    await router.navigate(`/persons/${PERSON}`)
    await screen.findByRole('heading', { level: 1, name: 'Salminen Tuulikki' })
    const labels = screen.getAllByRole('region').map((region) => region.getAttribute('aria-label'))
    expect(labels).not.toContain('Kennel of the card')
    expect(labels).toContain('Koirat: child_welfare') // no action asked: shown for each own service task
  })

  it('knows nothing of a feature left out of the list', async () => {
    signedIn(sessionUser({ actions: ['kennels:read', 'persons:search'] }))
    renderWith(features, '/kennels')
    expect(await screen.findByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeTruthy()
    expect(await navLinks()).toEqual(['Etusivu', 'Asiakkaat'])
  })

  it('merges the feature’s dictionary slice into every language, and refuses a key defined twice', () => {
    for (const language of LANGUAGES) {
      const root = composeDictionary(language, appWide[language], withKennels) as Record<string, Record<string, unknown>>
      expect(root.kennels).toEqual(kennels.dictionary![language].kennels)
      expect(root.nav!.kennels).toBe(kennels.dictionary![language].nav.kennels)
      expect(root.nav!.persons).toBeTruthy()
    }
    const clash: Feature<{ nav: { persons: string } }> = {
      id: 'clash',
      dictionary: { fi: { nav: { persons: 'Toiset' } }, sv: { nav: { persons: 'Andra' } }, en: { nav: { persons: 'Others' } } },
    }
    expect(() => composeDictionary('fi', fiAppWide, [...features, clash])).toThrow('Dictionary key "nav.persons" is defined twice (again by the feature clash)')
  })
})
