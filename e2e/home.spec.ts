import { expect, test } from '@playwright/test'

test('the home page shows the app is alive and connected to its migrated database', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Legacy order system migration' })).toBeVisible()
  await expect(page.getByTestId('db-status')).toHaveText('connected')
  // The migrations were applied by `npm start` itself: an empty database just works.
  await expect(page.getByTestId('migrations-applied')).not.toHaveText('0')
  await page.screenshot({ path: 'e2e/screenshots/home.png', fullPage: true })
})
