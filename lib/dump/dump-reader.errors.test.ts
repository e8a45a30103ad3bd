// Bad input: truncated dumps, files that are not dumps, invalid UTF-8, malformed statements.

import { describe, expect, it } from 'vitest'
import { createDumpReader } from './dump-reader'
import { DumpError } from './dump-error'
import { fixture, readChunks, readWhole, rowsOf, splitAt, thrown, warningsOf } from './testing'
import type { DumpEvent } from './types'

const lineOf = (text: Buffer, offset: number): number => {
  let line = 1
  for (let i = 0; i < offset; i++) if (text[i] === 0x0a) line++
  return line
}

interface Extent {
  start: number
  /** index of the `;` that ends the statement */
  end: number
  table: string
  /** the prefix must reach this far for the table name to be known */
  nameEnd: number
}

/** INSERT and CREATE TABLE statements of a fixture, from the events of a whole read. */
function extentsOf(text: Buffer, events: DumpEvent[]): Extent[] {
  const starts = new Map<number, string>()
  for (const e of events) {
    if (e.kind === 'rows') starts.set(e.offset, e.table)
    if (e.kind === 'table') starts.set(e.table.offset, e.table.name)
  }
  return [...starts].map(([start, table]) => {
    const quoted = '`' + table.replaceAll('`', '``') + '`'
    const at = text.indexOf(quoted, start)
    const plain = text.indexOf(table, start)
    const nameEnd = at !== -1 && at < start + 40 ? at + quoted.length : plain + table.length
    return { start, end: text.indexOf(';\n', start), table, nameEnd }
  })
}

describe.each(['mariadb-default.sql', 'hand-written.sql', 'mysql57-view-placeholder.sql'])('%s cut at every offset', (name) => {
  const text = fixture(name)
  const whole = readWhole(text)
  const extents = extentsOf(text, whole.events)
  // the first statement of these fixtures is a `/*!40101 SET … */;`
  const firstStatementEnd = text.indexOf('*/;', text.indexOf('/*!')) + 2

  it('reads fine when cut between statements, else throws TRUNCATED naming the statement', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const prefix = text.subarray(0, cut)
      const inside = extents.find((x) => x.start < cut && cut <= x.end)
      let result: ReturnType<typeof readWhole> | null = null
      let error: unknown = null
      try {
        result = readWhole(prefix)
      } catch (e) {
        error = e
      }
      if (result) {
        expect({ cut, inside }).toEqual({ cut, inside: undefined })
        expect(result.events).toEqual(whole.events.slice(0, result.events.length))
        continue
      }
      expect(error).toBeInstanceOf(DumpError)
      const e = error as DumpError
      if (e.code === 'NOT_A_DUMP') {
        expect({ cut, before: cut <= firstStatementEnd }).toEqual({ cut, before: true })
        continue
      }
      expect({ cut, code: e.code }).toEqual({ cut, code: 'TRUNCATED' })
      if (inside) {
        expect({ cut, offset: e.offset, line: e.line }).toEqual({ cut, offset: inside.start, line: lineOf(text, inside.start) })
        if (cut >= inside.nameEnd) expect({ cut, table: e.table }).toEqual({ cut, table: inside.table })
        expect(e.message).toContain(`at byte ${inside.start} (line ${lineOf(text, inside.start)})`)
      }
    }
  })
})

describe('TRUNCATED', () => {
  const T = 'CREATE TABLE t (a int, b text);\n'

  it.each([
    { name: 'inside a tuple', sql: T + "INSERT INTO t VALUES (1,'x'),(2,'y" },
    { name: 'after a complete tuple', sql: T + "INSERT INTO t VALUES (1,'x'),(2,'y')" },
    { name: 'after a tuple and a comma', sql: T + "INSERT INTO t VALUES (1,'x'),\n" },
    { name: 'inside the INSERT head', sql: T + 'INSERT INTO `t` (`a`, `b' },
    { name: 'in a string ending with a quote (could be a doubled quote)', sql: T + "INSERT INTO t VALUES (1,'x'" },
    { name: 'after a backslash', sql: T + "INSERT INTO t VALUES (1,'x\\" },
  ])('$name: names the INSERT and its table', ({ sql }) => {
    const e = thrown(() => readWhole(sql)) as DumpError
    expect(e).toMatchObject({ code: 'TRUNCATED', table: 't', offset: T.length, line: 2 })
    expect(e.message).toMatch(new RegExp(`^Dump truncated inside INSERT INTO \`t\` at byte ${T.length} \\(line 2\\): the input ends at byte ${Buffer.byteLength(sql)}$`))
  })

  it('inside CREATE TABLE', () => {
    const e = thrown(() => readWhole(T + 'CREATE TABLE `Orders` (\n  `ID` int')) as DumpError
    expect(e).toMatchObject({ code: 'TRUNCATED', table: 'Orders', offset: T.length, line: 2 })
    expect(e.message).toContain('inside CREATE TABLE `Orders` at byte 32 (line 2)')
  })

  it('inside another statement', () => {
    const e = thrown(() => readWhole(T + 'LOCK TABLES `t` WRI')) as DumpError
    expect(e).toMatchObject({ code: 'TRUNCATED', table: null, offset: T.length })
    expect(e.message).toContain('inside statement `LOCK TABLES `t` WRI`')
  })

  it('inside a /* comment, also when it began chunks ago', () => {
    const input = Buffer.from(T + '\n/* never closed\n' + 'x'.repeat(100_000))
    const e = thrown(() => readChunks(splitAt(input, [40, 5000, 50_000]))) as DumpError
    expect(e).toMatchObject({ code: 'TRUNCATED', offset: T.length + 1, line: 3, table: null })
    expect(e.message).toBe(`Dump truncated inside a /* comment */ that starts at byte ${T.length + 1} (line 3)`)
  })

  it('inside a DELIMITER block', () => {
    expect(thrown(() => readWhole(T + 'DELIMITER ;;\nCREATE PROCEDURE p() BEGIN SELECT 1; END'))).toMatchObject({ code: 'TRUNCATED', offset: T.length + 13 })
  })

  it('the offset of a statement that began chunks ago keeps its line', () => {
    const head = T + '\n\n\nINSERT INTO t VALUES\n'
    const sql = Buffer.from(head + Array.from({ length: 5000 }, (_, i) => `(${i},'row ${i}')`).join(',\n'))
    const offsets = Array.from({ length: 40 }, (_, i) => (i + 1) * 2000)
    expect(thrown(() => readChunks(splitAt(sql, offsets)))).toMatchObject({ code: 'TRUNCATED', offset: T.length + 3, line: 5, table: 't' })
  })

  it('a trailing comment without a newline is not a truncation', () => {
    expect(readWhole(T + '-- Dump completed on 2026-11-25').events).toHaveLength(1)
  })

  it('a push after the error throws the same error', () => {
    const reader = createDumpReader()
    reader.push(Buffer.from(T + 'INSERT INTO t VALUES (1,2'))
    const e = thrown(() => reader.end())
    expect(thrown(() => reader.push(Buffer.from(');')))).toBe(e)
  })
})

describe('NOT_A_DUMP: refused within the first kilobytes', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)])
  it.each([
    { name: 'a PNG', input: png, message: /starts with the bytes 89 50 4e 47/ },
    { name: 'a CSV', input: 'id,name,email\n1,Alice,a@example.com\n2,Bob,b@example.com\n', message: /begins with "ID"/ },
    { name: 'a JSON file', input: '{"orders": [{"id": 1, "total": "12.50"}]}', message: /it starts with "\{\\"orders/ },
    { name: 'random text', input: 'Lorem ipsum dolor sit amet; consectetur adipiscing elit.', message: /begins with "LOREM"/ },
    { name: 'an HTML page', input: '<!DOCTYPE html>\n<html><body>Not found</body></html>', message: /does not begin with an SQL statement/ },
    { name: 'a ZIP / XLSX', input: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 0)]), message: /starts with the bytes 50 4b 03 04/ },
    { name: 'a PDF', input: '%PDF-1.7\n%âãÏÓ\n1 0 obj\n', message: /does not begin with an SQL statement/ },
    { name: 'a gzip file given to the core', input: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]), message: /gzip-compressed/ },
    { name: 'a shell script', input: '#!/bin/sh\necho hello\n', message: /begins with "ECHO"/ },
    { name: 'an empty input', input: '', message: /the input is empty/ },
    { name: 'only comments', input: '-- just a comment\n/* and another */\n', message: /no SQL statement/ },
    { name: 'prose beginning with "Set"', input: 'Set the table for dinner; then eat.', message: /first statement `Set the table for dinner` is not SQL a dump starts with/ },
    { name: 'prose beginning with "Use"', input: 'Use the force, Luke; said Obi-Wan.', message: /is not SQL a dump starts with/ },
    { name: 'prose beginning with "Create"', input: 'Create a list of things to do;\n', message: /is not SQL a dump starts with/ },
    { name: 'prose beginning with "Insert"', input: 'Insert coin to continue; game over.', message: /Not a MySQL\/MariaDB dump: Expected VALUES/ },
    { name: 'prose beginning with "Drop"', input: 'Drop it like it is hot;', message: /is not SQL a dump starts with/ },
    { name: 'a SQL-looking word without a statement', input: 'SELECT 1;', message: /begins with "SELECT"/ },
  ])('$name', ({ input, message }) => {
    const e = thrown(() => readWhole(input)) as DumpError
    expect(e).toBeInstanceOf(DumpError)
    expect(e.code).toBe('NOT_A_DUMP')
    expect(e.message).toMatch(/^Not a MySQL\/MariaDB dump: /)
    expect(e.message).toMatch(message)
  })

  it.each([
    { name: 'a large PNG', chunk: png, limit: 4096 },
    { name: 'a large CSV', chunk: Buffer.from('1,Alice,a@example.com,"x; y"\n'.repeat(40)), limit: 4096 },
    { name: 'whitespace only', chunk: Buffer.alloc(1024, 0x20), limit: 4096 + 1024 },
    { name: 'an endless comment', chunk: Buffer.from('-- ' + 'x'.repeat(1021)), limit: 16 * 1024 + 1024 },
    { name: 'an unclosed /* comment', chunk: Buffer.from('/* ' + 'x'.repeat(1021)), limit: 16 * 1024 + 1024 },
    { name: 'prose beginning with "Set" and no semicolon', chunk: Buffer.from('Set the table ' + 'and set it well '.repeat(63)), limit: 16 * 1024 + 1024 },
  ])('$name is refused before $limit bytes, without reading the rest', ({ chunk, limit }) => {
    const reader = createDumpReader()
    let pushed = 0
    const e = thrown(() => {
      for (let i = 0; i < 1000; i++) {
        reader.push(chunk)
        pushed += chunk.length
      }
    })
    expect(e).toMatchObject({ code: 'NOT_A_DUMP' })
    expect(pushed).toBeLessThan(limit)
  })

  it.each(['mariadb-default.sql', 'mariadb-skip-extended-insert.sql', 'mysql57-view-placeholder.sql', 'hand-written.sql'])('%s is accepted', (name) => {
    expect(() => readWhole(fixture(name))).not.toThrow()
  })

  it.each([
    { name: 'a dump starting with CREATE TABLE', input: 'CREATE TABLE t (a int);\n' },
    { name: 'a dump starting with INSERT', input: 'INSERT INTO t VALUES (1);\n' },
    { name: 'a dump with a UTF-8 BOM', input: '\uFEFF-- dump\nSET NAMES utf8mb4;\n' },
    { name: 'a mysqldump --compact dump', input: '/*!40101 SET @saved_cs_client     = @@character_set_client */;\nCREATE TABLE `t` (`a` int);\n' },
    { name: 'a dump starting with SET var = value', input: 'SET FOREIGN_KEY_CHECKS=0;\n' },
    { name: 'a dump starting with USE', input: 'USE `shop`;\n' },
    { name: 'a dump starting with LOCK TABLES', input: 'LOCK TABLES `t` WRITE;\nUNLOCK TABLES;\n' },
    { name: 'a dump starting with DELIMITER', input: 'DELIMITER ;;\nSET @a = 1;;\n' },
  ])('$name is accepted', ({ input }) => {
    expect(() => readWhole(input)).not.toThrow()
  })
})

describe('INVALID_UTF8: a warning with table, row, column and byte offset, never a crash', () => {
  const T = 'CREATE TABLE t (id int, txt text, bin blob);\n'
  const sql = (...parts: Array<string | number[]>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))

  it.each([
    { name: 'a lone 0xff', input: sql(T, "INSERT INTO t VALUES (1,'ab", [0xff], "cd',NULL);\n"), value: 'ab\uFFFDcd', at: T.length + 27 },
    { name: 'after escapes', input: sql(T, "INSERT INTO t VALUES (1,'\\n\\'x", [0xc3, 0x28], "',NULL);\n"), value: "\n'x\uFFFD(", at: T.length + 30 },
    { name: 'after a doubled quote', input: sql(T, "INSERT INTO t VALUES (1,'it''s", [0x80], "',NULL);\n"), value: "it's\uFFFD", at: T.length + 30 },
    { name: 'a multibyte character cut short at the end of the string', input: sql(T, "INSERT INTO t VALUES (1,'end", [0xe2, 0x82], "',NULL);\n"), value: 'end\uFFFD', at: T.length + 28 },
    { name: 'an overlong encoding', input: sql(T, "INSERT INTO t VALUES (1,'", [0xc0, 0x80], "',NULL);\n"), value: '\uFFFD\uFFFD', at: T.length + 25 },
    { name: 'an encoded surrogate', input: sql(T, "INSERT INTO t VALUES (1,'", [0xed, 0xa0, 0x80], "',NULL);\n"), value: '\uFFFD\uFFFD\uFFFD', at: T.length + 25 },
  ])('$name', ({ input, value, at }) => {
    const { events } = readWhole(input)
    expect(rowsOf(events, 't')).toEqual([[1, value, null]])
    const warnings = warningsOf(events)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ code: 'INVALID_UTF8', table: 't', row: 1, column: 'txt', offset: at, line: 2 })
    expect(input[at]).toBeGreaterThanOrEqual(0x80)
    expect(events.findIndex((e) => e.kind === 'warning')).toBeLessThan(events.findIndex((e) => e.kind === 'rows'))
  })

  it('counts rows within the table across INSERT statements, names the column of a --complete-insert list', () => {
    const input = sql(T, "INSERT INTO t VALUES (1,'a',NULL),(2,'b',NULL);\n", "INSERT INTO t (`bin`, `id`, `txt`) VALUES (NULL,3,'ok'),\n(NULL,4,'x", [0xfe], "');\n")
    const [warning] = warningsOf(readWhole(input).events)
    expect(warning).toMatchObject({ row: 4, column: 'txt', line: 4, offset: input.indexOf(0xfe) })
    expect(warning.message).toBe(`Invalid UTF-8 in \`t\`.\`txt\` row 4 at byte ${input.indexOf(0xfe)}: decoded with U+FFFD`)
  })

  it('bytes in a blob column and a real U+FFFD in text are not warned about', () => {
    const input = sql(T, "INSERT INTO t VALUES (1,'\uFFFD','", [0xff, 0xfe], "');\n")
    expect(warningsOf(readWhole(input).events)).toEqual([])
  })

  it('the same warnings for any chunking', () => {
    const input = sql(T, "INSERT INTO t VALUES (1,'a", [0xff], "',NULL),(2,'\\t", [0xc3], "','", [0xff], "');\n")
    const whole = readWhole(input)
    expect(warningsOf(whole.events).map((w) => w.row)).toEqual([1, 2])
    for (let cut = 1; cut < input.length; cut++) expect(readChunks(splitAt(input, [cut]))).toEqual(whole)
  })
})

describe('SYNTAX: a malformed INSERT or CREATE TABLE', () => {
  const T = 'CREATE TABLE t (a int, b text);\n'
  it.each([
    { name: 'junk after a value', tail: "INSERT INTO t VALUES (1,'x' x);\n", at: "x);", message: /Expected , or \) after a value in a row of INSERT INTO `t`/ },
    { name: 'an empty value', tail: 'INSERT INTO t VALUES (1,,2);\n', at: ',2)', message: /Unexpected "," in a row of INSERT INTO `t`/ },
    { name: 'values without a comma', tail: 'INSERT INTO t VALUES (1 2);\n', at: '2);', message: /Expected , or \)/ },
    { name: 'a bare word', tail: 'INSERT INTO t VALUES (abc,1);\n', at: 'abc', message: /Unexpected "a"/ },
    { name: 'an expression', tail: 'INSERT INTO t VALUES (1, POINT(1,2));\n', at: 'POINT', message: /Unexpected "P"/ },
    { name: 'a number with letters', tail: 'INSERT INTO t VALUES (12abc,1);\n', at: 'abc', message: /Expected , or \)/ },
    { name: 'too few values', tail: 'INSERT INTO t VALUES (1,2),(3);\n', at: '(3)', message: /Row 2 of INSERT INTO `t` has 1 values for 2 columns/ },
    { name: 'too many values', tail: 'INSERT INTO t VALUES (1,2,3);\n', at: '(1,2,3)', message: /has 3 values for 2 columns/ },
    { name: 'no ( after VALUES', tail: 'INSERT INTO t VALUES 1;\n', at: '1;', message: /Expected \( after VALUES/ },
    { name: 'INSERT … SELECT', tail: 'INSERT INTO t SELECT 1, 2;\n', at: 'SELECT', message: /Expected VALUES in INSERT INTO `t`/ },
    { name: 'tuples without a comma', tail: "INSERT INTO t VALUES (1,'x') (2,'y');\n", at: "(2,'y')", message: /Expected , or ; after a row/ },
    { name: 'a malformed hex literal', tail: "INSERT INTO t VALUES (1, X'0G');\n", at: "G'", message: /Malformed X/ },
    { name: 'an odd hex literal', tail: "INSERT INTO t VALUES (1, X'abc');\n", at: "'abc", message: /odd number of digits/ },
    { name: 'a malformed bit literal', tail: "INSERT INTO t VALUES (1, b'102');\n", at: "2'", message: /Malformed b/ },
    { name: 'an exponent without digits', tail: 'INSERT INTO t VALUES (1e, 2);\n', at: ', 2', message: /Malformed number exponent/ },
    { name: 'a column list without )', tail: 'INSERT INTO t (a b) VALUES (1, 2);\n', at: 'b)', message: /Expected , or \) in the column list/ },
  ])('$name', ({ tail, at, message }) => {
    const input = T + tail
    const e = thrown(() => readWhole(input)) as DumpError
    expect(e).toBeInstanceOf(DumpError)
    expect(e).toMatchObject({ code: 'SYNTAX', table: 't', offset: input.indexOf(at, T.length), line: 2 })
    expect(e.message).toMatch(message)
    expect(e.message).toMatch(new RegExp(`at byte ${input.indexOf(at, T.length)} \\(line 2\\)$`))
  })

  it.each([
    { name: 'unbalanced parentheses', sql: 'CREATE TABLE `u` (\n  `a` int,\n  `b` varchar(10;\n' },
    { name: 'no columns', sql: 'CREATE TABLE `u` ();\n' },
    { name: 'a column without a type', sql: 'CREATE TABLE `u` (`a`);\n' },
  ])('CREATE TABLE with $name', ({ sql }) => {
    const e = thrown(() => readWhole(T + sql)) as DumpError
    expect(e).toMatchObject({ code: 'SYNTAX', table: 'u', offset: T.length, line: 2 })
    expect(e.message).toMatch(/^Malformed CREATE TABLE: /)
  })

  it('a syntax error deep in a chunked stream keeps its absolute offset and line', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `(${i},'r${i}')`)
    rows[2500] = '(2500 oops)'
    const input = Buffer.from(T + 'INSERT INTO t VALUES\n' + rows.join(',\n') + ';\n')
    const offsets = Array.from({ length: 20 }, (_, i) => (i + 1) * 2500)
    expect(thrown(() => readChunks(splitAt(input, offsets)))).toMatchObject({ code: 'SYNTAX', offset: input.indexOf('oops'), line: 2503, table: 't' })
  })
})
