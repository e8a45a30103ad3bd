// Compressed copies of a dump made by the real command-line tools an operator uses (Debian's bzip2,
// xz-utils, zstd, zip; .ci/run installs them), so that the tests read what those tools write.

import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import path from 'node:path'

export type CompressTool = 'gzip' | 'bzip2' | 'xz' | 'zstd' | 'zip'

export const COMPRESS_TOOLS: readonly CompressTool[] = ['gzip', 'bzip2', 'xz', 'zstd', 'zip']

const EXTENSION: Record<CompressTool, string> = { gzip: '.gz', bzip2: '.bz2', xz: '.xz', zstd: '.zst', zip: '.zip' }

/**
 * `file` compressed by `tool` into `outDir` (the original stays): `name.sql.gz`, `.bz2`, `.xz`,
 * `.zst`, or `name.sql.zip` holding `name.sql` (with `alsoZip`, those files too: a zip of several).
 * Throws, naming the Debian package, when the tool is missing.
 */
export function compressFile(tool: CompressTool, file: string, outDir: string, options: { alsoZip?: string[] } = {}): string {
  const base = path.basename(file)
  const out = path.join(outDir, base + EXTENSION[tool])
  rmSync(out, { force: true })
  const run = (command: string, args: string[], cwd: string) => {
    try {
      execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
      const pkg = { gzip: 'gzip', bzip2: 'bzip2', xz: 'xz-utils', zstd: 'zstd', zip: 'zip' }[tool]
      throw new Error(missing ? `${command} is not installed: apt-get install -y ${pkg} (.ci/run does this)` : `${command} failed: ${String(error)}`)
    }
  }
  if (tool === 'zip') {
    const inside = [file, ...(options.alsoZip ?? [])]
    for (const f of inside) if (path.dirname(f) !== outDir && !existsSync(path.join(outDir, path.basename(f)))) copyFileSync(f, path.join(outDir, path.basename(f)))
    run('zip', ['-q', out, ...inside.map((f) => path.basename(f))], outDir)
    return out
  }
  const copy = path.join(outDir, base)
  if (copy !== file) copyFileSync(file, copy)
  const args: Record<Exclude<CompressTool, 'zip'>, string[]> = { gzip: ['-kf'], bzip2: ['-kf'], xz: ['-kf', '-T1'], zstd: ['-qkf'] }
  run(tool, [...args[tool], base], outDir)
  return out
}
