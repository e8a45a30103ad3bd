'use client'

import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionResult } from '@/lib/actions/operator-action'
import { formatBytes, formatDuration } from './format'
import { ProgressBar } from './progress-bar'

// The browser half of the resumable upload (the server half: app/runs/[runId]/upload/route.ts).
// The file goes up in chunks, each a PUT of `file.slice()` at the offset the server holds, so
// no request carries the whole dump and nothing is read into memory here. When a chunk fails
// (network, server restart), the uploader asks the server how many bytes it holds and goes on
// from there; after a reload, the run page offers to pick the same file and does the same.

type StartUpload = (input: unknown) => Promise<ActionResult<{ runId: string }>>

export type DumpUploaderProps =
  | { mode: 'new'; startUpload: StartUpload }
  | { mode: 'resume'; runId: string; fileName: string; sizeBytes: number; receivedBytes: number }

interface UploadStatus {
  phase: 'idle' | 'uploading' | 'retrying' | 'done' | 'failed'
  fileName: string
  sent: number
  total: number
  bytesPerSecond: number | null
  message: string | null
  resumedAt: number | null
}

interface ServerState {
  receivedBytes: number
  sizeBytes: number
  complete: boolean
}

class UploadError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    readonly receivedBytes: number | null = null,
  ) {
    super(message)
  }
}

const MIN_CHUNK = 256 * 1024
const MAX_CHUNK = 16 * 1024 * 1024

/** About 16 chunks for a small file (a fine-grained resume), 16 MiB each for a big one. */
export function chunkSizeFor(size: number): number {
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(size / 16)))
}

const uploadUrl = (runId: string) => `/runs/${runId}/upload`

function putChunk(runId: string, offset: number, body: Blob, onProgress: (loaded: number) => void): Promise<ServerState> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', `${uploadUrl(runId)}?offset=${offset}`)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.upload.onprogress = (event) => onProgress(event.loaded)
    xhr.onerror = () => reject(new UploadError('The connection to the server was lost', true))
    xhr.ontimeout = () => reject(new UploadError('The server did not answer in time', true))
    xhr.onload = () => {
      let payload: { receivedBytes?: number; sizeBytes?: number; complete?: boolean; message?: string; code?: string; busy?: boolean } = {}
      try {
        payload = JSON.parse(xhr.responseText)
      } catch {
        // a proxy's HTML error page: handled by status below
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ receivedBytes: payload.receivedBytes ?? offset, sizeBytes: payload.sizeBytes ?? 0, complete: Boolean(payload.complete) })
      } else if (xhr.status === 409 && typeof payload.receivedBytes === 'number' && !payload.busy) {
        reject(new UploadError(payload.message ?? 'Out of step with the server', false, payload.receivedBytes))
      } else if (xhr.status === 409 || xhr.status >= 500 || xhr.status === 0) {
        reject(new UploadError(payload.message ?? `The server answered ${xhr.status}`, true))
      } else {
        reject(new UploadError(payload.message ?? `The server refused the upload (${xhr.status})`, false))
      }
    }
    xhr.send(body)
  })
}

async function getServerState(runId: string): Promise<ServerState> {
  const response = await fetch(uploadUrl(runId), { cache: 'no-store' })
  if (!response.ok) {
    const payload = await response.json().catch(() => ({}))
    throw new UploadError(payload.message ?? `The server answered ${response.status}`, response.status >= 500)
  }
  return response.json()
}

/** The first bytes the server checks before it makes a run (DUMP_HEAD_BYTES of lib/dump/check-dump-head.ts). */
const HEAD_BYTES = 64 * 1024

/** The file's first bytes, base64 (a server action's argument): a photo is refused before its upload starts. */
async function headOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function DumpUploader(props: DumpUploaderProps) {
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [status, setStatus] = useState<UploadStatus>({
    phase: 'idle',
    fileName: props.mode === 'resume' ? props.fileName : '',
    sent: props.mode === 'resume' ? props.receivedBytes : 0,
    total: props.mode === 'resume' ? props.sizeBytes : 0,
    bytesPerSecond: null,
    message: null,
    resumedAt: null,
  })
  const busy = status.phase === 'uploading' || status.phase === 'retrying'

  useEffect(() => {
    if (!busy) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [busy])

  const upload = useCallback(
    async (file: File) => {
      let runId: string
      let offset = 0
      if (props.mode === 'resume') {
        if (file.name !== props.fileName || file.size !== props.sizeBytes) {
          setStatus((s) => ({
            ...s,
            phase: 'failed',
            message: `This is not the file of this run: it expects ${props.fileName} (${formatBytes(props.sizeBytes)}), you chose ${file.name} (${formatBytes(file.size)}).`,
          }))
          return
        }
        runId = props.runId
        setStatus((s) => ({ ...s, phase: 'uploading', message: null }))
      } else {
        if (file.size === 0) {
          setStatus((s) => ({ ...s, phase: 'failed', fileName: file.name, message: 'The file is empty.' }))
          return
        }
        setStatus({ phase: 'uploading', fileName: file.name, sent: 0, total: file.size, bytesPerSecond: null, message: null, resumedAt: null })
        const started = await props.startUpload({ fileName: file.name, sizeBytes: file.size, head: await headOf(file) })
        if (!started.ok) {
          setStatus((s) => ({ ...s, phase: 'failed', message: started.message }))
          return
        }
        runId = started.data.runId
        router.refresh() // the new run shows in the list, uploading
      }

      const chunk = chunkSizeFor(file.size)
      const samples: { time: number; bytes: number }[] = []
      const report = (sent: number, phase: UploadStatus['phase'] = 'uploading', message: string | null = null) => {
        const now = performance.now()
        samples.push({ time: now, bytes: sent })
        while (samples.length > 2 && now - samples[0].time > 5000) samples.shift()
        const first = samples[0]
        const rate = now - first.time > 300 ? ((sent - first.bytes) / (now - first.time)) * 1000 : null
        setStatus((s) => ({ ...s, phase, fileName: file.name, sent, total: file.size, bytesPerSecond: rate ?? s.bytesPerSecond, message }))
      }

      let failures = 0
      try {
        let state = await getServerState(runId)
        offset = state.receivedBytes
        if (offset > 0) setStatus((s) => ({ ...s, resumedAt: offset }))
        while (!state.complete) {
          try {
            const end = Math.min(offset + chunk, file.size)
            report(offset)
            state = await putChunk(runId, offset, file.slice(offset, end), (loaded) => report(offset + loaded))
            offset = state.receivedBytes
            failures = 0
          } catch (error) {
            if (!(error instanceof UploadError)) throw error
            if (error.receivedBytes !== null) {
              offset = error.receivedBytes // out of step (another tab, a retried chunk): continue where the server is
              continue
            }
            if (!error.retry) throw error
            failures += 1
            const wait = Math.min(30, 2 ** Math.min(failures - 1, 5))
            report(offset, 'retrying', `${error.message}. Retrying in ${wait} s…`)
            await sleep(wait * 1000)
            try {
              state = await getServerState(runId)
              offset = state.receivedBytes
            } catch {
              // still unreachable: the next round waits longer
            }
          }
        }
        setStatus((s) => ({ ...s, phase: 'done', sent: file.size, message: null }))
        if (props.mode === 'new') router.push(`/runs/${runId}`)
        else router.refresh()
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        setStatus((s) => ({ ...s, phase: 'failed', message }))
        if (props.mode === 'new') router.refresh()
      }
    },
    [props, router],
  )

  const choose = (files: FileList | null) => {
    const file = files?.[0]
    if (file && !busy) void upload(file)
  }

  const remaining = status.total - status.sent
  const eta = status.bytesPerSecond && status.bytesPerSecond > 0 ? remaining / status.bytesPerSecond : null
  return (
    <div className="stack">
      <div
        className={`dropzone${dragging ? ' active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault()
          if (!busy) setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault()
          setDragging(false)
          choose(event.dataTransfer.files)
        }}
      >
        {props.mode === 'resume' ? (
          <strong>Choose {props.fileName} again to resume the upload</strong>
        ) : (
          <strong>Drop a dump here (.sql, or compressed: .gz, .bz2, .xz, .zst, .zip)</strong>
        )}
        <span className="small">or</span>
        <button type="button" className="btn primary" disabled={busy} onClick={() => input.current?.click()}>
          {props.mode === 'resume' ? 'Choose the file…' : 'Choose a file…'}
        </button>
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept=".sql,.gz,.bz2,.xz,.zst,.zip,application/sql,application/gzip,application/x-bzip2,application/x-xz,application/zstd,application/zip"
          aria-label={props.mode === 'resume' ? 'Dump file to resume' : 'Dump file'}
          tabIndex={-1}
          onChange={(event) => {
            choose(event.currentTarget.files)
            event.currentTarget.value = ''
          }}
        />
      </div>

      {status.phase !== 'idle' ? (
        <div aria-live="polite">
          <div className="row small" style={{ marginBottom: 6 }}>
            <strong>{status.fileName}</strong>
            <span className="spacer" />
            {status.resumedAt !== null ? <span className="muted" data-testid="upload-resumed">resumed at {formatBytes(status.resumedAt)}</span> : null}
          </div>
          <ProgressBar label="Upload" done={status.sent} total={status.total} tone={status.phase === 'done' ? 'ok' : 'accent'} />
          <div className="progress-line">
            <span data-testid="upload-progress">
              {formatBytes(status.sent)} of {formatBytes(status.total)}
            </span>
            <span>
              {status.phase === 'done'
                ? 'Uploaded — staging starts'
                : status.phase === 'retrying'
                  ? 'paused'
                  : busy && status.bytesPerSecond
                  ? `${(status.bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s · ${eta !== null ? formatDuration(eta) : '—'} left`
                  : busy
                    ? 'Starting…'
                    : ''}
            </span>
          </div>
          {status.phase === 'retrying' && status.message ? (
            <p className="alert warn small" role="status">
              {status.message}
            </p>
          ) : null}
          {status.phase === 'failed' && status.message ? (
            <p className="alert error small" role="alert">
              {status.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
