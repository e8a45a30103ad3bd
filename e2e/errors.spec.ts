// Dumps that must not go in: a truncated dump ends with a clear message on the run's page and
// nothing of it staged; a file that is not a dump is refused before a run exists.

import { expect, test } from '@playwright/test'
import { dumps } from './support/dumps'
import { shot, uploadDump } from './support/flow'

test('a truncated dump fails with where it ends, and can be staged again from the stored file', async ({ page }) => {
  await uploadDump(page, dumps.truncated)
  const error = page.getByTestId('run-error')
  await expect(error).toContainText('The dump is truncated: it ends in the middle of a statement.', { timeout: 60_000 })
  await expect(error).toContainText(/Orders/)
  await expect(error).toContainText('Nothing of this dump was written')
  await expect(page.getByTestId('run-status')).toHaveText('failed')
  await expect(page.getByRole('table', { name: 'Tables of this run' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Restart staging from the stored file' })).toBeVisible()
  await shot(page, 'error-truncated')

  // Staging the same bytes again fails the same way (and says so again).
  await page.getByRole('button', { name: 'Restart staging from the stored file' }).click()
  await expect(error).toContainText('The dump is truncated', { timeout: 60_000 })
})

test('a file that is not a dump is refused before its upload starts, with what it looks like', async ({ page }) => {
  // The browser sends the file's first kilobytes with the start of the upload (lib/upload/start-upload.ts):
  // a file that is no dump gets no run, and none of its bytes are stored.
  await page.goto('/')
  await page.getByLabel('Dump file', { exact: true }).setInputFiles(dumps.notADump)
  const refused = page.getByRole('alert').filter({ hasText: 'Not a MySQL/MariaDB dump' })
  await expect(refused).toBeVisible({ timeout: 60_000 })
  await expect(refused).toContainText('OrderID;Customer;Total')
  await shot(page, 'error-not-a-dump')
  await page.reload()
  await expect(page.getByRole('table', { name: 'Migration runs' }).getByRole('row').filter({ hasText: 'orders-export.sql' })).toHaveCount(0)
  await shot(page, 'runs-list')
})
