import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../session/context'
import { useDocumentTitle } from './useDocumentTitle'

/** Holds the app back until the server has told who is signed in, or says why it could not. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { state } = useSession()
  if (state.status === 'loading') return <Loading />
  if (state.status === 'unavailable') return <Unavailable detail={state.error.title} />
  return children
}

function Loading() {
  const { t } = useTranslation()
  return (
    <div className="fullpage-status" role="status">
      {t('app.loading')}
    </div>
  )
}

function Unavailable({ detail }: { detail: string }) {
  const { t } = useTranslation()
  const { refresh } = useSession()
  useDocumentTitle(t('errors.unavailableTitle'))
  return (
    <main className="fullpage-status">
      <h1>{t('errors.unavailableTitle')}</h1>
      <p>{detail}</p>
      <button type="button" className="button button-primary" onClick={refresh}>
        {t('errors.retry')}
      </button>
    </main>
  )
}
