import type { BankImportResult } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { importBankFile, sniffBankFile, type BankFileKind, type UploadPhase } from './api'
import { TransferProgress } from './Progress'

const KINDS: readonly BankFileKind[] = ['pain002', 'camt054']

type ImportState =
  | { status: 'idle' }
  | { status: 'running'; phase: UploadPhase }
  | { status: 'done'; result: BankImportResult }
  | { status: 'error'; error: ErrorText; messages: string[] }

/**
 * Imports the bank's feedback: a pain.002 status report or a camt.054 notification (the kind is recognised from
 * the file and can be changed). The bytes sent are shown, then that the server is reading the file, then the
 * result's counts — or the server's message for a malformed or foreign file (an import is all-or-nothing).
 */
export function BankImport({ batchId, onImported }: { batchId?: string; onImported?: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File>()
  const [kind, setKind] = useState<BankFileKind>('pain002')
  const [recognised, setRecognised] = useState<BankFileKind | 'unknown'>()
  const [missing, setMissing] = useState(false)
  const [state, setState] = useState<ImportState>({ status: 'idle' })
  const resultRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (state.status === 'done') resultRef.current?.focus()
  }, [state.status])

  async function choose(chosen: File | undefined) {
    setFile(chosen)
    setMissing(false)
    setRecognised(undefined)
    setState({ status: 'idle' })
    if (!chosen) return
    // The root element and namespace are at the start of the file.
    const head = await chosen.slice(0, 4096).text()
    const sniffed = sniffBankFile(head)
    setRecognised(sniffed ?? 'unknown')
    if (sniffed) setKind(sniffed)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!file) {
      setMissing(true)
      fileRef.current?.focus()
      return
    }
    setState({ status: 'running', phase: { phase: 'sending', progress: { loaded: 0, total: file.size } } })
    try {
      const result = await importBankFile(kind, file, (phase) => setState({ status: 'running', phase }))
      setState({ status: 'done', result })
      setFile(undefined)
      setRecognised(undefined)
      if (fileRef.current) fileRef.current.value = ''
      onImported?.()
    } catch (failure) {
      const messages = failure instanceof ApiError ? (failure.problem.errors ?? []).map((e) => e.message) : []
      setState({ status: 'error', error: describeError(failure), messages })
    }
  }

  const running = state.status === 'running'
  return (
    <form className="pay-import" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`}>{t('payments.import.hint')}</p>
      <div className={missing ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-file`}>{t('payments.import.file')}</label>
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept=".xml,application/xml,text/xml"
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? `${id}-file-error` : undefined}
          disabled={running}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        {missing && (
          <p id={`${id}-file-error`} className="field-error">
            {t('payments.import.chooseFile')}
          </p>
        )}
        {recognised && (
          <p className="pay-hint">{recognised === 'unknown' ? t('payments.import.notRecognised') : t('payments.import.recognised', { kind: t(`payments.import.kinds.${recognised}`) })}</p>
        )}
      </div>
      <fieldset className="pay-versions">
        <legend>{t('payments.import.kind')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="pay-radio">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} disabled={running} onChange={() => setKind(k)} /> {t(`payments.import.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={running}>
        {running ? t('payments.import.importing') : t('payments.import.submit')}
      </button>
      <div role="status" className="status-region pay-status">
        {state.status === 'running' &&
          (state.phase.phase === 'sending' ? (
            <TransferProgress label={t('payments.import.sending')} progress={state.phase.progress} direction="sent" />
          ) : (
            <TransferProgress label={t('payments.import.processing')} />
          ))}
        {state.status === 'done' && <ImportResult result={state.result} batchId={batchId} ref={resultRef} />}
      </div>
      <ErrorAlert error={state.status === 'error' ? state.error : undefined} messages={state.status === 'error' ? state.messages : []} />
    </form>
  )
}

function ImportResult({ result, batchId, ref }: { result: BankImportResult; batchId: string | undefined; ref: Ref<HTMLDivElement> }) {
  const { t } = useTranslation()
  return (
    <div className="notice pay-import-result" ref={ref} tabIndex={-1} data-testid="pay-import-result">
      <p className="alert-title">
        {result.duplicate ? t('payments.import.duplicate', { kind: t(`payments.import.kinds.${result.kind}`) }) : t('payments.import.done', { kind: t(`payments.import.kinds.${result.kind}`) })}
      </p>
      <dl className="facts">
        <dt>{t('payments.import.messageId')}</dt>
        <dd className="pay-mono">{result.messageId}</dd>
        <dt>{t('payments.import.batches')}</dt>
        <dd data-testid="pay-import-batches">
          {result.batchIds.length === 0
            ? t('payments.import.noBatches')
            : result.batchIds.map((b, i) => {
                const label = t('payments.batches.batchLink', { number: result.batchNumbers[i] ?? '?' })
                return (
                  <span key={b}>
                    {i > 0 && ', '}
                    {b === batchId ? label : <Link to={`/payments/batches/${b}`}>{label}</Link>}
                  </span>
                )
              })}
        </dd>
        <dt>{t('payments.itemStates.accepted')}</dt>
        <dd>{result.accepted}</dd>
        <dt>{t('payments.itemStates.rejected')}</dt>
        <dd>{result.rejected}</dd>
        <dt>{t('payments.itemStates.settled')}</dt>
        <dd>{result.settled}</dd>
        <dt>{t('payments.itemStates.returned')}</dt>
        <dd>{result.returned}</dd>
        {result.kind === 'camt054' && (
          <>
            <dt>{t('payments.import.skipped')}</dt>
            <dd>{result.skipped}</dd>
            <dt>{t('payments.import.unrelated')}</dt>
            <dd>{result.unrelated}</dd>
          </>
        )}
      </dl>
      {batchId && !result.batchIds.includes(batchId) && <p>{t('payments.import.notThisBatch')}</p>}
    </div>
  )
}
