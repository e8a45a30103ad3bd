import { expect, type Page } from '@playwright/test'

/** The 21 legacy tables in dependency order (lib/mappings/index.ts). */
export const TABLES_IN_ORDER = [
  'UserTypes', 'Credentials', 'Factories', 'FactoryEmployees', 'Fitters', 'Customers', 'Brands', 'Saddles', 'LeatherTypes', 'SaddleLeathers',
  'Options', 'OptionsItems', 'SaddleOptionsItems', 'Presets', 'PresetsItems', 'Statuses', 'Orders', 'OrdersInfo', 'ClientConfirmation', 'DBlog', 'Log',
] as const

export const SCREENSHOTS = 'e2e/screenshots'

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
}

/** Uploads a dump from the runs page; resolves with the new run's id once its page shows. */
export async function uploadDump(page: Page, file: string): Promise<string> {
  await page.goto('/')
  await page.getByLabel('Dump file', { exact: true }).setInputFiles(file)
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 60_000 })
  return new URL(page.url()).pathname.split('/').pop()!
}

/** Imports one table from its confirmation page and waits until it is imported. */
export async function importTable(page: Page, runId: string, table: string) {
  await page.goto(`/runs/${runId}/tables/${table}/import`)
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click()
  await expect(page.getByTestId('import-state')).toHaveText('imported', { timeout: 60_000 })
}
