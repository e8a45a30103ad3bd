import { serialize, unserialize } from 'php-serialize'
import { describe, expect, it } from 'vitest'
import { phpSerialize } from './php-serialize'

describe('phpSerialize', () => {
  it.each([
    { value: null, want: 'N;' },
    { value: true, want: 'b:1;' },
    { value: 17, want: 'i:17;' },
    { value: 17.5, want: 'd:17.5;' },
    { value: 'Müller', want: 's:7:"Müller";' },
    { value: '😀', want: 's:4:"😀";' },
    { value: 'say "hi"', want: 's:8:"say "hi"";' },
    { value: ['a', 'b'], want: 'a:2:{i:0;s:1:"a";i:1;s:1:"b";}' },
    { value: { seat: '17"', '3': 'x' }, want: 'a:2:{i:3;s:1:"x";s:4:"seat";s:3:"17"";}' },
  ])('$want', ({ value, want }) => {
    expect(phpSerialize(value)).toBe(want)
  })

  it('agrees with the php-serialize package on multibyte data', () => {
    const value = { seat: '17.5"', tree: 'Médium', notes: 'Ünïcödé 😀\nline', extras: ['Kniepausche', 'ß'] }
    expect(phpSerialize(value)).toBe(serialize(value))
    expect(unserialize(phpSerialize(value))).toEqual(value)
  })
})
