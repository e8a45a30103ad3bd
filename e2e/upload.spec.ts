// The resumable upload: a chunk lost on the network is retried from the bytes the server holds,
// and after a reload the operator picks the same file and the upload goes on where it stopped.

import { expect, test } from '@playwright/test'
import { statSync } from 'node:fs'
import { dumps } from './support/dumps'
import { shot } from './support/flow'

const CHUNK_PUT = /\/runs\/[0-9a-f-]{36}\/upload\?offset=\d+$/

test('a chunk lost on the way is sent again', async ({ page }) => {
  let puts = 0
  await page.route(CHUNK_PUT, async (route) => {
    puts += 1
    if (puts === 2) await route.abort('connectionreset')
    else await route.continue()
  })
  await page.goto('/')
  await page.getByLabel('Dump file', { exact: true }).setInputFiles(dumps.plain)
  await expect(page.getByRole('status').filter({ hasText: 'Retrying in' })).toBeVisible()
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 60_000 })
  await expect(page.getByTestId('tables-validated')).toHaveText('21 of 21', { timeout: 90_000 })
  expect(puts).toBeGreaterThan(3)
})

test('an upload interrupted by a reload resumes where it stopped', async ({ page }) => {
  const size = statSync(dumps.plain).size
  // The network gives out after two chunks.
  let puts = 0
  await page.route(CHUNK_PUT, async (route) => {
    puts += 1
    if (puts <= 2) await route.continue()
    else await route.abort('internetdisconnected')
  })
  await page.goto('/')
  await page.getByLabel('Dump file', { exact: true }).setInputFiles(dumps.plain)
  await expect(page.getByRole('status').filter({ hasText: 'Retrying in' })).toBeVisible({ timeout: 30_000 })
  await shot(page, 'upload-retrying')

  // The operator gives up on this page; the run waits with what arrived.
  await page.unroute(CHUNK_PUT)
  page.on('dialog', (dialog) => void dialog.accept())
  await page.goto('/')
  const row = page.getByRole('table', { name: 'Migration runs' }).getByRole('row').filter({ hasText: 'uploading' }).first()
  await expect(row).toContainText('ordermys.sql')
  await row.getByRole('link', { name: 'ordermys.sql' }).click()
  await expect(page.getByRole('heading', { name: 'Upload incomplete' })).toBeVisible()
  await shot(page, 'upload-incomplete')

  // A different file is refused; the same file resumes at the bytes the server holds.
  await page.getByLabel('Dump file to resume').setInputFiles(dumps.truncated)
  await expect(page.getByRole('alert').filter({ hasText: 'This is not the file of this run' })).toBeVisible()
  await page.getByLabel('Dump file to resume').setInputFiles(dumps.plain)
  await expect(page.getByTestId('upload-resumed')).toContainText('resumed at')
  await expect(page.getByTestId('tables-validated')).toHaveText('21 of 21', { timeout: 90_000 })
  await expect(page.getByTestId('run-status')).toHaveText('staged')
  expect(size).toBeGreaterThan(2 * 256 * 1024)
  await shot(page, 'upload-resumed')
})
