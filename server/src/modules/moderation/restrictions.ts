/**
 * The checks other domains ask of moderation: is this person banned from this group (joining,
 * approving a request, accepting an invite), is their account suspended. A ban or a suspension in
 * force is a row whose `until` is null (until lifted) or still ahead; the ending jobs (bans.ts,
 * suspensions.ts) delete what has run out and announce it, but the checks never wait for them.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../lib/appError.js';
import { rowsOf } from '../messages/rows.js';

/** True while a ban from the group is in force for the user. */
export async function isBanned(db: Queryable, groupId: string, userId: string): Promise<boolean> {
  const [row] = await rowsOf<{ banned: boolean }>(
    db,
    sql`select exists (select 1 from group_bans where group_id = ${groupId}::uuid and user_id = ${userId}::uuid
                         and (until is null or until > now())) as "banned"`,
  );
  return Boolean(row?.banned);
}

export const bannedError = () => new AppError('BANNED', 'groups.bannedNoRejoin');

/**
 * BANNED while a ban is in force: for every way into a group (join, an approved request, an invite).
 * Call it inside the transaction that admits them, after the group row lock (groups/membership.ts
 * `lockGroup`), so a ban committed meanwhile is seen.
 */
export async function assertNotBanned(db: Queryable, groupId: string, userId: string): Promise<void> {
  if (await isBanned(db, groupId, userId)) throw bannedError();
}

/** A suspension is in force from `suspendedAt` until `suspendedUntil` (null: until an admin lifts it). */
export function isSuspendedAt(user: { suspendedAt: Date | null; suspendedUntil: Date | null }, now: Date): boolean {
  return user.suspendedAt !== null && (user.suspendedUntil === null || user.suspendedUntil.getTime() > now.getTime());
}

export const suspendedError = () => new AppError('SUSPENDED', 'auth.suspended');
