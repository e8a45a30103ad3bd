import { describe, expect, it } from 'vitest'
import { parseJsonExactly } from './exact-json'

describe('parseJsonExactly', () => {
  it.each([
    ['{"a":1,"b":2.5,"c":"x"}', { a: 1, b: 2.5, c: 'x' }],
    ['{"price":1.00,"n":-0,"e":1E+2}', { price: 1, n: -0, e: 100 }],
    ['{"max":9007199254740991,"pi":3.14159265358979}', { max: 9007199254740991, pi: 3.14159265358979 }],
    ['{"phone":"12345678901234567890","x":1}', { phone: '12345678901234567890', x: 1 }],
    ['{"k":"\\"12345678901234567890","y":[1,2]}', { k: '"12345678901234567890', y: [1, 2] }],
  ])('reads %s as JSON.parse does, without notes', (text, value) => {
    expect(parseJsonExactly(text)).toEqual({ value, notes: [] })
  })

  it.each([
    ['{"id":12345678901234567890}', { id: '12345678901234567890' }, 'number 12345678901234567890 at character 6'],
    ['{"id":9007199254740993}', { id: '9007199254740993' }, 'number 9007199254740993 at character 6'],
    ['[0.1000000000000000055511]', ['0.1000000000000000055511'], 'number 0.1000000000000000055511 at character 1'],
    ['{"big":1e400,"s":"1e400"}', { big: '1e400', s: '1e400' }, 'number 1e400 at character 7'],
    ['{"n":-123456789012345678901234}', { n: '-123456789012345678901234' }, 'number -123456789012345678901234 at character 5'],
  ])('keeps the exact text of a number a double would change: %s', (text, value, note) => {
    const result = parseJsonExactly(text)
    expect(result.value).toEqual(value)
    expect(result.notes).toHaveLength(1)
    expect(result.notes[0]).toContain(note)
    expect(result.notes[0]).toContain('kept as text')
  })

  it('behaves as JSON.parse on damaged text, even when quoting a number would repair it', () => {
    expect(() => parseJsonExactly('{"a":0012345678901234567890}')).toThrow(SyntaxError)
    expect(() => parseJsonExactly('{"a":12345678901234567890')).toThrow(SyntaxError)
    // duplicate keys: the last one wins, as in JSON.parse
    expect(parseJsonExactly('{"a":12345678901234567890,"a":1}').value).toEqual({ a: 1 })
  })
})
