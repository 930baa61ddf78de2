/**
 * A feature as a declared unit. Each `features/<m>/index.ts` exports one {@link Feature}: its menu entries, its
 * routes (each guarded by an action), the sections it adds to the client card, and its part of the dictionary.
 * `features/index.ts` lists them, one line per feature; the routes (`routes.tsx`), the navigation, the home page,
 * the client card and the dictionaries (`i18n/{fi,sv,en}.ts`) are all made from that one list, so adding a feature
 * is one folder and one line.
 *
 * This module holds the types and the pure functions over a list; it imports no feature.
 */
import type { ClientCard, SessionUser } from '@huoma/contract'
import type { ComponentType } from 'react'

/** The same tree of keys as `T`, every text a string: a translation has exactly the Finnish source's keys. */
export type Translation<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> }

/** Every dotted key path to a text in `T`: `'nav.persons' | 'persons.title' | …`. */
export type TextKey<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : TextKey<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/**
 * A feature's part of the dictionary (`features/<m>/i18n.ts`): `fi` is the source (`as const`), `sv` and `en` are
 * typed by its shape. Its top-level keys are the key paths the feature's `t()` calls use (`persons`, `breakGlass`);
 * a slice may add keys to a shared namespace too (`nav.persons`). The slices are merged into the root dictionaries,
 * and a key defined twice stops the app at start.
 */
export interface DictionarySlice<S> {
  fi: S
  sv: Translation<S>
  en: Translation<S>
}

/** An entry of the left navigation (and of the home page's list of modules). */
export interface NavigationEntry<Label extends string = string> {
  /** Stable identifier, e.g. `payments` or `bank-returns`. */
  id: string
  path: string
  /** The action from `SessionUser.actions` that opens it; none: everyone signed in. */
  action?: string
  /** Left out of the menu for a user who also has this action (an entry that covers the same ground for them). */
  notWith?: string
  /** The dictionary key of its name, in the feature's own slice (`nav.persons`). */
  label: Label
  /** Place in the menu, smaller first. */
  order: number
}

/** A page of the feature: a react-router route, guarded by an action. */
export interface FeatureRoute {
  /** `/` is the home page (the index route). */
  path: string
  /** The page's component. */
  page: ComponentType
  /** The action the user must have; without it the page says "no access". None: every signed-in user. */
  action?: string
  /** `false`: outside the application shell and open without a session (the sign-in page). */
  shell?: boolean
}

/** What a section of the client card gets: the card, and for a per-service-task section the service task. */
export interface PersonCardSectionProps {
  card: ClientCard
  /** Reloads the card (after a change that shows on it). */
  reload: () => void
  /** The service task this copy of the section is for (sections with `serviceTask: 'each'`). */
  serviceTask?: string
}

/** A section that a feature adds to the client card (`/persons/:id`), between its own sections and the timeline. */
export interface PersonCardSection {
  id: string
  component: ComponentType<PersonCardSectionProps>
  /**
   * Position on the card, smaller first. Per-service-task sections with the same `order` are shown together, task
   * by task (the journal and the attachments of one service task, then the next task's).
   */
  order: number
  /** The action the user must have for the section to be shown. */
  action?: string
  /**
   * `'each'`: one copy for every service task in which the user has an open relationship of their own with the
   * client. A service task code: shown only where the user has a basis in that register on this card (their own
   * open relationship, or a supervisor's over someone's open one), so that no request is made that would be refused.
   */
  serviceTask?: 'each' | string
}

/** What every feature declares; the list is typed by this. */
export interface FeatureDeclaration {
  /** The folder's name: `income-support`. */
  id: string
  /** Its part of the dictionary; none when it shows only words of the app-wide dictionary. */
  dictionary?: DictionarySlice<object>
  navigation?: readonly NavigationEntry[]
  routes?: readonly FeatureRoute[]
  cardSections?: readonly PersonCardSection[]
}

/**
 * One feature's declaration, typed by its dictionary slice `S` (`typeof fi` of its `i18n.ts`): its menu labels must
 * be keys of its own slice.
 */
export interface Feature<S extends object = Record<never, never>> extends FeatureDeclaration {
  dictionary?: DictionarySlice<S>
  navigation?: readonly NavigationEntry<TextKey<S>>[]
}

// ---------------------------------------------------------------------------------------------------------------
// The list → navigation, card sections, dictionaries

/** All menu entries of the list in menu order. */
export function navigationEntries(features: readonly FeatureDeclaration[]): NavigationEntry[] {
  return features.flatMap((feature) => feature.navigation ?? []).sort((a, b) => a.order - b.order)
}

/** The menu entries a user with these actions may open. Actions that no entry knows open nothing. */
export function visibleNavigation(features: readonly FeatureDeclaration[], actions: readonly string[]): NavigationEntry[] {
  return navigationEntries(features).filter(
    (entry) => (entry.action === undefined || actions.includes(entry.action)) && !(entry.notWith && actions.includes(entry.notWith)),
  )
}

/** Whether a menu entry's link is current only on its own path: `/` and a path that others' paths extend. */
export function matchesOnlyItself(entry: NavigationEntry, all: readonly NavigationEntry[]): boolean {
  return entry.path === '/' || all.some((other) => other.path.startsWith(`${entry.path}/`))
}

/** Whether a user has a basis in `serviceTask` on this card: an open relationship of their own, or a supervisor's. */
function hasBasis(card: ClientCard, user: SessionUser, serviceTask: string): boolean {
  return card.relationships.some(
    (r) => r.serviceTask === serviceTask && !r.endDate && (r.userId === user.id || user.roles.includes('supervisor')),
  )
}

/** The service tasks in which the user has an open relationship of their own with the client, in the card's order. */
export function ownServiceTasks(card: ClientCard, user: SessionUser): string[] {
  return [...new Set(card.relationships.filter((r) => r.userId === user.id && !r.endDate).map((r) => r.serviceTask))]
}

/** One section as shown on a card: the declaration, and the service task of a per-task copy. */
export interface PlacedSection {
  key: string
  section: PersonCardSection
  serviceTask?: string
}

/**
 * The sections of the list that this user sees on this card, in order: by `order`, per-task sections with the same
 * `order` task by task.
 */
export function placeCardSections(features: readonly FeatureDeclaration[], card: ClientCard, user: SessionUser): PlacedSection[] {
  const sections = features
    .flatMap((feature) => feature.cardSections ?? [])
    .filter((s) => s.action === undefined || user.actions.includes(s.action))
    .filter((s) => s.serviceTask === undefined || s.serviceTask === 'each' || hasBasis(card, user, s.serviceTask))
    .sort((a, b) => a.order - b.order)
  const tasks = ownServiceTasks(card, user)
  const placed: PlacedSection[] = []
  for (let i = 0; i < sections.length; ) {
    const section = sections[i]!
    if (section.serviceTask !== 'each') {
      placed.push({ key: section.id, section })
      i++
      continue
    }
    let end = i
    while (end < sections.length && sections[end]!.serviceTask === 'each' && sections[end]!.order === section.order) end++
    const group = sections.slice(i, end)
    for (const task of tasks) for (const s of group) placed.push({ key: `${s.id} ${task}`, section: s, serviceTask: task })
    i = end
  }
  return placed
}

type Tree = { [key: string]: string | Tree }

function mergeInto(target: Tree, source: object, path: string, origin: string): void {
  for (const [key, value] of Object.entries(source) as [string, unknown][]) {
    const at = path ? `${path}.${key}` : key
    const existing = target[key]
    if (typeof value === 'string') {
      if (existing !== undefined) throw new Error(`Dictionary key "${at}" is defined twice (again by ${origin})`)
      target[key] = value
    } else if (typeof value === 'object' && value !== null) {
      if (typeof existing === 'string') throw new Error(`Dictionary key "${at}" is both a text and a group (${origin})`)
      const branch: Tree = existing ?? {}
      target[key] = branch
      mergeInto(branch, value, at, origin)
    }
  }
}

/**
 * The root dictionary of one language: the app-wide keys with every feature's slice merged in. Throws when two
 * parts define the same key.
 */
export function composeDictionary(language: keyof DictionarySlice<object>, appWide: object, features: readonly FeatureDeclaration[]): Tree {
  const root: Tree = {}
  mergeInto(root, appWide, '', 'the app-wide dictionary')
  for (const feature of features) if (feature.dictionary) mergeInto(root, feature.dictionary[language], '', `the feature ${feature.id}`)
  return root
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

/** The dictionary type of a list: the app-wide keys and every feature's slice, texts as strings. */
export type ComposedDictionary<AppWide, List extends readonly FeatureDeclaration[]> = Translation<AppWide & UnionToIntersection<SliceOf<List[number]>>>

/** The Finnish slice type of a feature (nothing for a feature without one). */
type SliceOf<F> = F extends FeatureDeclaration ? (NonNullable<F['dictionary']> extends { fi: infer S } ? S : unknown) : never
