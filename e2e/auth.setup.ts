// Signs the operator in once; the specs reuse the cookie (storageState, playwright.config.ts).
// The global setup emptied the database: this first sign-in creates the operator again from
// ADMIN_EMAIL/ADMIN_PASSWORD.

import { test as setup } from '@playwright/test'
import { login, OPERATOR, OPERATOR_STATE } from './support/auth'

setup('sign in as the operator', async ({ page }) => {
  await login(page, OPERATOR)
  await page.context().storageState({ path: OPERATOR_STATE })
})
