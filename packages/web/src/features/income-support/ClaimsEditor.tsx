import {
  IS_BASIC_EXPENSE_TYPES,
  IS_INCOME_TYPES,
  IS_MEMBER_ROLES,
  IS_REDUCTION_GROUNDS,
  IS_SUPPLEMENTARY_TYPES,
  type ApplicationUpdate,
  type Claims,
  type Member,
  type MemberInput,
  type MemberRole,
  type ReductionGround,
} from '@huoma/contract'
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EuroInput } from './EuroInput'
import { isLabel } from './labels'
import { type FieldErrors } from '../../lib/fieldErrors'
import { formatDate } from '../../lib/format'
import { personName } from '../../lib/labels'

/** What the handler edits: the update without its version. */
export type Draft = Omit<ApplicationUpdate, 'version'>

/** What the editor shows of a household member besides the draft's own fields (an application's member, or a person
 * proposed from the registry and not saved yet). */
export type MemberInfo = Pick<Member, 'personId' | 'firstNames' | 'lastName' | 'birthDate'>

interface EditorProps {
  draft: Draft
  onChange: (draft: Draft) => void
  members: readonly MemberInfo[]
  errors: FieldErrors
  onValidity: (key: string, valid: boolean) => void
  readOnly: boolean
  /** removes a member (offered for every member but the applicant); absent = members are not removed here */
  onRemoveMember?: ((index: number) => void) | undefined
  /** shown under the members' table (e.g. adding a member from the registry household) */
  memberFooter?: ReactNode
}

/**
 * The claims whose person is not (any more) a member of the household (e.g. after removing the member): each must be
 * given to a member before the draft can be calculated or saved.
 */
export function orphanPaths(draft: Draft): string[] {
  const ids = new Set(draft.members.map((m) => m.personId))
  const paths: string[] = []
  for (const kind of ['expenses', 'incomes', 'assets'] as const) {
    draft.claims[kind].forEach((item, i) => {
      if (item.memberId && !ids.has(item.memberId)) paths.push(`claims.${kind}.${i}.memberId`)
    })
  }
  return paths
}

/** The paths of every field the editor shows (so that the server's other messages go to the summary). */
export function shownPaths(draft: Draft): Set<string> {
  // (the two checkboxes show no message of their own: one about them goes to the summary)
  const paths = new Set(['periodStart', 'periodEnd'])
  draft.members.forEach((_, i) => ['role', 'perusosaReductionPercent', 'alternatingResidence', 'personId'].forEach((f) => paths.add(`members.${i}.${f}`)))
  const add = (kind: keyof Claims, fields: string[]) => draft.claims[kind].forEach((_, i) => fields.forEach((f) => paths.add(`claims.${kind}.${i}.${f}`)))
  add('expenses', ['type', 'memberId', 'amountCents', 'acceptedCents', 'note'])
  add('incomes', ['type', 'memberId', 'amountCents', 'note'])
  add('assets', ['type', 'memberId', 'amountCents', 'note'])
  add('supplementary', ['type', 'amountCents', 'acceptedCents', 'note'])
  add('preventive', ['purpose', 'amountCents', 'acceptedCents'])
  return paths
}

/**
 * The household and the claimed items of an application as editable tables. Amounts are typed in euros and kept
 * in cents; every input has a label (hidden where the column header shows it) naming its row.
 */
export function ClaimsEditor({ draft, onChange, members, errors, onValidity, readOnly, onRemoveMember, memberFooter }: EditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const nameOf = (personId: string | null | undefined) => {
    const m = members.find((x) => x.personId === personId)
    return m ? personName(m) : t('incomeSupport.claims.household')
  }
  const setClaims = <K extends keyof Claims>(kind: K, items: Claims[K]) => onChange({ ...draft, claims: { ...draft.claims, [kind]: items } })
  const update = <K extends keyof Claims>(kind: K, index: number, patch: Partial<Claims[K][number]>) =>
    setClaims(kind, draft.claims[kind].map((item, i) => (i === index ? { ...item, ...patch } : item)) as Claims[K])
  const remove = <K extends keyof Claims>(kind: K, index: number) => {
    onValidity(`claims.${kind}`, true)
    setClaims(kind, draft.claims[kind].filter((_, i) => i !== index) as Claims[K])
  }
  const applicantId = draft.members.find((m) => m.role === 'applicant')?.personId ?? draft.members[0]?.personId ?? ''
  const setMember = (index: number, patch: Partial<MemberInput>) => onChange({ ...draft, members: draft.members.map((m, i) => (i === index ? { ...m, ...patch } : m)) })
  const orphans = new Set(orphanPaths(draft))
  const err = (path: string) => (orphans.has(path) ? t('incomeSupport.claims.notMember') : errors[path])
  const euro = (path: string, label: string, value: number | null, set: (cents: number | null) => void, required: boolean) => (
    <EuroInput
      label={label}
      hideLabel
      value={value}
      required={required}
      error={err(path)}
      onValidity={(valid) => onValidity(path, valid)}
      onChange={set}
    />
  )
  const memberSelect = (path: string, label: string, value: string | null | undefined, set: (v: string | null) => void, optional: boolean) => (
    <Cell label={label} error={err(path)} id={`${id}-${path}`}>
      <select id={`${id}-${path}`} value={value ?? ''} disabled={readOnly} onChange={(e) => set(e.target.value || null)}>
        {optional && <option value="">{t('incomeSupport.claims.household')}</option>}
        {orphans.has(path) && value && <option value={value}>{t('incomeSupport.claims.formerMember', { name: nameOf(value) })}</option>}
        {draft.members.map((m) => (
          <option key={m.personId} value={m.personId}>
            {nameOf(m.personId)}
          </option>
        ))}
      </select>
    </Cell>
  )
  const note = (path: string, label: string, value: string | undefined, set: (v: string) => void) => (
    <Cell label={label} error={err(path)} id={`${id}-${path}`}>
      <input id={`${id}-${path}`} type="text" maxLength={500} value={value ?? ''} disabled={readOnly} onChange={(e) => set(e.target.value)} />
    </Cell>
  )
  const row = (n: number) => t('incomeSupport.claims.row', { n: n + 1 })

  return (
    <fieldset className="is-editor" disabled={readOnly}>
      <legend className="visually-hidden">{t('incomeSupport.claims.legend')}</legend>
      <div className="is-period">
        <Field id={`${id}-ps`} label={t('incomeSupport.application.periodStart')} error={err('periodStart')}>
          <input id={`${id}-ps`} type="date" value={draft.periodStart} onChange={(e) => onChange({ ...draft, periodStart: e.target.value })} />
        </Field>
        <Field id={`${id}-pe`} label={t('incomeSupport.application.periodEnd')} error={err('periodEnd')}>
          <input id={`${id}-pe`} type="date" value={draft.periodEnd} onChange={(e) => onChange({ ...draft, periodEnd: e.target.value })} />
        </Field>
        <label className="is-check">
          <input type="checkbox" checked={draft.urgent} onChange={(e) => onChange({ ...draft, urgent: e.target.checked })} /> {t('incomeSupport.application.urgentLabel')}
        </label>
        <label className="is-check">
          <input type="checkbox" checked={draft.housingCapped} onChange={(e) => onChange({ ...draft, housingCapped: e.target.checked })} />{' '}
          {t('incomeSupport.application.housingCapped')}
        </label>
      </div>

      <ClaimTable actions={!!onRemoveMember && !readOnly} caption={t('incomeSupport.members.title')} headers={[t('incomeSupport.members.name'), t('incomeSupport.members.birthDate'), t('incomeSupport.members.role'), t('incomeSupport.members.reduction'), t('incomeSupport.members.alternating')]}>
        {draft.members.map((m, i) => {
          const member = members.find((x) => x.personId === m.personId)
          const who = nameOf(m.personId)
          // a message about the person itself (e.g. not in the registry) is shown in the row's header and read with
          // the row's first input
          const personError = err(`members.${i}.personId`)
          const personErrorId = `${id}-m${i}-person-error`
          return (
            <tr key={m.personId}>
              <th scope="row" className={personError ? 'is-member-invalid' : undefined}>
                {who}
                {personError && (
                  <p id={personErrorId} className="field-error">
                    {personError}
                  </p>
                )}
              </th>
              <td>{formatDate(member?.birthDate)}</td>
              <td>
                <Cell label={t('incomeSupport.members.roleOf', { name: who })} error={err(`members.${i}.role`)} id={`${id}-m${i}-role`} describedBy={personError ? personErrorId : undefined}>
                  <select id={`${id}-m${i}-role`} value={m.role} onChange={(e) => setMember(i, { role: e.target.value as MemberRole })}>
                    {IS_MEMBER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {isLabel(t, 'roles', r)}
                      </option>
                    ))}
                  </select>
                </Cell>
              </td>
              <td>
                <Cell label={t('incomeSupport.members.reductionOf', { name: who })} error={err(`members.${i}.perusosaReductionPercent`)} id={`${id}-m${i}-red`}>
                  <input
                    id={`${id}-m${i}-red`}
                    className="is-percent"
                    type="number"
                    min={0}
                    max={100}
                    step={10}
                    value={m.perusosaReductionPercent ?? 0}
                    disabled={!!m.reductionGround}
                    onChange={(e) => setMember(i, { perusosaReductionPercent: Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))) })}
                  />
                </Cell>
                <Cell label={t('incomeSupport.members.groundOf', { name: who })} error={err(`members.${i}.reductionGround`)} id={`${id}-m${i}-ground`}>
                  <select
                    id={`${id}-m${i}-ground`}
                    value={m.reductionGround ?? ''}
                    onChange={(e) => {
                      const ground = (e.target.value || null) as ReductionGround | null
                      setMember(i, { reductionGround: ground, sanctionMonth: ground === 'unemployment_sanction' ? (m.sanctionMonth ?? 1) : null })
                    }}
                  >
                    <option value="">{t('incomeSupport.members.groundNone')}</option>
                    {IS_REDUCTION_GROUNDS.map((g) => (
                      <option key={g} value={g}>
                        {t(`incomeSupport.members.grounds.${g}`)}
                      </option>
                    ))}
                  </select>
                </Cell>
                {m.reductionGround === 'unemployment_sanction' && (
                  <Cell label={t('incomeSupport.members.sanctionMonthOf', { name: who })} error={err(`members.${i}.sanctionMonth`)} id={`${id}-m${i}-smonth`}>
                    <input
                      id={`${id}-m${i}-smonth`}
                      className="is-percent"
                      type="number"
                      min={1}
                      max={24}
                      value={m.sanctionMonth ?? 1}
                      onChange={(e) => setMember(i, { sanctionMonth: Math.max(1, Math.min(24, Math.round(Number(e.target.value) || 1))) })}
                    />
                  </Cell>
                )}
              </td>
              <td>
                <Cell label={t('incomeSupport.members.alternatingOf', { name: who })} error={err(`members.${i}.alternatingResidence`)} id={`${id}-m${i}-alt`}>
                  <input id={`${id}-m${i}-alt`} type="checkbox" checked={m.alternatingResidence ?? false} onChange={(e) => setMember(i, { alternatingResidence: e.target.checked })} />
                </Cell>
              </td>
              {onRemoveMember && !readOnly && (
                <td>{m.role !== 'applicant' && <RemoveButton label={t('incomeSupport.members.removeOf', { name: who })} onClick={() => onRemoveMember(i)} />}</td>
              )}
            </tr>
          )
        })}
      </ClaimTable>
      {memberFooter}

      <ClaimTable
        caption={t('incomeSupport.claims.expenses')}
        headers={[t('incomeSupport.claims.type'), t('incomeSupport.claims.member'), t('incomeSupport.claims.claimed'), t('incomeSupport.claims.accepted'), t('incomeSupport.claims.note')]}
        onAdd={readOnly ? undefined : () => setClaims('expenses', [...draft.claims.expenses, { type: 'rent', amountCents: 0 }])}
        addLabel={t('incomeSupport.claims.addExpense')}
      >
        {draft.claims.expenses.map((item, i) => {
          const p = `claims.expenses.${i}`
          const r = `${row(i)}, ${t('incomeSupport.claims.expenses')}`
          return (
            <tr key={i}>
              <td>
                <Cell label={`${t('incomeSupport.claims.type')} (${r})`} error={err(`${p}.type`)} id={`${id}-${p}.type`}>
                  <select id={`${id}-${p}.type`} value={item.type} onChange={(e) => update('expenses', i, { type: e.target.value as (typeof IS_BASIC_EXPENSE_TYPES)[number] })}>
                    {IS_BASIC_EXPENSE_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {isLabel(t, 'expenseTypes', x)}
                      </option>
                    ))}
                  </select>
                </Cell>
              </td>
              <td>{memberSelect(`${p}.memberId`, `${t('incomeSupport.claims.member')} (${r})`, item.memberId, (v) => update('expenses', i, { memberId: v }), true)}</td>
              <td>{euro(`${p}.amountCents`, `${t('incomeSupport.claims.claimed')} (${r})`, item.amountCents, (c) => update('expenses', i, { amountCents: c ?? 0 }), true)}</td>
              <td>{euro(`${p}.acceptedCents`, `${t('incomeSupport.claims.accepted')} (${r})`, item.acceptedCents ?? null, (c) => update('expenses', i, { acceptedCents: c }), false)}</td>
              <td>{note(`${p}.note`, `${t('incomeSupport.claims.note')} (${r})`, item.note, (v) => update('expenses', i, { note: v }))}</td>
              <td>{!readOnly && <RemoveButton label={`${t('incomeSupport.claims.remove')} (${r})`} onClick={() => remove('expenses', i)} />}</td>
            </tr>
          )
        })}
      </ClaimTable>

      <ClaimTable
        caption={t('incomeSupport.claims.incomes')}
        headers={[t('incomeSupport.claims.type'), t('incomeSupport.claims.member'), t('incomeSupport.claims.amount'), t('incomeSupport.claims.note')]}
        onAdd={readOnly ? undefined : () => setClaims('incomes', [...draft.claims.incomes, { type: 'net_wage', amountCents: 0, memberId: applicantId }])}
        addLabel={t('incomeSupport.claims.addIncome')}
      >
        {draft.claims.incomes.map((item, i) => {
          const p = `claims.incomes.${i}`
          const r = `${row(i)}, ${t('incomeSupport.claims.incomes')}`
          return (
            <tr key={i}>
              <td>
                <Cell label={`${t('incomeSupport.claims.type')} (${r})`} error={err(`${p}.type`)} id={`${id}-${p}.type`}>
                  <select id={`${id}-${p}.type`} value={item.type} onChange={(e) => update('incomes', i, { type: e.target.value as (typeof IS_INCOME_TYPES)[number] })}>
                    {IS_INCOME_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {isLabel(t, 'incomeTypes', x)}
                      </option>
                    ))}
                  </select>
                </Cell>
              </td>
              <td>{memberSelect(`${p}.memberId`, `${t('incomeSupport.claims.member')} (${r})`, item.memberId, (v) => update('incomes', i, { memberId: v ?? applicantId }), false)}</td>
              <td>{euro(`${p}.amountCents`, `${t('incomeSupport.claims.amount')} (${r})`, item.amountCents, (c) => update('incomes', i, { amountCents: c ?? 0 }), true)}</td>
              <td>{note(`${p}.note`, `${t('incomeSupport.claims.note')} (${r})`, item.note, (v) => update('incomes', i, { note: v }))}</td>
              <td>{!readOnly && <RemoveButton label={`${t('incomeSupport.claims.remove')} (${r})`} onClick={() => remove('incomes', i)} />}</td>
            </tr>
          )
        })}
      </ClaimTable>

      <ClaimTable
        caption={t('incomeSupport.claims.assets')}
        headers={[t('incomeSupport.claims.type'), t('incomeSupport.claims.member'), t('incomeSupport.claims.amount'), t('incomeSupport.claims.note')]}
        onAdd={readOnly ? undefined : () => setClaims('assets', [...draft.claims.assets, { type: 'bank_balance', amountCents: 0, memberId: applicantId }])}
        addLabel={t('incomeSupport.claims.addAsset')}
      >
        {draft.claims.assets.map((item, i) => {
          const p = `claims.assets.${i}`
          const r = `${row(i)}, ${t('incomeSupport.claims.assets')}`
          return (
            <tr key={i}>
              <td>
                <Cell label={`${t('incomeSupport.claims.type')} (${r})`} error={err(`${p}.type`)} id={`${id}-${p}.type`}>
                  <select id={`${id}-${p}.type`} value={item.type} onChange={(e) => update('assets', i, { type: e.target.value as 'bank_balance' | 'other_asset' })}>
                    {(['bank_balance', 'other_asset'] as const).map((x) => (
                      <option key={x} value={x}>
                        {isLabel(t, 'assetTypes', x)}
                      </option>
                    ))}
                  </select>
                </Cell>
              </td>
              <td>{memberSelect(`${p}.memberId`, `${t('incomeSupport.claims.member')} (${r})`, item.memberId, (v) => update('assets', i, { memberId: v ?? applicantId }), false)}</td>
              <td>{euro(`${p}.amountCents`, `${t('incomeSupport.claims.amount')} (${r})`, item.amountCents, (c) => update('assets', i, { amountCents: c ?? 0 }), true)}</td>
              <td>{note(`${p}.note`, `${t('incomeSupport.claims.note')} (${r})`, item.note, (v) => update('assets', i, { note: v }))}</td>
              <td>{!readOnly && <RemoveButton label={`${t('incomeSupport.claims.remove')} (${r})`} onClick={() => remove('assets', i)} />}</td>
            </tr>
          )
        })}
      </ClaimTable>

      <ClaimTable
        caption={t('incomeSupport.claims.supplementary')}
        headers={[t('incomeSupport.claims.type'), t('incomeSupport.claims.claimed'), t('incomeSupport.claims.accepted'), t('incomeSupport.claims.note')]}
        onAdd={readOnly ? undefined : () => setClaims('supplementary', [...draft.claims.supplementary, { type: 'other_supplementary', amountCents: 0 }])}
        addLabel={t('incomeSupport.claims.addSupplementary')}
      >
        {draft.claims.supplementary.map((item, i) => {
          const p = `claims.supplementary.${i}`
          const r = `${row(i)}, ${t('incomeSupport.claims.supplementary')}`
          return (
            <tr key={i}>
              <td>
                <Cell label={`${t('incomeSupport.claims.type')} (${r})`} error={err(`${p}.type`)} id={`${id}-${p}.type`}>
                  <select id={`${id}-${p}.type`} value={item.type} onChange={(e) => update('supplementary', i, { type: e.target.value as (typeof IS_SUPPLEMENTARY_TYPES)[number] })}>
                    {IS_SUPPLEMENTARY_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {isLabel(t, 'supplementaryTypes', x)}
                      </option>
                    ))}
                  </select>
                </Cell>
              </td>
              <td>{euro(`${p}.amountCents`, `${t('incomeSupport.claims.claimed')} (${r})`, item.amountCents, (c) => update('supplementary', i, { amountCents: c ?? 0 }), true)}</td>
              <td>{euro(`${p}.acceptedCents`, `${t('incomeSupport.claims.accepted')} (${r})`, item.acceptedCents ?? null, (c) => update('supplementary', i, { acceptedCents: c }), false)}</td>
              <td>{note(`${p}.note`, `${t('incomeSupport.claims.note')} (${r})`, item.note, (v) => update('supplementary', i, { note: v }))}</td>
              <td>{!readOnly && <RemoveButton label={`${t('incomeSupport.claims.remove')} (${r})`} onClick={() => remove('supplementary', i)} />}</td>
            </tr>
          )
        })}
      </ClaimTable>

      <ClaimTable
        caption={t('incomeSupport.claims.preventive')}
        headers={[t('incomeSupport.claims.purpose'), t('incomeSupport.claims.claimed'), t('incomeSupport.claims.accepted')]}
        onAdd={readOnly ? undefined : () => setClaims('preventive', [...draft.claims.preventive, { purpose: '', amountCents: 0 }])}
        addLabel={t('incomeSupport.claims.addPreventive')}
      >
        {draft.claims.preventive.map((item, i) => {
          const p = `claims.preventive.${i}`
          const r = `${row(i)}, ${t('incomeSupport.claims.preventive')}`
          return (
            <tr key={i}>
              <td>
                <Cell label={`${t('incomeSupport.claims.purpose')} (${r})`} error={err(`${p}.purpose`)} id={`${id}-${p}.purpose`}>
                  <input id={`${id}-${p}.purpose`} type="text" maxLength={200} value={item.purpose} onChange={(e) => update('preventive', i, { purpose: e.target.value })} />
                </Cell>
              </td>
              <td>{euro(`${p}.amountCents`, `${t('incomeSupport.claims.claimed')} (${r})`, item.amountCents, (c) => update('preventive', i, { amountCents: c ?? 0 }), true)}</td>
              <td>{euro(`${p}.acceptedCents`, `${t('incomeSupport.claims.accepted')} (${r})`, item.acceptedCents ?? null, (c) => update('preventive', i, { acceptedCents: c }), false)}</td>
              <td>{!readOnly && <RemoveButton label={`${t('incomeSupport.claims.remove')} (${r})`} onClick={() => remove('preventive', i)} />}</td>
            </tr>
          )
        })}
      </ClaimTable>
    </fieldset>
  )
}

function ClaimTable({
  caption,
  headers,
  children,
  onAdd,
  addLabel,
  actions = true,
}: {
  caption: string
  headers: string[]
  children: ReactNode[]
  onAdd?: (() => void) | undefined
  addLabel?: string
  actions?: boolean
}) {
  const { t } = useTranslation()
  return (
    // While editable, a wide table scrolls sideways on a narrow screen and the scrolling box is a keyboard stop (as
    // in the log search); read-only (inside a disabled fieldset) it does not scroll, as nothing in it could be reached.
    <div {...(onAdd ? { className: 'is-claims is-claims-scroll', role: 'region', 'aria-label': caption, tabIndex: 0 } : { className: 'is-claims' })}>
      <table className="is-claim-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t('incomeSupport.claims.rowActions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {children.length === 0 ? (
            <tr>
              <td colSpan={headers.length + (actions ? 1 : 0)} className="muted">
                {t('incomeSupport.claims.none')}
              </td>
            </tr>
          ) : (
            children
          )}
        </tbody>
      </table>
      {onAdd && (
        <button type="button" className="button button-small" onClick={onAdd}>
          {addLabel}
        </button>
      )}
    </div>
  )
}

type Control = ReactElement<{ 'aria-invalid'?: boolean | undefined; 'aria-describedby'?: string | undefined }>

/** The control with its error (and any other description) linked for screen readers, and marked invalid. */
function described(control: Control, errorId: string | undefined, describedBy: string | undefined) {
  const ids = [describedBy, errorId].filter(Boolean).join(' ')
  return cloneElement(control, { 'aria-invalid': errorId ? true : undefined, 'aria-describedby': ids || undefined })
}

/** A table cell's input with a label only assistive technology reads, and its error under it (linked to the input). */
function Cell({ label, error, id, describedBy, children }: { label: string; error: string | undefined; id: string; describedBy?: string | undefined; children: Control }) {
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={error ? 'field field-invalid is-cell' : 'field is-cell'}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {described(children, errorId, describedBy)}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

function Field({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: Control }) {
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {described(children, errorId, undefined)}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  const { t } = useTranslation()
  return (
    <button type="button" className="button button-small" onClick={onClick} aria-label={label}>
      {t('incomeSupport.claims.removeShort')}
    </button>
  )
}
