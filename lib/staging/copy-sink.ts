import { once } from 'node:events'
import type { PoolClient } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { CopyTextBuffer } from './copy-text'

/**
 * Rows into one `COPY … FROM STDIN`, gathered into ~1 MB writes, waiting for `drain` when the
 * socket says so. `abort(error)` sends CopyFail, so PostgreSQL drops what this COPY wrote.
 */
export class CopySink {
  private readonly stream: ReturnType<typeof copyFrom>
  private readonly buffer = new CopyTextBuffer()

  constructor(client: PoolClient, sql: string) {
    this.stream = client.query(copyFrom(sql))
  }

  /** Adds a row; returns a promise only when a full chunk was written and must drain (await it). */
  push(fields: string[]): Promise<void> | undefined {
    this.buffer.pushRow(fields)
    return this.buffer.full ? this.flush() : undefined
  }

  private async flush(): Promise<void> {
    if (!this.stream.write(this.buffer.take())) await once(this.stream, 'drain')
  }

  async end(): Promise<void> {
    if (!this.buffer.empty) await this.flush()
    this.stream.end()
    await once(this.stream, 'finish')
  }

  async abort(error: Error): Promise<void> {
    this.stream.destroy(error)
    await once(this.stream, 'close').catch(() => undefined)
  }
}
