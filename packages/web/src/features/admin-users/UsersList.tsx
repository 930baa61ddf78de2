import { adminEndpoints, type OrganisationStructure, type UserStatusFilter } from '@huoma/contract'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { roleName } from '../../lib/labels'
import { SelectField } from './fields'
import { organisationNames } from './format'
import { formatLocaleDate } from '../../lib/format'

const STATUSES: readonly UserStatusFilter[] = ['active', 'inactive', 'all']

export function isStatusFilter(value: string | null): value is UserStatusFilter {
  return value !== null && (STATUSES as readonly string[]).includes(value)
}

/** Search by a part of the name or username; the list shows each user's rights in force and ahead. */
export function UsersList({
  org,
  q,
  status,
  onSearch,
}: {
  org: OrganisationStructure
  q: string
  status: UserStatusFilter
  onSearch: (q: string, status: UserStatusFilter) => void
}) {
  const { t } = useTranslation()
  const [text, setText] = useState(q)
  const [filter, setFilter] = useState<UserStatusFilter>(status)
  const state = useEndpoint(adminEndpoints['admin.listUsers'], { query: { q: q.trim() || undefined, status } })
  const names = organisationNames(org)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    onSearch(text, filter)
  }

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('adminUsers.list.title')}</h2>
      <form role="search" className="search-form" onSubmit={submit} aria-label={t('adminUsers.list.searchLabel')}>
        <TextField
          type="search"
          label={t('adminUsers.list.search')}
          value={text}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
        <SelectField label={t('adminUsers.list.show')} value={filter} onChange={(event) => setFilter(event.target.value as UserStatusFilter)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`adminUsers.list.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {t('adminUsers.list.submit')}
        </button>
      </form>
      {state.status === 'loading' && <p>{t('app.loading')}</p>}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'success' && (
        <>
          <p role="status">
            {state.data.total === state.data.users.length
              ? t('adminUsers.list.count', { count: state.data.total })
              : t('adminUsers.list.countLimited', { shown: state.data.users.length, count: state.data.total })}
          </p>
          {state.data.users.length > 0 && (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('adminUsers.list.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adminUsers.user.displayName')}</th>
                    <th scope="col">{t('adminUsers.user.username')}</th>
                    <th scope="col">{t('adminUsers.list.rights')}</th>
                    <th scope="col">{t('adminUsers.user.account')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.users.map((user) => (
                    <tr key={user.id}>
                      <td>
                        <Link to={{ search: `?user=${encodeURIComponent(user.id)}` }}>{user.displayName}</Link>
                      </td>
                      <td>{user.username}</td>
                      <td>
                        {user.grants.length === 0 ? (
                          '–'
                        ) : (
                          <ul className="plain-list compact">
                            {user.grants.map((grant) => (
                              <li key={grant.id}>
                                {roleName(t, grant.roleCode)}, {names.unitCode(grant.unitId) || names.unit(grant.unitId)}
                                {grant.status === 'future' && <> – {t('adminUsers.status.future', { date: formatLocaleDate(grant.validFrom) })}</>}
                                {grant.status === 'current' && grant.validUntil && (
                                  <> – {t('adminUsers.list.until', { date: formatLocaleDate(grant.validUntil) })}</>
                                )}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{user.active ? t('adminUsers.user.active') : t('adminUsers.user.inactive')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  )
}
