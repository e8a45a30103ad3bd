// The pure, I/O-free core of the dump reader (csv-parse style): bytes in through push()/end(),
// DumpEvents out. Adapters (read-dump.ts) add files, gzip and async iteration.
//
// How it touches memory (see STYLE.md, "A streaming byte-level reader that is fast"):
// - one Buffer and integer cursors; between chunks only the unfinished tail is kept (pg-protocol's
//   mergeBuffer): when nothing is pending the caller's chunk is parsed in place, without a copy;
// - the unit of work is one statement, except INSERT, whose unit is one tuple: an extended INSERT
//   line of many megabytes never has to be in memory at once;
// - inside a string the scanner jumps with indexOf(quote) and a cached position of the next
//   backslash; a field without escapes is decoded once with utf8Slice, a field with escapes is
//   unescaped into one reusable scratch Buffer; numbers and NULL create no strings;
// - a unit that is still unfinished and already large (a 20 MB mediumtext) is retried only when the
//   buffered bytes have doubled, so its parse cost stays linear.
//
// Views: mysqldump writes a placeholder for each view before the tables' data and the real view
// at the end. The reader emits one {kind:'view'} per view name, at the first of them, and never a
// 'table' event for a placeholder (MySQL 5.x writes the placeholder as `/*!50001 CREATE TABLE v (…)*/`,
// recognised by its versioned comment; MariaDB and MySQL 8 write `/*!50001 CREATE VIEW v AS SELECT …*/`).
// If an unusual dump reported a plain 'table' of the same name earlier, the 'view' event supersedes
// it: consumers drop that table.
//
// NOT_A_DUMP rule: after an optional UTF-8 BOM, whitespace and comments, the first SQL word must
// appear within the first 4 KiB and be one a dump starts with (SET, DROP, CREATE, INSERT, REPLACE,
// LOCK, UNLOCK, USE, ALTER, DELIMITER, START, BEGIN, COMMIT, possibly inside `/*!40101 … */`); that
// first statement must end within the first 16 KiB and read like SQL (e.g. `SET @x=…`, `SET NAMES`,
// `USE db`, `CREATE TABLE …`); any error before it is complete is reported as NOT_A_DUMP.

import { isUtf8 } from 'node:buffer'
import { DumpError, quoteIdentifier } from './dump-error'
import { classifyStatement, DUMP_FIRST_WORDS, looksLikeDumpStatement, summarize } from './classify-statement'
import { CreateTableSyntaxError } from './parse-create-table'
import { identifierName, tokenizeSql } from './sql-tokens'
import type { DumpErrorCode, DumpEvent, DumpInfo, DumpWarning, SqlValue, TableDef } from './types'

export interface DumpReaderOptions {
  /** rows per 'rows' event, at most (default 1000) */
  batchSize?: number
  /**
   * count pushed bytes into info.sourceBytes too (default true); an adapter that reads a
   * compressed source passes false and counts the compressed bytes itself
   */
  countSourceBytes?: boolean
}

export interface DumpReader {
  /** Feeds the next bytes; returns the events they completed. Throws DumpError. */
  push(chunk: Uint8Array): DumpEvent[]
  /** Ends the input; returns the last events. Throws DumpError 'TRUNCATED' if a statement is unfinished. */
  end(): DumpEvent[]
  /** Live counters, updated as the reader goes (same object for the reader's lifetime). */
  readonly info: DumpInfo
}

export function createDumpReader(options: DumpReaderOptions = {}): DumpReader {
  return new ByteDumpReader(options.batchSize ?? 1000, options.countSourceBytes ?? true)
}

const enum Ch {
  TAB = 0x09,
  LF = 0x0a,
  VT = 0x0b,
  FF = 0x0c,
  CR = 0x0d,
  SPACE = 0x20,
  BANG = 0x21,
  DQUOTE = 0x22,
  HASH = 0x23,
  QUOTE = 0x27,
  LPAREN = 0x28,
  RPAREN = 0x29,
  STAR = 0x2a,
  PLUS = 0x2b,
  COMMA = 0x2c,
  MINUS = 0x2d,
  DOT = 0x2e,
  SLASH = 0x2f,
  ZERO = 0x30,
  ONE = 0x31,
  NINE = 0x39,
  UPPER_M = 0x4d,
  UPPER_Z = 0x5a,
  BACKSLASH = 0x5c,
  UNDERSCORE = 0x5f,
  BACKQUOTE = 0x60,
  LOWER_B = 0x62,
  LOWER_E = 0x65,
  LOWER_L = 0x6c,
  LOWER_N = 0x6e,
  LOWER_R = 0x72,
  LOWER_T = 0x74,
  LOWER_U = 0x75,
  LOWER_X = 0x78,
  PERCENT = 0x25,
}

/** parse step result: the input ends before the unit does */
const NEED = -1
/** "no backslash in the rest of the buffer" for the cached backslash position */
const NO_BACKSLASH = 0x7fffffff
/** the first SQL word must start within this many bytes */
const SNIFF_WORD_BYTES = 4096
/** the first statement must end within this many bytes */
const SNIFF_STATEMENT_BYTES = 16 * 1024
/** an unfinished unit larger than this is retried only when the buffer has doubled */
const RETRY_DOUBLING_BYTES = 256 * 1024
/** a statement other than INSERT longer than this is refused (would otherwise buffer the whole input) */
const MAX_STATEMENT_BYTES = 64 * 1024 * 1024

const enum State {
  Top,
  Tuples,
}

const enum Comment {
  None,
  Block,
  Line,
}

const enum Sniff {
  FirstWord,
  FirstStatement,
  Done,
}

const HEX_VALUE = (() => {
  const t = new Int8Array(256).fill(-1)
  for (let i = 0; i < 10; i++) t[0x30 + i] = i
  for (let i = 0; i < 6; i++) {
    t[0x41 + i] = 10 + i
    t[0x61 + i] = 10 + i
  }
  return t
})()

const STAR_SLASH = Buffer.from('*/')
const EMPTY = Buffer.alloc(0)
const KW_INSERT = Buffer.from('INSERT')
const KW_REPLACE = Buffer.from('REPLACE')
const KW_DELIMITER = Buffer.from('DELIMITER')
const KW_IGNORE = Buffer.from('IGNORE')
const KW_INTO = Buffer.from('INTO')
const KW_VALUES = Buffer.from('VALUES')
const KW_VALUE = Buffer.from('VALUE')
const INSERT_MODIFIERS = [Buffer.from('LOW_PRIORITY'), Buffer.from('DELAYED'), Buffer.from('HIGH_PRIORITY')]
/**
 * How the dump tools begin the lines they print on stderr (`mysqldump: [Warning] Using a password on
 * the command line interface can be insecure.`, `mysqldump: Error: … when trying to dump
 * tablespaces`): when stderr was redirected into the file too, such a line stands where a
 * statement would. No statement begins with them.
 */
const CLIENT_MESSAGE_PREFIXES = ['mysqldump: ', 'mariadb-dump: ', 'mysqlpump: ', 'mysqldump.exe: '].map((p) => Buffer.from(p))

/** Statements skipped on their first word alone (see classify-statement.ts for the rest). */
const SKIPPED_FIRST_WORDS = new Set(['SET', 'LOCK', 'UNLOCK', 'COMMIT', 'START', 'BEGIN', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'SELECT', 'FLUSH'])

/** A table's key in the reader's maps: its name, within its database when the dump named one. */
function tableKey(database: string | null, table: string): string {
  return database === null ? table : `${database}\u0000${table}`
}

/** `t`, or `db.t` for messages when the dump named the database. */
function displayName(database: string | null, table: string): string {
  return database === null ? table : `${database}.${table}`
}

const isWordByte = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c === 0x24 || c >= 0x80

const isSpaceByte = (c: number): boolean => c === Ch.SPACE || c === Ch.LF || c === Ch.CR || c === Ch.TAB || c === Ch.VT || c === Ch.FF

/** Buffer's own fast decoders (what toString() calls after checking its arguments). */
interface FastBuffer extends Buffer {
  utf8Slice(start: number, end: number): string
  latin1Slice(start: number, end: number): string
}

interface InsertColumns {
  columns: string[]
  /** 1 where the column is binary-typed */
  binary: Uint8Array
}

interface InsertState {
  table: string
  /** the database of the table (null: none named), its key in the reader's maps, its name for progress */
  database: string | null
  key: string
  display: string
  columns: string[]
  /** 1 where the column is binary-typed */
  binary: Uint8Array
  /** values per tuple, or -1 when unknown (no CREATE TABLE, no column list) */
  expected: number
  verb: 'INSERT' | 'INSERT IGNORE' | 'REPLACE'
  offset: number
  /** line of the INSERT statement (kept for messages: its bytes may be gone) */
  line: number
  rows: SqlValue[][]
}

class ByteDumpReader implements DumpReader {
  readonly info: DumpInfo = {
    bytes: 0,
    sourceBytes: 0,
    lines: 0,
    statements: 0,
    rows: 0,
    rowsByTable: {},
    currentTable: null,
  }

  private readonly batchSize: number
  private buf: FastBuffer = EMPTY as FastBuffer
  private len = 0
  private pos = 0
  /** absolute offset of buf[0] */
  private base = 0
  /** our own buffer for the unfinished tail; `buf` is a view of it when bufIsOwn */
  private own: Buffer = Buffer.allocUnsafe(64 * 1024)
  private bufIsOwn = false
  private scratch: Buffer = Buffer.allocUnsafe(64 * 1024)
  /** do not parse again before len reaches this (unfinished large unit) */
  private waitUntil = 0
  /** cached position of the next backslash; valid when >= the position asked about */
  private bsNext = -2
  /** buf[0, utf8ValidEnd) is known to be valid UTF-8 (-1: not known) */
  private utf8ValidEnd = -1
  /** the value produced by the last read*() step */
  private val: SqlValue = null
  private out: DumpEvent[] = []
  /** warnings of the tuple being read; emitted only once the tuple is complete */
  private tupleWarnings: DumpWarning[] | null = null

  private lineCountPos = 0
  private lineCount = 0

  private state: State = State.Top
  private comment: Comment = Comment.None
  private commentStart = 0
  private commentLine = 0
  private sniff: Sniff = Sniff.FirstWord
  private delimiter: Buffer = Buffer.from(';')
  private stmtStart = 0
  private ins: InsertState | null = null
  /** the tables created so far and not dropped, by tableKey */
  private readonly tables = new Map<string, TableDef>()
  private readonly views = new Set<string>()
  private readonly warnedNoTable = new Set<string>()
  /** rows read so far into each table (by tableKey): its rows' numbers; a table created again starts at 0 */
  private readonly rowsRead = new Map<string, number>()
  /** tables dropped after they were created, by tableKey: a later CREATE TABLE replaces them */
  private readonly dropped = new Map<string, { offset: number; rows: number }>()
  /** the database of the last USE (null: none yet) */
  private database: string | null = null
  private readonly databases = new Set<string>()
  private ended = false
  private failure: unknown = null

  private readonly countSourceBytes: boolean

  constructor(batchSize: number, countSourceBytes: boolean) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`)
    this.batchSize = batchSize
    this.countSourceBytes = countSourceBytes
  }

  push(chunk: Uint8Array): DumpEvent[] {
    if (this.failure !== null) throw this.failure
    if (this.ended) throw new Error('DumpReader.push() called after end()')
    this.info.bytes += chunk.length
    if (this.countSourceBytes) this.info.sourceBytes += chunk.length
    if (chunk.length === 0) return []
    this.append(chunk)
    if (this.len < this.waitUntil) return []
    return this.run(false)
  }

  end(): DumpEvent[] {
    if (this.failure !== null) throw this.failure
    if (this.ended) return []
    this.ended = true
    const events = this.run(true)
    if (this.info.bytes > 0 && this.lastByte !== Ch.LF) this.info.lines++
    return events
  }

  private lastByte = -1

  private run(atEnd: boolean): DumpEvent[] {
    this.out = []
    this.bsNext = -2
    this.utf8ValidEnd = validUtf8End(this.buf, this.len)
    try {
      this.parse(atEnd)
      this.compact()
    } catch (error) {
      this.failure = error
      throw error
    }
    const events = this.out
    this.out = []
    return events
  }

  // ---- buffer management -------------------------------------------------------------------

  private append(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    this.lastByte = bytes[bytes.length - 1]
    const rest = this.len - this.pos
    if (rest === 0) {
      this.buf = bytes as FastBuffer
      this.bufIsOwn = false
      this.len = bytes.length
      this.pos = 0
      return
    }
    // invariant between pushes: the tail sits at the front of `own`
    const need = rest + bytes.length
    if (this.own.length < need) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.own.length * 2))
      this.own.copy(grown, 0, 0, rest)
      this.own = grown
    }
    bytes.copy(this.own, rest)
    // a view of exactly the valid bytes: indexOf() must never find stale bytes beyond them
    this.buf = this.own.subarray(0, need) as FastBuffer
    this.bufIsOwn = true
    this.len = need
  }

  /** Drops the consumed bytes, keeps the unfinished tail at the front of `own`. */
  private compact(): void {
    const consumedTo = this.base + this.pos
    this.countLinesTo(consumedTo)
    this.info.lines = this.lineCount
    const rest = this.len - this.pos
    if (rest > RETRY_DOUBLING_BYTES && !this.ended) this.waitUntil = rest * 2
    else this.waitUntil = 0
    if (rest === 0) {
      this.buf = EMPTY as FastBuffer
      this.bufIsOwn = false
      if (this.own.length > 4 * 1024 * 1024) this.own = Buffer.allocUnsafe(64 * 1024)
    } else {
      if (this.bufIsOwn) {
        if (this.pos > 0) this.own.copyWithin(0, this.pos, this.len)
      } else {
        if (this.own.length < rest) this.own = Buffer.allocUnsafe(Math.max(rest, this.own.length * 2))
        this.buf.copy(this.own, 0, this.pos, this.len)
      }
      this.buf = this.own.subarray(0, rest) as FastBuffer
      this.bufIsOwn = true
    }
    this.base = consumedTo
    this.pos = 0
    this.len = rest
  }

  // ---- line counting (indexOf jumps, only over consumed bytes or up to an error position) ----

  private countLinesTo(abs: number): void {
    const buf = this.buf
    const end = abs - this.base
    let i = this.lineCountPos - this.base
    let n = 0
    while (i < end) {
      i = buf.indexOf(Ch.LF, i)
      if (i === -1 || i >= end) break
      n++
      i++
    }
    this.lineCount += n
    this.lineCountPos = abs
  }

  /**
   * 1-based line of an absolute offset inside the current buffer. The counted position only moves
   * forward and never past the parse position (the bytes after it may be parsed again).
   */
  private lineAt(abs: number): number {
    if (abs < this.base) abs = this.base // bytes already dropped: callers keep their own line (InsertState.line)
    const end = Math.min(abs, this.base + this.len)
    if (end >= this.lineCountPos && end <= this.base + this.pos) {
      this.countLinesTo(end)
      return this.lineCount + 1
    }
    const from = Math.min(end, this.lineCountPos) - this.base
    const to = Math.max(end, this.lineCountPos) - this.base
    let n = 0
    for (let i = from; i < to; i++) {
      i = this.buf.indexOf(Ch.LF, i)
      if (i === -1 || i >= to) break
      n++
    }
    return (end >= this.lineCountPos ? this.lineCount + n : this.lineCount - n) + 1
  }

  // ---- errors and warnings -----------------------------------------------------------------

  private fail(code: DumpErrorCode, what: string, abs: number, table: string | null): never {
    const line = this.lineAt(abs)
    if (this.sniff !== Sniff.Done && code !== 'NOT_A_DUMP') {
      throw new DumpError('NOT_A_DUMP', `Not a MySQL/MariaDB dump: ${what} at byte ${abs} (line ${line})`, { offset: abs, line, table })
    }
    throw new DumpError(code, `${what} at byte ${abs} (line ${line})`, { offset: abs, line, table })
  }

  private syntax(what: string, p: number): never {
    const table = this.state === State.Tuples && this.ins ? this.ins.table : this.info.currentTable
    return this.fail('SYNTAX', what, this.base + p, table)
  }

  private warn(warning: Omit<DumpWarning, 'line'>): DumpWarning {
    return { ...warning, line: this.lineAt(warning.offset) }
  }

  // ---- the parse loop ----------------------------------------------------------------------

  private parse(atEnd: boolean): void {
    for (;;) {
      if (this.state === State.Tuples) {
        if (this.parseTuples() === NEED) return this.needMore(atEnd)
        continue
      }
      const p = this.skipTrivia(atEnd)
      if (p === NEED) return this.needMore(atEnd)
      if (this.sniff === Sniff.FirstWord && this.base + p >= SNIFF_WORD_BYTES) {
        this.notADump(`no SQL statement in the first ${SNIFF_WORD_BYTES} bytes`, p)
      }
      if (p >= this.len) {
        if (atEnd) return this.finish()
        return
      }
      this.stmtStart = this.base + p
      const step = this.statement(p, atEnd)
      if (step === NEED) return this.needMore(atEnd)
    }
  }

  private needMore(atEnd: boolean): void {
    if (!atEnd) {
      if (this.sniff !== Sniff.Done && this.base + this.len > SNIFF_STATEMENT_BYTES) {
        this.notADump(`the first statement does not end within ${SNIFF_STATEMENT_BYTES} bytes`, this.pos)
      }
      if (this.state === State.Top && this.comment === Comment.None && this.len - this.pos > MAX_STATEMENT_BYTES) {
        this.fail('SYNTAX', `Statement longer than ${MAX_STATEMENT_BYTES} bytes without an end (${this.describeUnfinished(this.pos).what})`, this.base + this.pos, this.describeUnfinished(this.pos).table)
      }
      return
    }
    // the input ended inside a unit
    if (this.comment === Comment.Block) {
      if (this.sniff === Sniff.FirstWord) this.notADump('the input ends inside a /* comment */', this.pos)
      throw new DumpError('TRUNCATED', `Dump truncated inside a /* comment */ that starts at byte ${this.commentStart} (line ${this.commentLine})`, {
        offset: this.commentStart,
        line: this.commentLine,
        table: null,
      })
    }
    if (this.sniff === Sniff.FirstWord) this.notADump('no complete SQL statement', this.pos)
    const ins = this.state === State.Tuples ? this.ins : null
    const { what, table } = ins
      ? { what: `${ins.verb} INTO ${quoteIdentifier(ins.table)}`, table: ins.table }
      : this.describeUnfinished(this.stmtStart - this.base)
    const line = ins ? ins.line : this.lineAt(this.stmtStart)
    throw new DumpError(
      'TRUNCATED',
      `Dump truncated inside ${what} at byte ${this.stmtStart} (line ${line}): the input ends at byte ${this.base + this.len}`,
      { offset: this.stmtStart, line, table },
    )
  }

  private finish(): void {
    if (this.sniff === Sniff.FirstWord) {
      this.notADump(this.info.bytes === 0 ? 'the input is empty' : 'no SQL statement', this.len)
    }
  }

  private notADump(why: string, p: number): never {
    const abs = this.base + p
    const line = this.lineAt(Math.min(abs, this.base + this.len))
    throw new DumpError('NOT_A_DUMP', `Not a MySQL/MariaDB dump: ${why}${this.previewStart()}`, { offset: abs, line, table: null })
  }

  /** " (it starts with …)" for NOT_A_DUMP messages, while the start is still in the buffer. */
  private previewStart(): string {
    if (this.base !== 0 || this.len === 0) return ''
    const buf = this.buf
    if (buf[0] === 0x1f && buf[1] === 0x8b) return ' (the input is gzip-compressed: read it with readDump(), which gunzips)'
    const n = Math.min(this.len, 24)
    let printable = true
    for (let i = 0; i < n; i++) if (buf[i] < 0x20 ? !isSpaceByte(buf[i]) : buf[i] >= 0x7f) printable = false
    if (printable) return ` (it starts with ${JSON.stringify(buf.latin1Slice(0, n))})`
    const hex: string[] = []
    for (let i = 0; i < Math.min(n, 8); i++) hex.push(buf[i].toString(16).padStart(2, '0'))
    return ` (it starts with the bytes ${hex.join(' ')})`
  }

  /** What an unfinished statement at p is, for messages: "INSERT INTO `t`", "CREATE TABLE `t`", "statement `SET …`". */
  private describeUnfinished(p: number): { what: string; table: string | null } {
    const text = this.buf.toString('utf8', p, Math.min(this.len, p + 4096))
    const tokens = tokenizeSql(text)
    const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].value : '')
    const first = word(0)
    if (first === 'INSERT' || first === 'REPLACE') {
      let k = 1
      while (['IGNORE', 'INTO', 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY'].includes(word(k))) k++
      let name = identifierName(tokens[k])
      while (tokens[k + 1]?.text === '.' && identifierName(tokens[k + 2]) !== null) {
        name = identifierName(tokens[k + 2])
        k += 2
      }
      if (name !== null) return { what: `${first} INTO ${quoteIdentifier(name)}`, table: name }
    }
    if (first === 'CREATE') {
      let k = 1
      while (['OR', 'REPLACE', 'TEMPORARY'].includes(word(k))) k++
      if (word(k) === 'TABLE') {
        k++
        if (word(k) === 'IF') k += 3
        const name = identifierName(tokens[k])
        if (name !== null) return { what: `CREATE TABLE ${quoteIdentifier(name)}`, table: name }
      }
    }
    return { what: `statement \`${summarize(text)}\``, table: null }
  }

  // ---- top level: whitespace, comments, statements -----------------------------------------

  /** Skips whitespace and comments from this.pos; returns the statement start or NEED. */
  private skipTrivia(atEnd: boolean): number {
    const buf = this.buf
    const len = this.len
    let p = this.pos
    if (this.comment === Comment.Block) {
      const close = buf.indexOf(STAR_SLASH, p)
      if (close === -1) {
        this.pos = Math.max(p, len - 1) // keep a possible '*'
        return NEED
      }
      p = close + 2
      this.comment = Comment.None
      this.pos = p
    } else if (this.comment === Comment.Line) {
      const nl = buf.indexOf(Ch.LF, p)
      if (nl === -1) {
        this.pos = len
        return atEnd ? len : NEED
      }
      p = nl + 1
      this.comment = Comment.None
      this.pos = p
    }
    if (this.base + p === 0 && buf[0] === 0xef) {
      // UTF-8 BOM
      if (len < 3 && !atEnd) return NEED
      if (buf[1] === 0xbb && buf[2] === 0xbf) p = 3
    }
    for (;;) {
      if (p >= len) {
        this.pos = p
        return p
      }
      const c = buf[p]
      if (isSpaceByte(c)) {
        p++
        continue
      }
      if (c === Ch.MINUS && p + 2 >= len && !atEnd) {
        // `-`, `--`: a comment or not, the next bytes tell
        this.pos = p
        return NEED
      }
      if (c === Ch.HASH || (c === Ch.MINUS && buf[p + 1] === Ch.MINUS)) {
        if (c === Ch.MINUS && p + 2 < len && buf[p + 2] > Ch.SPACE) return p // `--x` is not a comment
        const nl = buf.indexOf(Ch.LF, p)
        if (nl === -1) {
          this.comment = Comment.Line
          this.commentStart = this.base + p
          this.pos = len
          return atEnd ? len : NEED
        }
        p = nl + 1
        this.pos = p
        continue
      }
      if (c === Ch.SLASH) {
        if (p + 1 >= len) {
          this.pos = p
          return atEnd ? p : NEED
        }
        if (buf[p + 1] !== Ch.STAR) return p
        // versioned comments are code, except the client-command form /*M!999999\- … */
        const kind = this.versionedCommentKind(p)
        if (kind === NEED) {
          this.pos = p
          return atEnd ? p : NEED
        }
        if (kind === 1) return p
        this.commentStart = this.base + p
        const close = buf.indexOf(STAR_SLASH, p + 2)
        if (close === -1) {
          // read on without keeping the comment's bytes; remember where it began for a message
          this.comment = Comment.Block
          this.commentLine = this.lineAt(this.commentStart)
          this.pos = Math.max(p + 2, len - 1)
          return NEED
        }
        p = close + 2
        this.pos = p
        continue
      }
      if (c === this.delimiter[0]) {
        // an empty statement
        const dn = this.delimiter.length
        if (p + dn > len) {
          this.pos = p
          return atEnd ? p : NEED
        }
        if (buf.compare(this.delimiter, 0, dn, p, p + dn) === 0) {
          p += dn
          this.pos = p
          continue
        }
      }
      this.pos = p
      return p
    }
  }

  /** At `/*`: 1 = versioned comment (code), 0 = plain comment (also `/*M!999999\-`), NEED. */
  private versionedCommentKind(p: number): number {
    const buf = this.buf
    const len = this.len
    let j = p + 2
    if (j >= len) return NEED
    if (buf[j] === Ch.BANG) j++
    else if (buf[j] === Ch.UPPER_M) {
      if (j + 1 >= len) return NEED
      if (buf[j + 1] !== Ch.BANG) return 0
      j += 2
    } else return 0
    while (j < len && buf[j] >= Ch.ZERO && buf[j] <= Ch.NINE) j++
    if (j >= len) return NEED
    return buf[j] === Ch.BACKSLASH ? 0 : 1
  }

  /** One statement starting at p (no leading whitespace). */
  private statement(p: number, atEnd: boolean): number {
    const buf = this.buf
    if ((buf[p] | 0x20) === 0x6d) {
      // `m`: no statement word begins so; a line the dump tool printed on stderr may
      const skipped = this.clientMessage(p, atEnd)
      if (skipped !== 0) return skipped
    }
    if (this.sniff === Sniff.FirstWord) {
      const ok = this.checkFirstWord(p, atEnd)
      if (ok === NEED) return NEED
      this.sniff = Sniff.FirstStatement
    }
    const c = buf[p] | 0x20
    if (c === 0x69 || c === 0x72) {
      const isInsert = this.keywordAt(p, c === 0x69 ? KW_INSERT : KW_REPLACE)
      if (isInsert === NEED) return atEnd ? this.otherStatement(p) : NEED
      if (isInsert > 0) return this.insertHead(p)
    }
    if (c === 0x64) {
      const isDelimiter = this.keywordAt(p, KW_DELIMITER)
      if (isDelimiter === NEED && !atEnd) return NEED
      if (isDelimiter > 0) return this.delimiterCommand(p, atEnd)
    }
    return this.otherStatement(p)
  }

  /**
   * A line the dump tool printed on stderr at p (CLIENT_MESSAGE_PREFIXES): skipped to its end with a
   * CLIENT_MESSAGE warning; returns where reading goes on, 0 when p holds no such line, or NEED.
   */
  private clientMessage(p: number, atEnd: boolean): number {
    const buf = this.buf
    let prefix: Buffer | null = null
    for (const candidate of CLIENT_MESSAGE_PREFIXES) {
      const n = Math.min(candidate.length, this.len - p)
      if (buf.compare(candidate, 0, n, p, p + n) !== 0) continue
      if (n < candidate.length) return atEnd ? 0 : NEED // cut by the chunk's end: the next bytes tell
      prefix = candidate
      break
    }
    if (prefix === null) return 0
    let nl = buf.indexOf(Ch.LF, p)
    if (nl === -1) {
      if (!atEnd) return NEED
      nl = this.len
    }
    const line = buf.toString('utf8', p, Math.min(nl, p + 201)).trimEnd()
    const text = line.length > 200 ? line.slice(0, 197) + '...' : line
    this.out.push({
      kind: 'warning',
      warning: this.warn({
        code: 'CLIENT_MESSAGE',
        message: `Skipped a line the dump tool printed on stderr, which went into the file: \`${text}\``,
        table: null,
        row: null,
        column: null,
        offset: this.base + p,
      }),
    })
    this.pos = nl < this.len ? nl + 1 : nl
    return this.pos
  }

  /** NOT_A_DUMP unless the first word (possibly inside /*!NNNNN) is one a dump starts with. */
  private checkFirstWord(p: number, atEnd: boolean): number {
    const end = this.firstWordEnd(p, this.len)
    if (end >= this.len && !atEnd) return NEED
    const word = this.firstWord
    if (!DUMP_FIRST_WORDS.has(word)) {
      this.notADump(word ? `it begins with "${word.slice(0, 12)}", not with a statement a dump starts with` : 'it does not begin with an SQL statement', p)
    }
    return end
  }

  /** the upper-cased word found by firstWordEnd() (at most 13 characters) */
  private firstWord = ''

  /** The first word of a statement at p (after a `/*!NNNNN` marker): sets firstWord, returns its end. */
  private firstWordEnd(p: number, limit: number): number {
    const buf = this.buf
    let j = p
    if (buf[j] === Ch.SLASH) {
      j += 2
      if (buf[j] === Ch.UPPER_M) j++
      j++
      while (j < limit && buf[j] >= Ch.ZERO && buf[j] <= Ch.NINE) j++
      while (j < limit && isSpaceByte(buf[j])) j++
      if (j > limit) j = limit
    }
    const s = j
    while (j < limit && j - s <= 12 && isWordByte(buf[j])) j++
    this.firstWord = buf.latin1Slice(s, j).toUpperCase()
    return j
  }

  /** Case-insensitive keyword at p followed by a non-word byte: its end, 0 if absent, NEED. */
  private keywordAt(p: number, keyword: Buffer): number {
    const buf = this.buf
    const n = keyword.length
    if (p + n >= this.len) {
      // decide with what is there: a mismatch is a mismatch even if short
      for (let i = 0; i < n && p + i < this.len; i++) if ((buf[p + i] | 0x20) !== (keyword[i] | 0x20)) return 0
      return NEED
    }
    for (let i = 0; i < n; i++) if ((buf[p + i] | 0x20) !== (keyword[i] | 0x20)) return 0
    return isWordByte(buf[p + n]) ? 0 : p + n
  }

  /** `DELIMITER ;;` — a mysql client command, ended by the line end, not by the delimiter. */
  private delimiterCommand(p: number, atEnd: boolean): number {
    const buf = this.buf
    let nl = buf.indexOf(Ch.LF, p)
    if (nl === -1 || nl >= this.len) {
      if (!atEnd) return NEED
      nl = this.len
    }
    let s = p + KW_DELIMITER.length
    let e = nl
    while (s < e && isSpaceByte(buf[s])) s++
    while (e > s && isSpaceByte(buf[e - 1])) e--
    if (e === s) {
      if (nl === this.len) return NEED // `DELIMITER` and the end of the input: truncated
      this.syntax('DELIMITER without a delimiter', p)
    }
    this.delimiter = Buffer.from(buf.subarray(s, e))
    this.pos = nl < this.len ? nl + 1 : nl
    return this.pos
  }

  /** A statement other than INSERT/REPLACE: find its end, then classify its text. */
  private otherStatement(p: number): number {
    const end = this.findStatementEnd(p)
    if (end === NEED) return NEED
    const offset = this.base + p
    if (this.sniff === Sniff.Done) {
      // most statements of a dump are decided by their first word: no text, no tokens
      this.firstWordEnd(p, end)
      if (SKIPPED_FIRST_WORDS.has(this.firstWord)) {
        this.info.statements++
        this.pos = end + this.delimiter.length
        return this.pos
      }
    }
    const sql = this.buf.utf8Slice(p, end)
    // the first words decide (a routine's body is never tokenized); CREATE TABLE and ALTER need all tokens
    let tokens = tokenizeSql(sql, 16)
    const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].value : '')
    if (tokens.length === 16 && (word(0) === 'ALTER' || (word(0) === 'CREATE' && [word(1), word(2), word(3)].includes('TABLE')))) tokens = tokenizeSql(sql)
    let cls
    try {
      cls = classifyStatement(sql, offset, tokens)
    } catch (error) {
      if (error instanceof CreateTableSyntaxError) this.fail('SYNTAX', `Malformed CREATE TABLE: ${error.message}`, offset, this.describeUnfinished(p).table)
      throw error
    }
    if (this.sniff === Sniff.FirstStatement) {
      if (!looksLikeDumpStatement(sql, cls, tokens)) this.notADump(`its first statement \`${summarize(sql)}\` is not SQL a dump starts with`, p)
      this.sniff = Sniff.Done
    }
    switch (cls.kind) {
      case 'table':
        this.createTable(cls.table, cls.database ?? this.database, cls.ifNotExists, offset)
        break
      case 'view': {
        const database = this.database
        const key = tableKey(database, cls.name)
        if (!this.views.has(key)) {
          this.views.add(key)
          this.out.push(database === null ? { kind: 'view', name: cls.name, offset } : { kind: 'view', name: cls.name, offset, database })
        }
        break
      }
      case 'use':
        this.nameDatabase(cls.database, offset)
        this.database = cls.database
        break
      case 'createDatabase':
        this.nameDatabase(cls.database, offset)
        break
      case 'dropDatabase':
        for (const [key, def] of this.tables) if (key.startsWith(cls.database + '\u0000')) this.dropTable(cls.database, def.name, offset)
        break
      case 'dropTables':
        for (const t of cls.tables) this.dropTable(t.database ?? this.database, t.name, offset)
        break
      case 'unknown':
        this.out.push({
          kind: 'warning',
          warning: this.warn({ code: 'UNKNOWN_STATEMENT', message: `Skipped a statement the reader does not understand: \`${cls.summary}\``, table: null, row: null, column: null, offset }),
        })
        break
    }
    this.info.statements++
    this.pos = end + this.delimiter.length
    return this.pos
  }

  /** A database the dump names: a 'database' event the first time. */
  private nameDatabase(name: string, offset: number): void {
    if (this.databases.has(name)) return
    this.databases.add(name)
    this.out.push({ kind: 'database', name, offset })
  }

  /**
   * CREATE TABLE, as MariaDB would run it: a new table; again after a DROP TABLE, a new table that
   * replaces the dropped one (TABLE_REPLACED); IF NOT EXISTS of an existing table, nothing
   * (TABLE_EXISTS: its rows go into the existing table); of an existing table without IF NOT
   * EXISTS, the dump is refused (DUPLICATE_TABLE), as MariaDB stops loading there.
   */
  private createTable(def: TableDef, database: string | null, ifNotExists: boolean, offset: number): void {
    if (database !== null) this.nameDatabase(database, offset)
    const key = tableKey(database, def.name)
    const name = displayName(database, def.name)
    const existing = this.tables.get(key)
    if (existing) {
      if (ifNotExists) {
        this.out.push({
          kind: 'warning',
          warning: this.warn({
            code: 'TABLE_EXISTS',
            message: `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(name)} at byte ${offset} finds the table created at byte ${existing.offset}: it is kept as it is and the rows that follow go into it, as MariaDB does`,
            table: def.name,
            row: null,
            column: null,
            offset,
          }),
        })
        return
      }
      this.fail(
        'DUPLICATE_TABLE',
        `CREATE TABLE ${quoteIdentifier(name)} creates a table that exists already (created at byte ${existing.offset}), with no DROP TABLE between: MariaDB stops loading the dump here ("Table already exists")`,
        offset,
        def.name,
      )
    }
    const dropped = this.dropped.get(key)
    if (dropped) {
      this.dropped.delete(key)
      this.out.push({
        kind: 'warning',
        warning: this.warn({
          code: 'TABLE_REPLACED',
          message:
            `CREATE TABLE ${quoteIdentifier(name)} at byte ${offset} creates again the table the dump dropped at byte ${dropped.offset}: ` +
            `this definition and the rows that follow replace the earlier ones (${dropped.rows} ${dropped.rows === 1 ? 'row' : 'rows'}), as MariaDB would`,
          table: def.name,
          row: null,
          column: null,
          offset,
        }),
      })
    }
    this.tables.set(key, def)
    this.rowsRead.set(key, 0)
    this.info.currentTable = def.name
    this.out.push(database === null ? { kind: 'table', table: def } : { kind: 'table', table: def, database })
  }

  /** DROP TABLE of a table the dump created: a 'drop' event; of any other, nothing (IF EXISTS, or MariaDB's error, which a dump tool never writes). */
  private dropTable(database: string | null, table: string, offset: number): void {
    const key = tableKey(database, table)
    if (!this.tables.delete(key)) return
    this.dropped.set(key, { offset, rows: this.rowsRead.get(key) ?? 0 })
    this.out.push(database === null ? { kind: 'drop', table, offset } : { kind: 'drop', table, database, offset })
  }

  /**
   * Index of the delimiter that ends the statement at p (outside strings, identifiers and plain
   * comments), or NEED. Versioned comments are code: a delimiter inside them counts, as in mysql.
   */
  private findStatementEnd(p: number): number {
    const buf = this.buf
    const len = this.len
    const delim = this.delimiter
    const d0 = delim[0]
    const dn = delim.length
    let i = p
    while (i < len) {
      const c = buf[i]
      if (c === d0) {
        if (i + dn > len) return NEED
        let match = true
        for (let k = 1; k < dn; k++) if (buf[i + k] !== delim[k]) match = false
        if (match) return i
        i++
        continue
      }
      switch (c) {
        case Ch.QUOTE:
        case Ch.DQUOTE:
        case Ch.BACKQUOTE: {
          let j = i + 1
          for (;;) {
            const q: number = buf.indexOf(c, j)
            if (q === -1) return NEED
            if (c !== Ch.BACKQUOTE) {
              // a backslash escapes the next byte: count the run of backslashes before q
              let b = q - 1
              while (b >= j && buf[b] === Ch.BACKSLASH) b--
              if ((q - 1 - b) % 2 === 1) {
                j = q + 1
                continue
              }
            }
            if (q + 1 >= len) return NEED
            if (buf[q + 1] === c) {
              j = q + 2
              continue
            }
            i = q + 1
            break
          }
          continue
        }
        case Ch.SLASH: {
          if (i + 1 >= len) return NEED
          if (buf[i + 1] !== Ch.STAR) break
          const kind = this.versionedCommentKind(i)
          if (kind === NEED) return NEED
          if (kind === 1) {
            i += 2
            continue
          }
          const close = buf.indexOf(STAR_SLASH, i + 2)
          if (close === -1) return NEED
          i = close + 2
          continue
        }
        case Ch.HASH: {
          const nl = buf.indexOf(Ch.LF, i)
          if (nl === -1) return NEED
          i = nl + 1
          continue
        }
        case Ch.MINUS: {
          if (buf[i + 1] !== Ch.MINUS) break
          if (i + 2 >= len) return NEED
          if (buf[i + 2] > Ch.SPACE) break
          const nl = buf.indexOf(Ch.LF, i)
          if (nl === -1) return NEED
          i = nl + 1
          continue
        }
      }
      i++
    }
    return NEED
  }

  // ---- INSERT ------------------------------------------------------------------------------

  private skipSpaces(p: number): number {
    const buf = this.buf
    const len = this.len
    while (p < len && isSpaceByte(buf[p])) p++
    return p
  }

  /** `INSERT [IGNORE] INTO t [(cols)] VALUES` up to the first tuple; NEED if not all there. */
  private insertHead(p: number): number {
    const buf = this.buf
    const len = this.len
    const isReplace = (buf[p] | 0x20) === Ch.LOWER_R
    let k = p + (isReplace ? KW_REPLACE.length : KW_INSERT.length)
    let verb: InsertState['verb'] = isReplace ? 'REPLACE' : 'INSERT'
    for (;;) {
      k = this.skipSpaces(k)
      if (k >= len) return NEED
      let matched = 0
      for (const modifier of INSERT_MODIFIERS) {
        const e = this.keywordAt(k, modifier)
        if (e === NEED) return NEED
        if (e > 0) matched = e
      }
      if (matched === 0) {
        const e = this.keywordAt(k, KW_IGNORE)
        if (e === NEED) return NEED
        if (e > 0) {
          if (!isReplace) verb = 'INSERT IGNORE'
          matched = e
        }
      }
      if (matched === 0) break
      k = matched
    }
    const into = this.keywordAt(k, KW_INTO)
    if (into === NEED) return NEED
    if (into > 0) k = this.skipSpaces(into)
    let table = ''
    let qualifier: string | null = null
    for (;;) {
      const e = this.readIdentifier(k, true)
      if (e === NEED) return NEED
      table = this.identText
      k = this.skipSpaces(e)
      if (k >= len) return NEED
      if (buf[k] !== Ch.DOT) break
      qualifier = table // db.table: the table is the last part, its database the one before
      k = this.skipSpaces(k + 1)
    }
    let list: string[] | null = null
    if (buf[k] === Ch.LPAREN) {
      list = []
      k = this.skipSpaces(k + 1)
      for (;;) {
        if (k >= len) return NEED
        const e = this.readIdentifier(k)
        if (e === NEED) return NEED
        list.push(this.identText)
        k = this.skipSpaces(e)
        if (k >= len) return NEED
        if (buf[k] === Ch.COMMA) {
          k = this.skipSpaces(k + 1)
          continue
        }
        if (buf[k] === Ch.RPAREN) break
        this.syntax(`Expected , or ) in the column list of INSERT INTO ${quoteIdentifier(table)}`, k)
      }
      k = this.skipSpaces(k + 1)
    }
    if (k >= len) return NEED
    let values = this.keywordAt(k, KW_VALUES)
    if (values === NEED) return NEED
    if (values === 0) values = this.keywordAt(k, KW_VALUE)
    if (values === NEED) return NEED
    if (values === 0) this.syntax(`Expected VALUES in INSERT INTO ${quoteIdentifier(table)}`, k)
    k = this.skipSpaces(values)
    if (k >= len) return NEED
    if (buf[k] !== Ch.LPAREN) this.syntax(`Expected ( after VALUES in INSERT INTO ${quoteIdentifier(table)}`, k)

    if (this.sniff !== Sniff.Done) this.sniff = Sniff.Done
    this.beginInsert(qualifier ?? this.database, table, list, verb)
    this.state = State.Tuples
    this.afterTuple = false
    this.pos = k
    return k
  }

  private identText = ''
  private lastTableBytes: Buffer = EMPTY
  private lastTableName = ''

  /** A table or column name at p: `a``b`, "a", or a bare word. Sets identText; returns its end or NEED. */
  private readIdentifier(p: number, isTable = false): number {
    const buf = this.buf
    const len = this.len
    const c = buf[p]
    if (c === Ch.BACKQUOTE || c === Ch.DQUOTE) {
      let j = p + 1
      let doubled = false
      for (;;) {
        const q: number = buf.indexOf(c, j)
        if (q === -1 || q + 1 >= len) return NEED
        if (buf[q + 1] === c) {
          doubled = true
          j = q + 2
          continue
        }
        // INSERT after INSERT names the same table: reuse its string (no allocation per statement)
        const last = this.lastTableBytes
        if (isTable && !doubled && q - p - 1 === last.length && buf.compare(last, 0, last.length, p + 1, q) === 0) {
          this.identText = this.lastTableName
          return q + 1
        }
        const text = buf.utf8Slice(p + 1, q)
        if (isTable && !doubled) {
          this.lastTableBytes = Buffer.from(buf.subarray(p + 1, q))
          this.lastTableName = text
        }
        this.identText = doubled ? text.replaceAll(c === Ch.BACKQUOTE ? '``' : '""', c === Ch.BACKQUOTE ? '`' : '"') : text
        return q + 1
      }
    }
    let j = p
    while (j < len && isWordByte(buf[j])) j++
    if (j >= len) return NEED
    if (j === p) this.syntax('Expected a name', p)
    this.identText = buf.utf8Slice(p, j)
    return j
  }

  private beginInsert(database: string | null, table: string, list: string[] | null, verb: InsertState['verb']): void {
    const key = tableKey(database, table)
    const display = displayName(database, table)
    const def = this.tables.get(key)
    const offset = this.stmtStart
    if (database !== null) this.nameDatabase(database, offset)
    if (!def && !this.warnedNoTable.has(key)) {
      this.warnedNoTable.add(key)
      this.out.push({
        kind: 'warning',
        warning: this.warn({
          code: 'ROWS_WITHOUT_TABLE',
          message: `INSERT INTO ${quoteIdentifier(display)} before any CREATE TABLE for it: its columns are ${list ? 'taken from the INSERT' : 'unknown'} and all strings are read as text`,
          table,
          row: null,
          column: null,
          offset,
        }),
      })
    }
    const { columns, binary } = list ? this.insertColumns(def, list) : def ? this.tableColumns(def) : { columns: [], binary: new Uint8Array(0) }
    const line = this.lineAt(offset)
    this.ins = { table, database, key, display, columns, binary, expected: def || list ? columns.length : -1, verb, offset, line, rows: [] }
    this.info.currentTable = table
  }

  /** Column names and binary flags of a table, made once per CREATE TABLE (--skip-extended-insert has an INSERT per row). */
  private tableColumns(def: TableDef): InsertColumns {
    let cached = this.columnsOf.get(def)
    if (!cached) {
      cached = { columns: def.columns.map((c) => c.name), binary: Uint8Array.from(def.columns, (c) => (c.binary ? 1 : 0)) }
      this.columnsOf.set(def, cached)
    }
    return cached
  }

  private readonly columnsOf = new WeakMap<TableDef, InsertColumns>()

  /** The INSERT's own column list (--complete-insert) with the binary flags of those columns. */
  private insertColumns(def: TableDef | undefined, list: string[]): InsertColumns {
    const binary = new Uint8Array(list.length)
    if (def) {
      const byName = new Map(def.columns.map((c) => [c.name, c]))
      list.forEach((name, i) => {
        if (byName.get(name)?.binary) binary[i] = 1
      })
    }
    return { columns: list, binary }
  }

  /** true once a tuple's `)` has been read: next comes `,` or the delimiter */
  private afterTuple = false

  private parseTuples(): number {
    const ins = this.ins!
    const buf = this.buf
    const len = this.len
    const batchSize = this.batchSize
    let p = this.pos
    for (;;) {
      if (this.afterTuple) {
        while (p < len && isSpaceByte(buf[p])) p++
        if (p >= len) return NEED
        const c = buf[p]
        if (c === Ch.COMMA) {
          p++
          while (p < len && isSpaceByte(buf[p])) p++
          if (p >= len) return NEED
          if (buf[p] !== Ch.LPAREN) this.syntax(`Expected ( after , in INSERT INTO ${quoteIdentifier(ins.table)}`, p)
        } else if (c === this.delimiter[0]) {
          const dn = this.delimiter.length
          if (p + dn > len) return NEED
          for (let k = 1; k < dn; k++) if (buf[p + k] !== this.delimiter[k]) this.syntax(`Expected , or ${this.delimiter} after a row of INSERT INTO ${quoteIdentifier(ins.table)}`, p)
          this.flushRows()
          this.info.statements++
          this.state = State.Top
          this.ins = null
          this.pos = p + dn
          return this.pos
        } else {
          this.syntax(`Expected , or ${this.delimiter} after a row of INSERT INTO ${quoteIdentifier(ins.table)}`, p)
        }
      }
      const e = this.parseTuple(p, ins)
      if (e === NEED) return NEED
      p = e
      this.pos = p
      this.afterTuple = true
      if (ins.rows.length >= batchSize) this.flushRows()
    }
  }

  private flushRows(): void {
    const ins = this.ins!
    const n = ins.rows.length
    if (n === 0) return
    this.out.push(
      ins.database === null
        ? { kind: 'rows', table: ins.table, columns: ins.columns, rows: ins.rows, verb: ins.verb, offset: ins.offset }
        : { kind: 'rows', table: ins.table, database: ins.database, columns: ins.columns, rows: ins.rows, verb: ins.verb, offset: ins.offset },
    )
    ins.rows = []
    this.info.rows += n
    // progress by table name (tables of the same name in several databases add up here)
    this.info.rowsByTable[ins.table] = (this.info.rowsByTable[ins.table] ?? 0) + n
    this.rowsRead.set(ins.key, (this.rowsRead.get(ins.key) ?? 0) + n)
  }

  /** One `( v, v, … )` at p; pushes the row when complete. Returns the end (after `)`) or NEED. */
  private parseTuple(p0: number, ins: InsertState): number {
    const buf = this.buf
    const len = this.len
    const binary = ins.binary
    let p = p0 + 1
    const expected = ins.expected
    const row: SqlValue[] = expected > 0 ? new Array(expected) : []
    let col = 0
    for (;;) {
      let c = buf[p]
      while (c === Ch.SPACE || c === Ch.LF || c === Ch.CR || c === Ch.TAB) c = buf[++p]
      if (p >= len) return this.abandonTuple()
      if (c === Ch.QUOTE || c === Ch.DQUOTE) {
        p = this.readString(p, c, binary[col] === 1, col)
      } else if ((c >= Ch.ZERO && c <= Ch.NINE) || c === Ch.MINUS || c === Ch.PLUS || c === Ch.DOT) {
        p = this.readNumber(p)
      } else if ((c | 0x20) === Ch.LOWER_N) {
        if (p + 4 > len) return this.abandonTuple()
        if ((buf[p + 1] | 0x20) === Ch.LOWER_U && (buf[p + 2] | 0x20) === Ch.LOWER_L && (buf[p + 3] | 0x20) === Ch.LOWER_L) {
          this.val = null
          p += 4
        } else if (buf[p + 1] === Ch.QUOTE) {
          p = this.readString(p + 1, Ch.QUOTE, binary[col] === 1, col) // N'national string'
        } else {
          this.syntax(`Unexpected value in a row of INSERT INTO ${quoteIdentifier(ins.table)}`, p)
        }
      } else if (c === Ch.UNDERSCORE) {
        p = this.readIntroduced(p, col)
      } else if ((c | 0x20) === Ch.LOWER_X || (c | 0x20) === Ch.LOWER_B) {
        if (p + 1 >= len) return this.abandonTuple()
        if (buf[p + 1] !== Ch.QUOTE) this.syntax(`Unexpected value in a row of INSERT INTO ${quoteIdentifier(ins.table)}`, p)
        p = (c | 0x20) === Ch.LOWER_X ? this.readHexQuoted(p + 1) : this.readBitsQuoted(p + 1)
      } else if (c === Ch.RPAREN && col === 0) {
        // `()`: a row of defaults
        return this.completeTuple(row, 0, p0, p + 1, ins)
      } else {
        this.syntax(`Unexpected ${describeByte(c)} in a row of INSERT INTO ${quoteIdentifier(ins.table)}`, p)
      }
      if (p === NEED) return this.abandonTuple()
      row[col] = this.val
      c = buf[p]
      while (c === Ch.SPACE || c === Ch.LF || c === Ch.CR || c === Ch.TAB) c = buf[++p]
      if (p >= len) return this.abandonTuple()
      if (c === Ch.COMMA) {
        p++
        col++
        continue
      }
      if (c === Ch.RPAREN) return this.completeTuple(row, col + 1, p0, p + 1, ins)
      this.syntax(`Expected , or ) after a value in a row of INSERT INTO ${quoteIdentifier(ins.table)}`, p)
    }
  }

  private abandonTuple(): number {
    this.tupleWarnings = null
    return NEED
  }

  private completeTuple(row: SqlValue[], count: number, start: number, end: number, ins: InsertState): number {
    if (ins.expected !== -1 && count !== ins.expected) {
      const rowNumber = (this.rowsRead.get(ins.key) ?? 0) + ins.rows.length + 1
      this.syntax(`Row ${rowNumber} of INSERT INTO ${quoteIdentifier(ins.table)} has ${count} values for ${ins.expected} columns`, start)
    }
    if (this.tupleWarnings !== null) {
      for (const warning of this.tupleWarnings) this.out.push({ kind: 'warning', warning })
      this.tupleWarnings = null
    }
    ins.rows.push(row)
    return end
  }

  // ---- values ------------------------------------------------------------------------------

  /** A quoted string at p (the quote byte `quote`); sets this.val; returns the end or NEED. */
  private readString(p: number, quote: number, binary: boolean, col: number): number {
    const buf = this.buf
    const s = p + 1
    const q: number = buf.indexOf(quote, s)
    if (q === -1) return NEED
    let bs = this.bsNext
    if (bs < s) {
      bs = buf.indexOf(Ch.BACKSLASH, s)
      if (bs === -1) bs = NO_BACKSLASH
      this.bsNext = bs
    }
    if (bs > q) {
      if (q + 1 >= this.len) return NEED // cannot tell '' (an escaped quote) from the end yet
      if (buf[q + 1] !== quote) {
        this.val = binary ? copyBytes(buf, s, q) : this.decodeText(buf, s, q, col, s, q, quote)
        return q + 1
      }
    }
    return this.readEscapedString(s, quote, q, q < bs ? q : bs, binary, col)
  }

  /**
   * The slow path: a string with backslash escapes or doubled quotes. From the first of them
   * (`first`) on, one byte loop unescapes into the scratch buffer: the strings that take this path
   * (JSON, PHP serialize()) have an escape every few bytes, where a loop beats indexOf calls.
   */
  private readEscapedString(s: number, quote: number, q: number, first: number, binary: boolean, col: number): number {
    const buf = this.buf
    const len = this.len
    if (this.scratch.length < len - s) this.ensureScratch(len - s) // the unescaped text is never longer
    const scratch = this.scratch
    let w = first - s
    if (w > 64) buf.copy(scratch, 0, s, first)
    else for (let i = 0; i < w; i++) scratch[i] = buf[s + i]
    // q: the next quote byte at or after i (it may turn out escaped); before it only a backslash matters
    let i = first
    for (;;) {
      let c = buf[i]
      while (i < q && c !== Ch.BACKSLASH) {
        scratch[w++] = c
        c = buf[++i]
      }
      if (i === q) {
        if (q + 1 >= len) return NEED
        if (buf[q + 1] !== quote) break
        scratch[w++] = quote // a doubled quote
        i = q + 2
        q = buf.indexOf(quote, i)
        if (q === -1) return NEED
        continue
      }
      if (i + 1 >= len) return NEED
      const e = buf[i + 1]
      switch (e) {
        case Ch.ZERO: scratch[w++] = 0; break
        case Ch.LOWER_B: scratch[w++] = 0x08; break
        case Ch.LOWER_N: scratch[w++] = Ch.LF; break
        case Ch.LOWER_R: scratch[w++] = Ch.CR; break
        case Ch.LOWER_T: scratch[w++] = Ch.TAB; break
        case Ch.UPPER_Z: scratch[w++] = 0x1a; break
        case Ch.PERCENT:
        case Ch.UNDERSCORE:
          // LIKE escapes keep their backslash (MySQL rule)
          scratch[w++] = Ch.BACKSLASH
          scratch[w++] = e
          break
        default: scratch[w++] = e
      }
      i += 2
      if (i > q) {
        // the quote at q was escaped: find the next one
        q = buf.indexOf(quote, i)
        if (q === -1) return NEED
      }
    }
    this.val = binary ? copyBytes(scratch, 0, w) : this.decodeText(scratch, 0, w, col, s, q, quote)
    return q + 1
  }

  private ensureScratch(n: number): void {
    if (this.scratch.length >= n) return
    this.scratch = Buffer.allocUnsafe(Math.max(n, this.scratch.length * 2))
  }

  /**
   * UTF-8 text of bytes[s, e), whose source is buf[sourceStart, sourceEnd). When the whole buffer
   * was valid UTF-8 (checked once per push with isUtf8), nothing more is checked. Otherwise invalid
   * UTF-8 becomes U+FFFD and a warning; the check is a string search for U+FFFD, and isUtf8() of
   * the bytes only when one is found (it may be a real U+FFFD).
   */
  private decodeText(bytes: Buffer, s: number, e: number, col: number, sourceStart: number, sourceEnd: number, quote: number): string {
    const text = (bytes as FastBuffer).utf8Slice(s, e)
    if (sourceEnd <= this.utf8ValidEnd) return text
    if (text.indexOf('\uFFFD') === -1 || isUtf8(bytes.subarray(s, e))) return text
    const bad = firstInvalidUtf8(bytes, s, e) - s
    const sourceIndex = bytes === this.buf ? sourceStart + bad : sourceIndexOfUnescaped(this.buf, sourceStart, quote, bad)
    const ins = this.ins
    const table = ins ? ins.table : null
    const column = ins ? (ins.columns[col] ?? `#${col + 1}`) : null
    const rowNumber = ins ? (this.rowsRead.get(ins.key) ?? 0) + ins.rows.length + 1 : null
    const offset = this.base + sourceIndex
    const warning = this.warn({
      code: 'INVALID_UTF8',
      message: `Invalid UTF-8 in ${ins ? quoteIdentifier(ins.display) : 'a table'}.${column ? quoteIdentifier(column) : '?'} row ${rowNumber} at byte ${offset}: decoded with U+FFFD`,
      table,
      row: rowNumber,
      column,
      offset,
      ...(ins?.database == null ? {} : { database: ins.database }),
    })
    ;(this.tupleWarnings ??= []).push(warning)
    return text
  }

  /** A number at p: integer → number (bigint beyond 2^53), decimal/exponent → exact text, 0x… → bytes. */
  private readNumber(p: number): number {
    const buf = this.buf
    const len = this.len
    const s = p
    let c = buf[p]
    if (c === Ch.ZERO && p + 1 < len && ((buf[p + 1] | 0x20) === Ch.LOWER_X || (buf[p + 1] | 0x20) === Ch.LOWER_B)) {
      return (buf[p + 1] | 0x20) === Ch.LOWER_X ? this.readHexBare(p + 2) : this.readBitsBare(p + 2)
    }
    let negative = false
    if (c === Ch.MINUS || c === Ch.PLUS) {
      negative = c === Ch.MINUS
      c = buf[++p]
    }
    const ds = p
    let v = 0
    while (c >= Ch.ZERO && c <= Ch.NINE) {
      v = v * 10 + (c - Ch.ZERO)
      c = buf[++p]
    }
    if (p >= len) return NEED
    if (c === Ch.DOT || (c | 0x20) === Ch.LOWER_E) {
      if (c === Ch.DOT) {
        c = buf[++p]
        while (c >= Ch.ZERO && c <= Ch.NINE) c = buf[++p]
        if (p >= len) return NEED
      }
      if ((c | 0x20) === Ch.LOWER_E) {
        c = buf[++p]
        if (c === Ch.PLUS || c === Ch.MINUS) c = buf[++p]
        const es = p
        while (c >= Ch.ZERO && c <= Ch.NINE) c = buf[++p]
        if (p >= len) return NEED
        if (p === es) this.syntax('Malformed number exponent', p)
      }
      if (p - ds === 1 && buf[ds] === Ch.DOT) this.syntax('Malformed number', s)
      this.val = buf.latin1Slice(s, p)
      return p
    }
    const digits = p - ds
    if (digits === 0) this.syntax('Malformed number', s)
    if (digits <= 15) {
      this.val = negative && v !== 0 ? -v : v
    } else {
      const big = BigInt(buf.latin1Slice(s, p))
      this.val = big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big
    }
    return p
  }

  /** 0xABCD (digits from p) → bytes; an odd count is left-padded with 0 as MySQL does. */
  private readHexBare(p: number): number {
    const buf = this.buf
    const len = this.len
    let e = p
    while (e < len && HEX_VALUE[buf[e]] !== -1) e++
    if (e >= len) return NEED
    if (e === p) this.syntax('Malformed hex literal', p)
    this.val = hexToBytes(buf, p, e)
    return e
  }

  /** X'ABCD' with the quote at p. */
  private readHexQuoted(p: number): number {
    const buf = this.buf
    const q: number = buf.indexOf(Ch.QUOTE, p + 1)
    if (q === -1) return NEED
    for (let i = p + 1; i < q; i++) if (HEX_VALUE[buf[i]] === -1) this.syntax('Malformed X\'…\' literal', i)
    if ((q - p - 1) % 2 === 1) this.syntax('X\'…\' literal with an odd number of digits', p)
    this.val = hexToBytes(buf, p + 1, q)
    return q + 1
  }

  /** 0b0101 (digits from p). */
  private readBitsBare(p: number): number {
    const buf = this.buf
    const len = this.len
    let e = p
    while (e < len && (buf[e] === Ch.ZERO || buf[e] === Ch.ONE)) e++
    if (e >= len) return NEED
    if (e === p) this.syntax('Malformed bit literal', p)
    this.val = bitsToBytes(buf, p, e)
    return e
  }

  /** b'0101' with the quote at p. */
  private readBitsQuoted(p: number): number {
    const buf = this.buf
    const q: number = buf.indexOf(Ch.QUOTE, p + 1)
    if (q === -1) return NEED
    for (let i = p + 1; i < q; i++) if (buf[i] !== Ch.ZERO && buf[i] !== Ch.ONE) this.syntax('Malformed b\'…\' literal', i)
    this.val = bitsToBytes(buf, p + 1, q)
    return q + 1
  }

  /** `_binary '…'`, `_utf8mb4'…'`: a charset introducer before a literal. */
  private readIntroduced(p: number, col: number): number {
    const buf = this.buf
    const len = this.len
    let e = p + 1
    while (e < len && isWordByte(buf[e])) e++
    if (e >= len) return NEED
    const charset = buf.latin1Slice(p + 1, e).toLowerCase()
    const binary = charset === 'binary'
    const k = this.skipSpaces(e)
    if (k >= len) return NEED
    const c = buf[k]
    if (c === Ch.QUOTE || c === Ch.DQUOTE) return this.readString(k, c, binary, col)
    if (c === Ch.ZERO) return this.readNumber(k)
    if ((c | 0x20) === Ch.LOWER_X || (c | 0x20) === Ch.LOWER_B) {
      if (k + 1 >= len) return NEED
      if (buf[k + 1] === Ch.QUOTE) return (c | 0x20) === Ch.LOWER_X ? this.readHexQuoted(k + 1) : this.readBitsQuoted(k + 1)
    }
    return this.syntax(`Expected a string after _${charset}`, k)
  }
}

function copyBytes(bytes: Buffer, s: number, e: number): Uint8Array {
  const n = e - s
  const out = new Uint8Array(n)
  if (n > 64) bytes.copy(out, 0, s, e)
  else for (let i = 0; i < n; i++) out[i] = bytes[s + i]
  return out
}

/**
 * One isUtf8() pass (simdutf) over the buffer: if buf[0, len) is valid UTF-8 up to a character cut
 * by the chunk end, every string inside it is valid too (its bounds are ASCII quotes), and the
 * per-string check is skipped. Returns that end, or -1 when the buffer holds invalid UTF-8 (binary
 * strings, or text to warn about) and each string has to be checked on its own.
 */
function validUtf8End(buf: Buffer, len: number): number {
  if (len === 0) return -1
  let end = len
  // a multibyte character cut by the end of the buffer
  for (let k = len - 1; k >= 0 && k >= len - 4; k--) {
    const c = buf[k]
    if ((c & 0xc0) === 0x80) continue
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1
    if (len - k < need) end = k
    break
  }
  return isUtf8(buf.subarray(0, end)) ? end : -1
}

function hexToBytes(buf: Buffer, s: number, e: number): Uint8Array {
  const digits = e - s
  const out = new Uint8Array((digits + 1) >> 1)
  let i = s
  let o = 0
  if (digits % 2 === 1) out[o++] = HEX_VALUE[buf[i++]]
  while (i < e) {
    out[o++] = (HEX_VALUE[buf[i]] << 4) | HEX_VALUE[buf[i + 1]]
    i += 2
  }
  return out
}

/** b'1010101010' → big-endian bytes, left-padded to whole bytes (0x02 0xAA). */
function bitsToBytes(buf: Buffer, s: number, e: number): Uint8Array {
  const bits = e - s
  const out = new Uint8Array((bits + 7) >> 3)
  for (let i = 0; i < bits; i++) {
    if (buf[e - 1 - i] === Ch.ONE) out[out.length - 1 - (i >> 3)] |= 1 << (i & 7)
  }
  return out
}

/** Index of the first byte that is not part of valid UTF-8 in bytes[s, e), or e. */
export function firstInvalidUtf8(bytes: Uint8Array, s: number, e: number): number {
  let i = s
  while (i < e) {
    const c = bytes[i]
    if (c < 0x80) {
      i++
      continue
    }
    let n: number
    let min: number
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1
      min = 0x80
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2
      min = 0x800
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3
      min = 0x10000
    } else return i
    if (i + n >= e) return i // the sequence is cut short
    let cp = c & (0x3f >> n)
    for (let k = 1; k <= n; k++) {
      const d = bytes[i + k]
      if ((d & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (d & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += n + 1
  }
  return e
}

/** Where, in the escaped source starting at s, the k-th unescaped byte comes from. */
function sourceIndexOfUnescaped(buf: Buffer, s: number, quote: number, k: number): number {
  let i = s
  let w = 0
  for (;;) {
    const c = buf[i]
    const step = c === Ch.BACKSLASH ? 2 : c === quote ? 2 : 1
    const produced = c === Ch.BACKSLASH && (buf[i + 1] === Ch.PERCENT || buf[i + 1] === Ch.UNDERSCORE) ? 2 : 1
    if (w + produced > k) return c === Ch.BACKSLASH ? i + 1 : i
    w += produced
    i += step
  }
}

function describeByte(c: number | undefined): string {
  if (c === undefined) return 'end of input'
  if (c >= 0x21 && c < 0x7f) return `"${String.fromCharCode(c)}"`
  return `byte 0x${c.toString(16).padStart(2, '0')}`
}
