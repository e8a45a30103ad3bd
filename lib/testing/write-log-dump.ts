// A mariadb-dump-shaped file with just UserTypes, Credentials and a big Log: what the fault tests
// import (a table of ~200k rows and the two it references) without staging a 230 MB production-
// shaped dump for it. Same text as the synthetic dump (dump-format.ts), deterministic.

import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { datetimeText, dumpFooter, dumpHeader, ExtendedInsertWriter, sqlNullableString, sqlString, tableDataEnd, tableDataStart, tableStructure } from './dump-format'
import { showCreateTable } from './legacy-schema'

export interface WriteLogDumpOptions {
  out: string
  logRows: number
  /** Credentials rows (Log.UserID points at 0…credentials + 10: some anonymous, some orphans) */
  credentials?: number
}

const ROLES = ['Administrator', 'Fitter', 'Factory', 'Supervisor', 'Customer service']
const ACTIONS = ['login', 'logout', 'order.view', 'order.status', 'search']

export async function writeLogDump({ out, logRows, credentials = 200 }: WriteLogDumpOptions): Promise<{ bytes: number }> {
  const file = createWriteStream(out)
  const write = async (text: string) => {
    if (!file.write(text)) await once(file, 'drain')
  }
  const table = async (name: string, rows: number, tuple: (id: number) => string) => {
    await write(tableStructure(name, showCreateTable(name, rows + 1)))
    await write(tableDataStart(name))
    const pieces: string[] = []
    const insert = new ExtendedInsertWriter(name, (text) => pieces.push(text))
    for (let id = 1; id <= rows; id++) {
      insert.add(tuple(id))
      if (pieces.length > 0) await write(pieces.splice(0).join(''))
    }
    insert.end()
    await write(pieces.join('') + tableDataEnd(name))
  }

  await write(dumpHeader('ordermys'))
  await table('UserTypes', ROLES.length, (id) => `(${id},${sqlString(ROLES[id - 1])})`)
  await table('Credentials', credentials, (id) => `(${id},${sqlString(`user${id}`)},${sqlString(`5f4dcc3b5aa765d61d8327deb882cf${String(id % 100).padStart(2, '0')}`)},${1 + (id % 5)},${sqlNullableString(id % 7 === 0 ? null : `user${id}@example.com`)},${id % 3 === 0 ? 0 : 1_500_000_000 + id},${id % 50 === 0 ? 1 : 0})`)
  const start = Date.UTC(2012, 0, 2) / 1000
  await table('Log', logRows, (id) => {
    const time = id % 97 === 0 ? '0000-00-00 00:00:00' : datetimeText(start + id * 420)
    const details = id % 3 === 0 ? `event ${id} details; `.repeat(1 + (id % 7)) : null
    return `(${id},${(id * 7919) % (credentials + 10)},${sqlString(time)},${sqlString(ACTIONS[id % 5])},${sqlNullableString(details)},${sqlString(`10.${id % 256}.${(id >> 8) % 256}.1`)})`
  })
  await write(dumpFooter(new Date(Date.UTC(2026, 10, 25))))
  file.end()
  await finished(file)
  return { bytes: file.bytesWritten }
}
