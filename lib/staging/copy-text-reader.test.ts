import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { encodeCopyValue } from './copy-text'
import { decodeByteaHex, parseCopyTextLine, readCopyTextRows, unescapeCopyField } from './copy-text-reader'

describe('COPY text reader', () => {
  it.each([
    { field: '\\N', want: null },
    { field: '', want: '' },
    { field: 'plain', want: 'plain' },
    { field: 'a\\tb\\nc\\rd\\\\e', want: 'a\tb\nc\rd\\e' },
    { field: '\\x41\\101', want: 'AA' },
    { field: '\\\\N', want: '\\N' },
  ])('$field → $want', ({ field, want }) => {
    expect(unescapeCopyField(field)).toBe(want)
  })

  it.each(['', 'x', 'tab\there', 'new\nline', 'back\\slash', 'emoji 🐴 ü', '\\N', 'cr\r\n'])(
    'reads back what the writer encoded: %j',
    (text) => {
      expect(unescapeCopyField(encodeCopyValue(text, false))).toBe(text)
    },
  )

  it('splits rows and fields', () => {
    expect(parseCopyTextLine('1\t\\N\tabc')).toEqual(['1', null, 'abc'])
  })

  it('reads rows across chunk boundaries at every offset, multibyte characters included', async () => {
    const text = '1\tMüller 🐴\n2\t\\N\n3\tline\\nbreak\n'
    const bytes = Buffer.from(text, 'utf8')
    const want = [['1', 'Müller 🐴'], ['2', null], ['3', 'line\nbreak']]
    for (let cut = 0; cut <= bytes.length; cut++) {
      const rows: (string | null)[][] = []
      for await (const batch of readCopyTextRows(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)], { objectMode: false }))) rows.push(...batch)
      expect(rows, `cut at ${cut}`).toEqual(want)
    }
  })

  it('decodes bytea hex output', () => {
    expect([...decodeByteaHex('\\x0001ff')]).toEqual([0, 1, 255])
  })
})
