import { authEndpoints } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import type { ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { useDocumentTitle } from '../../components/useDocumentTitle'
import { useSession } from '../../session/context'
import { PasswordChangeForm } from './PasswordChangeForm'
import { useFocusOnMount } from './stepHelpers'

/** The sign-in step for a password older than the maximum age: nothing else opens before a new one is set. */
export function ExpiredPasswordStep({ onSessionEnded }: { onSessionEnded: (error: ErrorText) => void }) {
  const { t } = useTranslation()
  const session = useSession()
  const account = useEndpoint(authEndpoints['auth.account'])
  const heading = useFocusOnMount<HTMLHeadingElement>()
  useDocumentTitle(t('login.passwordChangeTitle'))

  async function cancel() {
    try {
      await session.logout()
    } catch {
      session.forget() // the server could not be reached: leave the sign-in here; the session times out there
    }
  }

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('login.passwordChangeTitle')}
      </h1>
      <p>{t('login.passwordExpired')}</p>
      <PasswordChangeForm
        minLength={account.status === 'success' ? account.data.password.minLength : undefined}
        onChanged={session.accept}
        onSessionEnded={(ended) => {
          onSessionEnded(ended)
          session.forget()
        }}
      />
      <div className="login-alternatives">
        <button type="button" className="button-link" onClick={cancel}>
          {t('login.cancel')}
        </button>
      </div>
    </>
  )
}
