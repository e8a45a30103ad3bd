import { getDatabaseStatus } from '@/lib/health/get-database-status'

export const dynamic = 'force-dynamic'

/** Liveness for scripts and the test runner: 200 once the database answers, 503 before. */
export async function GET() {
  const status = await getDatabaseStatus()
  return Response.json(status, { status: status.connected ? 200 : 503 })
}
