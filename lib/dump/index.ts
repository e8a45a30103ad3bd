// The dump reader: a mysqldump / mariadb-dump stream → DumpEvents (see types.ts for the contract).
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
