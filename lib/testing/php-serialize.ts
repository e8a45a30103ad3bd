// PHP serialize() as the legacy application wrote Orders.OrderData before 2015. String lengths
// are BYTE counts of the UTF-8 text (s:7:"Müller" — ü is 2 bytes), the detail that breaks naive
// unserializers. Used to build fixtures and synthetic dumps, not to read production data.

export type PhpValue = null | boolean | number | string | PhpValue[] | { [key: string]: PhpValue }

export function phpSerialize(value: PhpValue): string {
  if (value === null) return 'N;'
  if (typeof value === 'boolean') return `b:${value ? 1 : 0};`
  if (typeof value === 'number') return Number.isInteger(value) ? `i:${value};` : `d:${value};`
  if (typeof value === 'string') return `s:${Buffer.byteLength(value, 'utf8')}:"${value}";`
  const entries: [string | number, PhpValue][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)
  let out = `a:${entries.length}:{`
  for (const [key, item] of entries) {
    // PHP stores numeric-string keys ("12") as integers.
    out += typeof key === 'number' || /^(0|-?[1-9][0-9]*)$/.test(key) ? `i:${key};` : phpSerialize(key)
    out += phpSerialize(item)
  }
  return out + '}'
}
