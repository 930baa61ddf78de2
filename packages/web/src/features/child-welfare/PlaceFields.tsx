import { PLACEMENT_FORMS, PLACEMENT_REASONS, type PlacementForm, type Provider } from '@huoma/contract'
import type { TFunction } from 'i18next'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { currentLanguage } from '../../lib/language'
import { recordApi } from './api'
import { CheckboxGroup, SelectField } from '../../components/FormFields'

/**
 * Where and why a child is placed, as the urgent placement and the care order both ask it: the form of care, the
 * place from the provider register (family care or institutional care, as the form needs) or — for kinship care, or
 * a place the register does not hold — its name, and THL's reason codes (one or more).
 */

export type PlacementReason = (typeof PLACEMENT_REASONS)[number]

export interface PlaceDraft {
  form: PlacementForm | ''
  providerId: string
  placeName: string
  reasons: PlacementReason[]
}

export const emptyPlace = (): PlaceDraft => ({ form: '', providerId: '', placeName: '', reasons: [] })

export const PLACE_FIELDS = ['form', 'providerId', 'placeName', 'reasons'] as const
type PlaceField = (typeof PLACE_FIELDS)[number]

/** The register's service types that hold places for this form of care; none for kinship care (a name instead). */
export function providerTypesFor(form: PlacementForm | ''): ('family_care' | 'institutional_care')[] {
  switch (form) {
    case 'family_care':
    case 'professional_family_home':
      return ['family_care']
    case 'institution':
      return ['institutional_care']
    case 'other':
      return ['family_care', 'institutional_care']
    default:
      return []
  }
}

/** Whether the place is written by name: kinship care always, another form when no provider is chosen. */
export const placeByName = (d: PlaceDraft) => d.form === 'kinship_care' || (d.form === 'other' && !d.providerId)

/** The form's own checks of the place; the messages keyed by field. */
export function checkPlace(t: TFunction, d: PlaceDraft) {
  const found: Partial<Record<PlaceField, string>> = {}
  if (!d.form) found.form = t('childWelfare.record.place.formRequired')
  else if (d.form === 'kinship_care' && !d.placeName.trim()) found.placeName = t('childWelfare.record.place.nameRequired')
  else if (d.form !== 'kinship_care' && d.form !== 'other' && !d.providerId) found.providerId = t('childWelfare.record.place.providerRequired')
  else if (d.form === 'other' && !d.providerId && !d.placeName.trim()) found.providerId = t('childWelfare.record.place.providerRequired')
  if (d.reasons.length === 0) found.reasons = t('childWelfare.record.place.reasonsRequired')
  return found
}

/** The place's part of the body (a provider, or a name). */
export function placeBody(d: PlaceDraft & { form: PlacementForm }) {
  const byName = placeByName(d)
  return { form: d.form, providerId: byName ? null : d.providerId || null, placeName: byName ? d.placeName.trim() || null : null, reasons: d.reasons }
}

/** The decision's language: the UI's when it is Swedish, else Finnish. */
export const defaultDecisionLanguage = (): 'fi' | 'sv' => (currentLanguage() === 'sv' ? 'sv' : 'fi')

type ProvidersState = { status: 'idle' } | { status: 'loading' } | { status: 'success'; providers: Provider[] } | { status: 'error'; error: ErrorText }

/** The providers valid today for the form of care (both lists for "other"), by name. */
function useProviders(form: PlacementForm | '') {
  const types = providerTypesFor(form)
  const key = types.join(' ')
  const [state, setState] = useState<{ key: string; state: ProvidersState }>({ key: '', state: { status: 'idle' } })
  useEffect(() => {
    if (!key) return
    const controller = new AbortController()
    Promise.all(key.split(' ').map((type) => recordApi.providers(type as 'family_care' | 'institutional_care', controller.signal))).then(
      (lists) => {
        const byId = new Map(lists.flatMap((l) => l.providers).map((p) => [p.id, p]))
        const providers = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'fi'))
        setState({ key, state: { status: 'success', providers } })
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, state: { status: 'error', error: describeError(error) } })
      },
    )
    return () => controller.abort()
  }, [key])
  if (!key) return { status: 'idle' } as const
  return state.key === key ? state.state : ({ status: 'loading' } as const)
}

export function PlaceFields({
  value,
  onChange,
  errors,
  register,
}: {
  value: PlaceDraft
  onChange: (next: PlaceDraft) => void
  errors: Partial<Record<string, string>>
  register: (field: PlaceField) => ((element: HTMLElement | null) => void) | undefined
}) {
  const { t } = useTranslation()
  const providers = useProviders(value.form)
  const byName = placeByName(value)
  return (
    <>
      <div className="cw-grid">
        <SelectField
          name="form"
          label={t('childWelfare.record.place.form')}
          value={value.form}
          onChange={(e) => onChange({ ...value, form: e.target.value as PlacementForm | '', providerId: '' })}
          error={errors.form}
          ref={register('form')}
        >
          <option value="">{t('childWelfare.record.place.chooseForm')}</option>
          {PLACEMENT_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`childWelfare.record.forms.${f}`)}
            </option>
          ))}
        </SelectField>
        {value.form !== '' && value.form !== 'kinship_care' && (
          <SelectField
            name="providerId"
            label={t('childWelfare.record.place.provider')}
            hint={value.form === 'other' ? t('childWelfare.record.place.providerOrName') : t('childWelfare.record.place.providerHint')}
            value={value.providerId}
            onChange={(e) => onChange({ ...value, providerId: e.target.value })}
            error={errors.providerId}
            ref={register('providerId')}
            disabled={providers.status === 'loading'}
          >
            <option value="">{providers.status === 'loading' ? t('childWelfare.loading') : t('childWelfare.record.place.chooseProvider')}</option>
            {providers.status === 'success' &&
              providers.providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </SelectField>
        )}
        {byName && (
          <TextField
            name="placeName"
            label={value.form === 'kinship_care' ? t('childWelfare.record.place.kinshipName') : t('childWelfare.record.place.name')}
            maxLength={200}
            value={value.placeName}
            onChange={(e) => onChange({ ...value, placeName: e.target.value })}
            error={errors.placeName ?? (value.form === 'kinship_care' ? errors.providerId : undefined)}
            ref={register('placeName')}
          />
        )}
      </div>
      {providers.status === 'error' && <ErrorAlert error={providers.error} />}
      {providers.status === 'success' && providers.providers.length === 0 && <p className="cw-note">{t('childWelfare.record.place.noProviders')}</p>}
      <CheckboxGroup
        legend={t('childWelfare.record.place.reasons')}
        hint={t('childWelfare.record.place.reasonsHint')}
        options={PLACEMENT_REASONS.map((r) => ({ value: r, label: t(`childWelfare.record.reasons.${r}`) }))}
        value={value.reasons}
        onChange={(reasons) => onChange({ ...value, reasons })}
        error={errors.reasons}
        firstRef={register('reasons')}
      />
    </>
  )
}

/** The decision's language (fi/sv): the decision and its PDF are written in it. */
export function LanguageField({ value, onChange, error, register }: { value: 'fi' | 'sv'; onChange: (v: 'fi' | 'sv') => void; error?: string | undefined; register?: ((element: HTMLElement | null) => void) | undefined }) {
  const { t } = useTranslation()
  return (
    <SelectField name="language" label={t('childWelfare.record.language')} value={value} onChange={(e) => onChange(e.target.value as 'fi' | 'sv')} error={error} ref={register}>
      <option value="fi">{t('childWelfare.record.languages.fi')}</option>
      <option value="sv">{t('childWelfare.record.languages.sv')}</option>
    </SelectField>
  )
}
