import { NOTIFICATION_REPORTER_TYPES, type ReportedChild, type ReporterType } from '@huoma/contract'
import { reporterIsOfficial } from '@huoma/domain'
import type { TFunction } from 'i18next'
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import type { FieldErrors } from '../../lib/fieldErrors'
import { todayInHelsinki } from '../../lib/format'
import { SelectField, TextAreaField } from '../../components/FormFields'

/**
 * What the public e-form and the worker's registration have in common: the reporter, the children as reported and
 * the concern — the draft, its checks (the same rules the server applies, so that the user hears them at once) and
 * the body's parts.
 */

/** The most children, and the most characters of each text, that the server takes (contract: child-welfare.ts). */
export const LIMITS = { children: 12, content: 20_000, details: 500, family: 1000, name: 200, organisation: 200, phone: 40, email: 200 } as const

export interface ChildDraft {
  /** Keeps a child's inputs when another child is removed before it. */
  key: number
  name: string
  birthDate: string
  details: string
}

export interface ReporterDraft {
  reporterType: ReporterType | ''
  reporterName: string
  reporterOrganisation: string
  reporterPhone: string
  reporterEmail: string
}

export interface ConcernDraft {
  children: ChildDraft[]
  content: string
  family: string
  withholdIdentity: boolean
}

let nextKey = 1
export const newChild = (): ChildDraft => ({ key: nextKey++, name: '', birthDate: '', details: '' })

export const emptyReporter = (): ReporterDraft => ({ reporterType: '', reporterName: '', reporterOrganisation: '', reporterPhone: '', reporterEmail: '' })
export const emptyConcern = (): ConcernDraft => ({ children: [newChild()], content: '', family: '', withholdIdentity: false })

export const isOfficial = (type: ReporterType | '') => type !== '' && reporterIsOfficial(type)

/** The fields in the order of the form, for the focus on the first one in error. */
export function fieldOrder(leading: readonly string[], concern: ConcernDraft, trailing: readonly string[] = []): string[] {
  return [
    ...leading,
    'reporterType',
    'reporterName',
    'reporterOrganisation',
    'reporterPhone',
    'reporterEmail',
    'children',
    ...concern.children.flatMap((_, i) => [`children.${i}.name`, `children.${i}.birthDate`, `children.${i}.details`]),
    'content',
    'family',
    ...trailing,
  ]
}

/** The message for a text over the limit, or nothing. */
export function tooLong(t: TFunction, text: string, max: number): string | undefined {
  return text.length > max ? t('childWelfare.fields.tooLong', { over: text.length - max, max }) : undefined
}

/** The checks the form makes itself: an official identifies themselves, every child has a name, no text too long. */
export function checkDraft(t: TFunction, reporter: ReporterDraft, concern: ConcernDraft, dutyToReport: boolean): FieldErrors {
  const found: FieldErrors = {}
  if (!reporter.reporterType) found.reporterType = t('childWelfare.fields.reporterTypeRequired')
  if (dutyToReport) {
    if (!reporter.reporterName.trim()) found.reporterName = t('childWelfare.fields.nameRequired')
    if (!reporter.reporterOrganisation.trim()) found.reporterOrganisation = t('childWelfare.fields.organisationRequired')
    if (!reporter.reporterPhone.trim()) found.reporterPhone = t('childWelfare.fields.phoneRequired')
  }
  concern.children.forEach((child, i) => {
    if (!child.name.trim()) found[`children.${i}.name`] = t('childWelfare.fields.childNameRequired')
    const long = tooLong(t, child.details, LIMITS.details)
    if (long) found[`children.${i}.details`] = long
  })
  if (!concern.content.trim()) found.content = t('childWelfare.fields.contentRequired')
  else {
    const long = tooLong(t, concern.content, LIMITS.content)
    if (long) found.content = long
  }
  const family = tooLong(t, concern.family, LIMITS.family)
  if (family) found.family = family
  return found
}

const orNull = (text: string) => text.trim() || null

/** The reporter's part of the body: an anonymous reporter sends no name or contact. */
export function reporterBody(r: ReporterDraft & { reporterType: ReporterType }) {
  const anonymous = r.reporterType === 'anonymous'
  return {
    reporterType: r.reporterType,
    reporterName: anonymous ? null : orNull(r.reporterName),
    reporterOrganisation: anonymous ? null : orNull(r.reporterOrganisation),
    reporterPhone: anonymous ? null : orNull(r.reporterPhone),
    reporterEmail: anonymous ? null : orNull(r.reporterEmail),
  }
}

/** The children and the concern as the body carries them (the content as typed: nothing is cut). */
export function concernBody(c: ConcernDraft, anonymous: boolean) {
  const children: ReportedChild[] = c.children.map((child) => ({ name: child.name.trim(), birthDate: child.birthDate || null, details: orNull(child.details) }))
  return { children, content: c.content, family: orNull(c.family), ...(anonymous ? {} : { withholdIdentity: c.withholdIdentity }) }
}

interface Registered {
  errors: FieldErrors
  register: (path: string) => (element: HTMLElement | null) => void
}

/**
 * The reporter: who reports, and — required and so marked for an official or a mandated reporter — name,
 * organisation and phone; an anonymous reporter gives none. `dutyToReport` decides what is required.
 */
export function ReporterFields({
  value,
  onChange,
  dutyToReport,
  errors,
  register,
  headingLevel = 2,
  children,
}: Registered & {
  value: ReporterDraft
  onChange: (next: ReporterDraft) => void
  dutyToReport: boolean
  headingLevel?: 2 | 3
  /** More fields after the reporter type (the worker's "under the duty to report"). */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const id = useId()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const set = (field: keyof ReporterDraft) => (event: { target: { value: string } }) => onChange({ ...value, [field]: event.target.value })
  const label = (text: string, required: boolean) => (required ? t('childWelfare.required', { label: text }) : text)
  const anonymous = value.reporterType === 'anonymous'
  return (
    <section className="panel cw-panel" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t('childWelfare.fields.reporterHeading')}</Heading>
      <SelectField
        name="reporterType"
        label={t('childWelfare.fields.reporterType')}
        value={value.reporterType}
        onChange={(e) => onChange({ ...value, reporterType: e.target.value as ReporterType | '' })}
        error={errors.reporterType}
        ref={register('reporterType')}
      >
        <option value="">{t('childWelfare.fields.chooseReporterType')}</option>
        {NOTIFICATION_REPORTER_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`childWelfare.reporterTypes.${type}`)}
          </option>
        ))}
      </SelectField>
      {children}
      {value.reporterType !== '' && (
        <p className="cw-note" id={`${id}-note`}>
          {dutyToReport ? t('childWelfare.fields.officialNote') : anonymous ? t('childWelfare.fields.anonymousNote') : t('childWelfare.fields.privateNote')}
        </p>
      )}
      {!anonymous && (
        <div className="cw-grid">
          <TextField
            name="reporterName"
            label={label(t('childWelfare.fields.reporterName'), dutyToReport)}
            autoComplete="name"
            maxLength={LIMITS.name}
            value={value.reporterName}
            onChange={set('reporterName')}
            error={errors.reporterName}
            ref={register('reporterName')}
          />
          <TextField
            name="reporterOrganisation"
            label={label(t('childWelfare.fields.reporterOrganisation'), dutyToReport)}
            autoComplete="organization"
            maxLength={LIMITS.organisation}
            value={value.reporterOrganisation}
            onChange={set('reporterOrganisation')}
            error={errors.reporterOrganisation}
            ref={register('reporterOrganisation')}
          />
          <TextField
            name="reporterPhone"
            type="tel"
            label={label(t('childWelfare.fields.reporterPhone'), dutyToReport)}
            autoComplete="tel"
            maxLength={LIMITS.phone}
            value={value.reporterPhone}
            onChange={set('reporterPhone')}
            error={errors.reporterPhone}
            ref={register('reporterPhone')}
          />
          <TextField
            name="reporterEmail"
            type="email"
            label={t('childWelfare.fields.reporterEmail')}
            autoComplete="email"
            maxLength={LIMITS.email}
            value={value.reporterEmail}
            onChange={set('reporterEmail')}
            error={errors.reporterEmail}
            ref={register('reporterEmail')}
          />
        </div>
      )}
    </section>
  )
}

/** The children as the reporter names them, one or more (at most twelve), each with a name and what else is known. */
export function ChildrenFields({
  value,
  onChange,
  errors,
  register,
  headingLevel = 2,
  anticipatory = false,
}: Registered & {
  value: ChildDraft[]
  onChange: (next: ChildDraft[]) => void
  headingLevel?: 2 | 3
  /** An anticipatory notification concerns a child not yet born: the expectant mother is named instead. */
  anticipatory?: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const today = todayInHelsinki()
  // After adding or removing a child the focus goes to the name of the child added, or of the one before the removed.
  const focusKey = useRef<number>(undefined)
  const names = useRef(new Map<number, HTMLInputElement>())
  useEffect(() => {
    if (focusKey.current === undefined) return
    names.current.get(focusKey.current)?.focus()
    focusKey.current = undefined
  })
  const update = (index: number, change: Partial<ChildDraft>) => onChange(value.map((c, i) => (i === index ? { ...c, ...change } : c)))
  const remove = (index: number) => {
    const next = value.filter((_, i) => i !== index)
    onChange(next)
    focusKey.current = next[Math.max(0, index - 1)]?.key
  }
  const add = () => {
    const child = newChild()
    onChange([...value, child])
    focusKey.current = child.key
  }
  const full = value.length >= LIMITS.children
  return (
    <section className="panel cw-panel" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t('childWelfare.fields.childrenHeading')}</Heading>
      <p className="field-hint">{t('childWelfare.fields.childrenIntro')}</p>
      {anticipatory && <p className="cw-note">{t('childWelfare.fields.anticipatoryNote')}</p>}
      {errors.children && (
        <p className="field-error" tabIndex={-1} ref={register('children')}>
          {errors.children}
        </p>
      )}
      {value.map((child, i) => (
        <fieldset key={child.key} className="cw-child">
          <legend>{t('childWelfare.fields.child', { n: i + 1 })}</legend>
          <div className="cw-grid">
            <TextField
              name={`children.${i}.name`}
              label={t('childWelfare.required', { label: t('childWelfare.fields.childName') })}
              autoComplete="off"
              maxLength={LIMITS.name}
              value={child.name}
              onChange={(e) => update(i, { name: e.target.value })}
              error={errors[`children.${i}.name`]}
              ref={(element) => {
                register(`children.${i}.name`)(element)
                if (element) names.current.set(child.key, element)
                else names.current.delete(child.key)
              }}
            />
            <TextField
              name={`children.${i}.birthDate`}
              type="date"
              label={t('childWelfare.fields.birthDate')}
              max={today}
              value={child.birthDate}
              onChange={(e) => update(i, { birthDate: e.target.value })}
              error={errors[`children.${i}.birthDate`]}
              ref={register(`children.${i}.birthDate`)}
            />
          </div>
          <TextAreaField
            name={`children.${i}.details`}
            label={t('childWelfare.fields.details')}
            rows={2}
            max={LIMITS.details}
            value={child.details}
            onChange={(e) => update(i, { details: e.target.value })}
            error={errors[`children.${i}.details`]}
            ref={register(`children.${i}.details`)}
          />
          {value.length > 1 && (
            <button type="button" className="button button-small" onClick={() => remove(i)}>
              {t('childWelfare.fields.removeChild', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <div className="button-row">
        <button type="button" className="button" onClick={add} disabled={full} aria-describedby={full ? `${id}-full` : undefined}>
          {t('childWelfare.fields.addChild')}
        </button>
      </div>
      {full && (
        <p id={`${id}-full`} className="field-hint">
          {t('childWelfare.fields.maxChildren', { max: LIMITS.children })}
        </p>
      )}
    </section>
  )
}
