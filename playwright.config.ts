import { defineConfig } from '@playwright/test'
import { OPERATOR, OPERATOR_STATE } from './e2e/support/auth'

// The browser tests drive the app started as a user starts it (`npm start`), on its own embedded
// PostgreSQL (separate data folder and port, so a developer's own data is never touched), in
// Debian's Chromium: `npx playwright install` cannot download a browser on these machines.
// The app creates its operator from ADMIN_EMAIL/ADMIN_PASSWORD; the `sign-in` project signs in
// once and every spec reuses that cookie (e2e/auth.spec.ts makes its own sessions).
const port = Number(process.env.E2E_PORT ?? 3123)

export default defineConfig({
  testDir: 'e2e',
  // Real dumps from a private MariaDB (mariadb-dump), and an emptied e2e database: e2e/global-setup.ts.
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts$/ },
    { name: 'app', dependencies: ['sign-in'], use: { storageState: OPERATOR_STATE } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: 'npm start',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    // SIGTERM lets `npm start` stop its embedded PostgreSQL; Playwright's default (SIGKILL) left the
    // database running after the suite.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      ORDERMYS_DATA_DIR: process.env.E2E_DATA_DIR ?? '.data/e2e',
      ORDERMYS_UPLOAD_DIR: process.env.E2E_UPLOAD_DIR ?? '.data/e2e-uploads',
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? '54339',
      ADMIN_EMAIL: OPERATOR.email,
      ADMIN_PASSWORD: OPERATOR.password,
    },
  },
})
