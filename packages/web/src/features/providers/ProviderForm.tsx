import { PROVIDER_SERVICE_TYPES, type Provider, type ProviderInput, type ProviderServiceType } from '@huoma/contract'
import { useId, useState, type ComponentProps, type FormEvent, type InputHTMLAttributes, type ReactNode, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { todayInHelsinki } from '../../lib/format'
import { groupedIban } from './format'

/** The fields of the form, in the order a message moves the focus to them (the server's `errors[].field` names). */
const FIELDS = ['name', 'businessId', 'iban', 'bic', 'street', 'postalCode', 'postOffice', 'email', 'phone', 'serviceTypes', 'validFrom', 'validUntil'] as const
type Field = (typeof FIELDS)[number]
type TextFieldName = Exclude<Field, 'serviceTypes'>
type Values = Record<TextFieldName, string> & { serviceTypes: ProviderServiceType[] }

function valuesOf(p: Provider | undefined): Values {
  return {
    name: p?.name ?? '',
    businessId: p?.businessId ?? '',
    iban: p?.iban ? groupedIban(p.iban) : '',
    bic: p?.bic ?? '',
    street: p?.street ?? '',
    postalCode: p?.postalCode ?? '',
    postOffice: p?.postOffice ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    serviceTypes: p ? [...p.serviceTypes] : [],
    validFrom: p?.validFrom ?? todayInHelsinki(),
    validUntil: p?.validUntil ?? '',
  }
}

/** What is sent: empty optional fields as null, so that a change can also clear one. */
function inputOf(v: Values): ProviderInput {
  const orNull = (s: string) => s.trim() || null
  return {
    name: v.name.trim(),
    businessId: orNull(v.businessId),
    iban: orNull(v.iban),
    bic: orNull(v.bic),
    street: orNull(v.street),
    postalCode: orNull(v.postalCode),
    postOffice: orNull(v.postOffice),
    email: orNull(v.email),
    phone: orNull(v.phone),
    serviceTypes: PROVIDER_SERVICE_TYPES.filter((type) => v.serviceTypes.includes(type)),
    validFrom: v.validFrom,
    validUntil: v.validUntil || null,
  }
}

/**
 * Enters or changes a provider. The form checks only what it can see is missing; the Y-tunnus's check digit, the
 * account, the BIC against the bank and the validity are the server's, whose messages (already in the UI language)
 * are shown beside their fields. `save` throws the request's failure: a 409 is for the caller to tell.
 */
export function ProviderForm({
  provider,
  submitLabel,
  onSave,
  onCancel,
  conflict,
}: {
  provider?: Provider
  submitLabel: string
  onSave: (input: ProviderInput) => Promise<void>
  onCancel?: () => void
  /** The change was refused because someone else saved first: said above the form instead of the problem. */
  conflict?: ReactNode
}) {
  const { t } = useTranslation()
  const id = useId()
  const [values, setValues] = useState<Values>(() => valuesOf(provider))
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FIELDS)

  const set = (field: TextFieldName) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }))
  const toggle = (type: ProviderServiceType, on: boolean) =>
    setValues((v) => ({ ...v, serviceTypes: on ? [...v.serviceTypes, type] : v.serviceTypes.filter((x) => x !== type) }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Partial<Record<Field, string>> = {}
    if (values.name.trim().length < 2) missing.name = t('providers.form.nameRequired')
    if (values.serviceTypes.length === 0) missing.serviceTypes = t('providers.form.serviceTypesRequired')
    if (!values.validFrom) missing.validFrom = t('providers.form.validFromRequired')
    if (!check(missing)) return
    setSaving(true)
    try {
      await onSave(inputOf(values))
    } catch (failure) {
      fail(failure)
    } finally {
      setSaving(false)
    }
  }

  const text = (field: TextFieldName, props: Partial<ComponentProps<typeof TextField>> = {}) => (
    <TextField
      name={field}
      label={t(`providers.fields.${field}`)}
      value={values[field]}
      onChange={set(field)}
      error={fieldErrors[field]}
      ref={register(field)}
      autoComplete="off"
      {...props}
    />
  )
  const hinted = (field: 'businessId' | 'bic' | 'validUntil', hint: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <HintedField
      name={field}
      label={t(`providers.fields.${field}`)}
      hint={hint}
      value={values[field]}
      onChange={set(field)}
      error={fieldErrors[field]}
      ref={register(field)}
      autoComplete="off"
      {...props}
    />
  )

  const typesError = fieldErrors.serviceTypes
  return (
    <form className="form prov-form" noValidate onSubmit={submit}>
      {conflict ?? <ErrorAlert error={error?.text} messages={error?.messages} />}
      <div className="prov-form-grid">
        {text('name', { maxLength: 200, className: 'prov-wide' })}
        {hinted('businessId', t('providers.fields.businessIdHint'), { maxLength: 11, spellCheck: false })}
        {text('iban', { maxLength: 42, spellCheck: false })}
        {hinted('bic', t('providers.fields.bicHint'), { maxLength: 11, spellCheck: false })}
        {text('street', { maxLength: 200, className: 'prov-wide' })}
        {text('postalCode', { maxLength: 5, inputMode: 'numeric' })}
        {text('postOffice', { maxLength: 100 })}
        {text('email', { type: 'email', maxLength: 200 })}
        {text('phone', { type: 'tel', maxLength: 40 })}
      </div>
      <fieldset className={typesError ? 'field prov-types field-invalid' : 'field prov-types'} aria-describedby={typesError ? `${id}-types-error` : undefined}>
        <legend>{t('providers.fields.serviceTypes')}</legend>
        <div className="checkbox-options">
          {PROVIDER_SERVICE_TYPES.map((type, index) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                name="serviceTypes"
                value={type}
                checked={values.serviceTypes.includes(type)}
                onChange={(e) => toggle(type, e.target.checked)}
                ref={index === 0 ? register('serviceTypes') : undefined}
                aria-invalid={typesError ? true : undefined}
              />
              {t(`providers.serviceTypes.${type}`)}
            </label>
          ))}
        </div>
        {typesError && (
          <p id={`${id}-types-error`} className="field-error">
            {typesError}
          </p>
        )}
      </fieldset>
      <div className="prov-form-grid">
        {text('validFrom', { type: 'date' })}
        {hinted('validUntil', t('providers.fields.validUntilHint'), { type: 'date' })}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('providers.form.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={saving}>
            {t('providers.form.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}

/** A text field with a hint under it: the input is described by the hint, and by the error when there is one. */
function HintedField({
  label,
  hint,
  error,
  ref,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'> & { label: string; hint: string; error: string | undefined; ref?: Ref<HTMLInputElement> | undefined }) {
  const id = useId()
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`} {...input} />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
    </div>
  )
}
