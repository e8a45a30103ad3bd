// The headless pipeline: `npm run migrate -- --dump FILE [options]` (see scripts/cli/parse-arguments.ts).
// Thin over lib/: arguments, the database (DATABASE_URL or the embedded one, migrations applied),
// runMigration with progress bars on stderr, results on stdout, the report file, an exit code.
import { existsSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { ensureDatabase, type Database } from '@/lib/db/ensure-database'
import { prepareDatabase } from '@/lib/db/prepare-database'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { isDumpError } from '@/lib/dump'
import { isAppError } from '@/lib/errors'
import { runMigration } from '@/lib/pipeline/run-migration'
import { renderReportCsv, renderReportJson } from '@/lib/reconcile'
import { createMigrationProgress } from './cli/migration-progress'
import { parseCommandLine, USAGE, UsageError, type CliInput } from './cli/parse-arguments'
import { DecisionError, type CheckedDecision } from '@/lib/decisions/decision-spec'
import { readDecisionsFile } from '@/lib/decisions/record-decisions'
import { preparationStatements } from '@/lib/target/evaluate-target'
import { renderTargetMigration } from '@/lib/target/prepare-target'
import { dryRunJson, renderDecisions, renderDrift, renderFailures, renderTargetCheck, renderText, renderTimings, resultJson, targetCheckJson } from './cli/render-result'

async function main(): Promise<number> {
  let input: CliInput | 'help'
  try {
    input = parseCommandLine(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (input === 'help') {
    process.stdout.write(USAGE + '\n')
    return 0
  }
  if (!existsSync(input.dump) || !statSync(input.dump).isFile()) {
    process.stderr.write(`There is no dump file ${input.dump}\n`)
    return 2
  }

  // A decisions file is read and checked against the contract before anything else happens.
  let decisions: CheckedDecision[] | undefined
  if (input.decisions) {
    try {
      decisions = await readDecisionsFile(input.decisions)
    } catch (error) {
      if (!(error instanceof DecisionError)) throw error
      process.stderr.write(`The decisions were refused, nothing was done:\n${error.message}\n`)
      return 2
    }
  }

  const database: Database = await ensureDatabase()
  let db: DatabaseClients | undefined
  const progress = createMigrationProgress(statSync(input.dump).size)
  try {
    await prepareDatabase(database.url)
    db = createClients(database.url)
    // --check-target and --target-migration look, they change nothing: a dry run with the check.
    const checkOnly = input.checkTarget || input.targetMigration !== undefined
    const result = await runMigration({
      db,
      dumpPath: input.dump,
      database: input.database,
      tables: input.tables,
      all: input.all,
      dryRun: input.dryRun || checkOnly,
      batchSize: input.batchSize,
      actor: 'cli',
      prepareTarget: input.prepareTarget,
      checkTarget: checkOnly,
      dropBackendIndexes: input.dropBackendIndexes,
      decisions,
      prune: input.prune,
      onProgress: progress.onProgress,
    }).finally(() => progress.stop())

    const check = result.targetCheck
    if (input.json) {
      const json = check ? { ...resultJson(result), target: targetCheckJson(check) } : result.dryRun ? dryRunJson(result) : resultJson(result)
      process.stdout.write(JSON.stringify(json, null, 2) + '\n')
    } else {
      process.stdout.write(renderText(result, { verbose: input.verbose }))
      if (check) process.stdout.write('\n' + renderTargetCheck(check))
    }
    if (check && input.targetMigration) {
      await writeFile(input.targetMigration, renderTargetMigration(preparationStatements(check.findings), { targetSchema: check.schema, generatedAt: new Date() }))
      process.stderr.write(`The statements that prepare the target were written to ${input.targetMigration}\n`)
    }
    for (const line of renderDecisions(result, { verbose: input.verbose })) process.stderr.write(line + '\n')
    if (result.targetPreparation) {
      const { statements, createdTables } = result.targetPreparation
      process.stderr.write(
        statements.length === 0
          ? 'The target lacked nothing the contract needs.\n'
          : `Prepared the target: ${statements.length} statement${statements.length === 1 ? '' : 's'}${createdTables.length ? `, tables created: ${createdTables.join(', ')}` : ''}\n`,
      )
      if (input.verbose) for (const statement of statements) process.stderr.write(`  ${statement}\n`)
    }
    for (const line of renderDrift(result)) process.stderr.write(line + '\n')
    if (input.verbose) {
      for (const w of result.readerWarnings) process.stderr.write(`reader warning ${w.code} at byte ${w.offset} (line ${w.line}): ${w.message}\n`)
      if (result.readerWarningCount > result.readerWarnings.length) {
        process.stderr.write(`… ${result.readerWarningCount - result.readerWarnings.length} more reader warnings\n`)
      }
    }
    if (input.report && result.reconciliation) {
      const { report } = result.reconciliation
      await writeFile(input.report, input.report.toLowerCase().endsWith('.csv') ? renderReportCsv(report) : renderReportJson(report))
      process.stderr.write(`Reconciliation report written to ${input.report}\n`)
    }
    process.stderr.write(renderTimings(result) + '\n')
    for (const line of renderFailures(result)) process.stderr.write(`FAILED ${line}\n`)
    if (check && checkOnly) return result.ok && !check.blocking ? 0 : 1
    return result.ok ? 0 : 1
  } catch (error) {
    if (isDumpError(error)) process.stderr.write(`The dump was refused: ${error.message}\n`)
    else if (isAppError(error)) {
      process.stderr.write(`${error.message}\n`)
      if (error.code === 'INVALID_INPUT') return 2 // a table name that is no table, e.g.
    } else {
      // Anything else (the database unreachable, a server error): its message, the stack with --verbose.
      process.stderr.write(`Failed: ${error instanceof Error ? error.message.trim() : String(error)}\n`)
      if (input.verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`)
    }
    return 1
  } finally {
    if (db) await closeClients(db)
    await database.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
