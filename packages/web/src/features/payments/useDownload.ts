import { useCallback, useEffect, useRef, useState } from 'react'
import { describeError, type ErrorText } from '../../api/client'
import { downloadFile, saveFile, type Progress } from './api'

export type DownloadState =
  | { status: 'idle' }
  | { status: 'running'; progress: Progress | undefined }
  | { status: 'done'; bytes: number; fileName: string }
  | { status: 'error'; error: ErrorText }

/**
 * A download with its progress: `start` fetches the file as a stream, counting the bytes, and hands it to the
 * browser when complete. Leaving the page aborts it.
 */
export function useDownload(onDone?: () => void) {
  const [state, setState] = useState<DownloadState>({ status: 'idle' })
  const controller = useRef<AbortController | null>(null)
  const done = useRef(onDone)
  useEffect(() => {
    done.current = onDone
  }, [onDone])
  useEffect(() => () => controller.current?.abort(), [])

  const start = useCallback(async (path: string, fallbackName: string) => {
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    setState({ status: 'running', progress: undefined })
    try {
      const file = await downloadFile(path, fallbackName, (progress) => setState({ status: 'running', progress }), current.signal)
      saveFile(file)
      setState({ status: 'done', bytes: file.blob.size, fileName: file.fileName })
      done.current?.()
    } catch (error) {
      if (!current.signal.aborted) setState({ status: 'error', error: describeError(error) })
    }
  }, [])

  return { state, start }
}
