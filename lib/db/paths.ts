import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * The project root: the nearest folder, from the working directory upwards, that holds
 * `prisma/schema.prisma`. npm scripts, tsx and vitest all run from the root; walking up keeps
 * `cd lib && tsx ../scripts/…` working too. ORDERMYS_ROOT overrides (tests, unusual layouts).
 */
export function projectRoot(): string {
  if (process.env.ORDERMYS_ROOT) return path.resolve(process.env.ORDERMYS_ROOT)
  let dir = process.cwd()
  for (;;) {
    if (existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
}

export const schemaPath = (root = projectRoot()) => path.join(root, 'prisma', 'schema.prisma')
export const migrationsDir = (root = projectRoot()) => path.join(root, 'prisma', 'migrations')
export const generatedClientDir = (root = projectRoot()) => path.join(root, 'lib', 'generated', 'prisma')
/** The embedded server's data folder; ORDERMYS_DATA_DIR moves it (the browser tests use their own). */
export const embeddedDataDir = (root = projectRoot()) =>
  process.env.ORDERMYS_DATA_DIR ? path.resolve(root, process.env.ORDERMYS_DATA_DIR) : path.join(root, '.data', 'postgres')
