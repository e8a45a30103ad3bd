import { fileURLToPath } from 'node:url'
import { expect, type Page } from '@playwright/test'

/**
 * The operator the app under test creates from ADMIN_EMAIL/ADMIN_PASSWORD (playwright.config.ts
 * sets them on the web server; against `npm run dev`, start it with the same values).
 */
export const OPERATOR = {
  email: process.env.E2E_ADMIN_EMAIL ?? 'operator@e2e.example',
  password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e operator password',
}

/** The operator's signed-in browser state, written by e2e/auth.setup.ts, reused by every spec. */
export const OPERATOR_STATE = fileURLToPath(new URL('../../.data/e2e-auth/operator.json', import.meta.url))

/** Signs in on /login and waits until the app shows who is signed in. */
export async function login(page: Page, { email, password }: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('signed-in-as')).toHaveText(email)
}
