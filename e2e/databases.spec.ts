// A dump of two databases (`mariadb-dump --databases ordermys_drifted ordermys`), both holding the
// legacy tables: after the upload the run waits for the operator, who sees each database with its
// tables and rows and chooses one; its tables are then validated as those of a dump of one.

import { expect, test } from '@playwright/test'
import { dumps } from './support/dumps'
import { shot } from './support/flow'

test('after uploading a dump of two databases, the operator chooses the one to migrate', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Dump file', { exact: true }).setInputFiles(dumps.twoDatabases)
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 60_000 })

  const choice = page.getByTestId('database-choice')
  await expect(choice).toBeVisible({ timeout: 90_000 })
  await expect(page.getByTestId('run-status')).toHaveText('choose a database')
  await expect(choice.getByRole('heading', { name: 'Choose the database to migrate' })).toBeVisible()
  await expect(choice).toContainText('2 databases with tables')
  // each database with its tables and rows; the drifted one has an extra table
  const plain = page.getByTestId('database-ordermys')
  const drifted = page.getByTestId('database-ordermys_drifted')
  await expect(plain.getByRole('cell').first()).toHaveText(/^21 /)
  await expect(drifted.getByRole('cell').first()).toHaveText(/^22 /)
  await expect(plain.getByRole('cell').nth(2)).toHaveText('21')
  await shot(page, 'database-choice')

  await plain.getByRole('button', { name: 'Migrate ordermys' }).click()
  await expect(page.getByTestId('tables-validated')).toHaveText('21 of 21', { timeout: 90_000 })
  await expect(page.getByTestId('run-status')).toHaveText('staged')
  await expect(page.getByTestId('chosen-database')).toHaveText('The operator chose database `ordermys`.')
  await expect(page.getByTestId('database-choice')).toHaveCount(0)
  // the drifted database's extra table is not this run's drift
  await expect(page.getByTestId('drift-extra-tables')).toHaveCount(0)
  await shot(page, 'database-chosen')
})
