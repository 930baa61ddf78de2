/**
 * The features list as the running app sees it. `routes.tsx` puts the list it was made from here, and the
 * navigation, the home page and the client card read it from here: they iterate the list without importing it
 * (the list imports their pages, so importing it back would be a cycle), and a test can hand them another list.
 */
import { createContext, useContext } from 'react'
import { useUser } from '../session/context'
import { navigationEntries, visibleNavigation, type FeatureDeclaration, type NavigationEntry } from '../lib/feature'

export const FeatureListContext = createContext<readonly FeatureDeclaration[]>([])

/** The features the app was built from. */
export function useFeatureList(): readonly FeatureDeclaration[] {
  return useContext(FeatureListContext)
}

/** The signed-in user's menu entries, and all entries (to tell which paths extend others). */
export function useNavigation(): { visible: NavigationEntry[]; all: NavigationEntry[] } {
  const features = useFeatureList()
  const user = useUser()
  return { visible: visibleNavigation(features, user.actions), all: navigationEntries(features) }
}
