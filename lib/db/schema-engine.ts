import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import { splitSchemaParam, withDatabaseName } from './database-url'
import { createPgPool, queryOnce } from './pg-pool'

/**
 * Prisma's schema engine (the part of `prisma migrate` that applies and creates migrations),
 * compiled to WebAssembly and talking to PostgreSQL through the pg driver adapter. The Prisma
 * CLI would download a native build of the same engine; this one ships in an npm package.
 *
 * Node 20 cannot `import` a .wasm file (what the package's own entry point does), so we
 * instantiate it by hand: the generated bindings module is the wasm's import object, and gets
 * the instance's exports back. The module is loaded once per process.
 */
let bindings: Promise<typeof engineBindings> | undefined

// A Rust panic inside the engine reports its message here before the wasm traps with a bare
// "RuntimeError: unreachable" (same registry as the Prisma CLI installs).
// Some panics escape as uncaught exceptions (in engine callbacks), hence the message on stderr.
const panicRegistry = {
  message: '',
  set_message(message: string) {
    this.message = message
    console.error(`Schema engine panic: ${message}`)
  },
}
;(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry

function loadBindings(): Promise<typeof engineBindings> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url)
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = await readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(engineBindings) })
    engineBindings.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return engineBindings
  })()
  return bindings
}

/**
 * The engine races its operations against timers that it never clears (the bindings import
 * setTimeout, not clearTimeout), so each command leaves a ~10 s timer that keeps the process
 * alive after the work is done. The operations themselves hold sockets, so unref'd timers are
 * enough to keep the process alive while something is pending.
 */
function withUnrefTimers(imports: typeof engineBindings): WebAssembly.ModuleImports {
  const patched: Record<string, unknown> = { ...imports }
  for (const key of Object.keys(patched)) {
    if (key.startsWith('__wbg_setTimeout_')) {
      patched[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref()
    }
  }
  return patched as WebAssembly.ModuleImports
}

export type SchemaEngineOptions = {
  /** Prisma schema files as [path, content] pairs, for commands that read the schema. */
  datamodels?: [string, string][]
  /** Engine log lines (default: dropped, unless env DEBUG mentions prisma). */
  onLog?: (line: string) => void
}

/**
 * Runs `fn` with a schema engine connected to `url`, and frees it afterwards.
 * The shadow database the engine needs for createMigration/diff is a throwaway database
 * created on the same server and dropped when the engine lets go of it.
 */
export async function withSchemaEngine<T>(
  url: string,
  fn: (engine: SchemaEngine) => Promise<T>,
  options: SchemaEngineOptions = {},
): Promise<T> {
  // The app's schema is created here, outside the engine: an engine error would hide the reason
  // (a server that cannot be reached reads "External error id#0").
  await queryOnce(url, `CREATE SCHEMA IF NOT EXISTS "${splitSchemaParam(url).schema}"`)
  const wasm = await loadBindings()
  const adapters = migrationAdapterFactory(url)
  const factory = bindMigrationAwareSqlAdapterFactory(adapters.factory)
  const debug = process.env.DEBUG?.includes('prisma') ? (line: string) => console.error(line) : undefined
  const onLog = options.onLog ?? debug ?? (() => {})
  const engine = await wasm.SchemaEngine.new({ datamodels: options.datamodels }, onLog, factory)
  try {
    return await fn(engine)
  } catch (error) {
    throw engineError(error)
  } finally {
    engine.free()
    // Freeing the engine does not dispose the JS adapters it opened; their idle pool
    // connections would keep the process alive for another 10 s.
    await adapters.disposeAll()
  }
}

/**
 * The pg driver adapter as the engine needs it. Three corrections to @prisma/adapter-pg 7.10
 * (each found by running the engine against PostgreSQL 18 here):
 * - executeScript() splits the script on every `;` and runs the pieces one by one: a `;` inside
 *   a string literal or function body breaks the script, and a failing migration leaves half of
 *   itself applied. The native engine sends the whole script as one simple query, which
 *   PostgreSQL runs in one implicit transaction; we do the same.
 * - Describing a schema (diff, for new migrations) reads catalog columns of type "char"
 *   (`pg_class.relkind`, …), which the adapter refuses ("Column type 'char' could not be
 *   deserialized"); we report those few catalog types as text, which their values are.
 * - PostgreSQL 18 lists NOT NULL constraints in pg_constraint (contype 'n'). The engine's
 *   describer reads `contype` of every constraint that is not p/u/f as a "char" it cannot get
 *   through the adapter and panics; we leave the 'n' rows out of that one query, which gives the
 *   result of PostgreSQL <= 17 (nullability is read from pg_attribute anyway).
 * - connectToShadowDb() builds the shadow pool as `{ ...config, database }`, where a
 *   connectionString wins over `database`, so the "shadow" would be the main database; we derive
 *   the shadow URL instead. The shadow database is dropped when the engine lets go of it.
 */
function migrationAdapterFactory(url: string): {
  factory: SqlMigrationAwareDriverAdapterFactory
  disposeAll(): Promise<void>
} {
  const { connectionString, schema } = splitSchemaParam(url)
  const adapterOptions = { schema }
  const reference = new PrismaPg({ connectionString }, adapterOptions)
  const opened = new Set<SqlDriverAdapter>()

  // The engine writes its migrations' unqualified names (and _prisma_migrations) wherever the
  // session's search path says: the app's schema alone.
  const open = async (poolUrl: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> => {
    const pool = createPgPool(poolUrl, { max: 4, searchPath: [schema] })
    pool.on('connect', reportCatalogTypesAsText)
    pool.on('error', () => {}) // idle client errors surface on the next query
    const adapter = await new PrismaPg(pool, adapterOptions).connect()
    const queryRaw = adapter.queryRaw.bind(adapter)
    adapter.queryRaw = (query) => queryRaw({ ...query, sql: withoutNotNullConstraints(query.sql) })
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script)
      } catch (error) {
        ;(adapter as unknown as { onError(error: unknown): never }).onError(error) // → DriverAdapterError
      }
    }
    const dispose = adapter.dispose.bind(adapter)
    adapter.dispose = async () => {
      if (!opened.delete(adapter)) return
      await dispose()
      await pool.end()
      await afterDispose?.()
    }
    opened.add(adapter)
    return adapter
  }

  const admin = async (sql: string) => void (await queryOnce(url, sql))

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: reference.provider,
    adapterName: reference.adapterName,
    connect: () => open(url),
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`
      await admin(`CREATE DATABASE "${name}"`)
      await queryOnce(withDatabaseName(url, name), `CREATE SCHEMA "${schema}"`)
      return open(withDatabaseName(url, name), () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
  const disposeAll = async () => {
    await Promise.all([...opened].map((adapter) => adapter.dispose()))
  }
  return { factory, disposeAll }
}

const CONSTRAINT_FILTER = "contype NOT IN ('p', 'u', 'f')"

function withoutNotNullConstraints(sql: string): string {
  return sql.includes('AS constraint_type') && sql.includes(CONSTRAINT_FILTER)
    ? sql.replace(CONSTRAINT_FILTER, "contype NOT IN ('p', 'u', 'f', 'n')")
    : sql
}

// Catalog types with no driver-adapter column type; their text form is what the engine reads.
const CATALOG_TYPES_AS_TEXT = new Set([
  18, // "char"
  22, // int2vector
  24, // regproc
  30, // oidvector
  194, // pg_node_tree
  1033, // aclitem
  2205, // regclass
  2206, // regtype
])
const TEXT_OID = 25

type QueryResultLike = { fields?: { dataTypeID: number }[] }

function textifyCatalogTypes<T>(result: T): T {
  for (const one of (Array.isArray(result) ? result : [result]) as QueryResultLike[]) {
    for (const field of one?.fields ?? []) {
      if (CATALOG_TYPES_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID
    }
  }
  return result
}

/** Patches one pooled connection's query() (promise and callback forms; pool.query uses the latter). */
function reportCatalogTypesAsText(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((...args: unknown[]) => {
    const last = args[args.length - 1]
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => last(error, error ? result : textifyCatalogTypes(result))
      return query(...args)
    }
    const result = query(...args)
    return result instanceof Promise ? result.then(textifyCatalogTypes) : result
  }) as typeof client.query
}

/** Engine errors arrive as plain objects or Errors with a Prisma error code (P3xxx) and message. */
function engineError(error: unknown): Error {
  if (error instanceof WebAssembly.RuntimeError) {
    const registry = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY
    return new Error(`Schema engine panicked: ${registry?.message || error.message}`, { cause: error })
  }
  if (error instanceof Error && !('code' in error)) return error
  const { code, message } = (error ?? {}) as { code?: string; message?: string }
  const wrapped = new Error(code ? `${code}: ${message ?? 'schema engine error'}` : String(message ?? error))
  Object.assign(wrapped, { code, cause: error })
  return wrapped
}
