import { adminEndpoints, type CreateUserResponse } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { CreatedNotice, CreateUserForm } from './CreateUserForm'
import { OpenRequests } from './Requests'
import { UserDetail } from './UserDetail'
import { UsersList, isStatusFilter } from './UsersList'
import './admin-users.css'

/**
 * Käyttäjät ja oikeudet (action `admin:users`): the main user's users with search, one user's account and grants
 * (`?user=<id>`), a new user (`?new=1`) and the open grant requests. The state lives in the address, so the
 * browser's back button and bookmarks work.
 */
export function UsersPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const org = useEndpoint(adminEndpoints['admin.organisation'])
  const [created, setCreated] = useState<CreateUserResponse>()
  const userId = params.get('user')
  const creating = params.get('new') === '1'
  const status = params.get('status')

  return (
    <Page title={t('adminUsers.title')}>
      {org.status === 'loading' && <p>{t('app.loading')}</p>}
      {org.status === 'error' && (
        <>
          <ErrorAlert error={org.error} />
          <button type="button" className="button" onClick={org.reload}>
            {t('errors.retry')}
          </button>
        </>
      )}
      {org.status === 'success' && (
        <>
          {(userId || creating || created) && (
            <p>
              <Link to={{ search: '' }} onClick={() => setCreated(undefined)}>
                {t('adminUsers.backToList')}
              </Link>
            </p>
          )}
          {userId && <UserDetail key={userId} id={userId} org={org.data} />}
          {!userId && created && (
            <CreatedNotice
              created={created}
              onOpen={() => {
                setCreated(undefined)
                setParams({ user: created.user.id })
              }}
            />
          )}
          {!userId && !created && creating && (
            <CreateUserForm
              onCreated={setCreated}
              onCancel={() => setParams({})}
            />
          )}
          {!userId && !created && !creating && (
            <>
              <p className="lead">{t('adminUsers.description')}</p>
              <p>
                <Link className="button button-primary" to={{ search: '?new=1' }}>
                  {t('adminUsers.create.open')}
                </Link>
              </p>
              <OpenRequests org={org.data} />
              <UsersList
                key={`${params.get('q') ?? ''} ${status ?? ''}`}
                org={org.data}
                q={params.get('q') ?? ''}
                status={isStatusFilter(status) ? status : 'active'}
                onSearch={(q, s) => setParams(q.trim() ? { q: q.trim(), status: s } : { status: s })}
              />
            </>
          )}
        </>
      )}
    </Page>
  )
}
