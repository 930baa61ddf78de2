import type { TFunction } from 'i18next'
import type { OrganisationStructure } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import { roleName } from '../../lib/labels'
import { CheckboxGroup, SelectField } from './fields'
import { localName } from './format'

export const GRANT_FIELDS = ['roleCode', 'unitId', 'serviceTasks', 'validFrom', 'validUntil'] as const
export type GrantField = (typeof GRANT_FIELDS)[number]

export interface GrantDraft {
  roleCode: string
  unitId: string
  serviceTasks: string[]
  validFrom: string
  validUntil: string
  /** Sijainen: the right ends on `validUntil`, which is then required. */
  substitute: boolean
}

export const emptyGrant = (today: string): GrantDraft => ({
  roleCode: '',
  unitId: '',
  serviceTasks: [],
  validFrom: today,
  validUntil: '',
  substitute: false,
})

export function roleHasClientContent(org: OrganisationStructure, roleCode: string): boolean {
  return org.roles.find((r) => r.code === roleCode)?.clientContent ?? true
}

/** The checks the server makes too, so that the form answers at once; the server's word is final. */
export function checkGrant(
  org: OrganisationStructure,
  draft: GrantDraft,
  today: string,
  t: TFunction,
): Partial<Record<GrantField, string>> {
  const errors: Partial<Record<GrantField, string>> = {}
  if (!draft.roleCode) errors.roleCode = t('adminUsers.grant.roleRequired')
  if (!draft.unitId) errors.unitId = t('adminUsers.grant.unitRequired')
  if (draft.roleCode && roleHasClientContent(org, draft.roleCode) && draft.serviceTasks.length === 0) {
    errors.serviceTasks = t('adminUsers.grant.tasksRequired')
  }
  if (!draft.validFrom) errors.validFrom = t('adminUsers.grant.fromRequired')
  else if (draft.validFrom < today) errors.validFrom = t('adminUsers.grant.fromPast')
  if (draft.substitute && !draft.validUntil) errors.validUntil = t('adminUsers.grant.untilRequired')
  else if (draft.validUntil && draft.validFrom && draft.validUntil < draft.validFrom) errors.validUntil = t('adminUsers.grant.untilBeforeFrom')
  return errors
}

/** The body fields of a grant or a request, as the API takes them. */
export function grantBody(org: OrganisationStructure, draft: GrantDraft) {
  return {
    roleCode: draft.roleCode,
    unitId: draft.unitId,
    serviceTasks: roleHasClientContent(org, draft.roleCode) ? draft.serviceTasks : [],
    validFrom: draft.validFrom,
    validUntil: draft.validUntil || null,
  }
}

interface GrantFieldsProps {
  org: OrganisationStructure
  draft: GrantDraft
  onChange: (draft: GrantDraft) => void
  errors: Partial<Record<GrantField, string>>
  /** Only these units may be chosen (a supervisor's own units); all active units when absent. */
  unitIds?: readonly string[]
  /** The callback ref of each field, so that the first field in error can take focus (useFormErrors). */
  register: (field: GrantField) => ((element: HTMLElement | null) => void) | undefined
}

/** Role, unit, service tasks (checkboxes), dates and the substitute switch. */
export function GrantFields({ org, draft, onChange, errors, unitIds, register }: GrantFieldsProps) {
  const { t } = useTranslation()
  const clientContent = !draft.roleCode || roleHasClientContent(org, draft.roleCode)
  const units = org.units.filter((u) => u.active && (!unitIds || unitIds.includes(u.id)))
  const set = (patch: Partial<GrantDraft>) => onChange({ ...draft, ...patch })
  return (
    <>
      <SelectField
        ref={register('roleCode')}
        label={t('adminUsers.grant.role')}
        value={draft.roleCode}
        error={errors.roleCode}
        onChange={(event) => {
          const roleCode = event.target.value
          set({ roleCode, serviceTasks: roleHasClientContent(org, roleCode) ? draft.serviceTasks : [] })
        }}
      >
        <option value="">{t('adminUsers.choose')}</option>
        {org.roles.map((role) => (
          <option key={role.code} value={role.code}>
            {roleName(t, role.code)}
          </option>
        ))}
      </SelectField>
      <SelectField
        ref={register('unitId')}
        label={t('adminUsers.grant.unit')}
        value={draft.unitId}
        error={errors.unitId}
        onChange={(event) => set({ unitId: event.target.value })}
      >
        <option value="">{t('adminUsers.choose')}</option>
        {units.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {localName(unit.names)} ({unit.code})
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        firstRef={register('serviceTasks')}
        legend={t('adminUsers.grant.serviceTasks')}
        hint={clientContent ? t('adminUsers.grant.serviceTasksHint') : t('adminUsers.grant.noServiceTasks')}
        disabled={!clientContent}
        options={org.serviceTasks.map((task) => ({ value: task.code, label: localName(task.names) }))}
        value={draft.serviceTasks}
        onChange={(serviceTasks) => set({ serviceTasks })}
        error={errors.serviceTasks}
      />
      <div className="field-row">
        <TextField
          ref={register('validFrom')}
          type="date"
          label={t('adminUsers.grant.validFrom')}
          value={draft.validFrom}
          error={errors.validFrom}
          onChange={(event) => set({ validFrom: event.target.value })}
        />
        <TextField
          ref={register('validUntil')}
          type="date"
          label={draft.substitute ? t('adminUsers.grant.validUntilRequired') : t('adminUsers.grant.validUntil')}
          value={draft.validUntil}
          error={errors.validUntil}
          required={draft.substitute}
          onChange={(event) => set({ validUntil: event.target.value })}
        />
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={draft.substitute} onChange={(event) => set({ substitute: event.target.checked })} />
          {t('adminUsers.grant.substitute')}
        </label>
      </div>
    </>
  )
}
