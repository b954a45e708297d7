/**
 * Removing a member, and the lookup every action on a person starts from: who they are in the group.
 * A removed member may rejoin (a ban is what keeps someone out: bans.ts).
 */
import type { RemoveMemberBody } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadGroupAccessBySlug } from '../groups/access.js';
import { isUuid } from '../groups/cursor.js';
import { activeOwnerCount, lockGroup, removeMembership } from '../groups/membership.js';
import { assertModerator, type GroupAccess } from '../groups/policy.js';
import { rowsOf } from '../messages/rows.js';
import { recordAudit } from './audit.js';
import { evictFromGroup } from './evictions.js';
import { sendModerationNotice } from './notices.js';
import { assertCanActOn, type ModerationTarget } from './policy.js';

export interface TargetStanding extends ModerationTarget {
  status: 'active' | 'pending' | null;
}

export const noSuchPerson = () => new AppError('NOT_FOUND', 'moderation.personNotFound');
export const notAMember = () => new AppError('NOT_FOUND', 'groups.memberNotFound');

/** A live (not deleted) account and its standing in the group; NOT_FOUND for anyone else. */
export async function loadTargetStanding(db: Queryable, groupId: string, userId: string): Promise<TargetStanding> {
  if (!isUuid(userId)) throw noSuchPerson();
  const [row] = await rowsOf<{ isAdmin: boolean; role: TargetStanding['role']; status: TargetStanding['status'] }>(
    db,
    sql`select u.is_admin as "isAdmin", m.role, m.status
        from users u left join memberships m on m.group_id = ${groupId}::uuid and m.user_id = u.id
        where u.id = ${userId}::uuid and u.deleted_at is null`,
  );
  if (!row) throw noSuchPerson();
  // A pending request carries no role in the group yet.
  return { userId, isAdmin: Boolean(row.isAdmin), role: row.status === 'active' ? row.role : null, status: row.status };
}

/**
 * Removes an active member (they may join again). Their sockets leave the room at once
 * (`group:removed`, reason "removed"), they get a `moderation` notice with the reason, and the removal
 * is audited. Moderators (of members), owners (of moderators too), admins; CONFLICT for the last owner.
 * NOT_FOUND (not a member), FORBIDDEN, NOT_A_MEMBER.
 */
export async function removeMember(actor: Actor, slug: string, userId: string, input: RemoveMemberBody, deps: Deps): Promise<void> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  await inTransaction(deps, async (tx, after) => {
    await lockGroup(tx, access.group.id);
    const target = await loadTargetStanding(tx, access.group.id, userId);
    if (target.status !== 'active') throw notAMember();
    assertCanActOn(access, target);
    await assertKeepsAnOwner(tx, access, target);
    await removeMembership(tx, access.group.id, userId);
    await recordAudit(tx, {
      groupId: access.group.id,
      actorId: actor.userId,
      action: 'remove_member',
      targetType: 'user',
      targetId: userId,
      targetUserId: userId,
      reason: input.reason,
    });
    await sendModerationNotice(tx, after, { userId, action: 'remove_member', group: access.group, reason: input.reason });
    evictFromGroup(after, deps, { userId, group: access.group, reason: 'removed' });
  });
}

/** An admin removing or banning a group's only owner would leave it ownerless: CONFLICT. */
export async function assertKeepsAnOwner(tx: Queryable, access: GroupAccess, target: TargetStanding): Promise<void> {
  if (target.role === 'owner' && (await activeOwnerCount(tx, access.group.id)) <= 1) {
    throw new AppError('CONFLICT', 'groups.needsOwner');
  }
}
