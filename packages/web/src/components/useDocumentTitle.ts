import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

/** Sets the browser tab's title to "<page> – Huoma". */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation()
  const product = t('app.name')
  useEffect(() => {
    document.title = `${page} – ${product}`
  }, [page, product])
}
