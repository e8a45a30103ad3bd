// The dump reader: a mysqldump / mariadb-dump stream → DumpEvents (types.ts is the contract).
//
//   const events = readDump(openDumpFile(path))           // plain, gzip, bzip2, xz, zstd or zip (told by the bytes)
//   for await (const event of events) { … events.info … }  // info: live counters (bytes, rows, …)
//
// createDumpReader() is the I/O-free core (push(chunk) / end()) for other adapters (a route
// handler's request body, a Transform). Errors are DumpError with code NOT_A_DUMP, TRUNCATED,
// SYNTAX, DUPLICATE_TABLE, GZIP, DECOMPRESS, ZIP_CONTENTS or DECOMPRESSED_TOO_LARGE (a bomb:
// decompression-limits.ts) plus offset, line and table. Views: one 'view' event per view name, placeholder
// tables are never reported as tables (see dump-reader.ts).
export type {
  ColumnDef,
  DumpErrorCode,
  DumpEvent,
  DumpInfo,
  DumpWarning,
  DumpWarningCode,
  KeyDef,
  SqlValue,
  TableDef,
} from './types'
export { createDumpReader, type DumpReader, type DumpReaderOptions } from './dump-reader'
export { DumpError, isDumpError } from './dump-error'
export { openDumpFile, readDump, type DumpEventStream, type ReadDumpOptions } from './read-dump'
export { checkDumpHead, DUMP_HEAD_BYTES } from './check-dump-head'
export { decompressionLimits, formatLimit, type DecompressionLimits } from './decompression-limits'
export { detectCompression, type Compression } from './decompress'
