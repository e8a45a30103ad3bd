// Writes a synthetic legacy dump in exactly mariadb-dump 10.11's format, for benchmarks and
// end-to-end tests:
//
//   npx tsx scripts/generate-dump.ts --size 355MB --out tmp/ordermys.sql [--gzip] [--seed N]
//                                    [--manifest tmp/ordermys.manifest.json] [--net-buffer-length 1046528]
//
// The same seed and size give the same bytes. The manifest holds exact row counts per table
// and checks (orphans and zeros per reference, money sums per currency, …) for later tests.

import { parseArgs } from 'node:util'
import { parseSize, writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'

const USAGE = 'usage: npx tsx scripts/generate-dump.ts --size 355MB --out FILE [--gzip] [--seed N] [--manifest FILE.json] [--net-buffer-length BYTES]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      out: { type: 'string' },
      gzip: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      manifest: { type: 'string' },
      'net-buffer-length': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE + '\n')
    return
  }
  if (!values.size || !values.out) throw new Error(USAGE)
  const seed = Number(values.seed)
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`)
  const netBufferLength = values['net-buffer-length'] === undefined ? undefined : parseSize(values['net-buffer-length'])
  const result = await writeSyntheticDump({
    targetBytes: parseSize(values.size),
    seed,
    out: values.out,
    gzip: values.gzip,
    manifestPath: values.manifest,
    netBufferLength,
  })
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1) + ' MB'
  const lines = [
    `wrote ${values.out}: ${mb(result.bytes)} of dump text${result.gzip ? `, ${mb(result.fileBytes)} gzipped` : ''} in ${result.seconds} s (seed ${seed})`,
    ...Object.entries(result.tables).map(([table, t]) => `  ${table.padEnd(20)} ${String(t.rows).padStart(9)} rows ${String(t.insertStatements).padStart(5)} INSERTs ${mb(t.bytes).padStart(10)}`),
    `  sha256 ${result.sha256}`,
  ]
  if (values.manifest) lines.push(`manifest: ${values.manifest}`)
  process.stderr.write(lines.join('\n') + '\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`generate-dump: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
