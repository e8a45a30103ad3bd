// The operator's decisions on real mariadb-dump dumps, through the command line as an operator runs
// it: a decisions file refused before anything is imported when it names what is not there, each
// kind applied (repair, set, exclude, keep, accept) with the reconciliation green, and a cutover:
// a later dump (a log row gone, a customer changed) imported with the same decisions and pruned,
// so that the target ends equal to the final dump plus the decisions. Then the app's way: decisions
// made one by one on a rehearsal run, taken over by the cutover run (the changed row's decision
// stale), and the two dumps compared.

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { reconciliationFailures } from '@/lib/testing/reconciliation-failures'
import { runCli } from '@/lib/testing/run-cli'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { runMigration } from '@/lib/pipeline/run-migration'
import { compareRuns } from '@/lib/runs/compare-runs'
import { listDecisions } from './list-decisions'
import { makeDecision, undoDecision } from './make-decision'
import { takeOverDecisions } from './take-over-decisions'

const work = useWorkDir('decisions-')
const rehearsal = path.join(work, 'rehearsal.sql')
const cutover = path.join(work, 'cutover.sql')
/** Customers ID 5 is on two rows of the rehearsal dump; the second is the right one. */
const REPEATED = 5

const mariadb = useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await server.exec(
      `ALTER TABLE Customers MODIFY ID int(11) NOT NULL, DROP PRIMARY KEY;
       INSERT INTO Customers (ID, FitterID, Name, Email, Deleted) VALUES (${REPEATED}, 2, 'Zoë Éclair (corrected)', 'zoe@example.fr', 0);`,
      'ordermys',
    )
    await server.dump('default', rehearsal, { database: 'ordermys' })
    // The later dump: a log entry gone, a customer moved.
    await server.exec(`DELETE FROM Log WHERE ID = 2; UPDATE Customers SET City = 'Marseille' WHERE ID = 9;`, 'ordermys')
    await server.dump('default', cutover, { database: 'ordermys' })
  },
})

const DECISIONS = {
  decisions: [
    { table: 'Customers', rule: 'MOJIBAKE_SUSPECTED', action: 'repair' },
    { table: 'Orders', legacyId: 6, action: 'set', column: 'status', value: 'on_hold', reason: '99 means on hold' },
    { table: 'Log', legacyId: 6, action: 'exclude', reason: 'a test entry' },
    { table: 'Customers', legacyId: REPEATED, action: 'keep', row: 9 },
    { table: 'Orders', rule: 'ORPHAN_REF', action: 'accept' },
  ],
}

function writeDecisions(name: string, content: unknown): string {
  const file = path.join(work, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

const db = useTestDatabase()

async function count(table: string): Promise<number> {
  return (await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n
}

describe('npm run migrate -- --decisions', () => {
  it.each([
    { name: 'not JSON', content: '{"decisions": [', stderr: /is not a decisions file/ },
    { name: 'an unknown table', content: { decisions: [{ table: 'Invoices', legacyId: 1, action: 'accept' }] }, stderr: /decision 1 \(Invoices 1\): there is no legacy table "Invoices"/ },
    { name: 'an unknown action', content: { decisions: [{ table: 'Log', legacyId: 1, action: 'approve' }] }, stderr: /decision 1 \(Log 1\): action/ },
    { name: 'an unknown rule', content: { decisions: [{ table: 'Log', rule: 'NO_RULE', action: 'accept' }] }, stderr: /there is no rule "NO_RULE"/ },
    { name: 'an unknown column', content: { decisions: [{ table: 'Orders', legacyId: 6, action: 'set', column: 'colour', value: 'red', reason: 'x' }] }, stderr: /orders has no column "colour"/ },
    { name: 'a value the column refuses', content: { decisions: [{ table: 'Orders', legacyId: 6, action: 'set', column: 'status', value: 'lost', reason: 'x' }] }, stderr: /status refuses "lost"/ },
  ])('refuses a file with $name (exit 2) before reading the dump', async ({ name, content, stderr }) => {
    mariadb()
    const file = writeDecisions(`${name.replaceAll(' ', '-')}.json`, content)
    const result = await runCli(db.url, ['--dump', rehearsal, '--all', '--decisions', file])
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toMatch(stderr)
    expect(await db.prisma.migrationRun.count()).toBe(0)
  })

  it('refuses an ID the dump does not have (exit 2), naming the decision, before anything is imported', async () => {
    const file = writeDecisions('unknown-id.json', { decisions: [{ table: 'Log', legacyId: 6, action: 'exclude', reason: 'x' }, { table: 'Orders', legacyId: 4242, action: 'accept' }] })
    const result = await runCli(db.url, ['--dump', rehearsal, '--all', '--decisions', file])
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toContain('decision 2 (Orders 4242): Orders has no row with ID 4242 in this dump')
    expect(await count('customers')).toBe(0)
    expect(await db.prisma.migrationDecision.count()).toBe(0)
  })

  it('applies each kind, and the reconciliation holds', async () => {
    const file = writeDecisions('decisions.json', DECISIONS)
    const { code, stdout, stderr } = await runCli(db.url, ['--dump', rehearsal, '--all', '--decisions', file, '--json'])
    expect(await reconciliationFailures(db.pool)).toEqual([])
    expect(code, stderr).toBe(0)
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({ ok: true, reconciliation: { passed: true } })
    const applied = Object.fromEntries(result.decisions.applied.map((d: { action: string; table: string; rows: number }) => [`${d.action} ${d.table}`, d.rows]))
    expect(applied).toEqual({ 'repair Customers': 1, 'set Orders': 1, 'exclude Log': 1, 'keep Customers': 2, 'accept Orders': expect.any(Number) })
    expect(applied['accept Orders']).toBeGreaterThan(0)
    expect(result.decisions.stale).toEqual([])

    // repair: the double-encoded name reads as it should; set: the unknown status is what the operator said
    expect((await db.pool.query('SELECT name FROM customers WHERE legacy_id = 4')).rows).toEqual([{ name: 'Müller, Hans' }])
    expect((await db.pool.query('SELECT status FROM orders WHERE legacy_id = 6')).rows).toEqual([{ status: 'on_hold' }])
    // exclude: the row is not imported
    expect((await db.pool.query('SELECT count(*)::int AS n FROM activity_logs WHERE legacy_id = 6')).rows).toEqual([{ n: 0 }])
    // keep: the second row of ID 5 is the one imported
    expect((await db.pool.query(`SELECT name FROM customers WHERE legacy_id = ${REPEATED}`)).rows).toEqual([{ name: 'Zoë Éclair (corrected)' }])
    // accept: the warnings are answered, nothing else changes
    const open = await db.pool.query(
      `SELECT count(*)::int AS n FROM migration_row_issues WHERE run_id = $1 AND legacy_table = 'Orders' AND code = 'ORPHAN_REF' AND decision_id IS NULL`,
      [result.runId],
    )
    expect(open.rows[0].n).toBe(0)
  }, 120_000)

  it('a later dump with the same decisions and --prune: the gone row is removed, the changed one refreshed, the reconciliation holds', async () => {
    const file = writeDecisions('decisions.json', DECISIONS)
    const { code, stdout, stderr } = await runCli(db.url, ['--dump', cutover, '--all', '--decisions', file, '--prune', '--json'])
    expect(await reconciliationFailures(db.pool)).toEqual([])
    expect(code, stderr).toBe(0)
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({ ok: true, reconciliation: { passed: true } })
    expect(result.pruned.tables.find((t: { legacyTable: string }) => t.legacyTable === 'Log')).toMatchObject({ gone: 1, withdrawn: 0 })
    expect(stderr).toMatch(/Pruned: .*activity_logs 1/)
    expect((await db.pool.query('SELECT count(*)::int AS n FROM activity_logs WHERE legacy_id = 2')).rows).toEqual([{ n: 0 }])
    expect((await db.pool.query('SELECT city FROM customers WHERE legacy_id = 9')).rows).toEqual([{ city: 'Marseille' }])
    // the excluded entry stays out, the decisions still hold
    expect((await db.pool.query('SELECT count(*)::int AS n FROM activity_logs WHERE legacy_id = 6')).rows).toEqual([{ n: 0 }])
    expect((await db.pool.query('SELECT status FROM orders WHERE legacy_id = 6')).rows).toEqual([{ status: 'on_hold' }])
  }, 120_000)
})

describe('decisions made in the app, taken over by the cutover run', () => {
  let rehearsalRun: string
  let cutoverRun: string

  it('each decision validates its rows again at once, says what it changed, and can be undone', async () => {
    rehearsalRun = (await runMigration({ db, dumpPath: rehearsal, dryRun: true })).runId
    const setCity = await makeDecision({ db, runId: rehearsalRun, input: { table: 'Customers', legacyId: 9, action: 'set', column: 'city', value: 'Peking', reason: 'the old name' }, actor: 'op' })
    expect(setCity.effect).toEqual([{ legacyId: 9, rowNumber: expect.any(Number), column: 'city', before: '北京', after: 'Peking' }])
    const repair = await makeDecision({ db, runId: rehearsalRun, input: { table: 'Customers', legacyId: 4, action: 'repair' }, actor: 'op' })
    expect(repair.effect).toEqual([{ legacyId: 4, rowNumber: expect.any(Number), column: 'name', before: 'MÃ¼ller, Hans', after: 'Müller, Hans' }])
    const exclude = await makeDecision({ db, runId: rehearsalRun, input: { table: 'Log', legacyId: 3, action: 'exclude', reason: 'noise' }, actor: 'op' })
    expect(exclude.effect).toEqual([{ legacyId: 3, rowNumber: expect.any(Number), column: '(row)', before: 'imported', after: 'not imported' }])
    const stateAfter = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId: rehearsalRun, legacyTable: 'Log' } } })
    expect(stateAfter.rowsRejected).toBe(1)
    // a set on a rejected row is refused
    await expect(makeDecision({ db, runId: rehearsalRun, input: { table: 'Log', legacyId: 3, action: 'set', column: 'action', value: 'x', reason: 'y' } })).rejects.toThrow(/is rejected/)
    // undo: the row is as the mapping made it again
    await undoDecision({ db, runId: rehearsalRun, decisionId: exclude.id, actor: 'op' })
    const mapped = await db.pool.query(
      `SELECT count(*)::int AS n FROM ${(await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: rehearsalRun } })).stagingSchema}.mapped__activity_logs WHERE legacy_id = 3`,
    )
    expect(mapped.rows[0].n).toBe(1)
    const events = await db.prisma.migrationEvent.findMany({ where: { runId: rehearsalRun, type: { in: ['decision.made', 'decision.undone'] } } })
    expect(events.map((e) => e.type).sort()).toEqual(['decision.made', 'decision.made', 'decision.made', 'decision.undone'])
  }, 120_000)

  it('the cutover run takes them over: the changed row’s decision is stale, the others hold', async () => {
    cutoverRun = (await runMigration({ db, dumpPath: cutover, dryRun: true })).runId
    const taken = await takeOverDecisions({ db, runId: cutoverRun, fromRunId: rehearsalRun, actor: 'op' })
    expect(taken.taken).toBe(2) // the undone one is not taken
    expect(taken.stale).toEqual([
      { id: expect.any(String), legacyTable: 'Customers', legacyId: 9, action: 'set', reason: 'the row with ID 9 has other source values than the row it was made on' },
    ])
    const decisions = await listDecisions({ db, runId: cutoverRun })
    expect(decisions.map((d) => [d.action, d.legacyId, d.status, d.createdBy])).toEqual(
      expect.arrayContaining([
        ['repair', 4, 'active', 'op'],
        ['set', 9, 'stale', 'op'],
      ]),
    )
    const stagingSchema = (await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: cutoverRun } })).stagingSchema
    const { rows } = await db.pool.query(`SELECT legacy_id, name, city FROM ${stagingSchema}.mapped__customers WHERE legacy_id IN (4, 9) ORDER BY legacy_id`)
    expect(rows).toEqual([
      { legacy_id: 4, name: 'Müller, Hans', city: 'Köln' },
      { legacy_id: 9, name: '李小龍', city: 'Marseille' },
    ])
  }, 120_000)

  it('compares the cutover dump with the rehearsal’s: IDs added, changed and gone per table', async () => {
    const comparison = await compareRuns({ db, runId: cutoverRun, earlierRunId: rehearsalRun })
    const byTable = Object.fromEntries(comparison.tables.map((t) => [t.legacyTable, t]))
    expect(byTable.Log).toMatchObject({ added: 0, changed: 0, gone: 1, examples: { gone: [2] } })
    expect(byTable.Customers).toMatchObject({ added: 0, changed: 1, gone: 0, examples: { changed: [9] } })
    expect(byTable.Orders).toMatchObject({ added: 0, changed: 0, gone: 0 })
  })
})
