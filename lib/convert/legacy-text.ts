// VARCHAR/TEXT columns arrive as strings. A drifted dump may type a text column differently
// (a number for an INT-looking zipcode, bytes for a column turned VARBINARY): numbers become their
// decimal text (exact, nothing lost), bytes are accepted only when they are valid UTF-8.

import { InvalidValue } from './invalid-value'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** string | number | bigint | UTF-8 bytes → string; null/absent → null. */
export function parseLegacyText(value: unknown): string | null | InvalidValue {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (value instanceof Uint8Array) {
    try {
      return utf8.decode(value)
    } catch {
      return new InvalidValue('is binary data that is not valid UTF-8 text')
    }
  }
  return new InvalidValue('is not text')
}
