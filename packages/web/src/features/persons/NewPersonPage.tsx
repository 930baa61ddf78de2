import type { PersonCreate, PersonFromVtj, VtjPersonView, VtjQueryResponse } from '@huoma/contract'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { TextField } from '../../components/TextField'
import { personsApi } from './api'
import { isHetu } from './format'
import { codeLabel, codesOf, COMMON_LANGUAGES, languageName } from './labels'
import { SelectField } from './SelectField'
import './persons.css'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatRegisterDate, parseFinnishDate } from '../../lib/format'
import { SERVICE_TASK_CODES, personName, serviceTaskName } from '../../lib/labels'

/** A registered person, as the server answers (from the register or typed in). */
type Created = Awaited<ReturnType<typeof personsApi.createFromVtj>>
type FormError = { text: ErrorText; messages: string[] }
type VtjRelationship = NonNullable<PersonFromVtj['relationship']>

function duplicateOf(failure: unknown): string | undefined {
  if (!(failure instanceof ApiError) || failure.status !== 409) return undefined
  const id = (failure.problem as { existingPersonId?: unknown }).existingPersonId
  return typeof id === 'string' ? id : undefined
}

/** Register a client (/persons/new): from the population register by henkilötunnus, or by hand without one. */
export function NewPersonPage() {
  const { t } = useTranslation()
  const id = useId()
  const [method, setMethod] = useState<'vtj' | 'manual'>('vtj')
  return (
    <Page title={t('persons.register.title')}>
      <p>
        <Link to="/persons">{t('persons.card.back')}</Link>
      </p>
      <fieldset className="method-choice">
        <legend>{t('persons.register.method')}</legend>
        {(['vtj', 'manual'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name={`${id}-method`} value={m} checked={method === m} onChange={() => setMethod(m)} />{' '}
            {m === 'vtj' ? t('persons.register.methodVtj') : t('persons.register.methodManual')}
          </label>
        ))}
      </fieldset>
      {method === 'vtj' ? <VtjRegistration /> : <ManualRegistration />}
    </Page>
  )
}

const PURPOSES = ['register', 'assessment', 'incomeSupport', 'childWelfare', 'contact'] as const
const VTJ_FIELDS = ['hetu', 'purpose'] as const
type VtjField = (typeof VTJ_FIELDS)[number]

function VtjRegistration() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = useId()
  const [hetu, setHetu] = useState('')
  const [purposeChoice, setPurposeChoice] = useState('')
  const [purposeText, setPurposeText] = useState('')
  const [errors, setErrors] = useState<Partial<Record<VtjField, string>>>({})
  const [error, setError] = useState<FormError>()
  const [busy, setBusy] = useState(false)
  const [found, setFound] = useState<{ hetu: string; purpose: string; answer: VtjQueryResponse }>()
  const hetuInput = useRef<HTMLInputElement>(null)
  const purposeSelect = useRef<HTMLSelectElement>(null)
  const purposeInput = useRef<HTMLInputElement>(null)
  const resultHeading = useRef<HTMLHeadingElement>(null)

  const purpose = purposeChoice === 'other' ? purposeText.trim() : purposeChoice ? t(`persons.register.purposes.${purposeChoice as (typeof PURPOSES)[number]}`) : ''

  function focus(field: VtjField) {
    if (field === 'hetu') hetuInput.current?.focus()
    else if (purposeChoice === 'other') purposeInput.current?.focus()
    else purposeSelect.current?.focus()
  }

  async function query(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<VtjField, string>> = {}
    if (!hetu.trim()) found.hetu = t('persons.register.hetuRequired')
    else if (!isHetu(hetu)) found.hetu = t('persons.register.hetuFormat')
    if (!purposeChoice) found.purpose = t('persons.register.purposeRequired')
    else if (purpose.length < 3) found.purpose = t('persons.register.purposeTextRequired')
    setErrors(found)
    setError(undefined)
    setFound(undefined)
    const first = VTJ_FIELDS.find((f) => found[f])
    if (first) return focus(first)
    const code = hetu.trim().toUpperCase()
    setBusy(true)
    try {
      const answer = await personsApi.vtjQuery({ hetu: code, purpose })
      setFound({ hetu: code, purpose, answer })
      setBusy(false)
      requestAnimationFrame(() => resultHeading.current?.focus())
    } catch (failure) {
      setBusy(false)
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, VTJ_FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      const firstInvalid = VTJ_FIELDS.find((f) => byField[f])
      if (firstInvalid) focus(firstInvalid)
    }
  }

  return (
    <>
      <section className="panel" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{t('persons.register.vtjHeading')}</h2>
        <p className="muted">{t('persons.register.vtjIntro')}</p>
        <ErrorAlert error={error?.text} messages={error?.messages} />
        <form noValidate onSubmit={query} className="form">
          <div className="form-row">
            <TextField
              ref={hetuInput}
              name="hetu"
              label={t('persons.register.hetu')}
              value={hetu}
              onChange={(e) => setHetu(e.target.value)}
              error={errors.hetu}
              autoComplete="off"
              spellCheck={false}
              maxLength={11}
              className="field-hetu"
            />
            <SelectField
              ref={purposeSelect}
              name="purposeChoice"
              label={t('persons.register.purpose')}
              hint={t('persons.register.purposeHint')}
              placeholder={t('persons.register.purposeChoose')}
              value={purposeChoice}
              onChange={(e) => setPurposeChoice(e.target.value)}
              error={purposeChoice === 'other' ? undefined : errors.purpose}
              required
              options={[
                ...PURPOSES.map((p) => ({ value: p, label: t(`persons.register.purposes.${p}`) })),
                { value: 'other', label: t('persons.register.purposeOther') },
              ]}
            />
          </div>
          {purposeChoice === 'other' && (
            <TextField
              ref={purposeInput}
              name="purpose"
              label={t('persons.register.purposeText')}
              value={purposeText}
              onChange={(e) => setPurposeText(e.target.value)}
              error={errors.purpose}
              maxLength={200}
              required
            />
          )}
          <div className="form-buttons">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('persons.register.querying') : t('persons.register.query')}
            </button>
          </div>
        </form>
      </section>
      {found && (
        <section className="panel" aria-labelledby={`${id}-result`}>
          <h2 id={`${id}-result`} ref={resultHeading} tabIndex={-1}>
            {t('persons.register.found')}
          </h2>
          {found.answer.status === 'not_found' && <p className="notice">{t('persons.register.notFound')}</p>}
          {found.answer.status === 'error' && (
            <p className="alert alert-error">{t('persons.register.registerError', { code: found.answer.code })}</p>
          )}
          {found.answer.status === 'found' && (
            <>
              <VtjPersonFacts person={found.answer.person} />
              {found.answer.existingPersonId ? (
                <div className="notice">
                  <p>{t('persons.register.existing')}</p>
                  <Link to={`/persons/${found.answer.existingPersonId}`} className="button">
                    {t('persons.register.openExisting')}
                  </Link>
                </div>
              ) : (
                <CreateFromVtj
                  hetu={found.hetu}
                  purpose={found.purpose}
                  onCreated={(created) => void navigate(`/persons/${created.id}`)}
                  onDuplicate={(existing) =>
                    setFound((f) => (f && f.answer.status === 'found' ? { ...f, answer: { ...f.answer, existingPersonId: existing } } : f))
                  }
                />
              )}
            </>
          )}
        </section>
      )}
    </>
  )
}

/** What the population register disclosed: under turvakielto only a contact address, with a clear notice. */
function VtjPersonFacts({ person }: { person: VtjPersonView }) {
  const { t, i18n } = useTranslation()
  const addresses = person.turvakielto ? person.addresses.filter((a) => a.kind === 'contact') : person.addresses
  const people = (list: VtjPersonView['guardians']) =>
    list.length ? (
      <ul className="plain-list">
        {list.map((p) => (
          <li key={p.hetu}>
            {p.name} <span className="mono muted">{p.hetu}</span>
          </li>
        ))}
      </ul>
    ) : (
      t('persons.register.none')
    )
  return (
    <>
      {person.turvakielto && (
        <p className="turvakielto-notice">
          <strong>{t('persons.turvakieltoLong')}.</strong> {t('persons.register.turvakieltoNotice')}
        </p>
      )}
      <dl className="facts">
        <dt>{t('persons.register.name')}</dt>
        <dd>
          {personName(person)}
          {person.deathDate && <span className="badge badge-muted"> {t('persons.deceasedOn', { date: formatRegisterDate(person.deathDate) })}</span>}
        </dd>
        <dt>{t('persons.register.hetu')}</dt>
        <dd className="mono">{person.hetu}</dd>
        <dt>{t('persons.register.birthDate')}</dt>
        <dd>{formatRegisterDate(person.birthDate)}</dd>
        {person.sex && (
          <>
            <dt>{t('persons.register.sex')}</dt>
            <dd>{codeLabel(t, 'sex', person.sex)}</dd>
          </>
        )}
        {person.nativeLanguage && (
          <>
            <dt>{t('persons.register.nativeLanguage')}</dt>
            <dd>{languageName(person.nativeLanguage, i18n.language)}</dd>
          </>
        )}
        <dt>{t('persons.register.addresses')}</dt>
        <dd>
          {addresses.length ? (
            <ul className="plain-list">
              {addresses.map((a, i) => (
                <li key={`${a.kind}-${i}`}>
                  <span className="muted">{codeLabel(t, 'addressKinds', a.kind)}: </span>
                  {a.street}, {a.postalCode} {a.postOffice}
                </li>
              ))}
            </ul>
          ) : (
            t('persons.register.noAddresses')
          )}
        </dd>
        <dt>{t('persons.register.guardians')}</dt>
        <dd>{people(person.guardians)}</dd>
        <dt>{t('persons.register.children')}</dt>
        <dd>{people(person.children)}</dd>
      </dl>
    </>
  )
}

const REL_FIELDS = ['serviceTask', 'startReason', 'userId', 'hetu', 'purpose'] as const
type RelField = (typeof REL_FIELDS)[number]

/** Step 2: an optional client relationship, then "Luo asiakas". */
function CreateFromVtj({
  hetu,
  purpose,
  onCreated,
  onDuplicate,
}: {
  hetu: string
  purpose: string
  onCreated: (created: Created) => void
  onDuplicate: (existingPersonId: string) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [withRelationship, setWithRelationship] = useState(false)
  const [serviceTask, setServiceTask] = useState('')
  const [startReason, setStartReason] = useState('application')
  const [errors, setErrors] = useState<Partial<Record<RelField, string>>>({})
  const [error, setError] = useState<FormError>()
  const [busy, setBusy] = useState(false)
  const taskSelect = useRef<HTMLSelectElement>(null)

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(undefined)
    if (withRelationship && !serviceTask) {
      setErrors({ serviceTask: t('persons.register.taskRequired') })
      return taskSelect.current?.focus()
    }
    setErrors({})
    const body: PersonFromVtj = {
      hetu,
      purpose,
      ...(withRelationship
        ? { relationship: { serviceTask: serviceTask as VtjRelationship['serviceTask'], startReason: startReason as never } }
        : {}),
    }
    setBusy(true)
    try {
      onCreated(await personsApi.createFromVtj(body))
    } catch (failure) {
      setBusy(false)
      const existing = duplicateOf(failure)
      if (existing) return onDuplicate(existing)
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, REL_FIELDS) : { byField: {}, other: [] }
      const taskError = byField.serviceTask ?? byField.userId
      setErrors(taskError ? { serviceTask: taskError } : {})
      const extra = [byField.hetu, byField.purpose, byField.startReason].filter((m): m is string => !!m)
      setError({ text: describeError(failure), messages: [...extra, ...other] })
      if (taskError) taskSelect.current?.focus()
    }
  }

  return (
    <form noValidate onSubmit={create} className="form" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="subheading">
        {t('persons.register.relationshipHeading')}
      </h3>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <label className="checkbox">
        <input type="checkbox" checked={withRelationship} onChange={(e) => setWithRelationship(e.target.checked)} /> {t('persons.register.openRelationship')}
      </label>
      {withRelationship && (
        <>
          <div className="form-row">
            <SelectField
              ref={taskSelect}
              name="serviceTask"
              label={t('persons.register.serviceTask')}
              placeholder={t('persons.register.chooseTask')}
              value={serviceTask}
              onChange={(e) => setServiceTask(e.target.value)}
              error={errors.serviceTask}
              options={SERVICE_TASK_CODES.map((c) => ({ value: c, label: serviceTaskName(t, c) }))}
            />
            <SelectField
              name="startReason"
              label={t('persons.register.startReason')}
              value={startReason}
              onChange={(e) => setStartReason(e.target.value)}
              options={codesOf('startReasons').map((c) => ({ value: c, label: codeLabel(t, 'startReasons', c) }))}
            />
          </div>
          <p className="muted small">{t('persons.register.relationshipNote')}</p>
        </>
      )}
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('persons.register.creating') : t('persons.register.create')}
        </button>
      </div>
    </form>
  )
}

const MANUAL_FIELDS = ['lastName', 'firstNames', 'callingName', 'birthDate', 'sex', 'nativeLanguage', 'serviceLanguage', 'phone', 'email', 'street', 'postalCode', 'postOffice'] as const
type ManualField = (typeof MANUAL_FIELDS)[number]
const LANGUAGE_CODES = COMMON_LANGUAGES

/** "Ei henkilötunnusta": the person by hand; the registry issues a temporary id. */
function ManualRegistration() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const id = useId()
  const [values, setValues] = useState<Record<ManualField | 'addressKind', string>>({
    lastName: '',
    firstNames: '',
    callingName: '',
    birthDate: '',
    sex: '',
    nativeLanguage: '',
    serviceLanguage: 'fi',
    phone: '',
    email: '',
    addressKind: 'permanent',
    street: '',
    postalCode: '',
    postOffice: '',
  })
  const [errors, setErrors] = useState<Partial<Record<ManualField, string>>>({})
  const [error, setError] = useState<FormError>()
  const [duplicate, setDuplicate] = useState<string>()
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }))

  function focusFirst(byField: Partial<Record<ManualField, string>>) {
    const first = MANUAL_FIELDS.find((f) => byField[f])
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<ManualField, string>> = {}
    if (!values.lastName.trim()) found.lastName = t('persons.register.lastNameRequired')
    if (!values.firstNames.trim()) found.firstNames = t('persons.register.firstNamesRequired')
    const birthDate = parseFinnishDate(values.birthDate)
    if (!values.birthDate.trim()) found.birthDate = t('persons.register.birthDateRequired')
    else if (!birthDate) found.birthDate = t('persons.register.birthDateFormat')
    const address = [values.street, values.postalCode, values.postOffice].map((s) => s.trim())
    const anyAddress = address.some(Boolean)
    if (anyAddress) {
      if (!address[0]) found.street = t('persons.register.addressIncomplete')
      if (!/^\d{5}$/.test(address[1] ?? '')) found.postalCode = t('persons.register.addressIncomplete')
      if (!address[2]) found.postOffice = t('persons.register.addressIncomplete')
    }
    setErrors(found)
    setError(undefined)
    setDuplicate(undefined)
    if (Object.keys(found).length) return focusFirst(found)
    const body: PersonCreate = {
      lastName: values.lastName.trim(),
      firstNames: values.firstNames.trim(),
      ...(values.callingName.trim() ? { callingName: values.callingName.trim() } : {}),
      ...(birthDate ? { birthDate } : {}),
      ...(values.sex ? { sex: values.sex as 'male' | 'female' } : {}),
      ...(values.nativeLanguage ? { nativeLanguage: values.nativeLanguage } : {}),
      serviceLanguage: values.serviceLanguage as 'fi' | 'sv' | 'other',
      ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      ...(anyAddress
        ? { addresses: [{ kind: values.addressKind as 'permanent', street: address[0]!, postalCode: address[1]!, postOffice: address[2]! }] }
        : {}),
    }
    setBusy(true)
    try {
      const created = await personsApi.create(body)
      void navigate(`/persons/${created.id}`)
    } catch (failure) {
      setBusy(false)
      const existing = duplicateOf(failure)
      if (existing) setDuplicate(existing)
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, MANUAL_FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      focusFirst(byField)
    }
  }

  const text = (field: ManualField, label: string, extra: Record<string, unknown> = {}) => (
    <TextField name={field} label={label} value={values[field]} onChange={set(field)} error={errors[field]} autoComplete="off" {...extra} />
  )

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('persons.register.manualHeading')}</h2>
      <p className="muted">{t('persons.register.manualIntro')}</p>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      {duplicate && (
        <p className="notice">
          {t('persons.register.duplicate')} <Link to={`/persons/${duplicate}`}>{t('persons.register.openExisting')}</Link>
        </p>
      )}
      <form ref={form} noValidate onSubmit={submit} className="form">
        <div className="form-row">
          {text('lastName', t('persons.register.lastName'), { maxLength: 200, required: true })}
          {text('firstNames', t('persons.register.firstNames'), { maxLength: 200, required: true })}
          {text('callingName', t('persons.register.callingName'), { maxLength: 100 })}
        </div>
        <div className="form-row">
          {text('birthDate', `${t('persons.register.birthDate')} (${t('persons.register.birthDateHint')})`, { inputMode: 'numeric', required: true })}
          <SelectField
            name="sex"
            label={t('persons.register.sex')}
            placeholder={t('persons.register.notKnown')}
            value={values.sex}
            onChange={set('sex')}
            error={errors.sex}
            options={codesOf('sex').map((c) => ({ value: c, label: codeLabel(t, 'sex', c) }))}
          />
          <SelectField
            name="nativeLanguage"
            label={t('persons.register.nativeLanguage')}
            placeholder={t('persons.register.notKnown')}
            value={values.nativeLanguage}
            onChange={set('nativeLanguage')}
            error={errors.nativeLanguage}
            options={LANGUAGE_CODES.map((c) => ({ value: c, label: languageName(c, i18n.language) }))}
          />
          <SelectField
            name="serviceLanguage"
            label={t('persons.register.serviceLanguage')}
            value={values.serviceLanguage}
            onChange={set('serviceLanguage')}
            error={errors.serviceLanguage}
            options={codesOf('serviceLanguages').map((c) => ({ value: c, label: codeLabel(t, 'serviceLanguages', c) }))}
          />
        </div>
        <fieldset className="subfieldset">
          <legend>{t('persons.register.contact')}</legend>
          <div className="form-row">
            {text('phone', t('persons.register.phone'), { type: 'tel' })}
            {text('email', t('persons.register.email'), { type: 'email' })}
          </div>
        </fieldset>
        <fieldset className="subfieldset">
          <legend>{t('persons.register.address')}</legend>
          <div className="form-row">
            <SelectField
              name="addressKind"
              label={t('persons.register.addressKind')}
              value={values.addressKind}
              onChange={set('addressKind')}
              options={codesOf('addressKinds').map((c) => ({ value: c, label: codeLabel(t, 'addressKinds', c) }))}
            />
            {text('street', t('persons.register.street'), { maxLength: 200 })}
            {text('postalCode', t('persons.register.postalCode'), { inputMode: 'numeric', maxLength: 5 })}
            {text('postOffice', t('persons.register.postOffice'), { maxLength: 100 })}
          </div>
        </fieldset>
        <div className="form-buttons">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('persons.register.creating') : t('persons.register.create')}
          </button>
        </div>
      </form>
    </section>
  )
}
