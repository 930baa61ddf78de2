import type { TFunction } from 'i18next'
import type { Address, AddressInput, PersonDetails, PersonUpdate, ProtectedAddress } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { groupedIban } from './format'
import { codeLabel, codesOf } from './labels'
import { SelectField } from './SelectField'
import { fieldErrorsOf, otherMessages, type FieldErrors } from '../../lib/fieldErrors'
import { formatRegisterDate, parseFinnishDate } from '../../lib/format'
import { FoldingPanel } from '../../components/FoldingPanel'

interface ContactSectionProps {
  person: PersonDetails
  onSaved: () => void
  /** The server refused a stale version (409): the card reloads and says the data changed. */
  onConflict: (text: ErrorText) => void
  onEdit: () => void
}

/**
 * Yhteystiedot, the account and the addresses, and the form that changes the account and the addresses under
 * optimistic locking. Under turvakielto only the contact address is shown and edited (the server keeps the protected
 * ones); a worker whose role and relationship need it may open the protected address, each view logged on its own.
 */
export function ContactSection({ person, onSaved, onConflict, onEdit }: ContactSectionProps) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const addresses = person.turvakielto ? person.addresses.filter((a) => a.kind === 'contact') : person.addresses
  const [protectedAddress, setProtectedAddress] = useState<ProtectedAddress>()
  const [error, setError] = useState<ErrorText>()
  const [busy, setBusy] = useState(false)
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)

  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing])

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
    <FoldingPanel panel="card:contact" className="card-section" title={t('persons.card.contact')} actions={
        <>
        {can(user, 'persons:update') && !editing && (
          <button
            ref={editButton}
            type="button"
            className="button button-small"
            aria-label={t('persons.contactEdit.edit')}
            onClick={() => {
              setSaved(false)
              onEdit()
              setEditing(true)
            }}
          >
            {t('persons.card.edit')}
          </button>
        )}
        </>
      }>
      <div role="status" className="status-region">
        {saved && <p className="notice">{t('persons.contactEdit.saved')}</p>}
      </div>
      {person.turvakielto && (
        <p className="turvakielto-notice">
          <strong>{t('persons.turvakieltoLong')}.</strong> {t('persons.card.turvakieltoAddresses')}
        </p>
      )}
      {editing ? (
        <ContactForm
          person={person}
          addresses={addresses}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            setSaved(true)
            onSaved()
          }}
          onConflict={(text) => {
            setEditing(false)
            onConflict(text)
          }}
        />
      ) : (
        <>
          <dl className="facts">
            <dt>{t('persons.register.phone')}</dt>
            <dd>{person.phone ?? '–'}</dd>
            <dt>{t('persons.register.email')}</dt>
            <dd>{person.email ?? '–'}</dd>
            <dt>{t('persons.contactEdit.iban')}</dt>
            <dd className="mono">{person.iban ? groupedIban(person.iban) : '–'}</dd>
          </dl>
          <h3 className="subheading">{t('persons.card.addresses')}</h3>
          <AddressList addresses={addresses} />
        </>
      )}
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
    </FoldingPanel>
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
          {a.validUntil && <span className="muted"> ({t('persons.contactEdit.validUntilText', { date: formatRegisterDate(a.validUntil) })})</span>}
        </li>
      ))}
    </ul>
  )
}

type AddressKind = Address['kind']
interface AddressRow {
  key: number
  kind: AddressKind
  street: string
  postalCode: string
  postOffice: string
  validFrom: string
  validUntil: string
}
const ADDRESS_FIELDS = ['kind', 'street', 'postalCode', 'postOffice', 'validFrom', 'validUntil'] as const

/** The form's own checks of one address row: what it can see is missing or malformed, by dotted path. */
function checkRow(t: TFunction, row: AddressRow, i: number, into: FieldErrors): AddressInput | undefined {
  const at = (f: string) => `addresses.${i}.${f}`
  if (!row.street.trim()) into[at('street')] = t('persons.contactEdit.streetRequired')
  if (!/^[0-9]{5}$/.test(row.postalCode.trim())) into[at('postalCode')] = t('persons.contactEdit.postalCodeFormat')
  if (!row.postOffice.trim()) into[at('postOffice')] = t('persons.contactEdit.postOfficeRequired')
  const from = row.validFrom.trim() ? parseFinnishDate(row.validFrom) : ''
  const until = row.validUntil.trim() ? parseFinnishDate(row.validUntil) : ''
  if (from === undefined) into[at('validFrom')] = t('persons.card.dateFormat')
  if (until === undefined) into[at('validUntil')] = t('persons.card.dateFormat')
  if (ADDRESS_FIELDS.some((f) => into[at(f)])) return undefined
  return {
    kind: row.kind,
    street: row.street.trim(),
    postalCode: row.postalCode.trim(),
    postOffice: row.postOffice.trim(),
    ...(from ? { validFrom: from } : {}),
    ...(until ? { validUntil: until } : {}),
  }
}

let nextKey = 0

function ContactForm({
  person,
  addresses,
  onCancel,
  onSaved,
  onConflict,
}: {
  person: PersonDetails
  addresses: readonly Address[]
  onCancel: () => void
  onSaved: () => void
  onConflict: (text: ErrorText) => void
}) {
  const { t } = useTranslation()
  const kinds: AddressKind[] = person.turvakielto ? ['contact'] : (codesOf('addressKinds') as AddressKind[])
  const [iban, setIban] = useState(person.iban ? groupedIban(person.iban) : '')
  const [rows, setRows] = useState<AddressRow[]>(() =>
    addresses.map((a) => ({
      key: nextKey++,
      kind: a.kind,
      street: a.street,
      postalCode: a.postalCode,
      postOffice: a.postOffice,
      validFrom: formatRegisterDate(a.validFrom),
      validUntil: formatRegisterDate(a.validUntil),
    })),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [alert, setAlert] = useState<{ text: ErrorText; messages: string[] }>()
  const [saving, setSaving] = useState(false)
  const form = useRef<HTMLFormElement>(null)

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus()
  }, [])

  const setRow = (key: number, field: Exclude<keyof AddressRow, 'key'>) => (event: { target: { value: string } }) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, [field]: event.target.value } : r)))

  /** The fields in the form's order, by dotted path: the first in error takes the focus. */
  function focusFirst(found: FieldErrors) {
    const order = ['iban', ...rows.flatMap((_, i) => ADDRESS_FIELDS.map((f) => `addresses.${i}.${f}`))]
    const first = order.find((path) => found[path])
    if (first) form.current?.querySelector<HTMLElement>(`[data-path="${first}"]`)?.focus()
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: FieldErrors = {}
    const inputs = rows.map((row, i) => checkRow(t, row, i, found))
    setErrors(found)
    setAlert(undefined)
    if (Object.keys(found).length) return focusFirst(found)
    const body: PersonUpdate = {
      version: person.version,
      iban: iban.replace(/\s+/g, '').toUpperCase() || null,
      addresses: inputs.filter((a): a is AddressInput => a !== undefined),
    }
    setSaving(true)
    try {
      await personsApi.update(person.id, body)
      onSaved()
    } catch (failure) {
      setSaving(false)
      if (failure instanceof ApiError && failure.status === 409) return onConflict(describeError(failure))
      const byPath = failure instanceof ApiError ? fieldErrorsOf(failure.problem) : {}
      const shown = new Set(['iban', ...rows.flatMap((_, i) => ADDRESS_FIELDS.map((f) => `addresses.${i}.${f}`))])
      setErrors(byPath)
      setAlert({ text: describeError(failure), messages: otherMessages(byPath, shown) })
      focusFirst(byPath)
    }
  }

  return (
    <form ref={form} noValidate onSubmit={submit} className="form">
      <ErrorAlert error={alert?.text} messages={alert?.messages} />
      {person.turvakielto && <p className="muted">{t('persons.contactEdit.turvakielto')}</p>}
      <TextField
        name="iban"
        data-path="iban"
        label={t('persons.contactEdit.iban')}
        value={iban}
        onChange={(e) => setIban(e.target.value)}
        error={errors.iban}
        maxLength={42}
        spellCheck={false}
        autoComplete="off"
      />
      {rows.map((row, i) => {
        const at = (f: string) => `addresses.${i}.${f}`
        return (
          <fieldset key={row.key} className="field address-fieldset">
            <legend>{t('persons.contactEdit.address', { n: i + 1 })}</legend>
            <div className="form-grid">
              <SelectField
                name={at('kind')}
                data-path={at('kind')}
                label={t('persons.contactEdit.kind')}
                value={row.kind}
                onChange={setRow(row.key, 'kind')}
                error={errors[at('kind')]}
                options={kinds.map((c) => ({ value: c, label: codeLabel(t, 'addressKinds', c) }))}
              />
              <TextField name={at('street')} data-path={at('street')} label={t('persons.contactEdit.street')} value={row.street} onChange={setRow(row.key, 'street')} error={errors[at('street')]} maxLength={200} autoComplete="off" />
              <TextField name={at('postalCode')} data-path={at('postalCode')} label={t('persons.contactEdit.postalCode')} value={row.postalCode} onChange={setRow(row.key, 'postalCode')} error={errors[at('postalCode')]} maxLength={5} inputMode="numeric" autoComplete="off" />
              <TextField name={at('postOffice')} data-path={at('postOffice')} label={t('persons.contactEdit.postOffice')} value={row.postOffice} onChange={setRow(row.key, 'postOffice')} error={errors[at('postOffice')]} maxLength={100} autoComplete="off" />
              <TextField name={at('validFrom')} data-path={at('validFrom')} label={t('persons.contactEdit.validFrom')} value={row.validFrom} onChange={setRow(row.key, 'validFrom')} error={errors[at('validFrom')]} inputMode="numeric" autoComplete="off" />
              <TextField name={at('validUntil')} data-path={at('validUntil')} label={t('persons.contactEdit.validUntil')} value={row.validUntil} onChange={setRow(row.key, 'validUntil')} error={errors[at('validUntil')]} inputMode="numeric" autoComplete="off" />
            </div>
            <button type="button" className="button button-small" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
              {t('persons.contactEdit.remove', { n: i + 1 })}
            </button>
          </fieldset>
        )
      })}
      <p>
        <button
          type="button"
          className="button button-small"
          disabled={rows.length >= 10}
          onClick={() => setRows((all) => [...all, { key: nextKey++, kind: kinds[0] ?? 'contact', street: '', postalCode: '', postOffice: '', validFrom: '', validUntil: '' }])}
        >
          {t('persons.contactEdit.add')}
        </button>
      </p>
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
