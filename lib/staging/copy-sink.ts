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

  async push(fields: string[]): Promise<void> {
    this.buffer.pushRow(fields)
    if (this.buffer.full) await this.flush()
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
