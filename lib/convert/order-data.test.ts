import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseOrderData } from './order-data'

describe('parseOrderData', () => {
  it.each([
    { name: 'NULL', raw: null },
    { name: 'empty', raw: '' },
    { name: 'whitespace', raw: ' \n\t ' },
  ])('$name → empty', ({ raw }) => {
    expect(parseOrderData(raw)).toEqual({ kind: 'empty' })
  })

  it.each([
    { name: 'JSON object', raw: '{"seat":"17","tree":"Medium","extras":["Knee roll"]}', format: 'json', value: { seat: '17', tree: 'Medium', extras: ['Knee roll'] } },
    { name: 'JSON array', raw: '[{"option":1,"item":7}]', format: 'json', value: [{ option: 1, item: 7 }] },
    { name: 'JSON with emoji and quotes', raw: '{"note":"\\"Blue\\" 🐎","path":"C:\\\\x"}', format: 'json', value: { note: '"Blue" 🐎', path: 'C:\\x' } },
    { name: 'JSON with BOM and spaces', raw: '\uFEFF {"a":1} \n', format: 'json', value: { a: 1 } },
    { name: 'PHP array', raw: 'a:2:{s:4:"seat";s:2:"17";s:4:"tree";s:6:"Medium";}', format: 'php', value: { seat: '17', tree: 'Medium' } },
    { name: 'PHP with multibyte strings', raw: 'a:1:{s:5:"color";s:6:"Braun ";}'.replace('s:6:"Braun "', 's:7:"Bräun "'), format: 'php', value: { color: 'Bräun ' } },
    { name: 'PHP list', raw: 'a:2:{i:0;s:4:"Knee";i:1;s:4:"Flap";}', format: 'php', value: ['Knee', 'Flap'] },
    { name: 'PHP stdClass', raw: 'O:8:"stdClass":1:{s:4:"seat";d:17.5;}', format: 'php', value: { seat: 17.5 } },
  ])('$name → parsed', ({ raw, format, value }) => {
    expect(parseOrderData(raw)).toEqual({ kind: 'parsed', format, value, notes: [], nulRemoved: 0 })
  })

  it('removes NUL from JSON strings and keys (jsonb cannot hold it)', () => {
    expect(parseOrderData('{"a\\u0000b":"x\\u0000y\\u0000"}')).toEqual({ kind: 'parsed', format: 'json', value: { ab: 'xy' }, notes: [], nulRemoved: 3 })
  })

  it('removes NUL from PHP strings after reading them (lengths count the NUL)', () => {
    expect(parseOrderData('a:1:{s:4:"seat";s:3:"1\u00007";}')).toEqual({ kind: 'parsed', format: 'php', value: { seat: '17' }, notes: [], nulRemoved: 1 })
  })

  it('replaces a lone surrogate, with a note', () => {
    expect(parseOrderData('{"a":"x\\ud800"}')).toEqual({
      kind: 'parsed',
      format: 'json',
      value: { a: 'x\ufffd' },
      notes: ["a lone UTF-16 surrogate in 'x\ud800' was replaced by U+FFFD"],
      nulRemoved: 0,
    })
  })

  it('replaces a lone surrogate escaped in upper case', () => {
    expect(parseOrderData('{"a":"\\uDC00x"}')).toMatchObject({ value: { a: '\ufffdx' }, notes: [expect.stringMatching(/lone UTF-16 surrogate/)] })
  })

  it('never leaves a NUL or a lone surrogate in a string or key, and counts every NUL removed', () => {
    // Strings of any UTF-16 units (NUL and lone surrogates included), in keys and values.
    const text = fc.string({ unit: 'binary', maxLength: 12 })
    const value = fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 })), { maxKeys: 4 })
    fc.assert(
      fc.property(value, (spec) => {
        const json = JSON.stringify(spec)
        const got = parseOrderData(json)
        if (got.kind !== 'parsed') throw new Error(`${json} was not parsed`)
        const strings: string[] = []
        const collect = (v: unknown): void => {
          if (typeof v === 'string') strings.push(v)
          else if (Array.isArray(v)) v.forEach(collect)
          else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings.push(k), collect(x)
        }
        collect(got.value)
        for (const s of strings) expect(s).not.toMatch(/\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
        const nuls = (json.match(/\\u0000/g) ?? []).length
        // a key that repeats once its NULs are gone keeps one value: its NULs may be counted or not
        if (new Set(Object.keys(spec).map((k) => k.replaceAll('\0', ''))).size === Object.keys(spec).length) expect(got.nulRemoved).toBe(nuls)
        if (!/\\u0000|\\ud[89a-f]/i.test(json)) expect(got.value).toEqual(JSON.parse(json))
      }),
    )
  })

  it('keeps PHP notes', () => {
    expect(parseOrderData('a:1:{s:6:"serial";i:123456789012345678901;}')).toMatchObject({
      kind: 'parsed',
      value: { serial: '123456789012345678901' },
      notes: ['integer 123456789012345678901 at byte 18 kept as text (too large for an exact JSON number)'],
    })
  })

  it('keeps the exact text of a JSON number a double would round, with a note', () => {
    expect(parseOrderData('{"serial":123456789012345678901,"seat":17.5}')).toMatchObject({
      kind: 'parsed',
      format: 'json',
      value: { serial: '123456789012345678901', seat: 17.5 },
      notes: ['number 123456789012345678901 at character 10 kept as text (a JSON number in JavaScript cannot hold it exactly)'],
    })
  })

  it.each([
    { name: 'damaged JSON', raw: '{"seat":"17",', format: 'json', reason: /^is damaged JSON: / },
    { name: 'damaged PHP (character count)', raw: 'a:1:{s:4:"name";s:6:"Müller";}', format: 'php', reason: /^is damaged PHP serialize\(\) text: the string declared as 6 bytes does not end there .* \(at byte 16\)$/ },
    { name: 'truncated PHP', raw: 'a:2:{s:4:"seat";s:2:"17";', format: 'php', reason: /^is damaged PHP serialize\(\) text: the text ends where a value was expected \(at byte 25\)$/ },
    { name: 'PHP scalar', raw: 's:5:"hello";', format: 'unknown', reason: /^is a serialized PHP string, not a specification \(an array\)$/ },
    { name: 'free text', raw: 'Seat 17, medium tree', format: 'unknown', reason: /^is neither JSON nor PHP serialize\(\) text$/ },
    { name: 'JSON scalar', raw: '42', format: 'unknown', reason: /^is neither JSON nor PHP serialize\(\) text$/ },
  ])('$name → unparseable', ({ raw, format, reason }) => {
    const got = parseOrderData(raw)
    expect(got).toMatchObject({ kind: 'unparseable', format })
    expect(got.kind === 'unparseable' && got.reason).toMatch(reason)
  })
})
