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
 *
 * PostgreSQL may refuse the COPY at any time (a value a column cannot hold, a constraint, the
 * statement itself): the stream then emits 'error' while no one may be awaiting it. The sink keeps
 * that error and throws it from the next push, flush or end, so that it always reaches the caller;
 * and abort() of a COPY PostgreSQL already refused does not wait for an answer that never comes.
 */
export class CopySink<Rows extends CopyRowBuffer = CopyTextBuffer> {
  private readonly stream: ReturnType<typeof copyFrom>
  /** the error PostgreSQL (or the connection) ended this COPY with, once it did */
  private failure: Error | null = null

  constructor(
    client: PoolClient,
    sql: string,
    /** where rows are written; `written()` after each row */
    readonly rows: Rows = new CopyTextBuffer() as unknown as Rows,
  ) {
    this.stream = client.query(copyFrom(sql))
    this.stream.on('error', (error: Error) => {
      this.failure ??= error
    })
  }

  /** Adds a row of COPY text fields; returns a promise only when a full chunk was written and must drain (await it). */
  push(this: CopySink<CopyTextBuffer>, fields: string[]): Promise<void> | undefined {
    if (this.failure) throw this.failure
    this.rows.pushRow(fields)
    return this.written()
  }

  /** After a row was written into `rows`: a promise to await when a full chunk went out, else undefined. */
  written(): Promise<void> | undefined {
    if (this.failure) throw this.failure
    return this.rows.full ? this.flush() : undefined
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure
    if (!this.stream.write(this.rows.take())) await this.settled(once(this.stream, 'drain'))
  }

  async end(): Promise<void> {
    this.rows.finish?.()
    if (!this.rows.empty) await this.flush()
    if (this.failure) throw this.failure
    this.stream.end()
    await this.settled(once(this.stream, 'finish'))
  }

  async abort(error: Error): Promise<void> {
    // Refused already: PostgreSQL has ended this COPY and the stream has let go of the connection,
    // so there is no CopyFail to send (destroy() would try, on no connection) and no answer to wait for.
    if (this.failure || this.stream.destroyed) return
    const closed = once(this.stream, 'close').catch(() => undefined)
    this.stream.destroy(error)
    await closed
  }

  /** Waits for `event` unless the COPY fails first (then throws its error: an 'error' after the wait began rejects `once`). */
  private async settled(event: Promise<unknown>): Promise<void> {
    if (this.failure) throw this.failure
    await event
  }
}
