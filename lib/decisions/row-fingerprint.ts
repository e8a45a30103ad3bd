import { createHash } from 'node:crypto'
import type { LegacyRow } from '@/lib/mappings'

/**
 * A digest of a legacy row's source values (the columns its mapping reads, in their order): a
 * decision made on a row remembers it, and a later dump whose row has other values makes the
 * decision stale instead of applying it to something nobody looked at.
 */
export function rowFingerprint(raw: LegacyRow, columns: readonly string[]): string {
  const hash = createHash('sha1')
  for (const column of columns) {
    const value = raw[column]
    // a tag per kind, so that NULL, '' and an absent column differ, and 1 and '1' too
    if (value === undefined) hash.update('u;')
    else if (value === null) hash.update('n;')
    else if (Buffer.isBuffer(value)) hash.update(`b${value.length}:`).update(value).update(';')
    else if (typeof value === 'string') hash.update(`s${Buffer.byteLength(value)}:`).update(value).update(';')
    else hash.update(`${typeof value}:${String(value)};`)
  }
  return hash.digest('hex')
}
