import type { Address, PersonDetails, ProtectedAddress } from '@huoma/contract'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { codeLabel } from './labels'
import { formatRegisterDate } from '../../lib/format'

/**
 * Yhteystiedot and addresses. Under turvakielto only the contact address is shown; a worker whose role and
 * relationship need it may open the protected address, and every such view is logged as its own event.
 */
export function ContactSection({ person }: { person: PersonDetails }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const addresses = person.turvakielto ? person.addresses.filter((a) => a.kind === 'contact') : person.addresses
  const [protectedAddress, setProtectedAddress] = useState<ProtectedAddress>()
  const [error, setError] = useState<ErrorText>()
  const [busy, setBusy] = useState(false)

  async function showProtected() {
    setBusy(true)
    setError(undefined)
    try {
      setProtectedAddress(await personsApi.protectedAddress(person.id))
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel card-section" aria-labelledby={id}>
      <h2 id={id}>{t('persons.card.contact')}</h2>
      <dl className="facts">
        <dt>{t('persons.register.phone')}</dt>
        <dd>{person.phone ?? '–'}</dd>
        <dt>{t('persons.register.email')}</dt>
        <dd>{person.email ?? '–'}</dd>
      </dl>
      {person.turvakielto && (
        <p className="turvakielto-notice">
          <strong>{t('persons.turvakieltoLong')}.</strong> {t('persons.card.turvakieltoAddresses')}
        </p>
      )}
      <h3 className="subheading">{t('persons.card.addresses')}</h3>
      <AddressList addresses={addresses} />
      {person.turvakielto && can(user, 'persons:protected-address') && (
        <div className="protected-address">
          {protectedAddress ? (
            <>
              <h3 className="subheading">{t('persons.card.protectedHeading')}</h3>
              <AddressList addresses={protectedAddress.addresses} />
              {protectedAddress.municipalityCode && (
                <p>
                  {t('persons.card.protectedMunicipality')}: {protectedAddress.municipalityCode}
                </p>
              )}
              <button type="button" className="button button-small" onClick={() => setProtectedAddress(undefined)}>
                {t('persons.card.hideProtected')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button button-small"
                aria-describedby={`${id}-logged`}
                onClick={() => void showProtected()}
                disabled={busy}
              >
                {t('persons.card.showProtected')}
              </button>
              <p id={`${id}-logged`} className="muted small">
                {t('persons.card.showProtectedHint')}
              </p>
            </>
          )}
          <ErrorAlert error={error} />
        </div>
      )}
    </section>
  )
}

function AddressList({ addresses }: { addresses: readonly Address[] }) {
  const { t } = useTranslation()
  if (!addresses.length) return <p className="muted">{t('persons.card.noAddresses')}</p>
  return (
    <ul className="plain-list address-list">
      {addresses.map((a, i) => (
        <li key={`${a.kind}-${i}`}>
          <span className="muted">{codeLabel(t, 'addressKinds', a.kind)}: </span>
          {a.street}, {a.postalCode} {a.postOffice}
          {a.validFrom && <span className="muted"> ({t('persons.card.validFrom', { date: formatRegisterDate(a.validFrom) })})</span>}
        </li>
      ))}
    </ul>
  )
}
