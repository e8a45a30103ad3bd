// How a legacy value is shown to the operator: in RowIssue.value (the source value as text) and
// quoted inside issue messages.

const MAX_ISSUE_VALUE = 200
const MAX_QUOTED = 80

function hex(bytes: Uint8Array, maxBytes: number): string {
  const shown = bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes
  return '0x' + Buffer.from(shown.buffer, shown.byteOffset, shown.byteLength).toString('hex') + (bytes.length > maxBytes ? '…' : '')
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  // do not cut a surrogate pair in half
  let end = max
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end -= 1
  return text.slice(0, end) + '…'
}

// Issues are stored in PostgreSQL text columns too, which cannot hold NUL: show it as ␀ (U+2400).
function showNul(text: string): string {
  return text.indexOf('\0') === -1 ? text : text.replaceAll('\0', '\u2400')
}

/**
 * The source value as text for `RowIssue.value`: NULL/absent → null, bytes → hex, long text truncated
 * (~200 chars), NUL shown as ␀.
 */
export function describeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return showNul(truncate(value, MAX_ISSUE_VALUE))
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (value instanceof Uint8Array) return hex(value, MAX_ISSUE_VALUE / 2 - 2)
  return truncate(String(value), MAX_ISSUE_VALUE)
}

/** The value as it appears inside a message: NULL, 42, 'text' (short; NUL as ␀, newlines as \n), 0xcafe. */
export function quoteValue(value: unknown): string {
  if (value === null) return 'NULL'
  if (value === undefined) return 'absent'
  if (typeof value === 'string') {
    const visible = showNul(value).replace(/\r/g, '\\r').replace(/\n/g, '\\n')
    return `'${truncate(visible, MAX_QUOTED)}'`
  }
  if (value instanceof Uint8Array) return hex(value, 16)
  return String(value)
}
