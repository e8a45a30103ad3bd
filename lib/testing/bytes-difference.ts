// Compares two byte strings and says where they differ, short enough for a test message even
// when the values are megabytes long.

function show(bytes: Uint8Array | null, from: number, to: number): string {
  if (bytes === null) return 'NULL'
  const slice = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(from, to)
  return JSON.stringify(slice.toString('latin1')) + ` (hex ${slice.toString('hex')})`
}

/** null when equal; else a one-line description of the first difference. */
export function bytesDifference(actual: Uint8Array | null, expected: Uint8Array | null): string | null {
  if (actual === null || expected === null) {
    if (actual === expected) return null
    return `got ${actual === null ? 'NULL' : `${actual.length} bytes ${show(actual, 0, 40)}`}, want ${expected === null ? 'NULL' : `${expected.length} bytes ${show(expected, 0, 40)}`}`
  }
  if (Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected)) return null
  let i = 0
  const n = Math.min(actual.length, expected.length)
  while (i < n && actual[i] === expected[i]) i++
  const from = Math.max(0, i - 16)
  return `lengths ${actual.length} vs ${expected.length}, first difference at byte ${i}: got ${show(actual, from, i + 24)}, want ${show(expected, from, i + 24)}`
}
