import { PERSON_CONTACT_KINDS, type PersonContact, type PersonContactAdd, type PersonContactKind } from '@huoma/contract'
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { SelectField } from './SelectField'
import { formatRegisterDate, parseFinnishDate, todayInHelsinki } from '../../lib/format'
import { FoldingPanel } from '../../components/FoldingPanel'

const FIELDS = ['kind', 'name', 'relation', 'phone', 'email', 'address', 'matters', 'validFrom', 'validUntil'] as const
type Field = (typeof FIELDS)[number]
type Values = Record<Field, string>
const REPRESENTATIVES: ReadonlySet<string> = new Set(['edunvalvoja', 'other_representative'])

function valuesOf(c: PersonContact | undefined): Values {
  return {
    kind: c?.kind ?? '',
    name: c?.name ?? '',
    relation: c?.relation ?? '',
    phone: c?.phone ?? '',
    email: c?.email ?? '',
    address: c?.address ?? '',
    matters: c?.matters ?? '',
    validFrom: formatRegisterDate(c?.validFrom),
    validUntil: formatRegisterDate(c?.validUntil),
  }
}

type Editing = { kind: 'add' } | { kind: 'edit'; contact: PersonContact } | { kind: 'end'; contact: PersonContact } | undefined

/**
 * Yhteyshenkilöt ja edustajat: relatives and contact persons beyond the family relations, and an adult's
 * representative (edunvalvoja or another person managing their affairs, for the matters named). Current ones first;
 * each can be changed or ended under optimistic locking.
 */
export function ContactsSection({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const user = useUser()
  const [contacts, setContacts] = useState<PersonContact[]>()
  const [loadError, setLoadError] = useState<ErrorText>()
  const [editing, setEditing] = useState<Editing>()
  const [done, setDone] = useState<string>()
  const [conflict, setConflict] = useState<ErrorText>()
  const editable = can(user, 'persons:contact-add')
  const changeable = can(user, 'persons:contact-update')

  const load = useCallback(
    (signal?: AbortSignal) =>
      personsApi
        .contacts(personId, signal)
        .then((r) => setContacts(r.contacts))
        .catch((failure: unknown) => {
          if (!signal?.aborted) setLoadError(describeError(failure))
        }),
    [personId],
  )
  useEffect(() => {
    const controller = new AbortController()
    void load(controller.signal)
    return () => controller.abort()
  }, [load])

  const start = (next: Editing) => {
    setDone(undefined)
    setConflict(undefined)
    setEditing(next)
  }
  const finish = (message: string) => {
    setEditing(undefined)
    setDone(message)
    void load()
  }
  const onConflict = (text: ErrorText) => {
    setEditing(undefined)
    setConflict(text)
    void load()
  }

  return (
    <FoldingPanel panel="card:contacts" className="card-section" title={t('persons.contacts.title')} actions={
        <>
        {editable && !editing && (
          <button type="button" className="button button-small" onClick={() => start({ kind: 'add' })}>
            {t('persons.contacts.add')}
          </button>
        )}
        </>
      }>
      <div role="status" className="status-region">
        {done && <p className="notice">{done}</p>}
      </div>
      {conflict && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t('persons.card.conflict')}</p>
          {conflict.detail && <p>{conflict.detail}</p>}
          <p>{t('persons.card.conflictHint')}</p>
        </div>
      )}
      <ErrorAlert error={loadError} />
      {contacts === undefined && !loadError && <p className="muted">{t('persons.card.loading')}</p>}
      {contacts?.length === 0 && <p className="muted">{t('persons.contacts.none')}</p>}
      {contacts && contacts.length > 0 && (
        <ul className="plain-list contact-list">
          {contacts.map((c) => (
            <li key={c.id} className={c.validUntil ? 'contact-ended' : undefined}>
              <p>
                <strong>{c.name}</strong> <span className="badge">{t(`persons.contacts.kinds.${c.kind}`)}</span>
                {c.relation && <span className="muted"> · {c.relation}</span>}
              </p>
              {c.matters && (
                <p>
                  {t('persons.contacts.mattersShown')}: {c.matters}
                </p>
              )}
              <p className="muted small">{[c.phone, c.email, c.address].filter(Boolean).join(' · ')}</p>
              <p className="muted small">
                {c.validUntil
                  ? t('persons.contacts.ended', { from: formatRegisterDate(c.validFrom) || '…', until: formatRegisterDate(c.validUntil) })
                  : c.validFrom
                    ? t('persons.contacts.since', { date: formatRegisterDate(c.validFrom) })
                    : t('persons.contacts.current')}
              </p>
              {changeable && !editing && !c.validUntil && (
                <p className="contact-actions">
                  <button type="button" className="button button-small" aria-label={t('persons.contacts.editOf', { name: c.name })} onClick={() => start({ kind: 'edit', contact: c })}>
                    {t('persons.card.edit')}
                  </button>{' '}
                  <button type="button" className="button button-small" aria-label={t('persons.contacts.endOf', { name: c.name })} onClick={() => start({ kind: 'end', contact: c })}>
                    {t('persons.contacts.end')}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing?.kind === 'add' && (
        <ContactForm
          title={t('persons.contacts.add')}
          onCancel={() => setEditing(undefined)}
          onConflict={onConflict}
          save={async (body) => {
            await personsApi.addContact(personId, body)
            finish(t('persons.contacts.added'))
          }}
        />
      )}
      {editing?.kind === 'edit' && (
        <ContactForm
          key={editing.contact.id}
          title={t('persons.contacts.editOf', { name: editing.contact.name })}
          contact={editing.contact}
          onCancel={() => setEditing(undefined)}
          onConflict={onConflict}
          save={async (body) => {
            await personsApi.updateContact(personId, editing.contact.id, { ...body, version: editing.contact.version })
            finish(t('persons.contacts.saved'))
          }}
        />
      )}
      {editing?.kind === 'end' && (
        <EndContactForm
          key={editing.contact.id}
          contact={editing.contact}
          onCancel={() => setEditing(undefined)}
          onConflict={onConflict}
          end={async (validUntil) => {
            await personsApi.endContact(personId, editing.contact.id, { version: editing.contact.version, ...(validUntil ? { validUntil } : {}) })
            finish(t('persons.contacts.endedNotice'))
          }}
        />
      )}
    </FoldingPanel>
  )
}

function ContactForm({
  title,
  contact,
  save,
  onCancel,
  onConflict,
}: {
  title: string
  contact?: PersonContact
  save: (body: PersonContactAdd) => Promise<void>
  onCancel: () => void
  onConflict: (text: ErrorText) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [values, setValues] = useState<Values>(() => valuesOf(contact))
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FIELDS)
  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }))

  useEffect(() => {
    document.getElementById(`${id}-kind`)?.focus()
  }, [id])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (!values.kind) found.kind = t('persons.contacts.kindRequired')
    if (!values.name.trim()) found.name = t('persons.contacts.nameRequired')
    if (REPRESENTATIVES.has(values.kind) && !values.matters.trim()) found.matters = t('persons.contacts.mattersRequired')
    const from = values.validFrom.trim() ? parseFinnishDate(values.validFrom) : null
    const until = values.validUntil.trim() ? parseFinnishDate(values.validUntil) : null
    if (from === undefined) found.validFrom = t('persons.card.dateFormat')
    if (until === undefined) found.validUntil = t('persons.card.dateFormat')
    if (!check(found)) return
    const orNull = (s: string) => s.trim() || null
    setSaving(true)
    try {
      await save({
        kind: values.kind as PersonContactKind,
        name: values.name.trim(),
        relation: orNull(values.relation),
        phone: orNull(values.phone),
        email: orNull(values.email),
        address: orNull(values.address),
        matters: orNull(values.matters),
        validFrom: from ?? null,
        validUntil: until ?? null,
      })
    } catch (failure) {
      setSaving(false)
      if (failure instanceof ApiError && failure.status === 409) return onConflict(describeError(failure))
      fail(failure)
    }
  }

  const text = (field: Exclude<Field, 'kind'>, props: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      name={field}
      label={t(`persons.contacts.fields.${field}`)}
      value={values[field]}
      onChange={set(field)}
      error={fieldErrors[field]}
      ref={register(field)}
      autoComplete="off"
      {...props}
    />
  )

  return (
    <form noValidate onSubmit={submit} className="form subform" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="subheading">
        {title}
      </h3>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div className="form-grid">
        <SelectField
          id={`${id}-kind`}
          name="kind"
          label={t('persons.contacts.fields.kind')}
          placeholder={t('persons.card.choose')}
          value={values.kind}
          onChange={set('kind')}
          error={fieldErrors.kind}
          ref={register('kind')}
          options={PERSON_CONTACT_KINDS.map((k) => ({ value: k, label: t(`persons.contacts.kinds.${k}`) }))}
        />
        {text('name', { maxLength: 200 })}
        {text('relation', { maxLength: 100 })}
        {text('phone', { type: 'tel', maxLength: 40 })}
        {text('email', { type: 'email', maxLength: 200 })}
        {text('address', { maxLength: 300 })}
        {text('matters', { maxLength: 1000 })}
        {text('validFrom', { inputMode: 'numeric' })}
        {text('validUntil', { inputMode: 'numeric' })}
      </div>
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('persons.card.saving') : t('persons.card.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}

const END_FIELDS = ['validUntil'] as const

function EndContactForm({
  contact,
  end,
  onCancel,
  onConflict,
}: {
  contact: PersonContact
  end: (validUntil: string | undefined) => Promise<void>
  onCancel: () => void
  onConflict: (text: ErrorText) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [validUntil, setValidUntil] = useState(formatRegisterDate(todayInHelsinki()))
  const [busy, setBusy] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(END_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const until = validUntil.trim() ? parseFinnishDate(validUntil) : undefined
    if (!check(validUntil.trim() && !until ? { validUntil: t('persons.card.dateFormat') } : {})) return
    setBusy(true)
    try {
      await end(until)
    } catch (failure) {
      setBusy(false)
      if (failure instanceof ApiError && failure.status === 409) return onConflict(describeError(failure))
      fail(failure)
    }
  }

  return (
    <form noValidate onSubmit={submit} className="form subform" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="subheading">
        {t('persons.contacts.endOf', { name: contact.name })}
      </h3>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <TextField
        name="validUntil"
        label={`${t('persons.card.endDate')} (${t('persons.card.dateHint')})`}
        value={validUntil}
        onChange={(e) => setValidUntil(e.target.value)}
        error={fieldErrors.validUntil}
        ref={register('validUntil')}
        inputMode="numeric"
        autoComplete="off"
      />
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('persons.contacts.end')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}
