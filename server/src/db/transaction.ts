/**
 * Writes and their consequences, in that order. A service opens one transaction with `inTransaction`,
 * writes through `tx`, and hands everything the write causes — broadcasts, evictions from live rooms,
 * notification pushes — to `after`. Those leave only once the transaction has committed, in the order
 * they were added; a rolled-back write is never announced, and no service has to remember the order
 * itself (the same idea as Zulip's `send_event_on_commit`).
 *
 * Jobs are not effects: enqueue them with `tx` so they commit (or vanish) with the write.
 */
import type { Queryable, Tx } from './client.js';
import type { Deps } from '../deps.js';
import type { EventName, EventPayload } from '../lib/realtime.js';

type Task = () => unknown;

export class AfterCommit {
  private readonly tasks: Task[] = [];

  constructor(private readonly deps: Pick<Deps, 'realtime' | 'log'>) {}

  /** Broadcasts to a group's live room. */
  toGroup<E extends EventName>(groupId: string, event: E, payload: EventPayload<E>): void {
    this.tasks.push(() => this.deps.realtime.toGroup(groupId, event, payload));
  }

  /** Broadcasts to a group's live room and to its active members wherever they are in the app. */
  toGroupAndMembers<E extends EventName>(groupId: string, event: E, payload: EventPayload<E>): void {
    this.tasks.push(() => this.deps.realtime.toGroupAndMembers(groupId, event, payload));
  }

  /** Every open socket of a new active member starts receiving the group's new messages. */
  followGroup(userId: string, groupId: string): void {
    this.tasks.push(() => this.deps.realtime.followGroup(userId, groupId));
  }

  /** Sends to every open socket of one person, on every node. */
  toUser<E extends EventName>(userId: string, event: E, payload: EventPayload<E>): void {
    this.tasks.push(() => this.deps.realtime.toUser(userId, event, payload));
  }

  /** Any other consequence (an eviction, a cache invalidation): runs after commit, awaited in order. */
  run(task: Task): void {
    this.tasks.push(task);
  }

  /**
   * Runs the collected effects. The write has committed, so a failing effect is logged and the others
   * still run: the caller's answer stays what the database says.
   */
  async flush(): Promise<void> {
    const tasks = this.tasks.splice(0);
    for (const task of tasks) {
      try {
        await task();
      } catch (err) {
        this.deps.log.error({ err }, 'an after-commit effect failed');
      }
    }
  }
}

/**
 * Runs `work` in one transaction and, once it has committed, the effects it collected. If `work`
 * throws, the transaction rolls back, the effects are dropped and the error propagates.
 */
export async function inTransaction<T>(deps: Pick<Deps, 'db' | 'realtime' | 'log'>, work: (tx: Tx, after: AfterCommit) => Promise<T>): Promise<T> {
  const after = new AfterCommit(deps);
  const result = await deps.db.transaction((tx) => work(tx, after));
  await after.flush();
  return result;
}

/**
 * For a write that is one statement (committed when it returns): the same collector without a
 * transaction, so such services announce their consequences the same way.
 */
export async function withEffects<T>(deps: Pick<Deps, 'realtime' | 'log'>, work: (after: AfterCommit) => Promise<T>): Promise<T> {
  const after = new AfterCommit(deps);
  const result = await work(after);
  await after.flush();
  return result;
}

/**
 * A write that is usually one statement but sometimes needs another beside it, atomically (a chat send
 * that opens a crisis report): a transaction only when `needed`, so the common case keeps its single
 * round trip. `work` writes through the `db` it is given.
 */
export function inTransactionIf<T>(
  needed: boolean,
  deps: Pick<Deps, 'db' | 'realtime' | 'log'>,
  work: (db: Queryable, after: AfterCommit) => Promise<T>,
): Promise<T> {
  return needed ? inTransaction(deps, work) : withEffects(deps, (after) => work(deps.db, after));
}
