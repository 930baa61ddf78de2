import { clientAccountsEndpoints, type ClientAccountEntry, type ClientAccountEntryInput } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { TextField } from '../../components/TextField'
import { currentLanguage } from '../../lib/language'
import { can, useUser } from '../../session/context'
import { recordEntry, reverseEntry, statementUrl } from './api'
import './client-accounts.css'
import { type FieldErrors, fieldErrorsOf, otherMessages } from '../../lib/fieldErrors'
import { formatEuros, parseEuroInput } from '../../lib/money'
import { formatDate, todayInHelsinki } from '../../lib/format'

type Failure = { text: ErrorText; messages: string[] }
const failure = (e: unknown): Failure => ({ text: describeError(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] })

/** One client account (/persons/:id/client-accounts/:serviceTask/:accountId): balance, entries, recording, statement. */
export function AccountPage() {
  const { t } = useTranslation()
  const user = useUser()
  const { id = '', serviceTask = '', accountId = '' } = useParams()
  const detail = useEndpoint(clientAccountsEndpoints['clientAccounts.read'], { params: { id, serviceTask, accountId } })
  const [notice, setNotice] = useState('')

  if (detail.status === 'loading') {
    return (
      <Page title={t('clientAccounts.title')}>
        <p role="status">{t('clientAccounts.loading')}</p>
      </Page>
    )
  }
  if (detail.status === 'error') {
    return (
      <Page title={t('clientAccounts.title')}>
        <ErrorAlert error={detail.error} />
        <Link to={`/persons/${encodeURIComponent(id)}`}>{t('clientAccounts.backToCard')}</Link>
      </Page>
    )
  }
  const { account, entries } = detail.data
  const saved = (message: string) => {
    setNotice(message)
    detail.reload()
  }
  return (
    <Page title={`${t(`clientAccounts.kinds.${account.kind}`)} ${account.number}`}>
      <div className="ca-page">
        <p>
          <Link to={`/persons/${encodeURIComponent(id)}`}>{t('clientAccounts.backToCard')}</Link>
        </p>
        <dl className="ca-summary">
          <dt>{t('clientAccounts.reference')}</dt>
          <dd>{account.reference}</dd>
          <dt>{t('clientAccounts.opened')}</dt>
          <dd>{formatDate(account.openedOn)}</dd>
          {account.closedOn && (
            <>
              <dt>{t('clientAccounts.closed')}</dt>
              <dd>{formatDate(account.closedOn)}</dd>
            </>
          )}
          <dt>{t('clientAccounts.responsible')}</dt>
          <dd>{account.responsible?.displayName ?? '–'}</dd>
          <dt>{t('clientAccounts.balance')}</dt>
          <dd className="ca-balance">{formatEuros(account.balanceCents)}</dd>
        </dl>
        <p role="status" className="notice">
          {notice}
        </p>
        <EntriesTable personId={id} serviceTask={serviceTask} accountId={accountId} entries={entries} canRecord={can(user, 'client-accounts:record') && !account.closedOn} onSaved={saved} />
        {can(user, 'client-accounts:record') && !account.closedOn && <RecordForm personId={id} serviceTask={serviceTask} accountId={accountId} onSaved={saved} />}
        {can(user, 'client-accounts:print') && <StatementForm personId={id} serviceTask={serviceTask} accountId={accountId} openedOn={account.openedOn} />}
      </div>
    </Page>
  )
}

interface EntriesProps {
  personId: string
  serviceTask: string
  accountId: string
  entries: ClientAccountEntry[]
  canRecord: boolean
  onSaved: (message: string) => void
}

function EntriesTable({ personId, serviceTask, accountId, entries, canRecord, onSaved }: EntriesProps) {
  const { t } = useTranslation()
  const id = useId()
  const [reversing, setReversing] = useState<ClientAccountEntry | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<Failure>()

  async function reverse(e: FormEvent) {
    e.preventDefault()
    if (!reversing) return
    try {
      await reverseEntry(personId, serviceTask, accountId, reversing.id, reason)
      setReversing(null)
      setReason('')
      setError(undefined)
      onSaved(t('clientAccounts.reversed'))
    } catch (err) {
      setError(failure(err))
    }
  }

  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('clientAccounts.entries')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('clientAccounts.noEntries')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('clientAccounts.date')}</th>
              <th scope="col">{t('clientAccounts.entryKind')}</th>
              <th scope="col">{t('clientAccounts.description')}</th>
              <th scope="col" className="num">
                {t('clientAccounts.amount')}
              </th>
              <th scope="col" className="num">
                {t('clientAccounts.balanceAfter')}
              </th>
              {canRecord && <th scope="col">{t('clientAccounts.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {[...entries].reverse().map((e) => (
              <tr key={e.id} className={e.reversedById ? 'ca-reversed' : undefined}>
                <td>{formatDate(e.entryOn)}</td>
                <td>{t(`clientAccounts.entryKinds.${e.kind}`)}</td>
                <td>
                  {e.description}
                  {e.payable && (
                    <span className="muted">
                      {' '}
                      ({e.payable.payeeName}, {t('clientAccounts.due', { date: formatDate(e.payable.dueOn) })}, {t(`clientAccounts.payableStates.${e.payable.state as 'open'}`)})
                    </span>
                  )}
                </td>
                <td className="num">{formatEuros(e.amountCents)}</td>
                <td className="num">{formatEuros(e.balanceAfterCents)}</td>
                {canRecord && (
                  <td>
                    {e.kind !== 'reversal' && !e.reversedById && (
                      <button type="button" className="button-link" onClick={() => setReversing(e)}>
                        {t('clientAccounts.reverse')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reversing && (
        <form className="ca-form" onSubmit={(e) => void reverse(e)}>
          <p>{t('clientAccounts.reverseOf', { description: reversing.description, amount: formatEuros(reversing.amountCents) })}</p>
          <TextField label={t('clientAccounts.reverseReason')} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={200} />
          <div>
            <button type="submit" className="button button-danger">{t('clientAccounts.reverse')}</button>{' '}
            <button type="button" className="button" onClick={() => setReversing(null)}>
              {t('clientAccounts.cancel')}
            </button>
          </div>
        </form>
      )}
      <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
    </section>
  )
}

type RecordKind = 'deposit' | 'bill' | 'payout'

/** The fields of the record form that show the server's messages themselves. */
const SHOWN = ['amountCents', 'entryOn', 'dueOn', 'description', 'payee.name', 'payee.iban', 'iban', 'payee.reference', 'payee.message', 'message']

function RecordForm({ personId, serviceTask, accountId, onSaved }: { personId: string; serviceTask: string; accountId: string; onSaved: (message: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [kind, setKind] = useState<RecordKind>('deposit')
  const [amount, setAmount] = useState('')
  const [date, setDate] = useState(today)
  const [description, setDescription] = useState('')
  const [payeeName, setPayeeName] = useState('')
  const [iban, setIban] = useState('')
  const [reference, setReference] = useState('')
  const [message, setMessage] = useState('')
  const [amountError, setAmountError] = useState<string>()
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<Failure>()
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const parsed = parseEuroInput(amount)
    if (!parsed.ok || parsed.cents === null || parsed.cents === 0) {
      setAmountError(t('clientAccounts.amountInvalid'))
      return
    }
    setAmountError(undefined)
    setFields({})
    const cents = parsed.cents
    const body: ClientAccountEntryInput =
      kind === 'deposit'
        ? { kind, entryOn: date, amountCents: cents, description }
        : kind === 'bill'
          ? {
              kind,
              dueOn: date,
              amountCents: cents,
              description,
              payee: { name: payeeName, iban, ...(reference.trim() ? { reference: reference.trim() } : {}), ...(message.trim() ? { message: message.trim() } : {}) },
            }
          : { kind, dueOn: date, amountCents: cents, description, iban, ...(message.trim() ? { message: message.trim() } : {}) }
    setBusy(true)
    try {
      await recordEntry(personId, serviceTask, accountId, body)
      setError(undefined)
      setAmount('')
      setDescription('')
      setPayeeName('')
      setIban('')
      setReference('')
      setMessage('')
      onSaved(t('clientAccounts.recorded'))
    } catch (err) {
      // the server's messages at their fields (the overdraft at the amount); the rest in the summary
      const byField = fieldErrorsOf(err instanceof ApiError ? err.problem : undefined)
      setFields(byField)
      setError({ text: describeError(err), messages: otherMessages(byField, new Set(SHOWN)) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('clientAccounts.record')}</h2>
      <form className="ca-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('clientAccounts.entryKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as RecordKind)}>
            <option value="deposit">{t('clientAccounts.entryKinds.deposit')}</option>
            <option value="bill">{t('clientAccounts.entryKinds.bill')}</option>
            <option value="payout">{t('clientAccounts.entryKinds.payout')}</option>
          </select>
        </div>
        <TextField label={t('clientAccounts.amountEuros')} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" required error={amountError ?? fields.amountCents} />
        <TextField label={kind === 'deposit' ? t('clientAccounts.date') : t('clientAccounts.dueOn')} type="date" value={date} onChange={(e) => setDate(e.target.value)} required error={fields.entryOn ?? fields.dueOn} />
        <TextField label={t('clientAccounts.description')} value={description} onChange={(e) => setDescription(e.target.value)} required maxLength={200} error={fields.description} />
        {kind === 'bill' && <TextField label={t('clientAccounts.payeeName')} value={payeeName} onChange={(e) => setPayeeName(e.target.value)} required maxLength={70} error={fields['payee.name']} />}
        {kind !== 'deposit' && <TextField label={t('clientAccounts.iban')} value={iban} onChange={(e) => setIban(e.target.value)} required maxLength={42} error={fields['payee.iban'] ?? fields.iban} />}
        {kind === 'bill' && <TextField label={t('clientAccounts.paymentReference')} value={reference} onChange={(e) => setReference(e.target.value)} maxLength={35} error={fields['payee.reference']} />}
        {kind !== 'deposit' && <TextField label={t('clientAccounts.message')} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={140} error={fields['payee.message'] ?? fields.message} />}
        <div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('clientAccounts.save')}
          </button>
        </div>
      </form>
      <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
    </section>
  )
}

function StatementForm({ personId, serviceTask, accountId, openedOn }: { personId: string; serviceTask: string; accountId: string; openedOn: string }) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01` < openedOn ? openedOn : `${today.slice(0, 7)}-01`)
  const [to, setTo] = useState(today)
  const [language, setLanguage] = useState(currentLanguage() === 'sv' ? 'sv' : 'fi')
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('clientAccounts.statement')}</h2>
      <div className="ca-statement">
        <TextField label={t('clientAccounts.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('clientAccounts.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('clientAccounts.language')}</label>
          <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="fi">suomi</option>
            <option value="sv">svenska</option>
          </select>
        </div>
        <a className="button" href={statementUrl(personId, serviceTask, accountId, from, to, language)} target="_blank" rel="noreferrer">
          {t('clientAccounts.statementPdf')}
        </a>
      </div>
    </section>
  )
}
