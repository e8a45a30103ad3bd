import { MultiBar, Presets, type SingleBar } from 'cli-progress'

// Progress bars on stderr (stdout stays clean for --json), several at once (validation and import
// overlap); a line every 5 s per bar when stderr is not a terminal.

let board: MultiBar | null = null
let boardBars = 0

function sharedBoard(): MultiBar {
  board ??= new MultiBar({ stream: process.stderr, hideCursor: true, clearOnComplete: false, format: '{label} [{bar}] {percentage}% | {done}/{size} {unit} | {speed} {unit}/s | {detail}' }, Presets.shades_classic)
  return board
}

function createProgress(label: string, total: number, unit: { name: string; scale: number; digits: number }) {
  const enabled = process.stderr.isTTY
  const started = Date.now()
  let lastLog = 0
  const format = (n: number) => (n / unit.scale).toFixed(unit.digits)
  let bar: SingleBar | null = null
  if (enabled) {
    bar = sharedBoard().create(Math.max(total, 1), 0, { label, unit: unit.name, done: format(0), size: format(total), speed: '0', detail: '' })
    boardBars += 1
  }
  return {
    update(value: number, detail = '') {
      const seconds = (Date.now() - started) / 1000
      const payload = { label, unit: unit.name, done: format(value), size: format(total), speed: seconds > 0 ? (value / unit.scale / seconds).toFixed(0) : '0', detail }
      if (bar) bar.update(value, payload)
      else if (Date.now() - lastLog > 5000) {
        lastLog = Date.now()
        process.stderr.write(`${label}: ${payload.done}/${payload.size} ${unit.name} ${detail}\n`)
      }
    },
    stop() {
      if (!bar) return
      bar.stop()
      bar = null
      boardBars -= 1
      // The last bar of the board: the terminal is the program's again.
      if (boardBars === 0) {
        board?.stop()
        board = null
      }
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
