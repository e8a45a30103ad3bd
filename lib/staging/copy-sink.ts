import { once } from 'node:events'
import type { PoolClient } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { CopyTextBuffer } from './copy-text'

/** What a CopySink drains: rows gathered in COPY text (CopyTextBuffer) or binary (CopyBinaryBuffer). */
export interface CopyRowBuffer {
  readonly full: boolean
  readonly empty: boolean
  take(): Buffer
  /** the format's end-of-data marker, if it has one */
  finish?(): void
}

/**
 * Rows into one `COPY … FROM STDIN`, gathered into ~1 MB writes, waiting for `drain` when the
 * socket says so. `abort(error)` sends CopyFail, so PostgreSQL drops what this COPY wrote.
 */
export class CopySink<Rows extends CopyRowBuffer = CopyTextBuffer> {
  private readonly stream: ReturnType<typeof copyFrom>

  constructor(
    client: PoolClient,
    sql: string,
    /** where rows are written; `written()` after each row */
    readonly rows: Rows = new CopyTextBuffer() as unknown as Rows,
  ) {
    this.stream = client.query(copyFrom(sql))
  }

  /** Adds a row of COPY text fields; returns a promise only when a full chunk was written and must drain (await it). */
  push(this: CopySink<CopyTextBuffer>, fields: string[]): Promise<void> | undefined {
    this.rows.pushRow(fields)
    return this.written()
  }

  /** After a row was written into `rows`: a promise to await when a full chunk went out, else undefined. */
  written(): Promise<void> | undefined {
    return this.rows.full ? this.flush() : undefined
  }

  private async flush(): Promise<void> {
    if (!this.stream.write(this.rows.take())) await once(this.stream, 'drain')
  }

  async end(): Promise<void> {
    this.rows.finish?.()
    if (!this.rows.empty) await this.flush()
    this.stream.end()
    await once(this.stream, 'finish')
  }

  async abort(error: Error): Promise<void> {
    this.stream.destroy(error)
    await once(this.stream, 'close').catch(() => undefined)
  }
}
