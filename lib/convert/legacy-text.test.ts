import { describe, expect, it } from 'vitest'
import { InvalidValue } from './invalid-value'
import { parseLegacyText } from './legacy-text'

describe('parseLegacyText', () => {
  it.each([
    { raw: 'O\'Brien "Quote" \\ back', want: 'O\'Brien "Quote" \\ back' },
    { raw: 'line1\nline2\r\n', want: 'line1\nline2\r\n' },
    { raw: '🐎 emoji', want: '🐎 emoji' },
    { raw: 'e\u0301 combining', want: 'e\u0301 combining' },
    { raw: 'a\0b', want: 'a\0b' }, // NUL is removed later, with a warning
    { raw: '', want: '' },
    { raw: null, want: null },
    { raw: undefined, want: null },
    { raw: 90210, want: '90210' },
    { raw: 12345678901234567890n, want: '12345678901234567890' },
    { raw: new TextEncoder().encode('Müller'), want: 'Müller' },
  ])('$raw → $want', ({ raw, want }) => {
    expect(parseLegacyText(raw)).toBe(want)
  })

  it('refuses bytes that are not UTF-8', () => {
    expect(parseLegacyText(new Uint8Array([0x4d, 0xfc, 0x6c]))).toEqual(
      new InvalidValue('is binary data that is not valid UTF-8 text'),
    )
  })
})
