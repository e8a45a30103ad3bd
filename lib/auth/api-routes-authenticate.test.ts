// The proxy (proxy.ts) does not run for /api/: each of its route handlers must refuse a request
// without a valid session by itself. This reads every app/api route and checks that each exported
// handler authenticates before anything else, except the two that are public by design.

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const API = path.join(process.cwd(), 'app', 'api')
/** sign-in/sign-out itself, and the health check the start script and load balancers poll */
const PUBLIC_ROUTES = new Set(['session/route.ts', 'health/route.ts'])

const routes = (readdirSync(API, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts')).sort()

describe('/api route handlers', () => {
  it('are all known here (a new one is checked below)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(3)
    expect(routes.filter((r) => PUBLIC_ROUTES.has(r)).sort()).toEqual([...PUBLIC_ROUTES].sort())
  })

  it.each(routes.filter((r) => !PUBLIC_ROUTES.has(r)))('%s authenticates first in every handler', (route) => {
    const source = readFileSync(path.join(API, route), 'utf8')
    const handlers = [...source.matchAll(/export async function (GET|POST|PUT|PATCH|DELETE)\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)]
    expect(handlers.length).toBeGreaterThan(0)
    for (const [, method, body] of handlers) {
      const firstStatement = body.replace(/^\s*try \{/, '').trim().split('\n')[0]
      expect(firstStatement, `${route} ${method}`).toMatch(/^await authenticate(Reader|Operator)\(/)
    }
  })
})
