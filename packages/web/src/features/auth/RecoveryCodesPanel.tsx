import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFocusOnMount } from './stepHelpers'

/** Recovery codes in plain text, shown once: read, copy or print them, then confirm they are saved. */
export function RecoveryCodesPanel({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const [copyStatus, setCopyStatus] = useState<'copied' | 'failed'>()

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'))
      setCopyStatus('copied')
    } catch {
      setCopyStatus('failed')
    }
  }

  return (
    <div className="recovery-print">
      <h3 ref={heading} tabIndex={-1}>
        {t('account.codesTitle')}
      </h3>
      <p className="recovery-print-title">{t('account.codesPrintTitle', { username })}</p>
      <p>{t('account.codesIntro')}</p>
      <ol className="recovery-codes" aria-label={t('account.codesTitle')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p role="status" className="field-hint">
        {copyStatus === 'copied' ? t('account.copied') : copyStatus === 'failed' ? t('account.copyFailed') : ''}
      </p>
      <div className="account-actions">
        <button type="button" className="button" onClick={copy}>
          {t('account.copyCodes')}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('account.printCodes')}
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          {t('account.codesSaved')}
        </button>
      </div>
    </div>
  )
}
