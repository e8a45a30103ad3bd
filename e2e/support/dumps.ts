import os from 'node:os'
import path from 'node:path'

/** Where the global setup writes the dumps the browser tests upload (outside the repository). */
export const E2E_DUMP_DIR = process.env.E2E_DUMP_DIR ?? path.join(os.tmpdir(), `ordermys-e2e-dumps-${process.getuid?.() ?? 'user'}`)

/** the app's upload folder during the browser tests (ORDERMYS_UPLOAD_DIR of the web server; emptied by the global setup) */
export const E2E_UPLOAD_DIR = process.env.E2E_UPLOAD_DIR ?? '.data/e2e-uploads'

/** the journey's dump has this Customers ID twice: the second row is rejected */
export const DUPLICATED_CUSTOMER_ID = 3

export const dumps = {
  /** the legacy fixture with its schema drift (an extra table and column) and a repeated customer ID, as mariadb-dump writes it, gzipped */
  drifted: path.join(E2E_DUMP_DIR, 'ordermys_drifted.sql.gz'),
  /** the plain legacy fixture, as mariadb-dump writes it */
  plain: path.join(E2E_DUMP_DIR, 'ordermys.sql'),
  /** the plain dump cut in the middle of the Orders rows */
  truncated: path.join(E2E_DUMP_DIR, 'ordermys_truncated.sql'),
  /** `mariadb-dump --databases ordermys_drifted ordermys`: two databases, both with the legacy tables */
  twoDatabases: path.join(E2E_DUMP_DIR, 'two-databases.sql'),
  /** a spreadsheet export someone mistook for the dump */
  notADump: path.join(E2E_DUMP_DIR, 'orders-export.sql'),
}
