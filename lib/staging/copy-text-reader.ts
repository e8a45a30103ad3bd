import type { Readable } from 'node:stream'

// Reads PostgreSQL COPY ... TO STDOUT text format back into rows of `string | null`.
// Inside a value, LF/CR/TAB/backslash are always escaped, so a raw LF ends a row and a raw TAB
// ends a field; only fields holding a backslash need unescaping.

const UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

export function unescapeCopyField(field: string): string | null {
  if (field === '\\N') return null
  let backslash = field.indexOf('\\')
  if (backslash === -1) return field
  // Hot path of the validation pass: slices between backslashes, no regex per field.
  let out = ''
  let start = 0
  while (backslash !== -1) {
    out += field.slice(start, backslash)
    const next = field[backslash + 1]
    const simple = UNESCAPE[next]
    if (simple !== undefined) {
      out += simple
      start = backslash + 2
    } else {
      start = backslash + 1 + unescapeRare(field, backslash + 1, (text) => (out += text))
    }
    backslash = field.indexOf('\\', start)
  }
  return out + field.slice(start)
}

/** `\xHH` and `\ooo` (never written by PostgreSQL for text, accepted on input) or `\c` → c. Returns characters consumed. */
function unescapeRare(field: string, at: number, emit: (text: string) => void): number {
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(field.slice(at, at + 3))
  if (hex) {
    emit(String.fromCharCode(parseInt(hex[1], 16)))
    return hex[0].length
  }
  const octal = /^[0-7]{1,3}/.exec(field.slice(at, at + 3))
  if (octal) {
    emit(String.fromCharCode(parseInt(octal[0], 8)))
    return octal[0].length
  }
  emit(field.slice(at, at + 1))
  return 1
}

export function parseCopyTextLine(line: string): (string | null)[] {
  return line.split('\t').map(unescapeCopyField)
}

const LF = 0x0a
const TAB = 0x09
const BACKSLASH = 0x5c
const BYTE_UNESCAPE: Record<number, number> = { 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x76: 0x0b, 0x5c: 0x5c }

/**
 * Turns a stream of COPY text chunks into batches of rows, keeping only the unfinished last line
 * between chunks. Works on bytes (a row ends at LF, a field at TAB, both always escaped inside a
 * value), decoding each field once: a field without a backslash straight from the buffer, one with
 * escapes through a scratch buffer, so every string comes out flat. pg-copy-streams emits one
 * chunk per row; everything buffered is taken in one read(), so a batch holds many rows.
 */
export async function* readCopyTextRows(source: Readable): AsyncGenerator<(string | null)[][]> {
  let tail: Buffer | null = null
  let scratch = Buffer.allocUnsafe(1 << 16)
  const decodeField = (buf: Buffer, s: number, e: number): string | null => {
    const backslash = buf.indexOf(BACKSLASH, s)
    if (backslash === -1 || backslash >= e) return buf.toString('utf8', s, e)
    if (e - s === 2 && buf[s + 1] === 0x4e /* N */) return null
    if (scratch.length < e - s) scratch = Buffer.allocUnsafe(Math.max(e - s, scratch.length * 2))
    let out = 0
    let from = s
    for (let at = backslash; at !== -1 && at < e; at = buf.indexOf(BACKSLASH, from)) {
      out = copyBytes(buf, from, at, scratch, out)
      const mapped = at + 1 < e ? BYTE_UNESCAPE[buf[at + 1]] : undefined
      // \xHH, \ooo or \c: rare (PostgreSQL never writes them for text); the string path handles them.
      if (mapped === undefined) return unescapeCopyField(buf.toString('utf8', s, e))
      scratch[out++] = mapped
      from = at + 2
    }
    out = copyBytes(buf, from, e, scratch, out)
    return scratch.toString('utf8', 0, out)
  }
  for await (const chunk of bufferedChunks(source)) {
    const buf: Buffer = tail === null ? chunk : Buffer.concat([tail, chunk])
    const lastNewline = buf.lastIndexOf(LF)
    if (lastNewline === -1) {
      tail = buf
      continue
    }
    const rows: (string | null)[][] = []
    let start = 0
    while (start <= lastNewline) {
      const end = buf.indexOf(LF, start)
      const fields: (string | null)[] = []
      let s = start
      for (;;) {
        const tab = buf.indexOf(TAB, s)
        const e = tab === -1 || tab > end ? end : tab
        fields.push(decodeField(buf, s, e))
        if (e === end) break
        s = e + 1
      }
      rows.push(fields)
      start = end + 1
    }
    tail = lastNewline + 1 < buf.length ? buf.subarray(lastNewline + 1) : null
    yield rows
  }
  if (tail !== null && tail.length > 0) yield [parseCopyTextLine(tail.toString('utf8'))]
}

/** Copies buf[from, to) into target at `at`; short runs by hand, where Buffer#copy's call costs more. */
function copyBytes(buf: Buffer, from: number, to: number, target: Buffer, at: number): number {
  if (to - from > 48) return at + buf.copy(target, at, from, to)
  for (let i = from; i < to; i++) target[at++] = buf[i]
  return at
}

/** Everything the stream has buffered, as one Buffer per wait. */
async function* bufferedChunks(stream: Readable): AsyncGenerator<Buffer> {
  let ended = false
  let failure: Error | null = null
  const onEnd = () => (ended = true)
  const onError = (error: Error) => (failure = error)
  stream.on('end', onEnd)
  stream.on('error', onError)
  try {
    for (;;) {
      const chunk = stream.read() as Buffer | string | null
      if (chunk !== null) {
        yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        continue
      }
      if (failure) throw failure
      if (ended || stream.readableEnded) return
      await new Promise<void>((resolve) => {
        const wake = () => {
          stream.off('readable', wake)
          stream.off('end', wake)
          stream.off('error', wake)
          resolve()
        }
        stream.on('readable', wake)
        stream.on('end', wake)
        stream.on('error', wake)
      })
    }
  } finally {
    stream.off('end', onEnd)
    stream.off('error', onError)
  }
}

/** bytea's text output (`\x0001ff`) back to bytes. */
export function decodeByteaHex(text: string): Buffer {
  return Buffer.from(text.startsWith('\\x') ? text.slice(2) : text, 'hex')
}
