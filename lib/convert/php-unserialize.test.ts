import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { serialize, unserialize } from 'php-serialize'
import { looksLikePhpSerialized, phpUnserialize } from './php-unserialize'

describe('phpUnserialize', () => {
  it.each([
    { name: 'assoc array → object', raw: 'a:2:{s:4:"seat";s:3:"17"";s:4:"tree";s:6:"Medium";}', want: { seat: '17"', tree: 'Medium' } },
    { name: 'list → array', raw: 'a:3:{i:0;s:1:"a";i:1;s:1:"b";i:2;s:1:"c";}', want: ['a', 'b', 'c'] },
    { name: 'empty array → []', raw: 'a:0:{}', want: [] },
    { name: 'keys out of order → object', raw: 'a:2:{i:1;s:1:"a";i:0;s:1:"b";}', want: { 0: 'b', 1: 'a' } },
    { name: 'keys not from 0 → object', raw: 'a:1:{i:5;s:1:"x";}', want: { 5: 'x' } },
    { name: 'multibyte: s:N counts bytes (ü is 2)', raw: 'a:1:{s:4:"name";s:7:"Müller";}', want: { name: 'Müller' } },
    { name: 'emoji is 4 bytes', raw: 'a:1:{i:0;s:4:"🐎";}', want: ['🐎'] },
    { name: 'combining character', raw: 'a:1:{i:0;s:3:"e\u0301";}', want: ['e\u0301'] },
    { name: 'quotes and semicolons inside a string', raw: 's:9:"a";"b:c;}";', want: 'a";"b:c;}' },
    { name: 'newline inside a string', raw: 's:3:"a\nb";', want: 'a\nb' },
    { name: 'nested arrays', raw: 'a:1:{s:6:"extras";a:2:{i:0;a:1:{s:4:"name";s:4:"Knee";}i:1;a:0:{}}}', want: { extras: [{ name: 'Knee' }, []] } },
    { name: 'booleans', raw: 'a:2:{i:0;b:1;i:1;b:0;}', want: [true, false] },
    { name: 'null', raw: 'a:1:{s:1:"x";N;}', want: { x: null } },
    { name: 'integers', raw: 'a:3:{i:0;i:42;i:1;i:-7;i:2;i:0;}', want: [42, -7, 0] },
    { name: 'floats', raw: 'a:4:{i:0;d:0.5;i:1;d:0.10000000000000001;i:2;d:1.0E+25;i:3;d:-0;}', want: [0.5, 0.1, 1e25, 0] },
    { name: 'float without a dot', raw: 'd:1E+25;', want: 1e25 },
    { name: 'stdClass → plain object', raw: 'O:8:"stdClass":2:{s:1:"a";i:1;s:1:"b";s:1:"x";}', want: { a: 1, b: 'x' } },
    { name: 'class keeps its name', raw: 'O:4:"Spec":1:{s:4:"seat";s:2:"17";}', want: { seat: '17', __php_class: 'Spec' } },
    { name: 'private and protected properties', raw: 'O:4:"Spec":2:{s:9:"\0Spec\0pri";i:1;s:6:"\0*\0pro";i:2;}', want: { pri: 1, pro: 2, __php_class: 'Spec' } },
    { name: 'constructor key', raw: 'a:1:{s:11:"constructor";i:1;}', want: JSON.parse('{"constructor":1}') },
    { name: '__proto__ key is data', raw: 'a:1:{s:9:"__proto__";i:1;}', want: JSON.parse('{"__proto__":1}') },
    { name: 'trailing newline', raw: 'a:0:{}\n', want: [] },
  ])('$name', ({ raw, want }) => {
    expect(phpUnserialize(raw)).toEqual({ ok: true, value: want, notes: [] })
  })

  it.each([
    { name: 'big integer', raw: 'a:1:{i:0;i:99999999999999999999;}', value: ['99999999999999999999'], note: 'integer 99999999999999999999 at byte 9 kept as text (too large for an exact JSON number)' },
    { name: 'INF', raw: 'a:1:{i:0;d:INF;}', value: ['INF'], note: 'float INF at byte 9 kept as text (not a JSON number)' },
    { name: 'NAN', raw: 'd:NAN;', value: 'NAN', note: 'float NAN at byte 0 kept as text (not a JSON number)' },
  ])('$name is kept as text with a note', ({ raw, value, note }) => {
    expect(phpUnserialize(raw)).toEqual({ ok: true, value, notes: [note] })
  })

  it.each([
    { name: 'length counted in characters, not bytes', raw: 'a:1:{i:0;s:6:"Müller";}', offset: 9, reason: 'the string declared as 6 bytes does not end there (lengths count bytes; the text may have been re-encoded)' },
    { name: 'length cutting a character', raw: 's:1:"ü";', offset: 0, reason: 'the string declared as 1 bytes does not end there (lengths count bytes; the text may have been re-encoded)' },
    { name: 'truncated', raw: 'a:2:{s:4:"seat";s:2:"17";s:4:"tr', offset: 25, reason: 'a string of 4 bytes runs past the end of the text' },
    { name: 'truncated after a value', raw: 'a:1:{i:0;i:1;', offset: 13, reason: "the text ends where '}' was expected" },
    { name: 'trailing garbage', raw: 'a:0:{}garbage', offset: 6, reason: 'unexpected data after the serialized value' },
    { name: 'boolean 2', raw: 'b:2;', offset: 0, reason: "a boolean must be 0 or 1, not '2'" },
    { name: 'bad integer', raw: 'i:12abc;', offset: 0, reason: "'12abc' is not an integer" },
    { name: 'missing ; after a string', raw: 's:3:"abc"', offset: 9, reason: "the text ends where ';' was expected" },
    { name: 'array key that is an array', raw: 'a:1:{a:0:{}i:1;}', offset: 5, reason: 'an array key must be an integer or a string' },
    { name: 'reference', raw: 'a:2:{i:0;i:1;i:1;R:2;}', offset: 17, reason: 'PHP references (r:/R:) cannot be turned into JSON' },
    { name: 'custom serialization', raw: 'C:3:"Foo":0:{}', offset: 0, reason: 'custom-serialized objects (C:) cannot be read' },
    { name: 'unknown type', raw: 'x:1;', offset: 0, reason: "unknown type 'x'" },
    { name: 'empty', raw: '', offset: 0, reason: 'the text ends where a value was expected' },
    { name: 'JSON', raw: '{"a":1}', offset: 0, reason: "unknown type '{'" },
  ])('refuses $name', ({ raw, offset, reason }) => {
    expect(phpUnserialize(raw)).toEqual({ ok: false, offset, reason })
  })

  it.each([
    { raw: 'd:5E-324;', want: 5e-324 },
    { raw: 'd:-1.5E-7;', want: -1.5e-7 },
  ])('reads the float $raw that php-serialize cannot', ({ raw, want }) => {
    expect(phpUnserialize(raw)).toEqual({ ok: true, value: want, notes: [] })
  })

  it('refuses nesting deeper than 256 levels instead of overflowing the stack', () => {
    const raw = 'a:1:{i:0;'.repeat(10_000) + 'N;' + '}'.repeat(10_000)
    expect(phpUnserialize(raw)).toMatchObject({ ok: false, reason: 'nested deeper than 256 levels' })
  })

  // php-serialize as the oracle: whatever it serializes, we read back as it does.
  const phpValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
      fc.string({ unit: 'grapheme' }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        // integer-like keys become PHP integer keys; php-serialize loses a '__proto__' key when
        // reading (it assigns keys with obj[key] = …; phpUnserialize keeps it as data) and throws
        // when writing an object with an own 'constructor' key
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((k) => !/^(0|-?[1-9]\d*)$/.test(k) && k !== '__proto__' && k !== 'constructor'),
        tie('value'),
        { maxKeys: 4, noNullPrototype: true },
      ),
    ),
  })).value

  it('agrees with php-serialize on anything php-serialize writes', () => {
    fc.assert(
      fc.property(phpValue, (value) => {
        const text = serialize(value)
        let oracle: unknown
        try {
          oracle = unserialize(text)
        } catch {
          // php-serialize cannot read some of its own floats back ('d:5E-324;' → "Cannot convert
          // 5E-324 to a BigInt"); nothing to compare with then.
          fc.pre(false)
        }
        expect(phpUnserialize(text)).toEqual({ ok: true, value: oracle, notes: [] })
      }),
      { numRuns: 300 },
    )
  })
})

describe('looksLikePhpSerialized', () => {
  it.each([
    { raw: 'a:2:{', want: true },
    { raw: 'O:8:"stdClass":0:{}', want: true },
    { raw: 's:3:"abc";', want: true },
    { raw: 'i:5;', want: true },
    { raw: 'b:1;', want: true },
    { raw: 'N;', want: true },
    { raw: '{"a":1}', want: false },
    { raw: 'seat 17, tree medium', want: false },
    { raw: 'a:b', want: false },
  ])('$raw → $want', ({ raw, want }) => {
    expect(looksLikePhpSerialized(raw)).toBe(want)
  })
})
