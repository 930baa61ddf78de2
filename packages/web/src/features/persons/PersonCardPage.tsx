import type { TFunction } from 'i18next'
import type { ClientCard } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { FoldingPanel } from '../../components/FoldingPanel'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { BasicsSection } from './BasicsSection'
import { ContactSection } from './ContactSection'
import { ContactsSection } from './ContactsSection'
import { LifeSituationSection } from './LifeSituationSection'
import { FamilySection, HouseholdSection } from './FamilyEditing'
import { ageOn } from './format'
import { codeLabel, fieldList } from './labels'
import { isTemporaryIdentity, MergeForm } from './MergeForm'
import { PersonMarkers } from './PersonMarkers'
import { RelationshipsSection } from './RelationshipsSection'
import { useCard } from './useCard'
import { placeCardSections } from '../../lib/feature'
import { useFeatureList } from '../../components/FeatureList'
import './persons.css'
import { formatDateTime, formatRegisterDate, helsinkiDateOf, todayInHelsinki } from '../../lib/format'
import { personName, serviceTaskName } from '../../lib/labels'

/** Asiakkaan kortti (/persons/:id): the client's basic data, family, household, relationships and timeline. */
export function PersonCardPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const card = useCard(id)
  // Survives the reload it causes: "the data has changed" after a conflict.
  const [conflict, setConflict] = useState<ErrorText>()

  if (card.status === 'loading') {
    return (
      <Page title={t('persons.title')}>
        <p role="status">{t('persons.card.loading')}</p>
      </Page>
    )
  }
  if (card.status === 'error') {
    return (
      <Page title={t('persons.title')}>
        {card.mergedInto ? (
          <div role="alert" className="notice">
            <p className="alert-title">{t('persons.merge.mergedAway')}</p>
            <p>
              <Link to={`/persons/${card.mergedInto}`}>{t('persons.merge.openSurvivor')}</Link>
            </p>
          </div>
        ) : (
          <ErrorAlert error={card.error} />
        )}
        <p>
          <Link to="/persons">{t('persons.card.back')}</Link>
        </p>
      </Page>
    )
  }
  return (
    <CardView
      key={id}
      card={card.card}
      reload={card.reload}
      conflict={conflict}
      onConflict={(text) => {
        setConflict(text)
        card.reload()
      }}
      clearConflict={() => setConflict(undefined)}
    />
  )
}

interface CardViewProps {
  card: ClientCard
  reload: () => void
  conflict: ErrorText | undefined
  onConflict: (text: ErrorText) => void
  clearConflict: () => void
}

function CardView({ card, reload, conflict, onConflict, clearConflict }: CardViewProps) {
  const { t } = useTranslation()
  const user = useUser()
  const { person } = card
  const today = todayInHelsinki()
  const age = person.birthDate ? ageOn(person.birthDate, person.deathDate ?? today) : undefined
  const [merging, setMerging] = useState(false)
  // The other features' sections, from the features list: each says which action or service task shows it.
  const features = useFeatureList()

  return (
    <Page title={personName(person)}>
      <div className="card-header">
        <p className="card-identity">
          {person.hetu ? (
            <>
              <span className="muted">{t('persons.register.hetu')} </span>
              <span className="mono">{person.hetu}</span>
            </>
          ) : (
            <>
              <span className="muted">{t('persons.card.temporaryId')} </span>
              <span className="mono">{person.temporaryId}</span> <span className="badge badge-warning">{t('persons.temporaryId')}</span>
            </>
          )}
          {age !== undefined && <span className="card-age">{t('persons.card.age', { age })}</span>}
          <PersonMarkers turvakielto={person.turvakielto} deathDate={person.deathDate} long />
        </p>
        <p className={card.accessBasis === 'break_glass' ? 'access-basis access-basis-exceptional' : 'access-basis'}>
          {codeAccess(t, card.accessBasis)}
        </p>
        {can(user, 'persons:merge') && isTemporaryIdentity(person) && !merging && (
          <p>
            <button type="button" className="button button-small" onClick={() => setMerging(true)}>
              {t('persons.merge.title')}
            </button>
          </p>
        )}
      </div>
      {merging && (
        <MergeForm
          person={person}
          onCancel={() => setMerging(false)}
          onIdentified={() => {
            setMerging(false)
            reload()
          }}
        />
      )}

      {conflict && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t('persons.card.conflict')}</p>
          {conflict.detail && <p>{conflict.detail}</p>}
          <p>{t('persons.card.conflictHint')}</p>
        </div>
      )}
      <VtjStatus card={card} reload={reload} />

      {/* two columns from 1280 px: the registry's data in the narrower one, the client work in the wider one */}
      <div className="card-columns">
        <div className="card-column card-column-registry">
          <div className="card-grid">
            <BasicsSection person={person} onSaved={reload} onConflict={onConflict} onEdit={clearConflict} />
            <ContactSection person={person} onSaved={reload} onConflict={onConflict} onEdit={clearConflict} />
            <FamilySection personId={person.id} family={card.family} onChanged={reload} />
            <HouseholdSection personId={person.id} card={card} onChanged={reload} />
            {can(user, 'persons:contacts') && <ContactsSection personId={person.id} />}
            {can(user, 'persons:life-situation') && <LifeSituationSection personId={person.id} />}
          </div>
        </div>
        <div className="card-column card-column-work">
          <RelationshipsSection personId={person.id} relationships={card.relationships} onChanged={reload} />
          {placeCardSections(features, card, user).map(({ key, section: { component: Section }, serviceTask }) => (
            <Section key={key} card={card} reload={reload} {...(serviceTask ? { serviceTask } : {})} />
          ))}
          <TimelineSection timeline={card.timeline} />
        </div>
      </div>
    </Page>
  )
}

function codeAccess(t: TFunction, basis: string): string {
  switch (basis) {
    case 'relationship':
    case 'supervision':
    case 'registry':
    case 'break_glass':
      return t(`persons.card.accessBasis.${basis}`)
    default:
      return basis
  }
}

/** When the data was compared with the population register, what it changed, and a manual refresh. */
function VtjStatus({ card, reload }: { card: ClientCard; reload: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string>()
  const [refreshed, setRefreshed] = useState<string[]>([])
  const [error, setError] = useState<ErrorText>()
  const changes = card.vtjChanges.length ? card.vtjChanges : refreshed

  async function refresh() {
    setBusy(true)
    setError(undefined)
    setMessage(undefined)
    try {
      const result = await personsApi.refreshFromVtj(card.person.id, {})
      if (result.status === 'updated') {
        setRefreshed(result.changedFields)
        reload()
      } else {
        setRefreshed([])
        setMessage(
          result.status === 'unchanged'
            ? t('persons.card.vtjUnchanged')
            : result.status === 'not_found'
              ? t('persons.card.vtjNotFound')
              : t('persons.card.vtjError'),
        )
      }
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <div role="status" className="status-region">
        {changes.length > 0 && <p className="notice">{t('persons.card.vtjChanged', { fields: fieldList(t, changes) })}</p>}
        {message && <p className="notice">{message}</p>}
      </div>
      <ErrorAlert error={error} />
      {card.person.hetu && (
        <div className="vtj-line">
          <span className="muted">
            {card.vtjCheckedAt ? t('persons.card.vtjChecked', { time: formatDateTime(card.vtjCheckedAt) }) : t('persons.card.vtjNever')}
          </span>
          {can(user, 'persons:vtj-refresh') && (
            <button type="button" className="button button-small" onClick={() => void refresh()} disabled={busy}>
              {busy ? t('persons.card.vtjRefreshing') : t('persons.card.vtjRefresh')}
            </button>
          )}
        </div>
      )}
    </>
  )
}

/** Events recorded as a day without a time (shown as the date alone). */
const DATE_ONLY = new Set(['disclosure.made', 'income_support.application'])

function TimelineSection({ timeline }: { timeline: ClientCard['timeline'] }) {
  const { t } = useTranslation()
  return (
    <FoldingPanel panel="card:timeline" className="card-section" title={t('persons.card.timeline')}>
      {timeline.length === 0 ? (
        <p className="muted">{t('persons.card.noTimeline')}</p>
      ) : (
        <ol className="timeline">
          {timeline.map((e, i) => (
            <li key={`${e.at}-${e.kind}-${i}`}>
              <span className="timeline-time">
                {DATE_ONLY.has(e.kind) || e.kind.startsWith('relationship.') ? formatRegisterDate(helsinkiDateOf(e.at)) : formatDateTime(e.at)}
              </span>
              <span className="timeline-what">
                {codeLabel(t, 'timeline', e.kind)}
                {e.serviceTask && <> · {serviceTaskName(t, e.serviceTask)}</>}
              </span>
              {e.by && <span className="muted"> {t('persons.card.by', { name: e.by })}</span>}
              {e.fields.length > 0 && <span className="timeline-fields">{t('persons.card.changedFields', { fields: fieldList(t, e.fields) })}</span>}
            </li>
          ))}
        </ol>
      )}
    </FoldingPanel>
  )
}
