// Validation and import of a run's tables, overlapped. Validating is Node's work (mapping every
// row: one core), importing is PostgreSQL's (INSERT … SELECT inside the server: the other core), so
// a table is imported as soon as it is validated and the tables it references are settled, while
// the next tables are still being validated. Sequentially the two stages add up; overlapped, the
// run takes about the longer of the two plus the last table's import.

export interface ValidateAndImportOptions<V> {
  /** the tables, in dependency order */
  tables: readonly string[]
  /** the legacy tables `table` references */
  dependsOn: (table: string) => readonly string[]
  validate: (table: string) => Promise<V>
  /** imports one table and never throws (a failure is the callback's to record); absent: a dry run */
  importTable?: (table: string) => Promise<void>
  /** tables validated at once (default 2) */
  validateConcurrency?: number
  /** tables imported at once (default 2) */
  importConcurrency?: number
  /** called once every table is validated (imports may still be running) */
  onValidated?: (milliseconds: number) => void
}

export interface ValidateAndImportResult<V> {
  validations: Map<string, V>
  /** from the first validation's start to the last one's end */
  validateMilliseconds: number
  /** from the first import's start to the last one's end (null: nothing imported) */
  importMilliseconds: number | null
}

/**
 * Validates every table (in order, `validateConcurrency` at once) and imports each one once it is
 * validated and every selected table it references has been imported or has failed (its import is
 * then refused, naming that table). A validation that throws stops new imports; the running ones
 * finish before the error is rethrown.
 */
export async function validateAndImport<V>(options: ValidateAndImportOptions<V>): Promise<ValidateAndImportResult<V>> {
  const { tables, dependsOn } = options
  const selected = new Set(tables)
  const validations = new Map<string, V>()
  const settled = new Set<string>()
  const waiting = [...tables]
  const running = new Set<Promise<void>>()
  const importConcurrency = Math.max(1, options.importConcurrency ?? 2)
  let failure: { error: unknown } | null = null
  let importStarted: number | null = null
  let importEnded: number | null = null
  let allSettled: () => void = () => undefined
  const everyImportSettled = new Promise<void>((resolve) => (allSettled = resolve))

  const ready = (table: string) => validations.has(table) && dependsOn(table).every((d) => !selected.has(d) || settled.has(d))
  const startImports = () => {
    const importOne = options.importTable
    if (!importOne || failure) return
    for (let i = 0; i < waiting.length && running.size < importConcurrency; ) {
      const table = waiting[i]
      if (!ready(table)) {
        i += 1
        continue
      }
      waiting.splice(i, 1)
      importStarted ??= performance.now()
      const work: Promise<void> = importOne(table).finally(() => {
        running.delete(work)
        settled.add(table)
        importEnded = performance.now()
        startImports()
        if (settled.size === tables.length) allSettled()
      })
      running.add(work)
    }
  }

  const started = performance.now()
  const queue = [...tables]
  const worker = async () => {
    for (let table = queue.shift(); table !== undefined && !failure; table = queue.shift()) {
      try {
        validations.set(table, await options.validate(table))
      } catch (error) {
        failure ??= { error }
        return
      }
      startImports()
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.validateConcurrency ?? 2) }, worker))
  const validateMilliseconds = Math.round(performance.now() - started)
  if (!failure) options.onValidated?.(validateMilliseconds)

  if (failure) {
    await Promise.all(running)
    throw (failure as { error: unknown }).error
  }
  if (options.importTable && tables.length > 0) await everyImportSettled
  return {
    validations: new Map(tables.map((t) => [t, validations.get(t)!])),
    validateMilliseconds,
    importMilliseconds: importStarted === null || importEnded === null ? null : Math.round(importEnded - importStarted),
  }
}
