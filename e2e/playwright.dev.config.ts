import { defineConfig } from '@playwright/test'
// Runs the browser tests against an app that is already running (npm run dev): E2E_BASE_URL.
export default defineConfig({
  testDir: '.',
  outputDir: '/tmp/pw-dev-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000',
    launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] },
  },
})
