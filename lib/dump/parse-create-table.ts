// CREATE TABLE → TableDef. Works on the statement text (small) with the tokens of sql-tokens.ts.
// Follows what SHOW CREATE TABLE writes in MySQL 5.x/8 and MariaDB 10.x; anything it does not
// need (CHECK constraints, PERIOD FOR, partitions, column COMMENTs) is skipped, not interpreted.

import type { ColumnDef, KeyDef, TableDef } from './types'
import { identifierName, tokenizeSql, type SqlToken } from './sql-tokens'

/** Column types whose quoted values are bytes, not text. Spatial types hold WKB bytes too. */
const BINARY_BASE_TYPES = new Set([
  'binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob', 'bit',
  'geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon',
  'geometrycollection',
])

/** Operators that continue a DEFAULT / ON UPDATE expression (`DEFAULT 1 + 1`); anything else ends it. */
const BINARY_OPERATORS = new Set(['+', '-', '*', '/', '%', '|', '&', '^', '<', '>', '=', '!'])
const WORD_OPERATORS = new Set(['AND', 'OR', 'XOR', 'DIV', 'MOD', 'IS', 'LIKE'])

export class CreateTableSyntaxError extends Error {}

export interface ParsedCreateTable {
  table: TableDef
  /** the database of a qualified name (`CREATE TABLE db.t`), else null */
  database: string | null
  /** `CREATE TABLE IF NOT EXISTS` */
  ifNotExists: boolean
  /** the CREATE keyword lies inside a versioned comment: mysqldump's placeholder for a view */
  versioned: boolean
}

/**
 * Parses `CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name (…) options`.
 * Returns null for forms without a column list (`CREATE TABLE a LIKE b`).
 * Throws CreateTableSyntaxError when the column list is malformed.
 */
export function parseCreateTable(sql: string, offset: number, tokens: SqlToken[] = tokenizeSql(sql)): ParsedCreateTable | null {
  let k = 0
  const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].value : '')
  if (word(k) !== 'CREATE') throw new CreateTableSyntaxError('expected CREATE')
  const versioned = tokens[k].versioned
  k++
  if (word(k) === 'OR' && word(k + 1) === 'REPLACE') k += 2
  if (word(k) === 'TEMPORARY') k++
  if (word(k) !== 'TABLE') throw new CreateTableSyntaxError('expected TABLE')
  k++
  const ifNotExists = word(k) === 'IF' && word(k + 1) === 'NOT' && word(k + 2) === 'EXISTS'
  if (ifNotExists) k += 3
  let name = identifierName(tokens[k])
  if (name === null) throw new CreateTableSyntaxError('expected a table name')
  let database: string | null = null
  k++
  while (tokens[k]?.text === '.' && identifierName(tokens[k + 1]) !== null) {
    database = name
    name = identifierName(tokens[k + 1])!
    k += 2
  }
  if (tokens[k]?.text !== '(') return null
  const close = matchParen(tokens, k)
  if (close === -1) throw new CreateTableSyntaxError(`unbalanced parentheses in CREATE TABLE ${name}`)

  const columns: ColumnDef[] = []
  const keys: KeyDef[] = []
  let primaryKey: string[] = []
  for (const [s, e] of splitTopLevel(tokens, k + 1, close)) {
    const def = parseDefinition(sql, tokens, s, e)
    if (def.column) columns.push(def.column)
    for (const key of def.keys) {
      keys.push(key)
      if (key.kind === 'primary') primaryKey = key.columns
    }
  }
  if (columns.length === 0) throw new CreateTableSyntaxError(`CREATE TABLE ${name} has no columns`)
  for (const column of columns) if (primaryKey.includes(column.name)) column.nullable = false

  let options = sql.slice(tokens[close].end).trim()
  if (versioned && options.endsWith('*/')) options = options.slice(0, -2).trimEnd()
  return { table: { name, columns, primaryKey, keys, options, offset }, versioned, database, ifNotExists }
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function matchParen(tokens: SqlToken[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]
    if (t.kind !== 'punct') continue
    if (t.text === '(') depth++
    else if (t.text === ')' && --depth === 0) return i
  }
  return -1
}

/** Token ranges [s, e) between `from` and `to` separated by commas at paren depth 0. */
function splitTopLevel(tokens: SqlToken[], from: number, to: number): Array<[number, number]> {
  const parts: Array<[number, number]> = []
  let depth = 0
  let s = from
  for (let i = from; i < to; i++) {
    const t = tokens[i]
    if (t.kind !== 'punct') continue
    if (t.text === '(') depth++
    else if (t.text === ')') depth--
    else if (t.text === ',' && depth === 0) {
      if (i > s) parts.push([s, i])
      s = i + 1
    }
  }
  if (to > s) parts.push([s, to])
  return parts
}

interface Definition {
  column: ColumnDef | null
  keys: KeyDef[]
}

function parseDefinition(sql: string, tokens: SqlToken[], s: number, e: number): Definition {
  const t0 = tokens[s]
  const w = (i: number): string => (i < e && tokens[i].kind === 'word' ? tokens[i].value : '')
  if (t0.kind === 'word') {
    let k = s
    let constraintName: string | null = null
    if (w(k) === 'CONSTRAINT') {
      k++
      const kw = w(k)
      if (kw !== 'PRIMARY' && kw !== 'UNIQUE' && kw !== 'FOREIGN' && kw !== 'CHECK') {
        constraintName = identifierName(tokens[k])
        k++
      }
    }
    switch (w(k)) {
      case 'PRIMARY':
        return { column: null, keys: [{ name: 'PRIMARY', kind: 'primary', columns: keyColumns(sql, tokens, k + 1, e) }] }
      case 'UNIQUE':
      case 'KEY':
      case 'INDEX':
      case 'FULLTEXT':
      case 'SPATIAL': {
        const kw = w(k)
        const kind: KeyDef['kind'] = kw === 'UNIQUE' ? 'unique' : kw === 'FULLTEXT' ? 'fulltext' : kw === 'SPATIAL' ? 'spatial' : 'index'
        k++
        if (kw !== 'KEY' && kw !== 'INDEX' && (w(k) === 'KEY' || w(k) === 'INDEX')) k++
        let name = constraintName
        if (k < e && tokens[k].text !== '(' && w(k) !== 'USING') {
          name = identifierName(tokens[k])
          k++
        }
        return { column: null, keys: [{ name, kind, columns: keyColumns(sql, tokens, k, e) }] }
      }
      case 'FOREIGN': {
        k++
        if (w(k) === 'KEY') k++
        let name = constraintName
        if (k < e && tokens[k].text !== '(') {
          name ??= identifierName(tokens[k])
          k++
        }
        return { column: null, keys: [{ name, kind: 'foreign', columns: keyColumns(sql, tokens, k, e) }] }
      }
      case 'CHECK':
      case 'PERIOD':
        return { column: null, keys: [] }
    }
  }
  return parseColumn(sql, tokens, s, e)
}

/** `(`a`, `b`(191) DESC)` from `k` → ['a', 'b']; an expression part keeps its text. */
function keyColumns(sql: string, tokens: SqlToken[], k: number, e: number): string[] {
  while (k < e && tokens[k].text !== '(') k++
  if (k >= e) return []
  const close = matchParen(tokens, k)
  const end = close === -1 || close > e ? e : close
  // a part is a column (with an optional prefix length and ASC/DESC) or, in MySQL 8, `(expression)`
  return splitTopLevel(tokens, k + 1, end).map(([s, pe]) => identifierName(tokens[s]) ?? sql.slice(tokens[s].start, tokens[pe - 1].end))
}

function parseColumn(sql: string, tokens: SqlToken[], s: number, e: number): Definition {
  const name = identifierName(tokens[s])
  if (name === null) throw new CreateTableSyntaxError(`expected a column name at "${tokens[s].text}"`)
  let k = s + 1
  const w = (i: number): string => (i < e && tokens[i].kind === 'word' ? tokens[i].value : '')
  if (w(k) === '') throw new CreateTableSyntaxError(`expected a type for column ${name}`)
  let baseType = tokens[k].text.toLowerCase()
  k++
  if (baseType === 'national' || baseType === 'long') {
    if (w(k) !== '') baseType = `${baseType === 'long' ? 'long ' : ''}${tokens[k++].text.toLowerCase()}`
  }
  if ((baseType === 'double' && w(k) === 'PRECISION') || ((baseType === 'char' || baseType === 'character') && w(k) === 'VARYING')) {
    if (baseType !== 'double') baseType = 'varchar'
    k++
  }
  let args = ''
  if (k < e && tokens[k].text === '(') {
    const close = matchParen(tokens, k)
    if (close === -1 || close >= e) throw new CreateTableSyntaxError(`unbalanced parentheses in the type of column ${name}`)
    args = lowerOutsideQuotes(sql.slice(tokens[k].end, tokens[close].start))
    k = close + 1
  }
  let unsigned = false
  let zerofill = false
  let binary = BINARY_BASE_TYPES.has(baseType)
  let nullable = true
  let autoIncrement = false
  let defaultText: string | null = null
  const keys: KeyDef[] = []
  while (k < e) {
    const kw = w(k)
    switch (kw) {
      case 'UNSIGNED':
        unsigned = true
        k++
        break
      case 'ZEROFILL':
        zerofill = true
        k++
        break
      case 'NOT':
        if (w(k + 1) === 'NULL') nullable = false
        k += 2
        break
      case 'NULL':
        nullable = true
        k++
        break
      case 'AUTO_INCREMENT':
        autoIncrement = true
        k++
        break
      case 'DEFAULT': {
        const end = expressionEnd(tokens, k + 1, e)
        defaultText = end > k + 1 ? sql.slice(tokens[k + 1].start, tokens[end - 1].end) : null
        k = end
        break
      }
      case 'ON': // ON UPDATE current_timestamp()
        k = expressionEnd(tokens, k + 2, e)
        break
      case 'CHARACTER':
      case 'CHARSET': {
        k += kw === 'CHARACTER' ? 2 : 1
        if (tokens[k]?.text === '=') k++
        const charset = tokens[k]?.kind === 'string' ? tokens[k].value : tokens[k]?.text
        if (charset?.toLowerCase() === 'binary') binary = true
        k++
        break
      }
      case 'PRIMARY':
      case 'KEY':
        keys.push({ name: 'PRIMARY', kind: 'primary', columns: [name] })
        k += kw === 'PRIMARY' ? 2 : 1
        break
      case 'UNIQUE':
        keys.push({ name, kind: 'unique', columns: [name] })
        k += w(k + 1) === 'KEY' ? 2 : 1
        break
      case 'REFERENCES':
        k = e
        break
      default:
        // COMMENT '…', COLLATE x, GENERATED ALWAYS AS (…), CHECK (…), INVISIBLE, …: skipped
        if (tokens[k].text === '(') {
          const close = matchParen(tokens, k)
          k = close === -1 ? e : close + 1
        } else {
          k++
        }
    }
  }
  const type = baseType + (args ? `(${args})` : '') + (unsigned ? ' unsigned' : '') + (zerofill ? ' zerofill' : '')
  const column: ColumnDef = { name, type, baseType, unsigned, nullable, autoIncrement, defaultText, binary }
  return { column, keys }
}

/** End (exclusive) of one expression starting at `k`: atoms joined by binary operators. */
function expressionEnd(tokens: SqlToken[], k: number, e: number): number {
  const atom = (i: number): number => {
    if (i >= e) return i
    const t = tokens[i]
    if (t.kind === 'punct') {
      if (t.text === '(') {
        const close = matchParen(tokens, i)
        return close === -1 || close >= e ? e : close + 1
      }
      if (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '!') return atom(i + 1)
      return i
    }
    if (t.kind === 'word' && i + 1 < e && tokens[i + 1].text === '(') {
      const close = matchParen(tokens, i + 1)
      return close === -1 || close >= e ? e : close + 1
    }
    return i + 1
  }
  let i = atom(k)
  while (i < e) {
    const t = tokens[i]
    const isOperator = (t.kind === 'punct' && BINARY_OPERATORS.has(t.text)) || (t.kind === 'word' && WORD_OPERATORS.has(t.value))
    if (!isOperator) break
    let j = i + 1
    while (j < e && tokens[j].kind === 'punct' && BINARY_OPERATORS.has(tokens[j].text)) j++ // <=, <>, >=
    const next = atom(j)
    if (next === j) break
    i = next
  }
  return i
}

/** `'A','b'` stays as written inside quotes; everything else lower-cased (`DECIMAL(10,2)` → `10,2`). */
function lowerOutsideQuotes(text: string): string {
  if (text.indexOf("'") === -1 && text.indexOf('"') === -1) return text.toLowerCase()
  let out = ''
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === "'" || ch === '"') {
      let j = i + 1
      while (j < text.length) {
        if (text[j] === '\\') j += 2
        else if (text[j] === ch && text[j + 1] === ch) j += 2
        else if (text[j] === ch) break
        else j++
      }
      out += text.slice(i, j + 1)
      i = j + 1
    } else {
      out += ch.toLowerCase()
      i++
    }
  }
  return out
}
