// A managed PostgreSQL is reached with `?sslmode=require` (the migration plan's DigitalOcean URL),
// or `verify-full` with the provider's CA file. Here: a real PostgreSQL started with ssl=on and a
// self-signed certificate, whose pg_hba.conf lets the migration's role in over TLS only; the app's
// entry point (migrations, target tables) and the command line's whole pipeline run through it.

import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, stopEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres'
import { connectPgClient } from './pg-pool'
import { prepareDatabase } from './prepare-database'
import { freePort } from './test-database'
import { runCli } from '@/lib/testing/run-cli'
import { writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'

const work = mkdtempSync(path.join(os.tmpdir(), 'ordermys-tls-'))
const dataDir = path.join(work, 'pg')
const cert = path.join(work, 'server.crt')
const key = path.join(work, 'server.key')
const hba = path.join(work, 'pg_hba.conf')
let server: EmbeddedPostgres
let port: number

/** The migration's role: TLS only (hostnossl → reject). */
const url = (query: string) => `postgresql://migrator:migrator-secret@localhost:${port}/ordermys?${query}`

beforeAll(async () => {
  // A self-signed certificate for localhost and 127.0.0.1, which is its own CA.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' })
  writeFileSync(
    hba,
    [
      'local all all trust',
      'hostnossl all migrator 0.0.0.0/0 reject',
      'hostssl all migrator 0.0.0.0/0 scram-sha-256',
      'host all postgres 127.0.0.1/32 scram-sha-256',
      'host all postgres ::1/128 scram-sha-256',
      '',
    ].join('\n'),
  )
  if (process.getuid?.() === 0) {
    // the server runs as the postgres user: its key must be its own, and private
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    for (const file of [key, cert, hba]) chownSync(file, uid, gid)
    chownSync(work, uid, gid)
  }
  execFileSync('chmod', ['600', key])
  port = await freePort()
  server = await startEmbeddedPostgres({
    dataDir,
    port,
    stopOnExit: true,
    initdbFlags: ['--no-sync'],
    settings: { ssl: 'on', ssl_cert_file: cert, ssl_key_file: key, hba_file: hba, fsync: 'off' },
  })
  const admin = new pg.Client({ connectionString: server.urlFor('postgres') })
  await admin.connect()
  await admin.query("CREATE ROLE migrator LOGIN PASSWORD 'migrator-secret'")
  await admin.query('CREATE DATABASE ordermys OWNER migrator')
  await admin.end()
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await stopEmbeddedPostgres(dataDir)
  rmSync(work, { recursive: true, force: true })
})

async function sslOf(connection: string): Promise<boolean> {
  const client = await connectPgClient(connection)
  try {
    return (await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl
  } finally {
    await client.end()
  }
}

describe('a PostgreSQL that takes the migration only over TLS', () => {
  it('refuses the role without TLS', async () => {
    await expect(sslOf(url('sslmode=disable'))).rejects.toThrow(/no encryption|pg_hba\.conf rejects/)
  })

  it('sslmode=require encrypts without checking the certificate, as libpq does (a self-signed one is fine)', async () => {
    expect(await sslOf(url('sslmode=require'))).toBe(true)
  })

  it('sslmode=verify-full checks the certificate: against its CA file it connects, without it it refuses', async () => {
    expect(await sslOf(url(`sslmode=verify-full&sslrootcert=${encodeURIComponent(cert)}`))).toBe(true)
    await expect(sslOf(url('sslmode=verify-full'))).rejects.toThrow(/self[- ]signed certificate/)
  })

  it('the entry point migrates the app’s schema and makes the target tables over sslmode=require', async () => {
    const prepared = await prepareDatabase(url('sslmode=require'))
    expect(prepared.applied.length).toBeGreaterThan(0)
    expect(prepared.createdTargetTables).toHaveLength(21)
  })

  it('the command line stages, imports and reconciles a dump over verify-full', async () => {
    const dump = path.join(work, 'small.sql')
    await writeSyntheticDump({ targetBytes: 256 * 1024, seed: 5, out: dump })
    const { code, stdout, stderr } = await runCli(url(`sslmode=verify-full&sslrootcert=${encodeURIComponent(cert)}`), ['--dump', dump, '--all', '--json'])
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, reconciliation: { passed: true } })
  }, 120_000)
})
