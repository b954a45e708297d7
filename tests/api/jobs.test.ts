/**
 * The job runner and the after-commit collector: what every domain's time-driven work and broadcasts
 * stand on. Time moves with the test clock, never by sleeping; two "nodes" are two apps on one database.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { inTransaction } from '../../server/src/db/transaction.js';
import { defineJob } from '../../server/src/jobs/kinds.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier } from '../helpers/chat.js';
import { registerUser } from '../helpers/factories.js';
import { collect, connected } from '../helpers/sockets.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const MINUTE = 60_000;
let kindCounter = 0;
/** A fresh job kind per test, recording each run's payload. */
function recordingKind(options: Parameters<typeof defineJob>[2] = {}) {
  const kind = defineJob(`test.kind-${kindCounter++}`, z.object({ n: z.number() }), options);
  const runs: number[] = [];
  return { kind, runs };
}

async function jobRows(name: string) {
  const result = (await t.app.deps.db.execute(
    sql`select status, attempts, key, last_error as "lastError" from jobs where name = ${name} order by id`,
  )) as unknown as { rows: Array<{ status: string; attempts: number; key: string | null; lastError: string | null }> };
  return result.rows;
}

describe('job runner', () => {
  it('runs a job when it is due by the clock, once', async () => {
    const { kind, runs } = recordingKind();
    t.app.deps.jobs.handle(kind, async (p) => void runs.push(p.n));
    await t.app.deps.jobs.enqueue(t.app.deps.db, kind, { n: 1 }, { runAt: new Date(t.clock.now().getTime() + 15 * MINUTE) });

    expect(await t.app.deps.jobs.runDue()).toBe(0);
    t.clock.advanceMinutes(14);
    await t.app.deps.jobs.runDue();
    expect(runs).toEqual([]);

    t.clock.advanceMinutes(1);
    await t.app.deps.jobs.runDue();
    expect(runs).toEqual([1]);
    await t.app.deps.jobs.runDue();
    expect(runs).toEqual([1]);
    expect(await jobRows(kind.name)).toMatchObject([{ status: 'done', attempts: 1 }]);
  });

  it('enqueues with the transaction: a rolled-back write leaves no job', async () => {
    const { kind, runs } = recordingKind();
    t.app.deps.jobs.handle(kind, async (p) => void runs.push(p.n));
    await expect(
      t.app.deps.db.transaction(async (tx) => {
        await t.app.deps.jobs.enqueue(tx, kind, { n: 1 });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await t.app.deps.jobs.runDue();
    expect(runs).toEqual([]);
    expect(await jobRows(kind.name)).toEqual([]);
  });

  it('refuses a payload its kind does not describe', async () => {
    const { kind } = recordingKind();
    await expect(t.app.deps.jobs.enqueue(t.app.deps.db, kind, { n: 'one' } as never)).rejects.toThrow();
    expect(await jobRows(kind.name)).toEqual([]);
  });

  it('keeps one job per key: replace moves it, keep leaves the first, cancel withdraws it', async () => {
    const { kind, runs } = recordingKind();
    const jobs = t.app.deps.jobs;
    jobs.handle(kind, async (p) => void runs.push(p.n));
    const at = (minutes: number) => ({ runAt: new Date(t.clock.now().getTime() + minutes * MINUTE) });

    await jobs.enqueue(t.app.deps.db, kind, { n: 1 }, { ...at(5), key: 'reminder:a' });
    await jobs.enqueue(t.app.deps.db, kind, { n: 2 }, { ...at(30), key: 'reminder:a' });
    await jobs.enqueue(t.app.deps.db, kind, { n: 3 }, { ...at(5), key: 'reminder:b' });
    await jobs.enqueue(t.app.deps.db, kind, { n: 4 }, { ...at(1), key: 'reminder:b', onConflict: 'keep' });
    await jobs.enqueue(t.app.deps.db, kind, { n: 5 }, { ...at(5), key: 'reminder:c' });
    expect(await jobs.cancel(t.app.deps.db, 'reminder:c')).toBe(true);
    expect(await jobs.cancel(t.app.deps.db, 'reminder:c')).toBe(false);

    t.clock.advanceMinutes(10);
    await jobs.runDue();
    expect(runs).toEqual([3]);
    t.clock.advanceMinutes(25);
    await jobs.runDue();
    expect(runs.sort()).toEqual([2, 3]);
  });

  it('retries a failing job after its backoff, then gives it up, without holding up the others', async () => {
    const failing = recordingKind({ maxAttempts: 3, backoffSeconds: (attempt) => attempt * 60 });
    const healthy = recordingKind();
    const jobs = t.app.deps.jobs;
    jobs.handle(failing.kind, async (p) => {
      failing.runs.push(p.n);
      throw new Error('mail server said no');
    });
    jobs.handle(healthy.kind, async (p) => void healthy.runs.push(p.n));
    await jobs.enqueue(t.app.deps.db, failing.kind, { n: 1 });
    await jobs.enqueue(t.app.deps.db, healthy.kind, { n: 2 });

    await jobs.runDue();
    expect(failing.runs).toEqual([1]);
    expect(healthy.runs).toEqual([2]);
    expect(await jobRows(failing.kind.name)).toMatchObject([{ status: 'queued', attempts: 1, lastError: 'mail server said no' }]);

    t.clock.advance(59_000);
    await jobs.runDue();
    expect(failing.runs).toHaveLength(1);
    t.clock.advance(2_000);
    await jobs.runDue();
    expect(failing.runs).toHaveLength(2);
    t.clock.advanceMinutes(3);
    await jobs.runDue();
    expect(failing.runs).toHaveLength(3);
    expect(await jobRows(failing.kind.name)).toMatchObject([{ status: 'failed', attempts: 3 }]);
    t.clock.advanceMinutes(60);
    await jobs.runDue();
    expect(failing.runs).toHaveLength(3);
  });

  it('runs a recurring job once per slot, whichever nodes are up', async () => {
    const node2 = await startTestApp({}, { testDb: t.testDb, clock: t.clock });
    try {
      const kind = defineJob(`test.recurring-${kindCounter++}`, z.object({}).strict());
      const slots: string[] = [];
      for (const node of [t, node2]) node.app.deps.jobs.every(kind, 60 * MINUTE, async (_p, run) => void slots.push(run.runAt.toISOString()));
      await Promise.all([t.app.deps.jobs.runDue(), node2.app.deps.jobs.runDue()]);
      expect(slots).toEqual([]);
      t.clock.advanceMinutes(61);
      await Promise.all([t.app.deps.jobs.runDue(), node2.app.deps.jobs.runDue()]);
      expect(slots).toHaveLength(1);
      expect(new Date(slots[0]!).getTime() % (60 * MINUTE)).toBe(0);
      t.clock.advanceMinutes(60);
      await Promise.all([t.app.deps.jobs.runDue(), node2.app.deps.jobs.runDue()]);
      expect(slots).toHaveLength(2);
      expect(new Set(slots).size).toBe(2);
    } finally {
      await node2.close();
    }
  });
});

describe('job runner across nodes and restarts', () => {
  it('never runs a job twice when two nodes poll at once', async () => {
    const a = await startTestApp({ JOBS_POLL_MS: '15' }, { testDb: t.testDb, clock: t.clock });
    const b = await startTestApp({ JOBS_POLL_MS: '15' }, { testDb: t.testDb, clock: t.clock });
    try {
      const kind = defineJob(`test.fanout-${kindCounter++}`, z.object({ n: z.number() }));
      const ran: Array<{ node: string; n: number }> = [];
      for (const [name, node] of [['a', a], ['b', b]] as const) {
        node.app.deps.jobs.handle(kind, async (p) => {
          ran.push({ node: name, n: p.n });
          await new Promise((r) => setTimeout(r, 5));
        });
      }
      for (let n = 0; n < 40; n++) await t.app.deps.jobs.enqueue(t.app.deps.db, kind, { n });
      await vi.waitFor(() => expect(ran).toHaveLength(40), { timeout: 10_000, interval: 20 });
      // A little longer: a second run of any job would show up now.
      await new Promise((r) => setTimeout(r, 100));
      expect(ran).toHaveLength(40);
      expect(new Set(ran.map((r) => r.n)).size).toBe(40);
      expect((await jobRows(kind.name)).every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps jobs across a restart: a job enqueued on a node that stopped runs on the next one', async () => {
    const kind = defineJob(`test.restart-${kindCounter++}`, z.object({ n: z.number() }));
    const before = await startTestApp({}, { testDb: t.testDb, clock: t.clock });
    await before.app.deps.jobs.enqueue(before.app.deps.db, kind, { n: 7 }, { runAt: new Date(t.clock.now().getTime() + 5 * MINUTE) });
    await before.close();

    const after = await startTestApp({}, { testDb: t.testDb, clock: t.clock });
    try {
      const runs: number[] = [];
      after.app.deps.jobs.handle(kind, async (p) => void runs.push(p.n));
      t.clock.advanceMinutes(5);
      await after.app.deps.jobs.runDue();
      expect(runs).toEqual([7]);
    } finally {
      await after.close();
    }
  });

  it('lets another node take over a job whose node died mid-run, once its lease is over', async () => {
    const kind = defineJob(`test.lease-${kindCounter++}`, z.object({ n: z.number() }), { leaseSeconds: 120 });
    const a = await startTestApp({}, { testDb: t.testDb, clock: t.clock });
    const b = await startTestApp({}, { testDb: t.testDb, clock: t.clock });
    try {
      let release!: () => void;
      const hung = new Promise<void>((r) => (release = r));
      const runs: string[] = [];
      a.app.deps.jobs.handle(kind, async () => {
        runs.push('a');
        await hung;
      });
      b.app.deps.jobs.handle(kind, async () => void runs.push('b'));
      await t.app.deps.jobs.enqueue(t.app.deps.db, kind, { n: 1 });

      const stuck = a.app.deps.jobs.runDue();
      await vi.waitFor(() => expect(runs).toEqual(['a']));
      await b.app.deps.jobs.runDue();
      expect(runs).toEqual(['a']);

      t.clock.advanceMinutes(3);
      await b.app.deps.jobs.runDue();
      expect(runs).toEqual(['a', 'b']);
      expect(await jobRows(kind.name)).toMatchObject([{ status: 'done', attempts: 2 }]);

      // The first node comes back to life: its late finish changes nothing.
      release();
      await stuck;
      expect(await jobRows(kind.name)).toMatchObject([{ status: 'done', attempts: 2 }]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('after commit', () => {
  it('sends what a transaction caused only once it has committed, and nothing when it rolls back', async () => {
    const user = await registerUser(t);
    const socket = await connected(t, user.token);
    try {
      const heard = collect(socket, 'group:removed');
      const deps = t.app.deps;
      await expect(
        inTransaction(deps, async (tx, after) => {
          await tx.execute(sql`update users set bio = 'rolled back' where id = ${user.user.id}`);
          after.toUser(user.user.id, 'group:removed', { slug: 'never', reason: 'removed' });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await barrier(socket);
      expect(heard.items).toEqual([]);

      let seenByEffect: string | undefined;
      await inTransaction(deps, async (tx, after) => {
        await tx.execute(sql`update users set bio = 'committed' where id = ${user.user.id}`);
        after.run(async () => {
          // Another connection's view: the effect sees the committed row.
          const r = (await deps.db.execute(sql`select bio from users where id = ${user.user.id}`)) as unknown as { rows: Array<{ bio: string }> };
          seenByEffect = r.rows[0]?.bio;
        });
        after.run(() => {
          throw new Error('one failing effect does not stop the next');
        });
        after.toUser(user.user.id, 'group:removed', { slug: 'sent', reason: 'removed' });
      });
      await barrier(socket);
      expect(seenByEffect).toBe('committed');
      expect(heard.items).toEqual([{ slug: 'sent', reason: 'removed' }]);
    } finally {
      socket.disconnect();
    }
  });
});
