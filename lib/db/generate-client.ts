import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { generatedClientDir, projectRoot, schemaPath } from './paths'

const STAMP_FILE = '.generated-from'

export type GeneratePrismaClientOptions = {
  /** Generate even when the stamp says the client is up to date (postinstall does). */
  force?: boolean
  root?: string
  /** Pass the CLI's output through (default) or keep quiet. */
  quiet?: boolean
}

/**
 * Generates the Prisma client into lib/generated/prisma, offline.
 *
 * The Prisma CLI resolves (and on first use downloads) its native schema engine before any
 * command, even though `generate` itself runs in WebAssembly and never calls that engine. The
 * download host is not reachable everywhere this project runs, so we point
 * PRISMA_SCHEMA_ENGINE_BINARY at an executable that surely exists (node itself): the CLI is
 * satisfied, never downloads, never runs it. For the same reason the @prisma/engines postinstall
 * (a download) is not needed. Telemetry/update checks are switched off: they go to the network.
 *
 * Without `force`, nothing happens when the client exists and was generated from the same schema
 * with the same Prisma versions (a stamp file beside the client records that).
 */
export function generatePrismaClient(options: GeneratePrismaClientOptions = {}): { generated: boolean } {
  const root = options.root ?? projectRoot()
  const outDir = generatedClientDir(root)
  const stamp = clientStamp(root)
  if (!options.force && isClientFresh(outDir, stamp)) return { generated: false }

  const require = createRequire(path.join(root, 'package.json'))
  const prismaPkgPath = require.resolve('prisma/package.json')
  const prismaPkg = JSON.parse(readFileSync(prismaPkgPath, 'utf8')) as { bin: Record<string, string> }
  const cli = path.join(path.dirname(prismaPkgPath), prismaPkg.bin.prisma)

  const result = spawnSync(process.execPath, [cli, 'generate', '--no-hints'], {
    cwd: root,
    stdio: options.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      PRISMA_DISABLE_WARNINGS: process.env.PRISMA_DISABLE_WARNINGS ?? '1',
    },
  })
  if (result.error) throw result.error
  if (result.status !== 0) {
    const output = options.quiet ? `\n${result.stdout ?? ''}${result.stderr ?? ''}` : ''
    throw new Error(`prisma generate failed (exit ${result.status})${output}`)
  }
  writeFileSync(path.join(outDir, STAMP_FILE), stamp)
  return { generated: true }
}

function isClientFresh(outDir: string, stamp: string): boolean {
  const stampPath = path.join(outDir, STAMP_FILE)
  if (!existsSync(path.join(outDir, 'client.ts')) || !existsSync(stampPath)) return false
  return readFileSync(stampPath, 'utf8') === stamp
}

/** What the generated client depends on: the schema text and the Prisma package versions. */
function clientStamp(root: string): string {
  const require = createRequire(path.join(root, 'package.json'))
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version
  const hash = createHash('sha256')
  hash.update(readFileSync(schemaPath(root)))
  hash.update(`\nprisma@${version('prisma')} @prisma/client@${version('@prisma/client')}\n`)
  return `${hash.digest('hex')}\n`
}
