// Test helpers for the dump reader: feed bytes in given chunkings, collect what comes out.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createDumpReader, type DumpReaderOptions } from './dump-reader'
import type { DumpEvent, DumpInfo, SqlValue, TableDef } from './types'

export const FIXTURES_DIR = path.join(import.meta.dirname, 'fixtures')

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES_DIR, name))
}

export interface ReadResult {
  events: DumpEvent[]
  info: DumpInfo
}

/** Feeds `chunks` one by one, then end(); throws what the reader throws. */
export function readChunks(chunks: Iterable<Uint8Array>, options?: DumpReaderOptions): ReadResult {
  const reader = createDumpReader(options)
  const events: DumpEvent[] = []
  for (const chunk of chunks) for (const event of reader.push(chunk)) events.push(event)
  for (const event of reader.end()) events.push(event)
  return { events, info: structuredClone(reader.info) }
}

export function readWhole(input: Uint8Array | string, options?: DumpReaderOptions): ReadResult {
  return readChunks([typeof input === 'string' ? Buffer.from(input) : input], options)
}

/** The input cut at the given offsets (each chunk a fresh copy, as a stream would hand them over). */
export function* splitAt(bytes: Uint8Array, offsets: number[]): Generator<Uint8Array> {
  let from = 0
  for (const at of [...offsets, bytes.length]) {
    yield bytes.slice(from, at)
    from = at
  }
}

export function* byteByByte(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.slice(i, i + 1)
}

/** Captures the error a function throws (or fails when it does not). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

export function tablesOf(events: DumpEvent[]): TableDef[] {
  return events.flatMap((e) => (e.kind === 'table' ? [e.table] : []))
}

export function rowsOf(events: DumpEvent[], table: string): SqlValue[][] {
  return events.flatMap((e) => (e.kind === 'rows' && e.table === table ? e.rows : []))
}

export function warningsOf(events: DumpEvent[]) {
  return events.flatMap((e) => (e.kind === 'warning' ? [e.warning] : []))
}

/** The only row of the only 'rows' event of a one-INSERT dump. */
export function singleRow(sql: string): SqlValue[] {
  const rows = readWhole(sql).events.flatMap((e) => (e.kind === 'rows' ? e.rows : []))
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`)
  return rows[0]
}

export const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)
