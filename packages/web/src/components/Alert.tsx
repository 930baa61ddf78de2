import type { ErrorText } from '../api/client'

/**
 * A live region that is always in the document, so that assistive technology announces an error the moment
 * it appears in it.
 */
export function ErrorAlert({ error, messages = [] }: { error: ErrorText | undefined; messages?: string[] }) {
  return (
    <div role="alert" className="alert-region">
      {error && (
        <div className="alert alert-error">
          <p className="alert-title">{error.title}</p>
          {error.detail && <p>{error.detail}</p>}
          {messages.length > 0 && (
            <ul>
              {messages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
