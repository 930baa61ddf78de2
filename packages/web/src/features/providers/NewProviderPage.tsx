import type { ProviderInput } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { Page } from '../../components/Page'
import { providersApi } from './api'
import { ProviderForm } from './ProviderForm'
import './providers.css'

/** Uusi palveluntuottaja (action `providers:write`): the form; once saved, the provider's own page says so. */
export function NewProviderPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()

  async function save(input: ProviderInput) {
    const provider = await providersApi.create(input)
    void navigate(`/providers/${encodeURIComponent(provider.id)}`, { state: { created: true } })
  }

  return (
    <Page title={t('providers.form.newTitle')}>
      <p>
        <Link to="/providers">{t('providers.detail.back')}</Link>
      </p>
      <ProviderForm submitLabel={t('providers.form.create')} onSave={save} onCancel={() => void navigate('/providers')} />
    </Page>
  )
}
