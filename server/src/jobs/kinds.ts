/**
 * A job kind: a name, the schema of its payload and how it is retried. Domains define their kinds next
 * to their services (`modules/<domain>/jobs.ts`) and register a handler for each when the app is built.
 *
 *   export const endMute = defineJob('moderation.end-mute', z.object({ groupId: z.uuid(), userId: z.uuid() }));
 *   deps.jobs.handle(endMute, (payload) => endExpiredMute(payload, deps));
 *   await deps.jobs.enqueue(tx, endMute, { groupId, userId }, { runAt: until, key: `end-mute:${groupId}:${userId}` });
 */
import type { z } from 'zod';

export interface JobKindOptions {
  /** Runs before the job is given up as failed (default 5). */
  maxAttempts?: number;
  /**
   * How long one run may take before another node may take the job over, believing this one died
   * (default 300 s). Handlers must be safe to run again after a crash half-way: read the current state,
   * and make each write conditional on it.
   */
  leaseSeconds?: number;
  /** Wait before retry number `attempt` (1 = the first retry): default 10 s × 4^(attempt−1), at most an hour. */
  backoffSeconds?: (attempt: number) => number;
}

export interface JobKind<P> {
  readonly name: string;
  readonly schema: z.ZodType<P>;
  readonly maxAttempts: number;
  readonly leaseSeconds: number;
  backoffSeconds(attempt: number): number;
}

const defaultBackoff = (attempt: number) => Math.min(3600, 10 * 4 ** Math.max(0, attempt - 1));

export function defineJob<P>(name: string, schema: z.ZodType<P>, options: JobKindOptions = {}): JobKind<P> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(name)) throw new Error(`job name ${name} should read domain.what-it-does`);
  return {
    name,
    schema,
    maxAttempts: options.maxAttempts ?? 5,
    leaseSeconds: options.leaseSeconds ?? 300,
    backoffSeconds: options.backoffSeconds ?? defaultBackoff,
  };
}

/** What a handler learns about the run it is in. */
export interface JobRun {
  id: string;
  /** 1 on the first run. */
  attempt: number;
  /** When the job was due (for recurring jobs: the slot this run covers). */
  runAt: Date;
}

export type JobHandler<P> = (payload: P, run: JobRun) => Promise<void>;
