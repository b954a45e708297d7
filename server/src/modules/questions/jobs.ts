/**
 * A clinician's claim on a queued question ends for real when its 30 minutes are up: a job keyed by
 * the question frees it (claiming again moves the job, releasing withdraws it). The clinician queue
 * has no live view to tell (the page reads it again as it refreshes); the freed claim simply no
 * longer shows.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { defineJob } from '../../jobs/kinds.js';
import { rowsOf } from '../messages/rows.js';

export const lapseClaim = defineJob('questions.claim-lapse', z.object({ questionId: z.uuid(), claimedBy: z.uuid() }));

const claimKey = (questionId: string) => `question-claim:${questionId}`;

type JobDeps = Pick<Deps, 'jobs'>;

/** Queues (or moves) the lapse of a claim, in the caller's transaction. */
export async function scheduleClaimLapse(tx: Queryable, deps: JobDeps, claim: { questionId: string; claimedBy: string; until: Date }) {
  await deps.jobs.enqueue(tx, lapseClaim, { questionId: claim.questionId, claimedBy: claim.claimedBy }, { runAt: claim.until, key: claimKey(claim.questionId) });
}

/** A released claim has nothing left to lapse. */
export async function releaseClaimLapse(tx: Queryable, deps: JobDeps, questionId: string) {
  await deps.jobs.cancel(tx, claimKey(questionId));
}

/**
 * Frees the question if that clinician's claim is still on it and its time is up (a claim extended,
 * released and taken again, or freed by an answer, is left as it is). True when a claim ended.
 */
export async function endLapsedClaim(deps: Pick<Deps, 'db' | 'clock'>, claim: { questionId: string; claimedBy: string }): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    deps.db,
    sql`update questions set claimed_by = null, claimed_until = null
        where id = ${claim.questionId}::uuid and claimed_by = ${claim.claimedBy}::uuid
          and claimed_until <= ${deps.clock.now().toISOString()}::timestamptz
        returning id`,
  );
  return rows.length > 0;
}

export function registerQuestionJobs(deps: Deps): void {
  deps.jobs.handle(lapseClaim, async (payload) => {
    await endLapsedClaim(deps, payload);
  });
}
