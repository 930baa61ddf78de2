import { commitmentEndpoints } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { callApi, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { useDocumentTitle } from '../../components/useDocumentTitle'
import { useSession } from '../../session/context'
import { useFocusOnMount } from './stepHelpers'

/**
 * The sign-in step of the user commitment (käyttäjäsitoumus): at first sign-in and after the main user publishes a
 * new version, nothing else opens until the user has read and accepted the version in force.
 */
export function CommitmentStep() {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const commitment = useEndpoint(commitmentEndpoints['commitment.current'])
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorText>()
  useDocumentTitle(t('login.commitmentTitle'))

  async function accept(version: number) {
    setBusy(true)
    setError(undefined)
    try {
      await session.accept(await callApi(commitmentEndpoints['commitment.accept'], { body: { version } }))
    } catch (e) {
      setError(describeError(e))
      commitment.reload()
    } finally {
      setBusy(false)
    }
  }

  async function cancel() {
    try {
      await session.logout()
    } catch {
      session.forget()
    }
  }

  const data = commitment.status === 'success' ? commitment.data : undefined
  const text = data ? (i18n.language === 'sv' ? data.textSv : data.textFi) : ''
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('login.commitmentTitle')}
      </h1>
      <p>{t('login.commitmentIntro')}</p>
      <ErrorAlert error={error ?? (commitment.status === 'error' ? commitment.error : undefined)} />
      {data?.version != null && (
        <>
          <p className="commitment-version">{t('login.commitmentVersion', { version: data.version })}</p>
          <div className="commitment-text" tabIndex={0} aria-label={t('login.commitmentTitle')}>
            {text.split('\n').map((line, i) => (line.trim() === '' ? null : <p key={i}>{line}</p>))}
          </div>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => accept(data.version!)}>
            {busy ? t('login.commitmentAccepting') : t('login.commitmentAccept')}
          </button>
        </>
      )}
      <div className="login-alternatives">
        <button type="button" className="button-link" onClick={cancel}>
          {t('login.cancel')}
        </button>
      </div>
    </>
  )
}
