// A worker thread's entry: Node runs no TypeScript by itself, so the thread registers tsx (as the
// CLI and `npm start` do) and then loads the worker's body from source. The Next.js server starts
// it too: its bundle has no file a thread could load, the source tree has.
import { register } from 'tsx/esm/api'

register()
await import('./validation-worker.ts')
