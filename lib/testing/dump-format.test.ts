import { describe, expect, it } from 'vitest'
import { datetimeText, dumpFooter, ExtendedInsertWriter, sqlCents, sqlString } from './dump-format'

describe('sqlString (mysql_real_escape_string)', () => {
  it.each([
    { value: 'plain', want: "'plain'" },
    { value: "O'Brien", want: "'O\\'Brien'" },
    { value: 'say "hi"', want: "'say \\\"hi\\\"'" },
    { value: 'C:\\x', want: "'C:\\\\x'" },
    { value: 'a\nb\rc', want: "'a\\nb\\rc'" },
    { value: 'nul\0z\x1a', want: "'nul\\0z\\Z'" },
    { value: 'tab\tstays', want: "'tab\tstays'" },
    { value: 'Müller 😀', want: "'Müller 😀'" },
  ])('$value', ({ value, want }) => {
    expect(sqlString(value)).toBe(want)
  })
})

describe('values as the server prints them', () => {
  it.each([
    { cents: 0, want: '0.00' },
    { cents: 5, want: '0.05' },
    { cents: -510, want: '-5.10' },
    { cents: -5, want: '-0.05' },
    { cents: 9_999_999_999, want: '99999999.99' },
  ])('DECIMAL $cents cents → $want', ({ cents, want }) => {
    expect(sqlCents(cents)).toBe(want)
  })

  it('DATETIME from UNIX time, zero date for null', () => {
    expect(datetimeText(0)).toBe('1970-01-01 00:00:00')
    expect(datetimeText(1_331_701_767)).toBe('2012-03-14 05:09:27')
    expect(datetimeText(null)).toBe('0000-00-00 00:00:00')
  })

  it('pads the footer hour with a space, as mariadb-dump does', () => {
    expect(dumpFooter(new Date(Date.UTC(2026, 3, 1, 2, 17, 43)))).toContain('-- Dump completed on 2026-04-01  2:17:43\n')
    expect(dumpFooter(new Date(Date.UTC(2026, 10, 25, 14, 5, 9)))).toContain('-- Dump completed on 2026-11-25 14:05:09\n')
  })
})

describe('ExtendedInsertWriter', () => {
  const write = (rows: string[], netBufferLength: number): string => {
    let out = ''
    const writer = new ExtendedInsertWriter('t', (text) => (out += text), netBufferLength)
    for (const row of rows) writer.add(row)
    writer.end()
    return out
  }

  it('writes one tuple per line and ends with ;', () => {
    expect(write(['(1)', '(2)'], 4096)).toBe('INSERT INTO `t` VALUES\n(1),\n(2);\n')
  })

  it('writes nothing for an empty table', () => {
    expect(write([], 4096)).toBe('')
  })

  it('starts a new INSERT where mariadb-dump does: total + row + 2 must stay below net_buffer_length', () => {
    // init = len("INSERT INTO `t` VALUES ") + 4 = 27; measured with the real tool (see scripts/generate-dump.test.ts)
    const row = (n: number) => `(${'x'.repeat(n - 2)})`
    expect(write([row(18 - 2), row(4042 + 8 - 2)], 4096).match(/INSERT/g)).toHaveLength(1)
    expect(write([row(18 - 2), row(4043 + 8 - 2)], 4096).match(/INSERT/g)).toHaveLength(2)
  })

  it('gives a row longer than the buffer a statement of its own', () => {
    const big = `(${'y'.repeat(10_000)})`
    expect(write(['(1)', big, '(2)'], 4096)).toBe(`INSERT INTO \`t\` VALUES\n(1);\nINSERT INTO \`t\` VALUES\n${big};\nINSERT INTO \`t\` VALUES\n(2);\n`)
  })
})
