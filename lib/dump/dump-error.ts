import type { DumpErrorCode } from './types'

export interface DumpErrorDetails {
  /** byte offset in the (decompressed) dump; for GZIP, in the compressed source; for DECOMPRESSED_TOO_LARGE, where the text stopped */
  offset: number
  /** 1-based line of `offset`; 0 when unknown (GZIP) */
  line: number
  table: string | null
}

/**
 * The one error the reader throws (csv-parse's CsvError idea): a code from a closed list plus the
 * position, so that "where" is never lost. The message names what and where, e.g.
 * "Dump truncated inside INSERT INTO `Orders` at byte 123456 (line 789)".
 */
export class DumpError extends Error {
  readonly code: DumpErrorCode
  readonly offset: number
  readonly line: number
  readonly table: string | null

  constructor(code: DumpErrorCode, message: string, details: DumpErrorDetails) {
    super(message)
    this.name = 'DumpError'
    this.code = code
    this.offset = details.offset
    this.line = details.line
    this.table = details.table
  }
}

export function isDumpError(error: unknown): error is DumpError {
  return error instanceof DumpError
}

/** `Orders` → "`Orders`" with backquotes doubled, as SQL writes identifiers. */
export function quoteIdentifier(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}
