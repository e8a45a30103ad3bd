// The command line's arguments → its input (pure). `npm run migrate -- --help` prints USAGE.
import { parseArgs } from 'node:util'
import { z } from 'zod'

export const USAGE = `Usage: npm run migrate -- --dump FILE [--dry-run] [--table NAME ...] [--all] [--batch-size N]
                          [--database NAME] [--decisions FILE] [--prune] [--check-target] [--prepare-target]
                          [--target-migration FILE] [--drop-backend-indexes] [--verbose] [--json] [--report FILE]

  --dump FILE        the mysqldump / mariadb-dump file: plain, gzip, bzip2, xz, zstd or a .zip of
                     one file (told by its bytes, not its name)
  --database NAME    of a dump of several databases, the one to migrate (default: the only one
                     with tables, or the only one holding tables of the legacy order system)
  --dry-run          stage and validate only; nothing is written to the target tables
  --table NAME       a table to import (legacy name like OptionsItems, or target name like
                     option_items), with the tables it references; repeat it or separate by commas
  --all              import every table in dependency order, then reconcile
  --batch-size N     rows per committed batch of an import (default 5000)
  --json             print the result as JSON on stdout (progress stays on stderr)
  --report FILE      write the reconciliation report (.json or .csv; needs --all)
  --decisions FILE   the operator's decisions ({"decisions": [...]}: repair, set, exclude, keep, accept,
                     separate; the app exports a run's in this format), applied to this dump's rows;
                     a decision the file gets wrong (an unknown table, ID, rule, column, action, a
                     value the column refuses) stops the run before anything is imported
  --prune            after the imports, remove from the imported tables the target rows whose legacy
                     ids this dump no longer has (or that it rejects or excludes); the new system's
                     own rows are never touched
  --check-target     stage and validate, then check the target database's tables against the
                     contract and the dump's rows; prints what blocks an import (exit 1 if any)
  --prepare-target   before importing, add what the target's tables lack (missing tables, the
                     legacy_id and other contract columns, their keys and indexes); never drops,
                     renames or narrows anything
  --target-migration FILE
                     stage, validate and write the statements --prepare-target would run to FILE
                     (a migration for the backend's own tool); changes nothing
  --drop-backend-indexes
                     also bulk-load empty tables the backend created without their indexes and
                     foreign keys (rebuilt afterwards); by default only the app's own tables are
  --verbose          also print the rules per table, reader warnings and timings
  --help             this text

Uses DATABASE_URL, or the project's embedded PostgreSQL; applies pending migrations first.
Exit code 0 when every table was imported and reconciliation holds (a dry run: when it read and
validated the dump), 1 when something failed (the table and the reason are printed), 2 for usage.`

export const cliInput = z
  .object({
    dump: z.string({ error: '--dump FILE is required' }).min(1, '--dump FILE is required'),
    database: z.string().min(1, '--database NAME needs a name').optional(),
    dryRun: z.boolean(),
    tables: z.array(z.string().min(1)),
    all: z.boolean(),
    batchSize: z.number().int().positive().optional(),
    json: z.boolean(),
    verbose: z.boolean(),
    report: z
      .string()
      .regex(/\.(json|csv)$/i, '--report FILE must end in .json or .csv')
      .optional(),
    checkTarget: z.boolean(),
    prepareTarget: z.boolean(),
    targetMigration: z.string().min(1).optional(),
    dropBackendIndexes: z.boolean(),
    decisions: z.string().min(1).optional(),
    prune: z.boolean(),
  })
  .refine((input) => !(input.all && input.tables.length > 0), { message: 'Give --table NAME or --all, not both' })
  .refine((input) => !(input.prepareTarget && (input.dryRun || input.checkTarget || input.targetMigration)), {
    message: '--prepare-target changes the target before an import: not with --dry-run, --check-target or --target-migration',
  })
  .refine((input) => input.dryRun || input.all || input.tables.length > 0 || input.checkTarget || input.targetMigration !== undefined, {
    message: 'Say what to import: --table NAME (repeatable) or --all; or --dry-run to only stage and validate',
  })
  .refine((input) => !input.report || (input.all && !input.dryRun), { message: '--report FILE needs --all (reconciliation runs after a full import)' })
  .refine((input) => !input.prune || (!input.dryRun && (input.all || input.tables.length > 0)), { message: '--prune removes rows after an import: give --all or --table NAME, not --dry-run' })
export type CliInput = z.infer<typeof cliInput>

export class UsageError extends Error {}

export function parseCommandLine(argv: string[]): CliInput | 'help' {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        dump: { type: 'string' },
        database: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        table: { type: 'string', multiple: true, default: [] },
        all: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        report: { type: 'string' },
        'check-target': { type: 'boolean', default: false },
        'prepare-target': { type: 'boolean', default: false },
        'target-migration': { type: 'string' },
        'drop-backend-indexes': { type: 'boolean', default: false },
        decisions: { type: 'string' },
        prune: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help) return 'help'
  const batchSize = values['batch-size']
  if (batchSize !== undefined && !/^[1-9][0-9]*$/.test(batchSize)) throw new UsageError(`--batch-size must be a positive integer, not ${batchSize}`)
  const parsed = cliInput.safeParse({
    dump: values.dump,
    database: values.database,
    dryRun: values['dry-run'],
    tables: values.table.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean),
    all: values.all,
    batchSize: batchSize === undefined ? undefined : Number(batchSize),
    json: values.json,
    verbose: values.verbose,
    report: values.report,
    checkTarget: values['check-target'],
    prepareTarget: values['prepare-target'],
    targetMigration: values['target-migration'],
    dropBackendIndexes: values['drop-backend-indexes'],
    decisions: values.decisions,
    prune: values.prune,
  })
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '))
  return parsed.data
}
