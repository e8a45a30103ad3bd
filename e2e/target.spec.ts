// The backend's own database, seen from the app: the target check on the run overview names what
// the target lacks (a column of users, a whole table), an operator sees the statements before
// anything runs, downloads them as a migration file, prepares the target, and the check is green.

import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import pg from 'pg'
import { dumps } from './support/dumps'
import { shot, uploadDump } from './support/flow'

const PG_PORT = process.env.E2E_PG_PORT ?? '54339'

/** Makes the app's embedded target look like a backend's: a contract column and a table missing. */
async function makeTargetLikeABackend() {
  const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/ordermys_migrate` })
  await client.connect()
  try {
    await client.query('TRUNCATE users CASCADE')
    await client.query('ALTER TABLE users DROP COLUMN legacy_role_id')
    await client.query('DROP TABLE preset_items')
    await client.query("DELETE FROM ordermys_migrate.migration_target_tables WHERE table_name = 'preset_items'")
  } finally {
    await client.end()
  }
}

test('the target check names what the target lacks; preparing it shows the statements first, then adds them', async ({ page }) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  await makeTargetLikeABackend()

  const runId = await uploadDump(page, dumps.plain)
  await expect(page.getByTestId('tables-validated')).toHaveText('21 of 21', { timeout: 90_000 })
  const check = page.getByTestId('target-check')
  await expect(check.getByTestId('target-blocking')).toContainText('1 table is absent')
  await expect(check.getByTestId('finding-users.legacy_role_id')).toContainText('absent')
  await expect(check.getByTestId('finding-users.legacy_role_id')).toContainText('blocks the import')
  await expect(check.getByTestId('finding-preset_items')).toContainText('absent')
  await check.scrollIntoViewIfNeeded()
  await shot(page, 'target-check')

  // an import of the table refuses, naming what blocks it
  await page.goto(`/runs/${runId}/tables/UserTypes/import`)
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click()
  await expect(page.getByTestId('import-state')).toHaveText('imported', { timeout: 60_000 })
  await page.goto(`/runs/${runId}/tables/Credentials/import`)
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'cannot take' })).toContainText('users cannot take the rows as it is: legacy_role_id: needs integer')
  await expect(page.getByTestId('import-state')).toHaveText('validated')

  // the statements, in full, before anything runs
  await page.goto(`/runs/${runId}`)
  await page.getByRole('link', { name: 'Prepare the target…' }).click()
  const statements = page.getByTestId('target-statements')
  await expect(statements).toContainText('ALTER TABLE "public"."users" ADD COLUMN "legacy_role_id" INTEGER;')
  await expect(statements).toContainText('CREATE TABLE "public"."preset_items" (')
  await expect(statements).not.toContainText('DROP')
  await shot(page, 'target-prepare')

  // the same statements as a migration file for the backend's own tool
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as a migration file' }).click()])
  const file = readFileSync((await download.path())!, 'utf8')
  expect(file).toMatch(/^-- Prepares the target tables for the ordermys-migrate import/)
  expect(file).toContain('ALTER TABLE "public"."users" ADD COLUMN "legacy_role_id" INTEGER;')

  await page.getByRole('button', { name: 'Prepare the target' }).click()
  await expect(page.getByRole('dialog')).toContainText('creating preset_items')
  await page.getByRole('dialog').getByRole('button', { name: 'Run them' }).click()
  await page.waitForURL(new RegExp(`/runs/${runId}$`))
  await expect(page.getByTestId('target-ready')).toContainText('holds every table and column the contract needs')

  // now the import goes through
  await page.goto(`/runs/${runId}/tables/Credentials/import`)
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click()
  await expect(page.getByTestId('import-state')).toHaveText('imported', { timeout: 60_000 })

  // and the preparation is in the audit trail, with who did it
  await page.goto('/audit')
  await expect(page.getByRole('table').first()).toContainText('target.prepared')
  await expect(page.getByRole('table').first()).toContainText('target.prepare_confirmed')
})
