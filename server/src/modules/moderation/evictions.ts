/**
 * Live evictions: when someone loses access, their open sockets stop receiving at once, on every node.
 *
 * Each function queues its work on the caller's `after` (db/transaction.ts), so it runs only once the
 * change that caused it has committed — a rolled-back ban evicts nobody. `io.in(userRoom)
 * .socketsLeave(groupRoom)` crosses nodes through the Socket.IO adapter, and the adapter keeps the
 * order of operations, so a broadcast sent after the eviction never reaches the evicted sockets.
 * The person is then told `group:removed { slug, reason }` so their client can show why.
 *
 * Who is evicted follows the audience function (audience.ts): rejoining is refused by the same rule.
 */
import type { GroupRemovedReason } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { AfterCommit } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { rowsOf } from '../messages/rows.js';
import { audienceOf } from './audience.js';

type EvictionDeps = Pick<Deps, 'db' | 'realtime'>;

export interface GroupEviction {
  userId: string;
  group: { id: string; slug: string };
  reason: Exclude<GroupRemovedReason, 'suspended' | 'deleted'>;
}

async function leaveAndTell(deps: EvictionDeps, userId: string, group: { id: string; slug: string }, reason: GroupRemovedReason) {
  await deps.realtime.removeUserFromGroup(userId, group.id);
  deps.realtime.toUser(userId, 'group:removed', { slug: group.slug, reason });
}

/**
 * After commit: every socket of one person leaves a group's room (banned, removed, request denied)
 * and is told `group:removed`. For moderation and membership services; call inside `inTransaction`.
 */
export function evictFromGroup(after: AfterCommit, deps: EvictionDeps, eviction: GroupEviction): void {
  after.run(() => leaveAndTell(deps, eviction.userId, eviction.group, eviction.reason));
}

/**
 * After commit: the sockets in a group's room whose person the audience function no longer admits
 * leave it and are told why (a group turned private: everyone but its active members).
 */
export function evictOutsiders(after: AfterCommit, deps: EvictionDeps, group: { id: string; slug: string }, reason: 'private'): void {
  after.run(async () => {
    const present = await deps.realtime.usersInGroup(group.id);
    if (present.size === 0) return;
    const allowed = await audienceOf(deps.db, group.id, present);
    await Promise.all([...present].filter((userId) => !allowed.has(userId)).map((userId) => leaveAndTell(deps, userId, group, reason)));
  });
}

/**
 * After commit: a person loses everything live — a suspended or deleted account. Their sessions are
 * forgotten on every node (so the next request or handshake is refused), each group room their
 * sockets are in is left with `group:removed { reason }`, then every socket of theirs is disconnected.
 * Exported for account deletion (`DELETE /api/me`) as well as suspensions.
 */
export function disconnectEverywhere(after: AfterCommit, deps: EvictionDeps, userId: string, reason: 'suspended' | 'deleted'): void {
  after.run(async () => {
    await deps.realtime.invalidate({ userIds: [userId] });
    const groupIds = [...(await deps.realtime.groupsOfUser(userId))];
    if (groupIds.length > 0) {
      const groups = await rowsOf<{ id: string; slug: string }>(
        deps.db,
        sql`select id, slug from groups where id = any(${sql.param(groupIds)}::uuid[])`,
      );
      await Promise.all(groups.map((group) => leaveAndTell(deps, userId, group, reason)));
    }
    await deps.realtime.disconnectUser(userId);
  });
}
