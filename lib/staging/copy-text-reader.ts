import { StringDecoder } from 'node:string_decoder'

// Reads PostgreSQL COPY ... TO STDOUT text format back into rows of `string | null`.
// Inside a value, LF/CR/TAB/backslash are always escaped, so a raw LF ends a row and a raw TAB
// ends a field; only fields holding a backslash need unescaping.

const UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

export function unescapeCopyField(field: string): string | null {
  if (field === '\\N') return null
  if (field.indexOf('\\') === -1) return field
  return field.replace(/\\(?:([bfnrtv\\])|x([0-9a-fA-F]{1,2})|([0-7]{1,3})|(.))/g, (_, simple, hex, octal, other) => {
    if (simple) return UNESCAPE[simple]
    if (hex) return String.fromCharCode(parseInt(hex, 16))
    if (octal) return String.fromCharCode(parseInt(octal, 8))
    return other
  })
}

export function parseCopyTextLine(line: string): (string | null)[] {
  return line.split('\t').map(unescapeCopyField)
}

/** Turns a stream of COPY text chunks into rows, keeping only the unfinished last line between chunks. */
export async function* readCopyTextRows(source: AsyncIterable<Buffer>): AsyncGenerator<(string | null)[][]> {
  const decoder = new StringDecoder('utf8')
  let tail = ''
  for await (const chunk of source) {
    const text = tail + decoder.write(chunk)
    const lastNewline = text.lastIndexOf('\n')
    if (lastNewline === -1) {
      tail = text
      continue
    }
    tail = text.slice(lastNewline + 1)
    const rows: (string | null)[][] = []
    let start = 0
    while (start <= lastNewline) {
      const end = text.indexOf('\n', start)
      rows.push(parseCopyTextLine(text.slice(start, end)))
      start = end + 1
    }
    yield rows
  }
  tail += decoder.end()
  if (tail.length > 0) yield [parseCopyTextLine(tail)]
}

/** bytea's text output (`\x0001ff`) back to bytes. */
export function decodeByteaHex(text: string): Buffer {
  return Buffer.from(text.startsWith('\\x') ? text.slice(2) : text, 'hex')
}
