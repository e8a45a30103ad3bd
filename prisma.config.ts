import path from 'node:path'
import { defineConfig } from 'prisma/config'

// Prisma 7 reads the schema path and the datasource URL from here, not from schema.prisma.
// DATABASE_URL is only needed by the ordinary Prisma CLI's database commands
// (`prisma migrate deploy`, `prisma studio`, … on a machine that can download the native engine).
// This project itself migrates through the WebAssembly schema engine (lib/db/migrations.ts)
// and never needs the URL here; `prisma generate` must work without it.
const url = process.env.DATABASE_URL

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  ...(url ? { datasource: { url } } : {}),
})
