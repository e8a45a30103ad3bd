// Orders.OrderData → orders.saddle_specifications (jsonb). The legacy app stored the saddle
// specification as JSON text since 2015 and as PHP serialize() text before; some rows are empty or
// damaged. Empty (or whitespace) → NULL. A JSON object/array or a PHP array/object → its value.
// Anything else is kept as text in legacy_order_data by the mapping, with a warning.
//
// jsonb cannot hold U+0000 nor lone UTF-16 surrogates (JSON.parse accepts "\ud800"): NULs are removed
// (counted in nulRemoved → NUL_REMOVED) and lone surrogates become U+FFFD (listed in notes).

import { parseJsonExactly, type ExactJson } from './exact-json'
import { type JsonObject, type JsonValue, setJsonKey } from './json-value'
import { looksLikePhpSerialized, phpUnserialize } from './php-unserialize'

export type OrderDataResult =
  | { kind: 'empty' }
  | {
      kind: 'parsed'
      format: 'json' | 'php'
      value: JsonObject | JsonValue[]
      /** adjustments made so the value fits jsonb (big integers kept as text, …) */
      notes: string[]
      nulRemoved: number
    }
  | {
      kind: 'unparseable'
      /** 'json' / 'php': it looked like one and is damaged; 'unknown': neither */
      format: 'json' | 'php' | 'unknown'
      /** completes "OrderData …": 'is damaged PHP serialize() text: … at byte 25' */
      reason: string
    }

export function parseOrderData(text: string | null): OrderDataResult {
  if (text === null) return { kind: 'empty' }
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'empty' }
  const first = trimmed.charCodeAt(0)
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    let json: ExactJson
    try {
      json = parseJsonExactly(trimmed)
    } catch (err) {
      return { kind: 'unparseable', format: 'json', reason: `is damaged JSON: ${(err as Error).message}` }
    }
    return sanitized('json', trimmed, json.value as JsonObject | JsonValue[], json.notes)
  }
  if (looksLikePhpSerialized(trimmed)) {
    const result = phpUnserialize(trimmed)
    if (!result.ok) {
      return { kind: 'unparseable', format: 'php', reason: `is damaged PHP serialize() text: ${result.reason} (at byte ${result.offset})` }
    }
    if (result.value === null || typeof result.value !== 'object') {
      return { kind: 'unparseable', format: 'unknown', reason: `is a serialized PHP ${phpType(result.value)}, not a specification (an array)` }
    }
    return sanitized('php', trimmed, result.value, result.notes)
  }
  return { kind: 'unparseable', format: 'unknown', reason: 'is neither JSON nor PHP serialize() text' }
}

function phpType(value: JsonValue): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  return 'number'
}

// A parsed string or key can hold a NUL or a lone surrogate only when the text has one, raw or as
// a JSON escape (a false alarm, such as an escaped backslash before u0000, only costs the walk).
// Most texts have none, and then the walk over every string and key is skipped.
const MAY_NEED_SANITIZING = /[\0\ud800-\udfff]|\\u(?:0000|[dD][89a-fA-F])/

function sanitized(format: 'json' | 'php', text: string, value: JsonObject | JsonValue[], notes: string[]): OrderDataResult {
  if (!MAY_NEED_SANITIZING.test(text)) return { kind: 'parsed', format, value, notes, nulRemoved: 0 }
  const state = { nulRemoved: 0, notes }
  const clean = sanitize(value, state) as JsonObject | JsonValue[]
  return { kind: 'parsed', format, value: clean, notes: state.notes, nulRemoved: state.nulRemoved }
}

interface SanitizeState {
  nulRemoved: number
  notes: string[]
}

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source)

function sanitizeString(text: string, state: SanitizeState): string {
  let out = text
  if (out.indexOf('\0') !== -1) {
    const without = out.replaceAll('\0', '')
    state.nulRemoved += out.length - without.length
    out = without
  }
  if (HAS_LONE_SURROGATE.test(out)) {
    state.notes.push(`a lone UTF-16 surrogate in '${out.slice(0, 40)}' was replaced by U+FFFD`)
    out = out.replace(LONE_SURROGATE, '\ufffd')
  }
  return out
}

function sanitize(value: JsonValue, state: SanitizeState): JsonValue {
  if (typeof value === 'string') return sanitizeString(value, state)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sanitize(value[i], state)
    return value
  }
  let dirtyKeys = false
  for (const key of Object.keys(value)) {
    if (key.indexOf('\0') !== -1 || HAS_LONE_SURROGATE.test(key)) dirtyKeys = true
    value[key] = sanitize(value[key], state)
  }
  if (!dirtyKeys) return value
  const out: JsonObject = {}
  for (const key of Object.keys(value)) setJsonKey(out, sanitizeString(key, state), value[key])
  return out
}
