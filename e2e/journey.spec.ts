// The operator's whole journey on a dump written by the real mariadb-dump (e2e/global-setup.ts):
// upload → run overview → preview with a filtered error → import every table in dependency order
// (with a refused import of a table whose dependency was rolled back meanwhile) → reconciliation
// all green, downloaded as JSON and CSV → find an order by its legacy id and open its customer.

import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { dumps, DUPLICATED_CUSTOMER_ID } from './support/dumps'
import { importTable, shot, TABLES_IN_ORDER, uploadDump } from './support/flow'

test('upload, preview, import in order, reconcile, browse', async ({ page, context }) => {
  test.setTimeout(300_000)
  await page.setViewportSize({ width: 1440, height: 900 })

  // --- upload → staging → validation, all on their own
  const runId = await uploadDump(page, dumps.drifted)
  await expect(page.getByTestId('tables-validated')).toHaveText('21 of 21', { timeout: 90_000 })
  await expect(page.getByTestId('run-status')).toHaveText('staged')
  await expect(page.getByTestId('drift-extra-tables')).toContainText('Invoices')
  await expect(page.getByTestId('drift-extra-columns')).toContainText('Customers.Newsletter')
  await expect(page.getByTestId('import-blocked-Credentials')).toHaveText('waits for UserTypes')
  await expect(page.getByTestId('import-blocked-Orders')).toContainText('waits for Customers, Fitters')
  await expect(page.getByRole('link', { name: 'Import UserTypes' })).toBeVisible()
  await shot(page, 'run-overview')

  // --- preview: the rejected customer, found by filtering to errors, explains itself
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await expect(page.getByRole('heading', { name: /Customers/ })).toBeVisible()
  await page.getByRole('navigation', { name: 'Severity' }).getByRole('link', { name: /Errors/ }).click()
  await expect(page.getByText(/Showing rows with errors: 1 row\./)).toBeVisible()
  const rejected = page.getByRole('table', { name: 'Rows of Customers' }).getByRole('row').filter({ hasText: 'rejected' })
  await expect(rejected).toHaveCount(1)
  await rejected.getByLabel(/rejected: 1 error/).focus()
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText(`DUPLICATE_ID`)
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText(`ID ${DUPLICATED_CUSTOMER_ID} appears again`)
  await shot(page, 'preview-errors')
  await page.keyboard.press('Escape')

  // a rule chip filters; the jump finds a row by legacy id
  await page.getByRole('navigation', { name: 'Issues by rule' }).getByRole('link', { name: /MOJIBAKE_SUSPECTED/ }).click()
  await expect(page.getByText(/of rule MOJIBAKE_SUSPECTED/)).toBeVisible()
  await page.getByLabel('Jump to legacy ID').fill('5')
  await page.getByRole('button', { name: 'Go' }).click()
  await expect(page.getByText('ID 5 is row 5 of the dump (highlighted below).')).toBeVisible()
  await shot(page, 'preview-jump')

  // a password is never shown, only its kind
  await page.goto(`/runs/${runId}/tables/Credentials`)
  await expect(page.getByRole('table', { name: 'Rows of Credentials' })).toContainText('md5 — reset required')
  await expect(page.getByRole('table', { name: 'Rows of Credentials' })).not.toContainText('$2y$')

  // --- imports, in dependency order; a dependency rolled back meanwhile makes the import refuse
  await importTable(page, runId, 'UserTypes')
  const stale = await context.newPage()
  await stale.goto(`/runs/${runId}/tables/Credentials/import`)
  await expect(stale.getByRole('button', { name: 'Import 7 rows' })).toBeEnabled()
  await page.getByRole('button', { name: 'Roll back this table…' }).click()
  await expect(page.getByRole('dialog')).toContainText('This removes the 6 rows of roles')
  await shot(page, 'rollback-confirmation')
  await page.getByRole('dialog').getByRole('button', { name: 'Remove 6 rows' }).click()
  await expect(page.getByTestId('import-state')).toHaveText('rolled back', { timeout: 30_000 })
  await stale.getByRole('button', { name: 'Import 7 rows' }).click()
  await expect(stale.getByRole('alert').filter({ hasText: 'cannot be imported' })).toHaveText(
    'Credentials cannot be imported yet: import UserTypes (rolled back) first.',
  )
  await stale.screenshot({ path: 'e2e/screenshots/import-refused.png', fullPage: true })
  await stale.close()

  await page.goto(`/runs/${runId}/tables/Orders/import`)
  await expect(page.getByTestId('dependencies-missing')).toContainText('Import Customers, Fitters')
  await expect(page.getByRole('button', { name: /^Import [\d,]+ rows$/ })).toBeDisabled()
  await shot(page, 'import-orders-blocked')

  for (const table of TABLES_IN_ORDER) {
    if (table === 'Customers') {
      await page.goto(`/runs/${runId}/tables/Customers/import`)
      await expect(page.getByTestId('rows-to-write')).toContainText('8 of 9 staged')
      await expect(page.getByRole('table', { name: 'Rejected rows' })).toContainText('DUPLICATE_ID')
      await shot(page, 'import-confirmation')
    }
    await importTable(page, runId, table)
  }
  await shot(page, 'import-done')
  await page.goto(`/runs/${runId}`)
  await expect(page.getByTestId('tables-imported')).toHaveText('21 of 21')
  for (const table of TABLES_IN_ORDER) await expect(page.getByTestId(`state-${table}`)).toHaveText('imported')
  await shot(page, 'run-imported')

  // --- reconciliation: all green, downloadable
  await page.getByRole('link', { name: 'Reconciliation' }).click()
  await page.getByRole('button', { name: 'Reconcile now' }).click()
  await expect(page.getByTestId('reconciliation-result')).toHaveText('passed', { timeout: 90_000 })
  await expect(page.getByText('Every check holds: nothing was lost.')).toBeVisible()
  for (const table of TABLES_IN_ORDER) await expect(page.getByTestId(`reconcile-status-${table}`)).not.toHaveText('fail')
  await expect(page.getByRole('figure', { name: 'Orders per month: legacy against migrated' })).toBeVisible()
  await shot(page, 'reconciliation')

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
  expect(csv.suggestedFilename()).toMatch(/^reconciliation-.*\.csv$/)
  expect(readFileSync((await csv.path())!, 'utf8')).toContain('section,table,subject,check,source,target,difference,status,message')
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download JSON' }).click()])
  expect(JSON.parse(readFileSync((await json.path())!, 'utf8'))).toMatchObject({ format: 'ordermys-reconciliation/1', runId, passed: true })

  // --- the data browser: an order by its legacy id, then its customer
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse data' }).click()
  await page.getByRole('navigation', { name: 'Record kind' }).getByRole('link', { name: 'Orders' }).click()
  await page.getByRole('searchbox').fill('1')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.getByRole('link', { name: 'OMS-000001', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Order OMS-000001' })).toBeVisible()
  await expect(page.getByTestId('record-legacy-id')).toHaveText('1')
  await shot(page, 'browse-order')
  await page.getByRole('region', { name: 'Related' }).getByRole('link').first().click()
  await expect(page.getByRole('heading', { name: /^Customer / })).toBeVisible()
  await expect(page.getByTestId('record-legacy-id')).toHaveText('1')
  await expect(page.getByRole('table', { name: 'Orders' })).toContainText('OMS-000001')
  await shot(page, 'browse-customer')
})
