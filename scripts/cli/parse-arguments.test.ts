import { describe, expect, it } from 'vitest'
import { parseCommandLine, UsageError } from './parse-arguments'

const base = { dump: 'd.sql', dryRun: false, tables: [], all: false, json: false, verbose: false, checkTarget: false, prepareTarget: false, dropBackendIndexes: false, prune: false }

describe('parseCommandLine', () => {
  it.each([
    { argv: ['--dump', 'd.sql', '--dry-run', '--json'], want: { ...base, dryRun: true, json: true } },
    { argv: ['--dump', 'd.sql', '--all', '--batch-size', '200', '--report', 'r.csv'], want: { ...base, all: true, batchSize: 200, report: 'r.csv' } },
    { argv: ['--dump', 'd.sql', '--table', 'Orders', '--table', 'brands,Log'], want: { ...base, tables: ['Orders', 'brands', 'Log'] } },
    { argv: ['--dump', 'd.sql', '--dry-run', '--table', 'Orders', '--verbose'], want: { ...base, dryRun: true, tables: ['Orders'], verbose: true } },
    { argv: ['--dump', 'd.sql', '--check-target'], want: { ...base, checkTarget: true } },
    { argv: ['--dump', 'd.sql', '--all', '--decisions', 'd.json', '--prune'], want: { ...base, all: true, decisions: 'd.json', prune: true } },
    { argv: ['--dump', 'd.sql', '--target-migration', 'prepare.sql'], want: { ...base, targetMigration: 'prepare.sql' } },
    { argv: ['--dump', 'd.sql', '--all', '--prepare-target', '--drop-backend-indexes'], want: { ...base, all: true, prepareTarget: true, dropBackendIndexes: true } },
  ])('$argv', ({ argv, want }) => {
    // undefined options are absent from the expectation
    expect(JSON.parse(JSON.stringify(parseCommandLine(argv)))).toEqual(want)
  })

  it('asks for help', () => {
    expect(parseCommandLine(['--help'])).toBe('help')
  })

  it.each([
    { argv: ['--dry-run'], message: '--dump FILE is required' },
    { argv: ['--dump', 'd.sql'], message: 'Say what to import: --table NAME (repeatable) or --all; or --dry-run to only stage and validate' },
    { argv: ['--dump', 'd.sql', '--all', '--table', 'Orders'], message: 'Give --table NAME or --all, not both' },
    { argv: ['--dump', 'd.sql', '--all', '--batch-size', '0'], message: '--batch-size must be a positive integer, not 0' },
    { argv: ['--dump', 'd.sql', '--all', '--batch-size', '1e3'], message: '--batch-size must be a positive integer, not 1e3' },
    { argv: ['--dump', 'd.sql', '--all', '--report', 'r.txt'], message: '--report FILE must end in .json or .csv' },
    { argv: ['--dump', 'd.sql', '--table', 'Orders', '--report', 'r.json'], message: '--report FILE needs --all (reconciliation runs after a full import)' },
    { argv: ['--dump', 'd.sql', '--dry-run', '--all', '--report', 'r.json'], message: '--report FILE needs --all (reconciliation runs after a full import)' },
    { argv: ['--dump', 'd.sql', '--bogus'], message: /Unknown option '--bogus'/ },
    { argv: ['--dump', 'd.sql', '--dry-run', '--prepare-target'], message: '--prepare-target changes the target before an import: not with --dry-run, --check-target or --target-migration' },
    { argv: ['--dump', 'd.sql', '--check-target', '--prepare-target'], message: '--prepare-target changes the target before an import' },
    { argv: ['--dump', 'd.sql', '--dry-run', '--prune'], message: '--prune removes rows after an import' },
  ])('refuses $argv', ({ argv, message }) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError)
    expect(() => parseCommandLine(argv)).toThrow(message)
  })
})
