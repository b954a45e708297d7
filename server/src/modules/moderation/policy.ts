/**
 * Who may moderate whom. Group roles come from groups/policy.ts (moderators, owners, site admins);
 * this adds the moderation rules on top: nobody acts on themselves, and a moderator's action reaches
 * only people of a lower standing — moderators act on members, owners on moderators and members,
 * site admins on anyone but other admins. So a moderator cannot mute the owner who appointed them,
 * and two moderators cannot ban each other.
 */
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isModerator, isOwner, type GroupAccess } from '../groups/policy.js';

export const isAdmin = (actor: Actor) => actor.isAdmin;

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'moderation.adminsOnly');
}

/** The person a moderator would act on: their role in the group (if any) and whether they are a site admin. */
export interface ModerationTarget {
  userId: string;
  role: 'owner' | 'moderator' | 'member' | null;
  isAdmin: boolean;
}

const actorRank = (access: GroupAccess) => (access.actor.isAdmin ? 3 : isOwner(access) ? 2 : isModerator(access) ? 1 : 0);
const targetRank = (target: ModerationTarget) =>
  target.isAdmin ? 3 : target.role === 'owner' ? 2 : target.role === 'moderator' ? 1 : 0;

/** True when the actor (a moderator of the group) may remove, mute or ban `target`. */
export const canActOn = (access: GroupAccess, target: ModerationTarget) =>
  isModerator(access) && target.userId !== access.actor.userId && actorRank(access) > targetRank(target);

export function assertCanActOn(access: GroupAccess, target: ModerationTarget): void {
  if (target.userId === access.actor.userId) throw new AppError('FORBIDDEN', 'moderation.notYourself');
  if (!canActOn(access, target)) {
    throw new AppError('FORBIDDEN', 'moderation.higherRole');
  }
}

/** Admins suspend anyone but themselves and other admins (take the admin role away first). */
export function assertCanSuspend(actor: Actor, target: { userId: string; isAdmin: boolean }): void {
  assertAdmin(actor);
  if (target.userId === actor.userId) throw new AppError('FORBIDDEN', 'moderation.notYourself');
  if (target.isAdmin) throw new AppError('FORBIDDEN', 'moderation.adminNotSuspendable');
}
