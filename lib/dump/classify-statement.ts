// What a complete statement other than INSERT/REPLACE is, from its first words.
// mysqldump writes a small closed set of statements around the data; those are "known" and skipped
// silently. Anything else is reported (UNKNOWN_STATEMENT) and skipped.

import type { TableDef } from './types'
import { identifierName, tokenizeSql, type SqlToken } from './sql-tokens'
import { parseCreateTable } from './parse-create-table'

/** A table named in a statement: `t`, or `db`.`t` (database null when unqualified). */
export interface TableName {
  database: string | null
  name: string
}

export type StatementClass =
  | { kind: 'table'; table: TableDef; database: string | null; ifNotExists: boolean }
  /** `USE db` */
  | { kind: 'use'; database: string }
  /** `CREATE DATABASE|SCHEMA [IF NOT EXISTS] db` */
  | { kind: 'createDatabase'; database: string }
  /** `DROP DATABASE|SCHEMA [IF EXISTS] db` */
  | { kind: 'dropDatabase'; database: string }
  /** `DROP [TEMPORARY] TABLE [IF EXISTS] t [, t …]` */
  | { kind: 'dropTables'; tables: TableName[] }
  /** a view, or mysqldump's placeholder for one (`/*!50001 CREATE TABLE v (…) *\/` in MySQL 5.x) */
  | { kind: 'view'; name: string }
  | { kind: 'known' }
  | { kind: 'unknown'; summary: string }

/** First words of the statements a dump may start with (the NOT_A_DUMP rule). */
export const DUMP_FIRST_WORDS = new Set([
  'SET', 'DROP', 'CREATE', 'INSERT', 'REPLACE', 'LOCK', 'UNLOCK', 'USE', 'ALTER', 'DELIMITER',
  'START', 'BEGIN', 'COMMIT',
])

/** Statements mysqldump / mariadb-dump write besides CREATE TABLE and INSERT. */
const KNOWN_FIRST_WORDS = new Set([
  'SET', 'DROP', 'LOCK', 'UNLOCK', 'USE', 'COMMIT', 'START', 'BEGIN', 'ROLLBACK', 'SAVEPOINT',
  'RELEASE', 'SELECT', 'FLUSH',
])

const CREATE_SKIPPED_OBJECTS = new Set([
  'DATABASE', 'SCHEMA', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'AGGREGATE', 'EVENT', 'SEQUENCE', 'USER', 'ROLE', 'SERVER',
])

const DROP_OBJECTS = new Set([
  'TABLE', 'TABLES', 'VIEW', 'DATABASE', 'SCHEMA', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT', 'SEQUENCE', 'INDEX',
  'USER', 'ROLE', 'TEMPORARY', 'SERVER',
])

const SET_WORDS = new Set([
  'NAMES', 'CHARACTER', 'CHARSET', 'SESSION', 'GLOBAL', 'LOCAL', 'TRANSACTION', 'PASSWORD', 'ROLE', 'DEFAULT',
  'STATEMENT', 'AUTOCOMMIT',
])

/**
 * Throws CreateTableSyntaxError for a malformed CREATE TABLE. `tokens` may be the first few tokens
 * only, except for CREATE and ALTER statements, which need them all.
 */
export function classifyStatement(sql: string, offset: number, tokens: SqlToken[] = tokenizeSql(sql)): StatementClass {
  const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].value : '')
  const first = word(0)
  if (first === 'CREATE') {
    let k = 1
    if (word(k) === 'OR' && word(k + 1) === 'REPLACE') k += 2
    if (word(k) === 'TEMPORARY') k++
    if (word(k) === 'TABLE') {
      const parsed = parseCreateTable(sql, offset, tokens)
      if (parsed === null) return { kind: 'unknown', summary: summarize(sql) }
      return parsed.versioned
        ? { kind: 'view', name: parsed.table.name }
        : { kind: 'table', table: parsed.table, database: parsed.database, ifNotExists: parsed.ifNotExists }
    }
    if (word(k) === 'DATABASE' || word(k) === 'SCHEMA') {
      const j = word(k + 1) === 'IF' && word(k + 2) === 'NOT' && word(k + 3) === 'EXISTS' ? k + 4 : k + 1
      const database = identifierName(tokens[j])
      return database === null ? { kind: 'unknown', summary: summarize(sql) } : { kind: 'createDatabase', database }
    }
    k = skipViewAndRoutineClauses(tokens, k)
    const object = word(k)
    if (object === 'VIEW') {
      let name = identifierName(tokens[k + 1])
      let j = k + 2
      if (word(k + 1) === 'IF' && word(k + 2) === 'NOT' && word(k + 3) === 'EXISTS') {
        name = identifierName(tokens[k + 4])
        j = k + 5
      }
      while (tokens[j]?.text === '.' && identifierName(tokens[j + 1]) !== null) {
        name = identifierName(tokens[j + 1])
        j += 2
      }
      return name === null ? { kind: 'unknown', summary: summarize(sql) } : { kind: 'view', name }
    }
    if (CREATE_SKIPPED_OBJECTS.has(object)) return { kind: 'known' }
    return { kind: 'unknown', summary: summarize(sql) }
  }
  if (first === 'ALTER') {
    // `ALTER TABLE t DISABLE KEYS` / `ENABLE KEYS` and `ALTER DATABASE … CHARACTER SET` are mysqldump's;
    // any other ALTER TABLE changes the schema we report, so it is flagged.
    if (word(1) !== 'TABLE') return { kind: 'known' }
    const last = word(tokens.length - 1)
    const beforeLast = word(tokens.length - 2)
    if (last === 'KEYS' && (beforeLast === 'DISABLE' || beforeLast === 'ENABLE')) return { kind: 'known' }
    return { kind: 'unknown', summary: summarize(sql) }
  }
  if (first === 'USE') {
    const database = identifierName(tokens[1])
    return database === null ? { kind: 'unknown', summary: summarize(sql) } : { kind: 'use', database }
  }
  if (first === 'DROP') return classifyDrop(sql, tokens)
  if (KNOWN_FIRST_WORDS.has(first)) return { kind: 'known' }
  return { kind: 'unknown', summary: summarize(sql) }
}

/** DROP TABLE and DROP DATABASE name what goes; any other DROP (VIEW, TRIGGER, …) is known and skipped. */
function classifyDrop(sql: string, tokens: SqlToken[]): StatementClass {
  const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].value : '')
  let k = 1
  if (word(k) === 'DATABASE' || word(k) === 'SCHEMA') {
    if (word(k + 1) === 'IF' && word(k + 2) === 'EXISTS') k += 2
    const database = identifierName(tokens[k + 1])
    return database === null ? { kind: 'unknown', summary: summarize(sql) } : { kind: 'dropDatabase', database }
  }
  if (word(k) === 'TEMPORARY') k++
  if (word(k) !== 'TABLE' && word(k) !== 'TABLES') return { kind: 'known' }
  k++
  if (word(k) === 'IF' && word(k + 1) === 'EXISTS') k += 2
  const tables: TableName[] = []
  for (;;) {
    let name = identifierName(tokens[k])
    if (name === null) break
    let database: string | null = null
    k++
    if (tokens[k]?.text === '.' && identifierName(tokens[k + 1]) !== null) {
      database = name
      name = identifierName(tokens[k + 1])!
      k += 2
    }
    tables.push({ database, name })
    if (tokens[k]?.text !== ',') break
    k++
  }
  return tables.length === 0 ? { kind: 'unknown', summary: summarize(sql) } : { kind: 'dropTables', tables }
}

/** `ALGORITHM=…`, `DEFINER=…`, `SQL SECURITY …`, `IF NOT EXISTS` between CREATE and the object word. */
function skipViewAndRoutineClauses(tokens: SqlToken[], k: number): number {
  const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].value : '')
  for (;;) {
    const w = word(k)
    if (w === 'ALGORITHM') {
      k += tokens[k + 1]?.text === '=' ? 3 : 2
    } else if (w === 'DEFINER') {
      k += tokens[k + 1]?.text === '=' ? 2 : 1
      const user = tokens[k]
      k++
      if (user?.kind === 'word' && user.value === 'CURRENT_USER' && tokens[k]?.text === '(' && tokens[k + 1]?.text === ')') k += 2
      if (tokens[k]?.kind === 'variable' && !tokens[k].text.startsWith('@@')) k++ // `root`@`localhost`
    } else if (w === 'SQL' && word(k + 1) === 'SECURITY') {
      k += 3
    } else {
      return k
    }
  }
}

/**
 * Stricter check for the first statement of a dump (the NOT_A_DUMP rule): the statement must read
 * like SQL, not like prose that happens to begin with "Set" or "Use".
 */
export function looksLikeDumpStatement(sql: string, cls: StatementClass, tokens: SqlToken[] = tokenizeSql(sql)): boolean {
  if (cls.kind === 'unknown') return false
  const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].value : '')
  const t1 = tokens[1]
  switch (word(0)) {
    case 'SET':
      if (t1 === undefined) return false
      if (t1.kind === 'variable' || SET_WORDS.has(word(1))) return true
      return (t1.kind === 'word' || t1.kind === 'ident') && (tokens[2]?.text === '=' || tokens[2]?.text === ':=')
    case 'DROP':
      return DROP_OBJECTS.has(word(1))
    case 'CREATE':
      return true // classified as table, view or a known object
    case 'USE':
      return tokens.length === 2 && identifierName(t1) !== null
    case 'LOCK':
    case 'UNLOCK':
      return word(1) === 'TABLES' || word(1) === 'TABLE'
    case 'ALTER':
      return ['TABLE', 'DATABASE', 'SCHEMA', 'SEQUENCE'].includes(word(1))
    case 'START':
      return word(1) === 'TRANSACTION'
    case 'BEGIN':
    case 'COMMIT':
      return tokens.length === 1 || (tokens.length === 2 && word(1) === 'WORK')
    default:
      return false
  }
}

/** The first words of a statement, for messages. */
export function summarize(sql: string): string {
  const oneLine = sql.slice(0, 200).replace(/\s+/g, ' ').trim()
  return oneLine.length > 80 ? oneLine.slice(0, 77) + '...' : oneLine
}
