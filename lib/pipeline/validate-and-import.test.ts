import { describe, expect, it } from 'vitest'
import { validateAndImport } from './validate-and-import'

// A small dependency graph: B and C reference A, D references B; E stands alone.
const DEPENDS: Record<string, string[]> = { A: [], B: ['A'], C: ['A'], D: ['B'], E: [] }
const TABLES = ['A', 'B', 'C', 'D', 'E']

/** Runs the scheduler with fake steps that take `ms[table]` and records every start and end. */
async function schedule(options: { validateMs?: Record<string, number>; importMs?: Record<string, number>; failValidation?: string; failImport?: string; importConcurrency?: number; dryRun?: boolean }) {
  const log: string[] = []
  let importing = 0
  let maxImporting = 0
  const wait = (ms = 1) => new Promise((r) => setTimeout(r, ms))
  const run = validateAndImport({
    tables: TABLES,
    dependsOn: (t) => DEPENDS[t],
    importConcurrency: options.importConcurrency,
    validate: async (t) => {
      log.push(`validate ${t}`)
      await wait(options.validateMs?.[t])
      if (t === options.failValidation) throw new Error(`cannot validate ${t}`)
      log.push(`validated ${t}`)
      return t.toLowerCase()
    },
    importTable: options.dryRun
      ? undefined
      : async (t) => {
          importing += 1
          maxImporting = Math.max(maxImporting, importing)
          log.push(`import ${t}`)
          await wait(options.importMs?.[t])
          log.push(t === options.failImport ? `failed ${t}` : `imported ${t}`)
          importing -= 1
        },
  })
  return { run, log, maxImporting: () => maxImporting }
}

describe('validateAndImport', () => {
  it('imports every table once, each after its validation and after the tables it references', async () => {
    const { run, log } = await schedule({ validateMs: { A: 5, B: 30, C: 1, D: 1, E: 1 }, importMs: { A: 20, B: 5, C: 5, D: 5, E: 5 } })
    const result = await run
    expect([...result.validations.entries()]).toEqual(TABLES.map((t) => [t, t.toLowerCase()]))
    for (const table of TABLES) {
      expect(log.filter((l) => l === `import ${table}`)).toHaveLength(1)
      expect(log.indexOf(`import ${table}`)).toBeGreaterThan(log.indexOf(`validated ${table}`))
      for (const dependency of DEPENDS[table]) expect(log.indexOf(`import ${table}`)).toBeGreaterThan(log.indexOf(`imported ${dependency}`))
    }
    expect(result.importMilliseconds).toBeGreaterThan(0)
  })

  it('starts importing while later tables are still being validated', async () => {
    const { run, log } = await schedule({ validateMs: { A: 1, B: 1, C: 1, D: 1, E: 80 }, importMs: { A: 5 } })
    await run
    expect(log.indexOf('imported A')).toBeLessThan(log.indexOf('validated E'))
  })

  it('imports no more tables at once than asked', async () => {
    const one = await schedule({ importMs: { A: 5, E: 20, B: 10, C: 10, D: 10 }, importConcurrency: 1 })
    await one.run
    expect(one.maxImporting()).toBe(1)
    const two = await schedule({ importMs: { A: 5, E: 20, B: 10, C: 10, D: 10 }, importConcurrency: 2 })
    await two.run
    expect(two.maxImporting()).toBe(2)
  })

  it('still calls the import of a table whose dependency failed (the import refuses it, naming the dependency)', async () => {
    const { run, log } = await schedule({ failImport: 'A' })
    await run
    expect(log).toContain('failed A')
    expect(log.indexOf('import B')).toBeGreaterThan(log.indexOf('failed A'))
  })

  it('imports nothing in a dry run', async () => {
    const { run, log } = await schedule({ dryRun: true })
    const result = await run
    expect(log.some((l) => l.startsWith('import'))).toBe(false)
    expect(result.importMilliseconds).toBeNull()
    expect(result.validations.size).toBe(5)
  })

  it('stops starting imports when a validation fails, lets the running ones finish, then throws', async () => {
    const { run, log } = await schedule({ failValidation: 'C', validateMs: { A: 1, B: 1, C: 20 }, importMs: { A: 60 } })
    await expect(run).rejects.toThrow('cannot validate C')
    expect(log).toContain('imported A') // it was running: it finished before the error came back
    expect(log).not.toContain('import D')
  })
})
