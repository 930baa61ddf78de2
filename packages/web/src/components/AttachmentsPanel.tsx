import { ATTACHMENT_DOCUMENT_TYPE_CODES, type Attachment, type AttachmentDocumentType } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../api/client'
import { ErrorAlert } from './Alert'
import { FoldingPanel } from './FoldingPanel'
import { can, useUser } from '../session/context'
import { downloadUrl, listAttachments, uploadAttachment } from '../api/attachments'
import './attachments.css'
import { formatBytes, formatDateTime } from '../lib/format'

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt,application/pdf,image/png,image/jpeg,image/tiff,text/plain'
const TYPE_LABELS: Record<Attachment['contentType'], string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
  'text/plain': 'TXT',
}

export interface AttachmentsPanelProps {
  personId: string
  serviceTask: string
  /** A journal entry (version id) the uploads belong to; none by default. */
  journalEntryId?: string | undefined
  /** The heading level of the panel's title (2 under a page's h1). */
  headingLevel?: 2 | 3
  /** On the client card: the panel folds (`FoldingPanel`) and remembers it under this name. */
  panel?: string | undefined
}

/**
 * The attachments (liitteet) of one client in one service task: the list newest first with download links, and
 * a form to upload one file. What the user may do follows their actions (attachments:read/upload/download); the
 * server decides again, sniffs the file's type and refuses a disguised or oversized file with a message.
 */
export function AttachmentsPanel({ personId, serviceTask, journalEntryId, headingLevel = 2, panel }: AttachmentsPanelProps) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const [round, setRound] = useState(0)
  const [data, setData] = useState<{ key: string; items: Attachment[]; maxBytes: number | null; error?: ErrorText }>()
  const [busy, setBusy] = useState(false)
  const [uploadError, setUploadError] = useState<{ error: ErrorText; messages: string[] }>()
  const [notice, setNotice] = useState('')
  const [documentType, setDocumentType] = useState<AttachmentDocumentType | ''>('')
  const [typeError, setTypeError] = useState('')
  const allowed = can(user, 'attachments:read')
  const mayUpload = can(user, 'attachments:upload')
  const mayDownload = can(user, 'attachments:download')

  const key = `${personId} ${serviceTask} ${round}`
  useEffect(() => {
    if (!allowed) return
    const controller = new AbortController()
    listAttachments(personId, serviceTask, controller.signal).then(
      (list) => setData({ key, items: list.attachments, maxBytes: list.maxBytes }),
      (error: unknown) => {
        if (!controller.signal.aborted) setData({ key, items: [], maxBytes: null, error: describeError(error) })
      },
    )
    return () => controller.abort()
  }, [personId, serviceTask, key, allowed])

  if (!allowed) return null
  const shown = data?.key.startsWith(`${personId} ${serviceTask} `) ? data : undefined
  const loading = data?.key !== key
  const items = shown?.items ?? []
  const maxBytes = shown?.maxBytes ?? null
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const SubHeading = headingLevel === 2 ? 'h3' : 'h4'

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setNotice('')
    const file = fileInput.current?.files?.[0]
    if (!documentType) {
      setTypeError(t('attachments.chooseDocumentType'))
      if (!file) setUploadError({ error: { title: t('attachments.chooseFile') }, messages: [] })
      return
    }
    if (!file) {
      setUploadError({ error: { title: t('attachments.chooseFile') }, messages: [] })
      return
    }
    if (maxBytes !== null && file.size > maxBytes) {
      setUploadError({ error: { title: t('attachments.tooLarge', { max: formatBytes(maxBytes) }) }, messages: [] })
      return
    }
    setBusy(true)
    try {
      const saved = await uploadAttachment(personId, serviceTask, file, documentType, journalEntryId)
      setUploadError(undefined)
      setTypeError('')
      setDocumentType('')
      setNotice(t('attachments.uploadedNotice', { name: saved.fileName }))
      if (fileInput.current) fileInput.current.value = ''
      setRound((n) => n + 1)
    } catch (error) {
      const errors = error instanceof ApiError ? (error.problem.errors ?? []) : []
      const atType = errors.filter((e) => e.field === 'body.documentType')
      setTypeError(atType.map((e) => e.message).join(' '))
      setUploadError({ error: describeError(error), messages: errors.filter((e) => e.field !== 'body.documentType').map((e) => e.message) })
    } finally {
      setBusy(false)
    }
  }

  const body = (
    <>
      <ErrorAlert error={shown?.error} />
      {loading && !shown && <p aria-live="polite">{t('attachments.loading')}</p>}
      {shown && !shown.error && items.length === 0 && <p>{t('attachments.empty')}</p>}
      {items.length > 0 && (
        <table className="attachments-table" aria-label={t('attachments.listLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('attachments.name')}</th>
              <th scope="col">{t('attachments.documentType')}</th>
              <th scope="col">{t('attachments.type')}</th>
              <th scope="col">{t('attachments.size')}</th>
              <th scope="col">{t('attachments.uploaded')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td>
                  {mayDownload ? (
                    <a href={downloadUrl(personId, serviceTask, a.id)} download={a.fileName} aria-label={t('attachments.download', { name: a.fileName })}>
                      {a.fileName}
                    </a>
                  ) : (
                    a.fileName
                  )}
                </td>
                <td>{t(`attachments.documentTypes.${a.documentType}`)}</td>
                <td>{TYPE_LABELS[a.contentType]}</td>
                <td>{formatBytes(a.sizeBytes)}</td>
                <td>{t('attachments.uploadedBy', { name: a.uploadedBy.name, time: formatDateTime(a.uploadedAt) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length > 0 && mayDownload && <p className="attachments-hint">{t('attachments.downloadHint')}</p>}
      {mayUpload && (
        <form className="attachments-upload" onSubmit={(e) => void submit(e)} noValidate>
          <SubHeading>{t('attachments.uploadTitle')}</SubHeading>
          <label htmlFor={`${id}-type`}>{t('attachments.documentType')}</label>
          <select
            id={`${id}-type`}
            name="documentType"
            value={documentType}
            aria-describedby={typeError ? `${id}-type-error` : undefined}
            aria-invalid={typeError ? true : undefined}
            onChange={(e) => {
              setDocumentType(e.target.value as AttachmentDocumentType | '')
              setTypeError('')
            }}
          >
            <option value="">{t('attachments.documentTypePlaceholder')}</option>
            {ATTACHMENT_DOCUMENT_TYPE_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`attachments.documentTypes.${code}`)}
              </option>
            ))}
          </select>
          {typeError && (
            <p id={`${id}-type-error`} className="field-error">
              {typeError}
            </p>
          )}
          <label htmlFor={`${id}-file`}>{t('attachments.file', { max: formatBytes(maxBytes ?? 20 * 1024 * 1024) })}</label>
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            name="file"
            accept={ACCEPT}
            aria-describedby={uploadError ? `${id}-error` : undefined}
            aria-invalid={uploadError ? true : undefined}
            onChange={() => setUploadError(undefined)}
          />
          <div id={`${id}-error`}>
            <ErrorAlert error={uploadError?.error} messages={uploadError?.messages ?? []} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('attachments.sending') : t('attachments.submit')}
          </button>
          <p role="status" className="attachments-notice">
            {notice}
          </p>
        </form>
      )}
    </>
  )
  if (panel) {
    return (
      <FoldingPanel panel={panel} className="card-section attachments-panel" title={t('attachments.title')}>
        {body}
      </FoldingPanel>
    )
  }
  return (
    <section className="attachments-panel" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('attachments.title')}</Heading>
      {body}
    </section>
  )
}
