// The real dump files written by other tools (`../shared/realworld-dumps/` beside the project: the
// project lives at <work>/main, shared at <work>/shared, on developers' machines and CI alike), and
// the MariaDB-compatible loading copy some of them need. The reader always gets the original bytes.

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { projectRoot } from '@/lib/db/paths'
import { SYSTEM_DATABASES } from '@/lib/staging/choose-database'

export interface RealworldDump {
  file: string
  tool: string
  notes: string
}

/** `<project>/../shared/realworld-dumps`. */
export function realworldDumpsDir(root = projectRoot()): string {
  return path.resolve(root, '..', 'shared', 'realworld-dumps')
}

/** The files listed in the folder's sources.json; throws (never an empty list) when the folder is absent. */
export function realworldDumps(dir = realworldDumpsDir()): RealworldDump[] {
  const sources = path.join(dir, 'sources.json')
  if (!existsSync(sources)) {
    throw new Error(`The real dumps are not at ${dir} (sources.json missing): they belong beside the project, in ../shared/realworld-dumps`)
  }
  return (JSON.parse(readFileSync(sources, 'utf8')) as RealworldDump[]).map(({ file, tool, notes }) => ({ file, tool, notes }))
}

/** Prefix of the databases a loading copy renames: the server's own system databases, which a dump may declare. */
export const RENAMED_SYSTEM_DATABASE_PREFIX = 'rw_system_'

/**
 * The text MariaDB 10.11 is given for a dump (gunzipped), with what it cannot load fixed line by
 * line (SOURCES.md, "fixes"): MySQL 8 collations (utf8mb4_0900_*) become utf8mb4_general_ci; the
 * lines mysqldump printed on stderr into the file are dropped, as are MySQL's GTID and binary-log
 * settings; a system database the dump declares (`mysql`, `information_schema`, …) is renamed
 * so that loading it does not touch the server's own. Returns the text and the databases it USEs
 * without creating them (to be made before loading).
 */
export function loadingCopy(bytes: Buffer, file: string): { text: Buffer; databases: string[] } {
  const raw = file.endsWith('.gz') ? gunzipSync(bytes) : bytes
  // latin1 keeps every byte as it is (binary values stay exact); the fixes touch ASCII only.
  const lines = raw.toString('latin1').split('\n')
  const databases = new Set<string>()
  const createdHere = new Set<string>()
  const out = lines
    .filter((line) => !/^(mysqldump|mariadb-dump): /.test(line) && !/GTID_PURGED|SQL_LOG_BIN/.test(line))
    .map((line) => {
      let fixed = line.replace(/utf8mb4_0900_\w+/g, 'utf8mb4_general_ci')
      const declares = /^\s*(?:CREATE\s+DATABASE|DROP\s+DATABASE|USE)\b/i.test(fixed)
      if (declares) {
        for (const system of SYSTEM_DATABASES) {
          fixed = fixed.replace(new RegExp(`(\`?)\\b${system}\\b(\`?)`, 'gi'), `$1${RENAMED_SYSTEM_DATABASE_PREFIX}${system}$2`)
        }
        const used = /^\s*USE\s+`?([^`;\s]+)`?/i.exec(fixed)
        if (used) databases.add(used[1])
        const created = /^\s*CREATE\s+DATABASE\s+(?:\/\*.*?\*\/\s*)?(?:IF\s+NOT\s+EXISTS\s+)?`?([^`;\s]+)`?/i.exec(fixed)
        if (created) createdHere.add(created[1])
      }
      return fixed
    })
  // A database the file USEs without creating it (dbForge's `USE sample;`) is made before loading.
  return { text: Buffer.from(out.join('\n'), 'latin1'), databases: [...databases].filter((d) => !createdHere.has(d)) }
}
