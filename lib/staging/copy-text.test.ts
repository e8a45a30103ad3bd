import { describe, expect, it } from 'vitest'
import { CopyTextBuffer, encodeCopyValue, escapeCopyText } from './copy-text'

describe('COPY text encoding', () => {
  it.each([
    { value: null, binary: false, want: '\\N' },
    { value: 42, binary: false, want: '42' },
    { value: -7, binary: false, want: '-7' },
    { value: 2n ** 63n - 1n, binary: false, want: '9223372036854775807' },
    { value: '12.50', binary: false, want: '12.50' },
    { value: '', binary: false, want: '' },
    { value: 'a\tb\nc\rd\\e', binary: false, want: 'a\\tb\\nc\\rd\\\\e' },
    { value: 'O\'Brien "quoted" 🐴 é', binary: false, want: 'O\'Brien "quoted" 🐴 é' },
    { value: '\\N', binary: false, want: '\\\\N' },
    { value: new Uint8Array([0, 1, 0xff]), binary: true, want: '\\\\x0001ff' },
    { value: 'ab', binary: true, want: '\\\\x6162' },
  ])('$value (binary: $binary) → $want', ({ value, binary, want }) => {
    expect(encodeCopyValue(value, binary)).toBe(want)
  })

  it('leaves text without special characters untouched (same string)', () => {
    const text = 'plain text'
    expect(escapeCopyText(text)).toBe(text)
  })

  it('gathers rows into chunks and reports when a chunk is full', () => {
    const buffer = new CopyTextBuffer(10)
    buffer.pushRow(['1', 'a'])
    expect(buffer.full).toBe(false)
    buffer.pushRow(['2', 'bbbbbb'])
    expect(buffer.full).toBe(true)
    expect(buffer.take().toString()).toBe('1\ta\n2\tbbbbbb\n')
    expect(buffer.empty).toBe(true)
  })
})
