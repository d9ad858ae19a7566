/**
 * Child process for sandboxed-query.ts: receives one read-only query over IPC, runs it
 * (sql-job.ts) and sends the rows back. better-sqlite3 cannot interrupt a statement, so a runaway
 * query is stopped by killing this process; nothing here may be shared with the parent.
 */
import { runSqlJob, type SqlJob } from './sql-job.js';

export type { SqlJob, SqlReply } from './sql-job.js';

process.once('message', (job: SqlJob) => {
  process.send!(runSqlJob(job), () => process.exit(0));
});
// the parent went away (killed, or finished without us): nothing left to answer
process.once('disconnect', () => process.exit(0));
