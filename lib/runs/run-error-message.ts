// What the pages say about a failed run. The reader's errors (DumpError codes) and the app's own
// (INTERRUPTED) were written for the operator and are shown as they are; any other failure was an
// internal error whose text may be a database message: the page gets a plain sentence instead.

const OPERATOR_MESSAGES: Record<string, string> = {
  NOT_A_DUMP: 'This file is not a MySQL/MariaDB dump.',
  TRUNCATED: 'The dump is truncated: it ends in the middle of a statement.',
  SYNTAX: 'The dump holds a statement the reader cannot parse.',
  GZIP: 'The gzip file is damaged.',
  DECOMPRESS: 'The compressed file (bzip2, xz, zstd or zip) is damaged or cut short.',
  ZIP_CONTENTS: 'The zip does not hold exactly one dump file.',
  DUPLICATE_TABLE: 'The dump creates a table that exists already, without dropping it first.',
  DECOMPRESSED_TOO_LARGE: 'The compressed file expands to far more than a dump can (a decompression limit stopped it).',
  INTERRUPTED: 'The server stopped while this run was being worked on.',
}

export interface PublicRunError {
  code: string
  /** one sentence: what happened */
  title: string
  /** the reader's own message (with the byte offset and line), when it is meant for the operator */
  detail: string | null
}

export function publicRunError(code: string | null, message: string | null): PublicRunError | null {
  if (!code && !message) return null
  const known = code ? OPERATOR_MESSAGES[code] : undefined
  if (known) return { code: code!, title: known, detail: message }
  return {
    code: code ?? 'FAILED',
    title: 'Staging failed on the server. The details are in the server log; nothing of this dump was kept.',
    detail: null,
  }
}
