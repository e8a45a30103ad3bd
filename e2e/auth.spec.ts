// Sign-in, roles and the audit trail (issue 6): nothing without a session; a wrong password and
// too many of them; an operator creates a viewer, who reads every page but whose attempts to
// change something are refused by the server itself (upload route, report download, a replayed
// import action); signing out ends the session for good; the audit trail says who did what.

import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import { login, OPERATOR } from './support/auth'
import { dumps } from './support/dumps'
import { shot, uploadDump } from './support/flow'

const VIEWER = { email: 'viewer@e2e.example', password: 'e2e viewer password' }
const WHEN = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/

/** A browser context without the operator's cookie. */
function signedOut(browser: Browser, baseURL: string | undefined): Promise<BrowserContext> {
  return browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
}

async function submitLogin(page: import('@playwright/test').Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ])
}

test('a page without a session goes to /login, and back there after signing in', async ({ browser, baseURL }) => {
  const context = await signedOut(browser, baseURL)
  const page = await context.newPage()
  await page.goto('/audit?type=auth.signed_in')
  await expect(page).toHaveURL(/\/login\?next=%2Faudit%3Ftype%3Dauth\.signed_in$/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  // routes: the proxy sends a navigation to /login and answers anything else with 401; a cookie
  // that names no session gets past the proxy and is refused by the route itself
  const upload = '/runs/00000000-0000-4000-8000-000000000000/upload'
  const navigation = await context.request.get(upload, { maxRedirects: 0 })
  expect(navigation.status()).toBe(307)
  expect(navigation.headers().location).toMatch(/\/login\?next=%2Fruns%2F/)
  expect((await context.request.put(`${upload}?offset=0`, { data: 'x' })).status()).toBe(401)
  const forged = await context.request.get(upload, { headers: { cookie: `ordermys_session=${'A'.repeat(43)}` } })
  expect(forged.status()).toBe(401)
  expect(await forged.json()).toMatchObject({ code: 'UNAUTHORIZED' })
  expect((await context.request.get('/api/health')).status()).toBe(200)
  // the JSON routes under /api are not behind the proxy (it cost a fifth of a preview request's
  // server time): each refuses by itself, without a cookie and with one that names no session
  const rows = '/api/runs/00000000-0000-4000-8000-000000000000/tables/Customers/rows?page=1'
  for (const headers of [{}, { cookie: `ordermys_session=${'A'.repeat(43)}` }] as Record<string, string>[]) {
    const refused = await context.request.get(rows, { headers })
    expect(refused.status()).toBe(401)
    expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED' })
  }

  await submitLogin(page, OPERATOR.email, 'not the password')
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible()
  await shot(page, 'login-wrong-password')
  await submitLogin(page, OPERATOR.email, OPERATOR.password)
  await expect(page).toHaveURL(/\/audit\?type=auth\.signed_in$/)
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible()
  await context.close()
})

test('five failed sign-ins lock an email for 15 minutes, and the refusal says when to retry', async ({ browser, baseURL }) => {
  // An email of its own: the operator's stays usable for the other tests.
  const email = 'locked-out@e2e.example'
  const context = await signedOut(browser, baseURL)
  const page = await context.newPage()
  await page.goto('/login')
  for (let i = 1; i <= 5; i++) {
    await submitLogin(page, email, `guess number ${i}`)
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible()
  }
  await submitLogin(page, email, 'guess number 6')
  const locked = page.getByRole('alert').filter({ hasText: 'Too many failed sign-ins' })
  await expect(locked).toHaveText(/^Too many failed sign-ins for this email\. Try again in 1[45] minutes \(at \d{2}:\d{2} UTC\)\.$/)
  await shot(page, 'login-rate-limited')
  // the JSON API shares the limit, and says when in Retry-After
  const api = await context.request.post('/api/session', { data: { email, password: 'guess number 7' } })
  expect(api.status()).toBe(429)
  expect(Number(api.headers()['retry-after'])).toBeGreaterThan(800)
  expect(await api.json()).toMatchObject({ code: 'RATE_LIMITED' })
  await context.close()
})

test('the setup page is closed once an account exists', async ({ browser, baseURL }) => {
  const context = await signedOut(browser, baseURL)
  const page = await context.newPage()
  await page.goto('/setup')
  await expect(page.getByRole('alert').filter({ hasText: 'The app is set up already' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Create the first account' })).toHaveCount(0)
  await context.close()
})

test('an operator creates a viewer, who reads but is refused every change by the server; sign-out ends the session; the audit trail shows it all', async ({
  page,
  browser,
  baseURL,
  playwright,
}) => {
  test.setTimeout(240_000)

  // --- the operator uploads a dump and imports one table (the viewer will look at them)
  const runId = await uploadDump(page, dumps.plain)
  await expect(page.getByTestId('tables-validated')).toHaveText('21 of 21', { timeout: 90_000 })
  await page.goto(`/runs/${runId}/tables/UserTypes/import`)
  const importRequest = page.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined)
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click()
  const operatorImport = await importRequest
  await expect(page.getByTestId('import-state')).toHaveText('imported', { timeout: 60_000 })

  // --- the operator creates the viewer
  await page.goto('/accounts')
  const form = page.getByRole('form', { name: 'Create an account' })
  await form.getByLabel('Email').fill(VIEWER.email)
  await form.getByLabel('Role').selectOption('viewer')
  await form.getByLabel(/Initial password/).fill(VIEWER.password)
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Created ${VIEWER.email} (viewer)` })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Accounts' }).getByRole('row').filter({ hasText: VIEWER.email })).toContainText('viewer')
  await shot(page, 'accounts')

  // --- the viewer reads, without any button that changes something
  const viewerContext = await signedOut(browser, baseURL)
  const viewer = await viewerContext.newPage()
  await login(viewer, VIEWER)
  await expect(viewer.getByTestId('signed-in-role')).toHaveText('viewer')
  await expect(viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' })).toHaveCount(0)
  await expect(viewer.getByLabel('Dump file', { exact: true })).toHaveCount(0)
  await viewer.goto(`/runs/${runId}`)
  await expect(viewer.getByRole('table', { name: 'Tables of this run' })).toBeVisible()
  await expect(viewer.getByTestId('state-Credentials')).toHaveText('validated')
  await expect(viewer.getByRole('link', { name: /^Import / })).toHaveCount(0)
  await expect(viewer.getByRole('button', { name: /Import/ })).toHaveCount(0)
  await shot(viewer, 'viewer-run-overview')
  await viewer.goto(`/runs/${runId}/tables/Credentials/import`)
  await expect(viewer.getByTestId('viewer-no-import')).toBeVisible()
  await expect(viewer.getByRole('button', { name: /Import/ })).toHaveCount(0)
  await viewer.goto(`/runs/${runId}/tables/UserTypes/import`)
  await expect(viewer.getByTestId('import-state')).toHaveText('imported')
  await expect(viewer.getByRole('button', { name: /Roll back/ })).toHaveCount(0)
  await viewer.goto('/accounts')
  await expect(viewer.getByRole('alert').filter({ hasText: 'Only operators manage accounts.' })).toBeVisible()

  // --- ... and the server refuses what the pages do not offer
  const put = await viewerContext.request.put(`/runs/${runId}/upload?offset=0`, { data: Buffer.from('-- not a dump\n') })
  expect(put.status()).toBe(403)
  expect(await put.json()).toMatchObject({ code: 'FORBIDDEN' })
  const download = await viewerContext.request.get(`/runs/${runId}/reconcile/report?format=csv`)
  expect(download.status()).toBe(403)
  // The operator's import action, sent again with the viewer's cookie, for the next table.
  const sent = operatorImport.headers()
  const body = operatorImport.postData()
  expect(body).toContain('"UserTypes"')
  const replay = await viewerContext.request.post(operatorImport.url(), {
    headers: {
      accept: 'text/x-component',
      origin: new URL(operatorImport.url()).origin,
      'content-type': sent['content-type'],
      'next-action': sent['next-action'],
      ...(sent['next-router-state-tree'] ? { 'next-router-state-tree': sent['next-router-state-tree'] } : {}),
    },
    data: body!.replace('"UserTypes"', '"Credentials"'),
  })
  expect(replay.status()).toBe(200)
  expect(await replay.text()).toContain('"code":"FORBIDDEN"')
  await viewer.goto(`/runs/${runId}`)
  await expect(viewer.getByTestId('state-Credentials')).toHaveText('validated')

  // --- the viewer reads the audit trail too
  await viewer.goto('/audit')
  await expect(viewer.getByRole('heading', { name: 'Audit trail' })).toBeVisible()

  // --- signing out ends the session on the server: the old cookie opens nothing anymore
  const cookie = (await viewerContext.cookies()).find((c) => c.name === 'ordermys_session')
  expect(cookie?.httpOnly).toBe(true)
  expect(cookie?.sameSite).toBe('Lax')
  await viewer.getByRole('button', { name: 'Sign out' }).click()
  await expect(viewer).toHaveURL(/\/login$/)
  const stale = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `ordermys_session=${cookie!.value}` } })
  expect((await stale.get(`/runs/${runId}/upload`)).status()).toBe(401)
  await stale.dispose()
  const staleBrowser = await browser.newContext({ baseURL, storageState: { cookies: [cookie!], origins: [] } })
  const stalePage = await staleBrowser.newPage()
  await stalePage.goto(`/runs/${runId}`)
  await expect(stalePage).toHaveURL(/\/login\?next=/)
  await staleBrowser.close()
  await viewerContext.close()

  // --- the audit trail: who did what, when
  await page.goto(`/audit?run=${runId}`)
  const events = page.getByRole('table', { name: 'Audit events' })
  for (const type of ['run.upload_started', 'run.uploaded', 'table.import_confirmed']) {
    const row = events.getByRole('row').filter({ hasText: type })
    await expect(row.first()).toContainText(OPERATOR.email)
    await expect(row.first()).toContainText(WHEN)
  }
  await shot(page, 'audit-run')
  await page.goto('/audit?type=auth.signed_in')
  await expect(events.getByRole('row').filter({ hasText: OPERATOR.email }).first()).toContainText(WHEN)
  await expect(events.getByRole('row').filter({ hasText: VIEWER.email }).first()).toContainText('auth.signed_in')
  await page.goto('/audit')
  for (const [type, who] of [
    ['auth.signed_out', VIEWER.email],
    ['action.forbidden', VIEWER.email],
    ['account.created', OPERATOR.email],
  ] as const) {
    await expect(events.getByRole('row').filter({ hasText: type }).first()).toContainText(who)
  }
  // filtered by type with the form
  await page.getByLabel('Type').selectOption('auth.sign_in_failed')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/type=auth\.sign_in_failed/)
  const failed = events.getByRole('row').filter({ hasText: 'auth.sign_in_failed' })
  await expect(failed.first()).toBeVisible()
  expect(await events.getByRole('row').count()).toBe((await failed.count()) + 1) // + the header row
  await expect(failed.filter({ hasText: 'locked-out@e2e.example' }).first()).toContainText('(not signed in)')
  await shot(page, 'audit')
})
