// PHP serialize() text → plain JSON values, for Orders.OrderData written before 2015.
//
// Why not the `php-serialize` package at run time: it reads byte lengths right (it works on a
// Buffer), but in 5.1.3 it also accepts damaged input and returns values jsonb cannot hold —
// trailing data is ignored ('a:0:{}garbage' → []), 'b:2;' is false, a missing ';' is accepted,
// 'd:-0;' becomes the bigint 0n, 'd:INF;' / 'd:1E+25;' throw "Cannot convert … to a BigInt",
// integers beyond 2^53 become bigints, objects become __PHP_Incomplete_Class instances. Damaged
// OrderData must be reported, not half-read, so this is a small strict reader of the same format;
// the tests check it against php-serialize on every input both should accept.
//
// Rules: the input is the UTF-8 bytes of the text, and `s:N` counts BYTES; a string whose declared
// length does not end at its closing quote (a character count, or a length from before a charset
// conversion: the usual damage) is an error. Arrays whose keys are exactly 0..n-1 in order become JS arrays, other
// arrays become objects (integer keys as text). Objects (O:) become plain objects of their
// properties (private/protected name prefixes removed) with the class name under "__php_class"
// unless it is stdClass. Integers beyond 2^53 and INF/NAN cannot be JSON numbers: they are kept as
// text and listed in `notes` (the mapping warns). References (r:/R:), custom serialization (C:)
// and enums (E:) are refused: they cannot be turned into JSON faithfully.

import { type JsonObject, type JsonValue, setJsonKey } from './json-value'

export type PhpUnserializeResult =
  | { ok: true; value: JsonValue; notes: string[] }
  | { ok: false; reason: string; offset: number }

const MAX_DEPTH = 256


class PhpSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason)
  }
}

const KNOWN_TYPES = new Set(Array.from('bidsaOrRCE', (c) => c.charCodeAt(0)))
const INT_TEXT = /^[+-]?\d+$/
const FLOAT_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

class Reader {
  pos = 0
  readonly notes: string[] = []
  constructor(readonly buf: Buffer) {}

  fail(reason: string, offset = this.pos): never {
    throw new PhpSyntaxError(reason, offset)
  }

  expect(char: string): void {
    if (this.buf[this.pos] !== char.charCodeAt(0)) {
      this.fail(this.pos >= this.buf.length ? `the text ends where '${char}' was expected` : `'${char}' expected`)
    }
    this.pos++
  }

  /** the ASCII text up to (not including) `end`, consuming `end` */
  until(end: string): string {
    const at = this.buf.indexOf(end.charCodeAt(0), this.pos)
    if (at === -1) this.fail(`'${end}' expected before the end of the text`)
    const text = this.buf.toString('latin1', this.pos, at)
    this.pos = at + 1
    return text
  }

  length(): number {
    const start = this.pos
    const text = this.until(':')
    if (!/^\d+$/.test(text)) this.fail(`a length was expected, not '${text.slice(0, 20)}'`, start)
    return Number(text)
  }

  string(): string {
    const start = this.pos - 2
    const length = this.length()
    this.expect('"')
    const end = this.pos + length
    if (end > this.buf.length) this.fail(`a string of ${length} bytes runs past the end of the text`, start)
    if (this.buf[end] !== 0x22 /* " */) {
      this.fail(`the string declared as ${length} bytes does not end there (lengths count bytes; the text may have been re-encoded)`, start)
    }
    // The buffer is the UTF-8 encoding of a JS string, so it is valid UTF-8 as a whole, and the
    // slice lies between two ASCII '"': it cannot cut a character, a wrong byte count ends
    // elsewhere (caught above).
    const text = this.buf.toString('utf8', this.pos, end)
    this.pos = end + 1
    return text
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail('nested deeper than 256 levels')
    const start = this.pos
    const type = this.buf[this.pos]
    if (type === 0x4e /* N */) {
      this.pos++
      this.expect(';')
      return null
    }
    if (this.pos >= this.buf.length) this.fail('the text ends where a value was expected')
    if (!KNOWN_TYPES.has(type)) this.fail(`unknown type '${String.fromCharCode(type)}'`)
    this.pos++
    this.expect(':')
    switch (type) {
      case 0x62 /* b */: {
        const text = this.until(';')
        if (text !== '0' && text !== '1') this.fail(`a boolean must be 0 or 1, not '${text.slice(0, 20)}'`, start)
        return text === '1'
      }
      case 0x69 /* i */: {
        const text = this.until(';')
        if (!INT_TEXT.test(text)) this.fail(`'${text.slice(0, 20)}' is not an integer`, start)
        const n = Number(text)
        if (Number.isSafeInteger(n)) return n === 0 ? 0 : n
        this.notes.push(`integer ${text} at byte ${start} kept as text (too large for an exact JSON number)`)
        return text
      }
      case 0x64 /* d */: {
        const text = this.until(';')
        if (text === 'INF' || text === '-INF' || text === 'NAN') {
          this.notes.push(`float ${text} at byte ${start} kept as text (not a JSON number)`)
          return text
        }
        if (!FLOAT_TEXT.test(text)) this.fail(`'${text.slice(0, 20)}' is not a float`, start)
        const n = Number(text)
        if (!Number.isFinite(n)) {
          this.notes.push(`float ${text} at byte ${start} kept as text (beyond the range of a JSON number)`)
          return text
        }
        return n === 0 ? 0 : n
      }
      case 0x73 /* s */: {
        const text = this.string()
        this.expect(';')
        return text
      }
      case 0x61 /* a */: {
        const count = this.length()
        this.expect('{')
        const result = this.pairs(count, depth, null)
        this.expect('}')
        return result
      }
      case 0x4f /* O */: {
        const nameLength = this.length()
        this.expect('"')
        const nameEnd = this.pos + nameLength
        if (nameEnd > this.buf.length || this.buf[nameEnd] !== 0x22) this.fail('a class name does not end where its length says', start)
        const className = this.buf.toString('utf8', this.pos, nameEnd)
        this.pos = nameEnd + 1
        this.expect(':')
        const count = this.length()
        this.expect('{')
        const result = this.pairs(count, depth, className)
        this.expect('}')
        if (className !== 'stdClass' && !Array.isArray(result)) setJsonKey(result, '__php_class', className)
        return result
      }
      case 0x72 /* r */:
      case 0x52 /* R */:
        return this.fail('PHP references (r:/R:) cannot be turned into JSON', start)
      case 0x43 /* C */:
        return this.fail('custom-serialized objects (C:) cannot be read', start)
      case 0x45 /* E */:
        return this.fail('PHP enums (E:) cannot be read', start)
      default:
        return this.fail(`unknown type '${String.fromCharCode(type)}'`, start)
    }
  }

  pairs(count: number, depth: number, className: string | null): JsonValue[] | JsonObject {
    const keys: (string | number)[] = []
    const values: JsonValue[] = []
    let isList = className === null
    for (let i = 0; i < count; i++) {
      const keyStart = this.pos
      const key = this.value(depth + 1)
      if (typeof key !== 'number' && typeof key !== 'string') this.fail('an array key must be an integer or a string', keyStart)
      if (key !== i) isList = false
      keys.push(key)
      values.push(this.value(depth + 1))
    }
    if (isList) return values
    const obj: JsonObject = {}
    for (let i = 0; i < keys.length; i++) {
      let key = String(keys[i])
      if (className !== null && key.charCodeAt(0) === 0) {
        // "\0Class\0name" (private) and "\0*\0name" (protected) property names
        const second = key.indexOf('\0', 1)
        if (second !== -1) key = key.slice(second + 1)
      }
      setJsonKey(obj, key, values[i])
    }
    return obj
  }
}

/** Strictly unserialize PHP serialize() text; the whole text (but trailing whitespace) must be one value. */
export function phpUnserialize(text: string): PhpUnserializeResult {
  const reader = new Reader(Buffer.from(text, 'utf8'))
  try {
    const value = reader.value(0)
    let end = reader.pos
    while (end < reader.buf.length && (reader.buf[end] === 0x20 || reader.buf[end] === 0x0a || reader.buf[end] === 0x0d || reader.buf[end] === 0x09)) end++
    if (end !== reader.buf.length) reader.fail('unexpected data after the serialized value', reader.pos)
    return { ok: true, value, notes: reader.notes }
  } catch (err) {
    if (err instanceof PhpSyntaxError) return { ok: false, reason: err.reason, offset: err.offset }
    throw err
  }
}

/** Whether the text starts like PHP serialize() output (so a failure is "damaged PHP", not "unknown"). */
export function looksLikePhpSerialized(text: string): boolean {
  return /^(?:[aO]:\d+:|[sC]:\d+:"|[ibd]:[^;]*;|N;)/.test(text)
}
