import { SingleBar, Presets } from 'cli-progress'

/** A progress bar on stderr (stdout stays clean for --json); silent when stderr is not a terminal. */
export function createByteProgress(label: string, totalBytes: number) {
  const enabled = process.stderr.isTTY
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {done}/{size} MB | {speed} MB/s | {detail}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  )
  const started = Date.now()
  let lastLog = 0
  if (enabled) bar.start(totalBytes, 0, { done: '0', size: mb(totalBytes), speed: '0', detail: '' })
  return {
    update(bytes: number, detail = '') {
      const seconds = (Date.now() - started) / 1000
      const payload = { done: mb(bytes), size: mb(totalBytes), speed: seconds > 0 ? (bytes / 1e6 / seconds).toFixed(0) : '0', detail }
      if (enabled) bar.update(bytes, payload)
      else if (Date.now() - lastLog > 5000) {
        lastLog = Date.now()
        process.stderr.write(`${label}: ${payload.done}/${payload.size} MB ${detail}\n`)
      }
    },
    stop() {
      if (enabled) bar.stop()
    },
  }
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1)
}
