// JSON text → value without losing a number. JSON.parse turns every number into a double: an id of
// 20 digits, or a price written with 18 significant digits, comes back rounded, and 1e400 becomes
// Infinity (which JSON.stringify writes as null). jsonb would have kept them exactly. So a number
// that a double cannot hold exactly is kept as its text (a JSON string), with a note, as the PHP
// reader does for its integers.
//
// Only texts that may hold such a number (16+ digits in a row, or a 3-digit exponent) are scanned;
// the scan quotes the inexact number tokens (outside strings) and JSON.parse reads the result, so
// everything else (duplicate keys, escapes) behaves exactly as JSON.parse does; whether the text is
// valid JSON at all is JSON.parse's answer on the text as it is. Whether a
// number is exact is lossless-json's isSafeNumber.

import { isSafeNumber } from 'lossless-json'

const MAYBE_INEXACT = /\d(?:\.?\d){15}|[eE][+-]?\d{3}/
const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y

export interface ExactJson {
  value: unknown
  /** one per number kept as text: "number 12345678901234567890 at character 7 kept as text (…)" */
  notes: string[]
}

/** Like JSON.parse (throws its SyntaxError), keeping numbers a double would change as strings. */
export function parseJsonExactly(text: string): ExactJson {
  const parsed = JSON.parse(text) // damaged text throws here, as it would without this check
  if (!MAYBE_INEXACT.test(text)) return { value: parsed, notes: [] }
  const notes: string[] = []
  let out = ''
  let copied = 0
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at)
    if (c === 0x22 /* " */) {
      at = endOfString(text, at)
      continue
    }
    if (c !== 0x2d /* - */ && (c < 0x30 || c > 0x39)) continue
    NUMBER_TOKEN.lastIndex = at
    const token = NUMBER_TOKEN.exec(text)?.[0]
    if (!token) continue // not a number: JSON.parse says why
    if (!isSafeNumber(token)) {
      out += `${text.slice(copied, at)}"${token}"`
      copied = at + token.length
      notes.push(`number ${token.length > 40 ? `${token.slice(0, 40)}…` : token} at character ${at} kept as text (a JSON number in JavaScript cannot hold it exactly)`)
    }
    at += token.length - 1
  }
  if (notes.length === 0) return { value: parsed, notes }
  return { value: JSON.parse(out + text.slice(copied)), notes }
}

/** The index of the closing quote of the string that opens at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at++) {
    const c = text.charCodeAt(at)
    if (c === 0x5c /* \ */) at++
    else if (c === 0x22) return at
  }
  return text.length
}
