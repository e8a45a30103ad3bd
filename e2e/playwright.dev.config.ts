import { defineConfig } from '@playwright/test'
import { OPERATOR_STATE } from './support/auth'
// Runs the browser tests against an app that is already running (npm run dev): E2E_BASE_URL (use
// http://localhost:PORT: the dev server refuses 127.0.0.1 for its scripts), and E2E_PG_PORT = its
// embedded PostgreSQL port, whose data the global setup empties — or E2E_RESET_DATABASE=0 to keep it.
// Start the app with ADMIN_EMAIL/ADMIN_PASSWORD as e2e/support/auth.ts says (or set E2E_ADMIN_*).
export default defineConfig({
  testDir: '.',
  outputDir: '/tmp/pw-dev-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts$/ },
    { name: 'app', dependencies: ['sign-in'], use: { storageState: OPERATOR_STATE } },
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000',
    launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] },
  },
})
