import { spawn } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from '@/lib/db/paths'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** `npm run migrate -- …args` as an operator runs it (scripts/cli.ts in a child process), on `databaseUrl`. */
export function runCli(databaseUrl: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'scripts/cli.ts'), ...args], {
      cwd: projectRoot(),
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}
