/**
 * The job runner: time-driven work kept as rows of the `jobs` table, which any node may take — each
 * job exactly once while nodes live, taken over by another node only when its lease runs out (the
 * node died mid-run). It is a small `FOR UPDATE SKIP LOCKED` queue rather than pg-boss or
 * graphile-worker because it must run on the embedded database (PGlite: one connection, no LISTEN
 * between processes) as well as on PostgreSQL, and because "now" comes from `deps.clock`, so tests move
 * time instead of sleeping.
 *
 * Every node polls (`JOBS_POLL_MS`, 0 = this node only enqueues); `runDue()` runs what is due at once
 * (tests, and a node catching up after a pause).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { JobHandler, JobKind } from './kinds.js';

export interface EnqueueOptions {
  /** When it becomes due (default: now). */
  runAt?: Date;
  /**
   * At most one job per key. With `replace` (the default) a later enqueue with the same key replaces
   * the payload and time of the earlier one whatever its state — a rescheduled reminder moves, a
   * re-muted member's "mute ends" job follows the new end; with `keep` the first one stays.
   */
  key?: string;
  onConflict?: 'replace' | 'keep';
}

interface ClaimedRow {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  runAt: string;
}

interface Registered {
  kind: JobKind<unknown>;
  handler: JobHandler<unknown>;
}

export interface JobRunnerOptions {
  db: Queryable;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Poll interval; 0 turns polling off on this node. */
  pollMs: number;
  /** Jobs run at once on this node. */
  concurrency: number;
}

/** Recurring jobs are enqueued per slot; nodes enqueueing the same slot meet on its key. */
const slotKey = (name: string, slot: Date) => `${name}@${slot.toISOString()}`;

export class JobRunner {
  /** Names this node's lease rows with; a finishing run may only close its own claim. */
  readonly nodeId = randomUUID();
  private readonly registered = new Map<string, Registered>();
  private readonly recurring = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly options: JobRunnerOptions) {}

  /** Registers the handler of a kind. A node claims only the kinds it has handlers for. */
  handle<P>(kind: JobKind<P>, handler: JobHandler<P>): void {
    if (this.registered.has(kind.name)) throw new Error(`job ${kind.name} has two handlers`);
    this.registered.set(kind.name, { kind: kind as JobKind<unknown>, handler: handler as JobHandler<unknown> });
  }

  /**
   * Registers a kind that runs every `everyMs`, in slots aligned to the epoch (a daily job at 00:00
   * UTC), each slot run once across all nodes. Its handler's `run.runAt` is the slot. Slots missed
   * while no node ran (or while the clock jumped) are not replayed one by one: the next slot is the
   * first one after now, so a recurring handler covers everything up to its run.
   */
  every<P extends Record<string, never>>(kind: JobKind<P>, everyMs: number, handler: JobHandler<P>): void {
    this.handle(kind, async (payload, run) => {
      await handler(payload, run);
      const now = this.options.clock.now().getTime();
      const next = Math.max(run.runAt.getTime() + everyMs, Math.floor(now / everyMs) * everyMs + everyMs);
      await this.enqueueSlot(kind, new Date(next));
    });
    this.recurring.set(kind.name, everyMs);
  }

  /**
   * Adds a job in the caller's transaction (pass `tx`) so it exists exactly when the write that
   * needs it commits. Validates the payload against the kind's schema.
   */
  async enqueue<P>(db: Queryable, kind: JobKind<P>, payload: P, options: EnqueueOptions = {}): Promise<void> {
    const valid = kind.schema.parse(payload);
    const runAt = options.runAt ?? this.options.clock.now();
    const conflict = !options.key
      ? sql``
      : options.onConflict === 'keep'
        ? sql`on conflict (key) do nothing`
        : sql`on conflict (key) do update set payload = excluded.payload, run_at = excluded.run_at, status = 'queued',
                attempts = 0, locked_by = null, locked_until = null, last_error = null, finished_at = null`;
    await db.execute(sql`
      insert into jobs (name, key, payload, run_at, max_attempts, lease_seconds)
      values (${kind.name}, ${options.key ?? null}, ${JSON.stringify(valid ?? {})}::jsonb, ${runAt.toISOString()}::timestamptz,
              ${kind.maxAttempts}, ${kind.leaseSeconds})
      ${conflict}`);
  }

  /** Withdraws a job that has not run yet (a cancelled event's reminder). True when one was withdrawn. */
  async cancel(db: Queryable, key: string): Promise<boolean> {
    const result = (await db.execute(sql`delete from jobs where key = ${key} and status = 'queued' returning id`)) as unknown as {
      rows: unknown[];
    };
    return result.rows.length > 0;
  }

  /** Starts polling (when `pollMs` > 0) and makes sure every recurring kind has its next slot queued. */
  async start(): Promise<void> {
    await this.ensureRecurring();
    if (this.options.pollMs > 0 && !this.timer) this.schedulePoll(0);
  }

  /** Stops claiming new jobs and waits (up to `graceMs`) for the ones running on this node. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const running = Promise.allSettled([...this.inFlight]);
    await Promise.race([running, new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  /**
   * Runs every job due by the clock, including jobs those runs make due, and resolves when none is left.
   * Returns how many ran. Jobs already running on another node are left to it.
   */
  async runDue(): Promise<number> {
    await this.ensureRecurring();
    let ran = 0;
    for (let round = 0; round < 1000; round++) {
      const claimed = await this.claim(50);
      if (claimed.length === 0) return ran;
      await Promise.all(claimed.map((row) => this.execute(row)));
      ran += claimed.length;
    }
    throw new Error('runDue: jobs keep making more jobs due; is one enqueueing itself for now?');
  }

  private async ensureRecurring(): Promise<void> {
    const now = this.options.clock.now().getTime();
    for (const [name, everyMs] of this.recurring) {
      const kind = this.registered.get(name)!.kind;
      await this.enqueueSlot(kind, new Date(Math.ceil(now / everyMs) * everyMs));
    }
  }

  private enqueueSlot(kind: JobKind<unknown>, slot: Date): Promise<void> {
    return this.enqueue(this.options.db, kind, {}, { runAt: slot, key: slotKey(kind.name, slot), onConflict: 'keep' });
  }

  private schedulePoll(delayMs: number): void {
    if (this.stopping) return;
    const jitter = Math.floor(Math.random() * Math.min(250, this.options.pollMs / 4));
    this.timer = setTimeout(() => void this.poll(), delayMs + jitter);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    let again = false;
    try {
      const free = this.options.concurrency - this.inFlight.size;
      if (free > 0) {
        const claimed = await this.claim(free);
        for (const row of claimed) this.track(this.execute(row));
        again = claimed.length === free;
      }
    } catch (err) {
      // The database is away: try again at the next tick.
      this.options.log.warn({ err }, 'job poll failed');
    }
    this.schedulePoll(again ? 0 : this.options.pollMs);
  }

  private track(run: Promise<void>): void {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /**
   * Claims up to `limit` due jobs for this node: queued ones whose time has come, and running ones
   * whose lease ran out (their node died). SKIP LOCKED makes two nodes claiming at once take different rows.
   */
  private async claim(limit: number): Promise<ClaimedRow[]> {
    if (this.stopping || this.registered.size === 0) return [];
    const now = this.options.clock.now().toISOString();
    const names = [...this.registered.keys()];
    const result = (await this.options.db.execute(sql`
      with due as (
        select id from jobs
        where name = any(${sql.param(names)}::text[])
          and ((status = 'queued' and run_at <= ${now}::timestamptz) or (status = 'running' and locked_until <= ${now}::timestamptz))
        order by run_at, id
        limit ${limit}
        for update skip locked
      )
      update jobs j
      set status = 'running', attempts = j.attempts + 1, locked_by = ${this.nodeId},
          locked_until = ${now}::timestamptz + make_interval(secs => j.lease_seconds)
      from due where j.id = due.id
      returning j.id::text as "id", j.name, j.payload, j.attempts, j.max_attempts as "maxAttempts",
                to_char(j.run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "runAt"`)) as unknown as { rows: ClaimedRow[] };
    return result.rows;
  }

  private async execute(row: ClaimedRow): Promise<void> {
    const registered = this.registered.get(row.name);
    const log = this.options.log;
    try {
      if (!registered) throw new Error(`no handler for ${row.name}`);
      const payload = registered.kind.schema.parse(row.payload);
      await registered.handler(payload, { id: row.id, attempt: row.attempts, runAt: new Date(row.runAt) });
      await this.finish(row, null);
    } catch (err) {
      const lastAttempt = row.attempts >= row.maxAttempts;
      log.error({ err, job: row.name, id: row.id, attempt: row.attempts, lastAttempt }, 'job failed');
      const retryIn = registered?.kind.backoffSeconds(row.attempts) ?? 60;
      await this.finish(row, { message: err instanceof Error ? err.message : String(err), retryIn, lastAttempt }).catch((e: unknown) =>
        log.warn({ err: e, id: row.id }, 'could not record a job failure; its lease will run out and it will run again'),
      );
    }
  }

  /**
   * Closes this node's claim: done, queued again after a backoff, or failed for good. A claim that was
   * replaced meanwhile (a newer enqueue on the same key, or another node's take-over) is left alone.
   */
  private async finish(row: ClaimedRow, failure: { message: string; retryIn: number; lastAttempt: boolean } | null): Promise<void> {
    const now = this.options.clock.now().toISOString();
    const outcome = !failure
      ? sql`status = 'done', finished_at = ${now}::timestamptz, last_error = null`
      : failure.lastAttempt
        ? sql`status = 'failed', finished_at = ${now}::timestamptz, last_error = ${failure.message.slice(0, 2000)}`
        : sql`status = 'queued', run_at = ${now}::timestamptz + make_interval(secs => ${failure.retryIn}), last_error = ${failure.message.slice(0, 2000)}`;
    await this.options.db.execute(sql`
      update jobs set ${outcome}, locked_by = null, locked_until = null
      where id = ${row.id}::bigint and locked_by = ${this.nodeId} and attempts = ${row.attempts} and status = 'running'`);
  }
}
