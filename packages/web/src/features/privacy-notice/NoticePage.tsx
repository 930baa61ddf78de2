import { noticeEndpoints, type NoticeLanguage, type NoticeVersion } from '@huoma/contract'
import type { ApiState } from '../../api/useApi'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { endpointPath, useEndpoint } from '../../api/endpoint'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { useDocumentTitle } from '../../components/useDocumentTitle'
import { formatDateTime } from '../../lib/format'
import './privacy-notice.css'

/**
 * The public privacy notice (tietosuojaseloste): open without signing in, in Finnish or Swedish whatever the UI
 * language, with its PDF and the earlier versions. The text is the server's generated version.
 */
export function NoticePage() {
  const { t, i18n } = useTranslation()
  const [language, setLanguage] = useState<NoticeLanguage>(i18n.language === 'sv' ? 'sv' : 'fi')
  const [number, setNumber] = useState<number>()
  const versions = useEndpoint(noticeEndpoints['notice.versions'])
  const languageId = useId()
  useDocumentTitle(t('privacyNotice.title'))

  return (
    <div className="notice-page">
      <header className="notice-header">
        <span className="brand-name">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="notice-main" lang={language}>
        <div className="notice-tools" lang={i18n.language}>
          <label htmlFor={languageId}>{t('privacyNotice.language')}</label>
          <select id={languageId} value={language} onChange={(e) => setLanguage(e.target.value as NoticeLanguage)}>
            <option value="fi">{t('privacyNotice.finnish')}</option>
            <option value="sv">{t('privacyNotice.swedish')}</option>
          </select>
          <a href={endpointPath(noticeEndpoints['notice.pdf'], { query: { language } })}>{t('privacyNotice.pdf')}</a>
        </div>
        {number === undefined ? <CurrentNotice language={language} /> : <EarlierNotice number={number} language={language} />}
        {versions.status === 'success' && versions.data.versions.length > 1 && (
          <nav aria-label={t('privacyNotice.versions')} lang={i18n.language}>
            <h2>{t('privacyNotice.versions')}</h2>
            <ul>
              {versions.data.versions.map((v) => (
                <li key={v.number}>
                  <button type="button" className="button-link" aria-current={number === v.number} onClick={() => setNumber(v.number)}>
                    {t('privacyNotice.version', { number: v.number, date: formatDateTime(v.generatedAt) })}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </main>
    </div>
  )
}

function CurrentNotice({ language }: { language: NoticeLanguage }) {
  return <NoticeView state={useEndpoint(noticeEndpoints['notice.current'], { query: { language } })} />
}

function EarlierNotice({ number, language }: { number: number; language: NoticeLanguage }) {
  return <NoticeView state={useEndpoint(noticeEndpoints['notice.version'], { params: { number }, query: { language } })} />
}

/** One version of the notice as the server generated it. */
function NoticeView({ state: notice }: { state: ApiState<NoticeVersion> }) {
  const { t } = useTranslation()
  const data = notice.status === 'success' ? notice.data : undefined
  return (
    <>
        {notice.status === 'loading' && <p>{t('privacyNotice.loading')}</p>}
        {notice.status === 'error' && <p role="alert">{notice.error.title}</p>}
        {data && (
          <article>
            <h1>{data.document.title}</h1>
            <p className="muted">{t('privacyNotice.version', { number: data.number, date: formatDateTime(data.generatedAt) })}</p>
            {data.document.sections.map((s) => (
              <section key={s.id} aria-labelledby={`notice-${s.id}`}>
                <h2 id={`notice-${s.id}`}>{s.heading}</h2>
                {s.paragraphs.map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
                {s.items.length > 0 && (
                  <ul className="notice-items">
                    {s.items.map((item, i) => (
                      <li key={i}>
                        <strong>{item.title}</strong>
                        {item.lines.map((line, j) => (
                          <span key={j} className="notice-line">
                            {line}
                          </span>
                        ))}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </article>
        )}
    </>
  )
}
