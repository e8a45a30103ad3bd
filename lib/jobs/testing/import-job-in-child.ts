// The web server's way of importing, in a process the fault test can kill -9: the confirm button's
// server action calls startImportJob, which runs the import in the background of the server process
// (launchJob: job events naming this process's boot id, heartbeats on the run). `next start` would
// need a build and a signed-in session to call the action; this runs the same lib code.
//
//   node --import tsx lib/jobs/testing/import-job-in-child.ts DATABASE_URL RUN_ID TABLE
//
// Prints `started <job id>` once the job runs, and `done` when it has finished.
import { setTimeout as sleep } from 'node:timers/promises'
import { closeClients, createClients } from '@/lib/db/prisma'
import { isJobRunning } from '@/lib/jobs/job-registry'
import { startImportJob } from '@/lib/jobs/start-import-job'

const [url, runId, legacyTable] = process.argv.slice(2)
const db = createClients(url)
try {
  const job = await startImportJob({ db, runId, legacyTable, actor: 'operator' })
  process.stdout.write(`started ${job.id}\n`)
  while (isJobRunning(runId)) await sleep(20)
  process.stdout.write('done\n')
} finally {
  await closeClients(db)
}
