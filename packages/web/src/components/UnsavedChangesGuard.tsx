import { useContext, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { UNSAFE_DataRouterContext, useBlocker } from 'react-router'
import { ConfirmDialog } from './ConfirmDialog'

/**
 * Warns before unsaved text is left behind: the browser's own question on reload, closing the tab or leaving the
 * app (beforeunload), and a dialog on navigation inside the app (react-router's blocker). `when`: there is something
 * unsaved. Outside a data router (a component rendered on its own in a test) only the browser's question is asked.
 */
export function UnsavedChangesGuard({ when, message }: { when: boolean; message?: string }) {
  const dataRouter = useContext(UNSAFE_DataRouterContext)
  useEffect(() => {
    if (!when) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers show the question only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [when])
  // The blocker exists only while there is something unsaved: a router holds one blocker at a time, and a card may
  // show several forms (a journal per service task) of which usually none is being written.
  return dataRouter && when ? <NavigationBlocker message={message} /> : null
}

function NavigationBlocker({ message }: { message?: string | undefined }) {
  const { t } = useTranslation()
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname)
  if (blocker.state !== 'blocked') return null
  return (
    <ConfirmDialog
      title={t('common.unsaved.title')}
      confirmLabel={t('common.unsaved.leave')}
      cancelLabel={t('common.unsaved.stay')}
      busy={false}
      danger
      onConfirm={() => blocker.proceed()}
      onCancel={() => blocker.reset()}
    >
      <p>{message ?? t('common.unsaved.message')}</p>
    </ConfirmDialog>
  )
}
