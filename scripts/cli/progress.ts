import { SingleBar, Presets } from 'cli-progress'

/** A progress bar on stderr (stdout stays clean for --json); a line every 5 s when stderr is not a terminal. */
function createProgress(label: string, total: number, unit: { name: string; scale: number; digits: number }) {
  const enabled = process.stderr.isTTY
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {done}/{size} ${unit.name} | {speed} ${unit.name}/s | {detail}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  )
  const started = Date.now()
  let lastLog = 0
  const format = (n: number) => (n / unit.scale).toFixed(unit.digits)
  if (enabled) bar.start(Math.max(total, 1), 0, { done: format(0), size: format(total), speed: '0', detail: '' })
  return {
    update(value: number, detail = '') {
      const seconds = (Date.now() - started) / 1000
      const payload = { done: format(value), size: format(total), speed: seconds > 0 ? (value / unit.scale / seconds).toFixed(0) : '0', detail }
      if (enabled) bar.update(value, payload)
      else if (Date.now() - lastLog > 5000) {
        lastLog = Date.now()
        process.stderr.write(`${label}: ${payload.done}/${payload.size} ${unit.name} ${detail}\n`)
      }
    },
    stop() {
      if (enabled) bar.stop()
    },
  }
}

/** Bytes, shown in MB. */
export function createByteProgress(label: string, totalBytes: number) {
  return createProgress(label, totalBytes, { name: 'MB', scale: 1e6, digits: 1 })
}

/** Rows (or any count). */
export function createCountProgress(label: string, total: number, unit = 'rows') {
  return createProgress(label, total, { name: unit, scale: 1, digits: 0 })
}
