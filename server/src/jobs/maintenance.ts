/** The runner's own housekeeping: finished jobs are kept a while for operators, then removed. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { defineJob } from './kinds.js';
import type { JobRunner } from './runner.js';

const DAY_MS = 86_400_000;

export const pruneJobs = defineJob('jobs.prune', z.object({}).strict());

/** Done jobs go after 7 days, failed ones after 30 (long enough to look into what went wrong). */
export function registerJobMaintenance(jobs: JobRunner, db: Queryable): void {
  jobs.every(pruneJobs, DAY_MS, async (_payload, run) => {
    await db.execute(sql`
      delete from jobs
      where (status = 'done' and finished_at < ${new Date(run.runAt.getTime() - 7 * DAY_MS).toISOString()}::timestamptz)
         or (status = 'failed' and finished_at < ${new Date(run.runAt.getTime() - 30 * DAY_MS).toISOString()}::timestamptz)`);
  });
}
