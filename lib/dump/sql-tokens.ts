// A small SQL tokenizer for the statements the reader looks into as text (CREATE TABLE, and the
// first words of any statement to classify it). Statements are small, so this works on a JS
// string; row data never comes through here (see dump-reader.ts for the byte-level path).
//
// Comments are skipped; the markers of versioned comments (`/*!40101 … */`, `/*M!100000 … */`)
// are skipped too while their body is tokenized as SQL, because mysqldump hides executable SQL in
// them (`/*!50001 CREATE … VIEW … */`). A versioned comment whose body starts with a backslash
// (`/*M!999999\- enable the sandbox mode */`) is a mariadb client command, not SQL: skipped.

export type SqlTokenKind = 'word' | 'ident' | 'string' | 'number' | 'variable' | 'punct'

export interface SqlToken {
  kind: SqlTokenKind
  /** the source text of the token */
  text: string
  /** word: upper-cased; ident: the name with quotes removed; string: the unescaped content; others: text */
  value: string
  start: number
  end: number
  /** true when the token lies inside a versioned comment `/*!NNNNN … *\/` */
  versioned: boolean
}

const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24 || c >= 0x80

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c

/** Where a `-- ` comment may start: MySQL wants whitespace or a control character after the dashes. */
export function isDashCommentAt(sql: string, i: number): boolean {
  if (sql.charCodeAt(i) !== 0x2d || sql.charCodeAt(i + 1) !== 0x2d) return false
  const c = sql.charCodeAt(i + 2)
  return Number.isNaN(c) || c <= 0x20
}

/** The escapes of MySQL string literals. `\%` and `\_` keep their backslash (they are LIKE escapes). */
export function unescapeSqlString(body: string, quote: string): string {
  if (body.indexOf('\\') === -1 && body.indexOf(quote) === -1) return body
  let out = ''
  let i = 0
  while (i < body.length) {
    const ch = body[i]
    if (ch === '\\' && i + 1 < body.length) {
      const n = body[i + 1]
      switch (n) {
        case '0': out += '\0'; break
        case 'b': out += '\b'; break
        case 'n': out += '\n'; break
        case 'r': out += '\r'; break
        case 't': out += '\t'; break
        case 'Z': out += '\x1a'; break
        case '%': out += '\\%'; break
        case '_': out += '\\_'; break
        default: out += n
      }
      i += 2
    } else if (ch === quote && body[i + 1] === quote) {
      out += quote
      i += 2
    } else {
      out += ch
      i++
    }
  }
  return out
}

/**
 * Tokenizes a statement, or its first `limit` tokens. Lenient at the end: an unterminated string or
 * comment runs to the end.
 */
export function tokenizeSql(sql: string, limit = Infinity): SqlToken[] {
  const tokens: SqlToken[] = []
  const n = sql.length
  let i = 0
  let depth = 0 // inside a versioned comment
  while (i < n && tokens.length < limit) {
    const c = sql.charCodeAt(i)
    if (isSpace(c)) {
      i++
      continue
    }
    // comments and versioned-comment markers
    if (c === 0x2f && sql.charCodeAt(i + 1) === 0x2a) {
      let j = i + 2
      const bang = sql.charCodeAt(j) === 0x21 ? 1 : sql.charCodeAt(j) === 0x4d && sql.charCodeAt(j + 1) === 0x21 ? 2 : 0
      if (bang > 0) {
        j += bang
        while (isDigit(sql.charCodeAt(j))) j++
        if (sql.charCodeAt(j) !== 0x5c) {
          depth++
          i = j
          continue
        }
      }
      const close = sql.indexOf('*/', j)
      i = close === -1 ? n : close + 2
      continue
    }
    if (c === 0x2a && sql.charCodeAt(i + 1) === 0x2f && depth > 0) {
      depth--
      i += 2
      continue
    }
    if (c === 0x23 || isDashCommentAt(sql, i)) {
      const nl = sql.indexOf('\n', i)
      i = nl === -1 ? n : nl + 1
      continue
    }
    const start = i
    const versioned = depth > 0
    if (c === 0x60) {
      // `identifier` with `` for a backquote
      let j = i + 1
      for (;;) {
        const q = sql.indexOf('`', j)
        if (q === -1) {
          j = n
          break
        }
        if (sql.charCodeAt(q + 1) === 0x60) {
          j = q + 2
          continue
        }
        j = q + 1
        break
      }
      const text = sql.slice(start, j)
      const inner = text.endsWith('`') && text.length >= 2 ? text.slice(1, -1) : text.slice(1)
      tokens.push({ kind: 'ident', text, value: inner.includes('``') ? inner.replaceAll('``', '`') : inner, start, end: j, versioned })
      i = j
      continue
    }
    if (c === 0x27 || c === 0x22) {
      i = readString(sql, i, start, versioned, tokens)
      continue
    }
    if (c === 0x40) {
      // @var, @@var, @`quoted`
      let j = i + 1
      if (sql.charCodeAt(j) === 0x40) j++
      if (sql.charCodeAt(j) === 0x60 || sql.charCodeAt(j) === 0x27 || sql.charCodeAt(j) === 0x22) {
        const q = sql.indexOf(sql[j], j + 1)
        j = q === -1 ? n : q + 1
      } else {
        while (j < n && (isWordChar(sql.charCodeAt(j)) || sql.charCodeAt(j) === 0x2e)) j++
      }
      const text = sql.slice(start, j)
      tokens.push({ kind: 'variable', text, value: text, start, end: j, versioned })
      i = j
      continue
    }
    if (isDigit(c) || (c === 0x2e && isDigit(sql.charCodeAt(i + 1)))) {
      let j = i
      while (j < n && (isWordChar(sql.charCodeAt(j)) || sql.charCodeAt(j) === 0x2e)) {
        const d = sql.charCodeAt(j)
        j++
        // exponent sign: 1e-5
        if ((d === 0x65 || d === 0x45) && (sql.charCodeAt(j) === 0x2b || sql.charCodeAt(j) === 0x2d)) j++
      }
      const text = sql.slice(start, j)
      if (isNumberText(text)) {
        tokens.push({ kind: 'number', text, value: text, start, end: j, versioned })
      } else {
        // identifiers may start with digits (`1abc`)
        tokens.push({ kind: 'word', text, value: text.toUpperCase(), start, end: j, versioned })
      }
      i = j
      continue
    }
    if (isWordChar(c)) {
      let j = i + 1
      while (j < n && isWordChar(sql.charCodeAt(j))) j++
      const next = sql.charCodeAt(j)
      const word = sql.slice(start, j)
      // introducers and typed literals: _binary'…', _utf8mb4'…', N'…', X'…', B'…'
      if ((next === 0x27 || next === 0x22) && (c === 0x5f || (j === i + 1 && 'nNxXbB'.includes(word)))) {
        i = readString(sql, j, start, versioned, tokens)
        continue
      }
      tokens.push({ kind: 'word', text: word, value: word.toUpperCase(), start, end: j, versioned })
      i = j
      continue
    }
    // punctuation; `:=` is one token
    const len = c === 0x3a && sql.charCodeAt(i + 1) === 0x3d ? 2 : sql.codePointAt(i)! > 0xffff ? 2 : 1
    const text = sql.slice(i, i + len)
    tokens.push({ kind: 'punct', text, value: text, start, end: i + len, versioned })
    i += len
  }
  return tokens
}

/** `12`, `1.5`, `.5`, `1e-3`, `0x1F`, `0b101` — not `1abc` (an identifier may start with digits). */
function isNumberText(text: string): boolean {
  const n = text.length
  let i = 0
  const c1 = text.charCodeAt(1) | 0x20
  if (text.charCodeAt(0) === 0x30 && (c1 === 0x78 || c1 === 0x62) && n > 2) {
    for (i = 2; i < n; i++) {
      const c = text.charCodeAt(i) | 0x20
      if (!(isDigit(c) || (c >= 0x61 && c <= 0x66))) return false
    }
    return true
  }
  while (i < n && isDigit(text.charCodeAt(i))) i++
  if (text.charCodeAt(i) === 0x2e) {
    i++
    while (i < n && isDigit(text.charCodeAt(i))) i++
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    i++
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++
    const digits = i
    while (i < n && isDigit(text.charCodeAt(i))) i++
    if (i === digits) return false
  }
  return i === n
}

function readString(sql: string, quoteAt: number, start: number, versioned: boolean, tokens: SqlToken[]): number {
  const n = sql.length
  const quote = sql[quoteAt]
  let j = quoteAt + 1
  let bs = -2 // next backslash at or after j, refreshed only when passed
  for (;;) {
    const q = sql.indexOf(quote, j)
    if (bs !== -1 && bs < j) bs = sql.indexOf('\\', j)
    if (q === -1) {
      j = n
      break
    }
    if (bs !== -1 && bs < q) {
      j = bs + 2
      continue
    }
    if (sql[q + 1] === quote) {
      j = q + 2
      continue
    }
    j = q + 1
    break
  }
  const text = sql.slice(start, j)
  const closed = j - quoteAt >= 2 && sql[j - 1] === quote
  const body = sql.slice(quoteAt + 1, closed ? j - 1 : j)
  tokens.push({ kind: 'string', text, value: unescapeSqlString(body, quote), start, end: j, versioned })
  return j
}

/** The name a token stands for when an identifier is expected (`t`, `"t"` under ANSI_QUOTES, t). */
export function identifierName(token: SqlToken | undefined): string | null {
  if (!token) return null
  if (token.kind === 'ident') return token.value
  if (token.kind === 'word') return token.text
  if (token.kind === 'string' && token.text.startsWith('"')) return token.value
  return null
}
