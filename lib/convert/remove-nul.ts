// PostgreSQL text (and jsonb strings) cannot hold U+0000. The mapping removes it from the value to
// store and warns NUL_REMOVED; the source value stays untouched in the staging area.

/** The number of NUL characters in `text`. */
export function countNul(text: string): number {
  let count = 0
  let i = text.indexOf('\0')
  while (i !== -1) {
    count++
    i = text.indexOf('\0', i + 1)
  }
  return count
}

/** `text` without its NUL characters (the same string when it has none). */
export function removeNul(text: string): string {
  return text.indexOf('\0') === -1 ? text : text.replaceAll('\0', '')
}
