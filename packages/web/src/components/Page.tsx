import { useEffect, useRef, type ReactNode } from 'react'
import { useLocation } from 'react-router'
import { useDocumentTitle } from './useDocumentTitle'

/**
 * A routed page: its one <h1>, the document title, and after an in-app navigation to it the focus on the heading,
 * so that screen reader and keyboard users start reading the new page from its top. A change of the query alone
 * (`?q=` as a search is typed, a filter) is the same page: the focus stays where the user is.
 */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  useDocumentTitle(title)
  const heading = useRef<HTMLHeadingElement>(null)
  const { key, pathname } = useLocation()
  const shownPath = useRef<string | undefined>(undefined)
  useEffect(() => {
    const moved = shownPath.current !== pathname
    shownPath.current = pathname
    if (key !== 'default' && moved) heading.current?.focus()
  }, [key, pathname])
  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  )
}
