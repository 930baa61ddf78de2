import { adminEndpoints } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { MyRequests, OpenRequests, RequestForm } from './Requests'
import './admin-users.css'

/**
 * Käyttöoikeuspyynnöt (action `admin:grant-requests`): a supervisor asks for rights for workers in the units they
 * supervise and follows the decisions; the main user sees the open requests and grants or refuses them.
 */
export function GrantRequestsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const org = useEndpoint(adminEndpoints['admin.organisation'])
  const options = useEndpoint(adminEndpoints['admin.grantRequestOptions'])
  const mine = useEndpoint(adminEndpoints['admin.listGrantRequests'], { query: { status: 'all' } })
  const mainUser = can(user, 'admin:users')
  const failed = org.status === 'error' ? org.error : options.status === 'error' ? options.error : undefined

  return (
    <Page title={t('adminUsers.requests.pageTitle')}>
      <p className="lead">{mainUser ? t('adminUsers.requests.mainUserIntro') : t('adminUsers.requests.supervisorIntro')}</p>
      <ErrorAlert error={failed} />
      {(org.status === 'loading' || options.status === 'loading') && <p>{t('app.loading')}</p>}
      {org.status === 'success' && options.status === 'success' && (
        <>
          {mainUser && (
            <>
              <OpenRequests org={org.data} />
              <p>
                <Link to="/admin/users">{t('adminUsers.requests.toUsers')}</Link>
              </p>
            </>
          )}
          {options.data.unitIds.length > 0 && (
            <>
              <RequestForm org={org.data} options={options.data} onFiled={mine.reload} />
              <MyRequests org={org.data} state={mine} />
            </>
          )}
          {!mainUser && options.data.unitIds.length === 0 && <p>{t('adminUsers.requests.noUnits')}</p>}
        </>
      )}
    </Page>
  )
}
