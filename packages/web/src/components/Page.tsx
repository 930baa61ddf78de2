import { useEffect, useRef, type ReactNode } from 'react'
import { useLocation } from 'react-router'
import { useDocumentTitle } from './useDocumentTitle'

/**
 * A routed page: its one <h1>, the document title, and after an in-app navigation the focus on the heading,
 * so that screen reader and keyboard users start reading the new page from its top.
 */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  useDocumentTitle(title)
  const heading = useRef<HTMLHeadingElement>(null)
  const { key } = useLocation()
  useEffect(() => {
    if (key !== 'default') heading.current?.focus()
  }, [key])
  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  )
}
