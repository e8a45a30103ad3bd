// Before the browser tests: real dumps to upload. A private MariaDB (lib/testing) is loaded with
// the legacy fixture, once plain and once with its schema drift, and dumped by the real
// mariadb-dump; then a truncated copy and a file that is not a dump are made from them.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadLegacyFixture } from '../lib/testing/legacy-fixture'
import { startMariaDb } from '../lib/testing/mariadb'
import { dumps, DUPLICATED_CUSTOMER_ID, E2E_DUMP_DIR } from './support/dumps'

export default async function globalSetup() {
  mkdirSync(E2E_DUMP_DIR, { recursive: true })
  const started = Date.now()
  const server = await startMariaDb()
  try {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await loadLegacyFixture(server, { database: 'ordermys_drifted', drifted: true })
    // The journey's dump also has a row the migration must reject: a legacy table without its
    // primary key, and a customer ID that appears twice (DUPLICATE_ID).
    await server.exec(
      `ALTER TABLE Customers MODIFY ID int(11) NOT NULL, DROP PRIMARY KEY;
       INSERT INTO Customers SELECT * FROM Customers WHERE ID = ${DUPLICATED_CUSTOMER_ID};`,
      'ordermys_drifted',
    )
    await server.dump('default', dumps.plain, { database: 'ordermys' })
    await server.dump('default', dumps.drifted, { database: 'ordermys_drifted', gzip: true })
  } finally {
    await server.stop()
  }
  const plain = readFileSync(dumps.plain)
  const cut = plain.indexOf(Buffer.from('INSERT INTO `Orders`'))
  if (cut < 0) throw new Error('the plain dump has no Orders rows')
  writeFileSync(dumps.truncated, plain.subarray(0, cut + 300))
  writeFileSync(dumps.notADump, 'OrderID;Customer;Total\n1;Anna Müller;2615.50\n2;James Smith;1890.00\n')
  for (const file of Object.values(dumps)) if (!existsSync(file)) throw new Error(`global setup did not write ${file}`)
  console.log(`e2e dumps ready in ${E2E_DUMP_DIR} (${Date.now() - started} ms)`)
}
