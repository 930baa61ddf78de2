import './auth.css'
import type { AccountSecurity } from '@huoma/contract'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { useSession } from '../../session/context'
import { fetchAccount } from './api'
import { PasswordChangeForm } from './PasswordChangeForm'
import { formatDate, helsinkiDateOf } from '../../lib/format'
import { TotpSettings } from './TotpSettings'

/** The account's security state; `reload` keeps the shown data until the new data is there. */
function useAccount() {
  const [account, setAccount] = useState<AccountSecurity>()
  const [error, setError] = useState<ErrorText>()
  const reload = useCallback(async () => {
    try {
      setAccount(await fetchAccount())
      setError(undefined)
    } catch (failure) {
      setError(describeError(failure))
    }
  }, [])
  useEffect(() => {
    let current = true
    fetchAccount().then(
      (data) => current && setAccount(data),
      (failure: unknown) => current && setError(describeError(failure)),
    )
    return () => {
      current = false
    }
  }, [])
  return { account, error, reload }
}

/** "Oma tili": one's own password and second factor. */
export function AccountPage() {
  const { t } = useTranslation()
  const session = useSession()
  const { account, error, reload } = useAccount()
  const [passwordChanged, setPasswordChanged] = useState(false)
  const sessionEnded = () => session.forget()

  return (
    <Page title={t('account.title')}>
      {!account && !error && <p role="status">{t('app.loading')}</p>}
      {!account && <ErrorAlert error={error && { title: t('account.loadFailed'), detail: error.title }} />}
      {account && (
        <>
          <section className="panel account-section" aria-labelledby="account-password-heading">
            <h2 id="account-password-heading">{t('account.passwordTitle')}</h2>
            {account.password.changedAt && (
              <p>
                {t('account.passwordChangedAt', { date: formatDate(helsinkiDateOf(account.password.changedAt)) })}
                {account.password.expiresAt &&
                  ` ${t('account.passwordExpiresAt', { date: formatDate(helsinkiDateOf(account.password.expiresAt)) })}`}
              </p>
            )}
            {passwordChanged && (
              <p role="status" className="notice">
                {t('account.passwordChanged')}
              </p>
            )}
            <PasswordChangeForm
              minLength={account.password.minLength}
              onChanged={async () => {
                setPasswordChanged(true)
                await reload()
              }}
              onSessionEnded={sessionEnded}
            />
          </section>
          <section className="panel account-section" aria-labelledby="account-mfa-heading">
            <h2 id="account-mfa-heading">{t('account.mfaTitle')}</h2>
            <TotpSettings account={account} reload={reload} onSessionEnded={sessionEnded} />
          </section>
        </>
      )}
    </Page>
  )
}
