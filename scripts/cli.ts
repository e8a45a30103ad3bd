// The headless pipeline: `npm run migrate -- --dump FILE [options]`.
// Thin over lib/: argument parsing, progress on stderr, results on stdout, an exit code.
import { statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { inspectDump } from '@/lib/dump/inspect-dump'
import { isDumpError, openDumpFile, readDump } from '@/lib/dump'
import { createByteProgress } from './cli/progress'

const USAGE = `Usage: npm run migrate -- --dump FILE [--dry-run] [--json] [--verbose]

  --dump FILE      the mysqldump / mariadb-dump file (.sql or gzip, told by its bytes)
  --dry-run        read and report; write nothing to the target tables
  --json           print the result as JSON on stdout (progress stays on stderr)
  --verbose        print reader warnings
  --help           this text`

const cliInput = z.object({
  dump: z.string().min(1, '--dump FILE is required'),
  dryRun: z.boolean(),
  json: z.boolean(),
  verbose: z.boolean(),
})
type CliInput = z.infer<typeof cliInput>

function parseCommandLine(argv: string[]): CliInput | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      dump: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const parsed = cliInput.safeParse({ dump: values.dump, dryRun: values['dry-run'], json: values.json, verbose: values.verbose })
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '))
  return parsed.data
}

class UsageError extends Error {}

async function main(): Promise<number> {
  let input: CliInput | 'help'
  try {
    input = parseCommandLine(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`)
    return 2
  }
  if (input === 'help') {
    process.stdout.write(USAGE + '\n')
    return 0
  }
  if (!input.dryRun) {
    process.stderr.write('Only --dry-run is available in this version: staging and import come with the import engine.\n')
    return 2
  }

  const size = statSync(input.dump).size
  const progress = createByteProgress('Reading', size)
  const events = readDump(openDumpFile(input.dump), {
    onInfo: (info) => progress.update(info.sourceBytes, info.currentTable ?? ''),
  })
  const started = Date.now()
  const summary = await inspectDump(events).finally(() => progress.stop())
  const seconds = (Date.now() - started) / 1000

  if (input.json) {
    process.stdout.write(JSON.stringify(summary.tables, null, 2) + '\n')
  } else {
    for (const t of summary.tables) {
      process.stdout.write(`${t.table.padEnd(24)} ${String(t.rows).padStart(10)} rows  ${t.columns.length} columns\n`)
    }
  }
  if (summary.views.length) process.stderr.write(`Views (not data): ${summary.views.join(', ')}\n`)
  process.stderr.write(
    `Read ${(summary.info.bytes / 1e6).toFixed(1)} MB, ${summary.info.rows} rows in ${summary.tables.length} tables ` +
      `in ${seconds.toFixed(1)} s; ${summary.warnings.length} warning(s)\n`,
  )
  if (input.verbose) {
    for (const w of summary.warnings) process.stderr.write(`warning ${w.code} at byte ${w.offset} (line ${w.line}): ${w.message}\n`)
  }
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isDumpError(error)) process.stderr.write(`The dump was refused: ${error.message}\n`)
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
