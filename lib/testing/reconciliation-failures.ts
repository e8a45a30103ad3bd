import type { Pool } from 'pg'

/** The failing checks of the newest reconciliation, as the report has them (for a test's message). */
export async function reconciliationFailures(pool: Pick<Pool, 'query'>): Promise<unknown[]> {
  const { rows } = await pool.query(
    `SELECT jsonb_path_query_array(report, '$.** ? (@.status == "fail" && exists(@.message))') AS f
       FROM ordermys_migrate.migration_reconciliations ORDER BY created_at DESC LIMIT 1`,
  )
  return rows[0]?.f ?? []
}
