/**
 * Invite links to a group: moderators make them (with an expiry and a use limit), see how often each
 * was used, revoke them and print them as a QR code; anyone may look at one (the group's card, signed
 * out too) and a signed-in person joins through it in one step — even a private group, since the
 * invite is the moderators' approval.
 *
 * Codes are 18 random bytes (144 bits) in base64url: unguessable, so the code itself is the secret.
 * Expiry is read from `expiresAt` against the business clock at each use; nothing has to run when an
 * invite expires.
 *
 * Uses never exceed `maxUses`: an accept takes the group's row lock (as every membership change
 * does), then spends a use with one guarded update (`uses < max_uses`) under the invite row's lock;
 * the check constraint `invites_uses_check` refuses an excess whatever the code does.
 */
import { randomBytes } from 'node:crypto';
import type { CreateInviteBody, Group, Invite, InviteCard, InviteList, PageQuery } from '@circles/shared';
import { INVITE_DEFAULT_DAYS, INVITE_MAX_DAYS } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError, validationError } from '../../lib/appError.js';
import { msg } from '../../i18n/index.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { loadGroupAccessById, loadGroupAccessBySlug } from '../groups/access.js';
import { decodeCursor, encodeCursor } from '../groups/cursor.js';
import { loadGroupView, microsToTimestamp } from '../groups/groupView.js';
import { changeMemberCount, latestMessageId, lockGroup } from '../groups/membership.js';
import { assertModerator, assertNotArchived } from '../groups/policy.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { assertNotBanned } from '../moderation/restrictions.js';

const CODE_BYTES = 18;
const DAY_MS = 86_400_000;
const CODE_SHAPE = /^[A-Za-z0-9_-]{16,100}$/;

/** A new invite code: 144 random bits, URL-safe. */
export const newInviteCode = (): string => randomBytes(CODE_BYTES).toString('base64url');

interface InviteRow {
  code: string;
  groupId: string;
  groupSlug: string;
  maxUses: number | null;
  uses: number;
  note: string;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  createdMicros: string;
}

const inviteSelect = sql`select i.code, i.group_id as "groupId", g.slug as "groupSlug", i.max_uses as "maxUses", i.uses, i.note,
    ${isoSql(sql`i.expires_at`)} as "expiresAt", ${isoSql(sql`i.revoked_at`)} as "revokedAt", i.created_by as "createdBy",
    ${isoSql(sql`i.created_at`)} as "createdAt", (extract(epoch from i.created_at) * 1000000)::bigint::text as "createdMicros"
  from invites i join groups g on g.id = i.group_id`;

async function loadInviteRow(db: Queryable, code: string, options: { forUpdate?: boolean } = {}): Promise<InviteRow> {
  const [row] = CODE_SHAPE.test(code)
    ? await rowsOf<InviteRow>(db, sql`${inviteSelect} where i.code = ${code} ${options.forUpdate ? sql`for update of i` : sql``}`)
    : [];
  if (!row) throw new AppError('NOT_FOUND', 'invites.notFound');
  return row;
}

/** EXPIRED (410) for an invite that expired, was revoked or was used up, with the reason in words. */
function assertUsable(row: Pick<InviteRow, 'expiresAt' | 'revokedAt' | 'maxUses' | 'uses'>, now: Date): void {
  if (row.revokedAt) throw new AppError('EXPIRED', 'invites.revoked');
  if (Date.parse(row.expiresAt) <= now.getTime()) throw new AppError('EXPIRED', 'invites.expired');
  if (row.maxUses !== null && row.uses >= row.maxUses) throw new AppError('EXPIRED', 'invites.usedUp');
}

/** Where an invite link leads: the SPA's /invite/<code> on the public origin (never built from a request's Host). */
export function inviteUrl(deps: Pick<Deps, 'config'>, code: string): string {
  return `${deps.config.linkOrigin}/invite/${encodeURIComponent(code)}`;
}

async function toInvites(deps: Deps, rows: InviteRow[]): Promise<Invite[]> {
  const people = await loadPublicUsers(deps.db, rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])));
  return rows.map((r) => ({
    code: r.code,
    url: inviteUrl(deps, r.code),
    groupSlug: r.groupSlug,
    maxUses: r.maxUses === null ? null : Number(r.maxUses),
    uses: Number(r.uses),
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    createdBy: r.createdBy ? (people.get(r.createdBy) ?? null) : null,
    createdAt: r.createdAt,
    note: r.note,
  }));
}

/**
 * Makes an invite link to a group: by default valid 7 days with unlimited uses; at most a year ahead.
 * Moderators (and owners, site admins). NOT_FOUND, NOT_A_MEMBER (private group), FORBIDDEN,
 * VALIDATION_ERROR (an expiry in the past or more than a year ahead).
 */
export async function createInvite(actor: Actor, slug: string, input: CreateInviteBody, deps: Deps): Promise<Invite> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  const now = deps.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(now.getTime() + INVITE_DEFAULT_DAYS * DAY_MS);
  if (expiresAt.getTime() <= now.getTime()) throw validationError([{ field: 'body.expiresAt', problem: msg('invites.expiresInFuture') }]);
  if (expiresAt.getTime() > now.getTime() + INVITE_MAX_DAYS * DAY_MS) {
    throw validationError([{ field: 'body.expiresAt', problem: msg('invites.expiresWithinYear') }]);
  }
  const code = newInviteCode();
  await deps.db.execute(
    sql`insert into invites (code, group_id, created_by, max_uses, note, expires_at)
        values (${code}, ${access.group.id}::uuid, ${actor.userId}::uuid, ${input.maxUses ?? null}::integer, ${input.note ?? ''}, ${expiresAt})`,
  );
  const [invite] = await toInvites(deps, [await loadInviteRow(deps.db, code)]);
  return invite!;
}

/** A group's invites, newest first, with their use counts (revoked and expired ones too). Moderators. */
export async function listInvites(actor: Actor, slug: string, query: PageQuery, deps: Deps): Promise<InviteList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  let before = sql``;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { t: 'micros', code: 'string' });
    before = sql`and (i.created_at, i.code) < (${microsToTimestamp(c.t)}, ${c.code})`;
  }
  const rows = await rowsOf<InviteRow>(
    deps.db,
    sql`${inviteSelect} where i.group_id = ${access.group.id}::uuid ${before} order by i.created_at desc, i.code desc limit ${query.limit + 1}`,
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return { items: await toInvites(deps, page), nextCursor: hasMore && last ? encodeCursor({ t: last.createdMicros, code: last.code }) : null };
}

/** Loads an invite for one of its group's moderators. NOT_FOUND (unknown code, or a group the caller cannot see into), FORBIDDEN. */
async function loadModeratedInvite(actor: Actor, code: string, deps: Deps): Promise<InviteRow> {
  const row = await loadInviteRow(deps.db, code);
  assertModerator(await loadGroupAccessById(deps.db, actor, row.groupId));
  return row;
}

/** Revokes an invite at once (revoking again changes nothing). The group's moderators. NOT_FOUND, FORBIDDEN. */
export async function revokeInvite(actor: Actor, code: string, deps: Deps): Promise<void> {
  await loadModeratedInvite(actor, code, deps);
  await deps.db.execute(sql`update invites set revoked_at = coalesce(revoked_at, ${deps.clock.now()}) where code = ${code}`);
}

/** The invite's URL, for its QR code. The group's moderators. NOT_FOUND, FORBIDDEN. */
export async function inviteQrTarget(actor: Actor, code: string, deps: Deps): Promise<{ url: string; groupSlug: string }> {
  const row = await loadModeratedInvite(actor, code, deps);
  return { url: inviteUrl(deps, row.code), groupSlug: row.groupSlug };
}

/**
 * What an invite link shows: the group's card (and the caller's membership when signed in) and when
 * the link expires. Anyone, signed out too. NOT_FOUND, EXPIRED (expired, revoked or used up).
 */
export async function getInviteCard(actor: Actor | null, code: string, deps: Deps): Promise<InviteCard> {
  const row = await loadInviteRow(deps.db, code);
  assertUsable(row, deps.clock.now());
  return { group: await loadGroupView(deps.db, actor, { id: row.groupId }), expiresAt: row.expiresAt };
}

/**
 * Joins the invite's group: membership active at once, even in a private group (the invite is the
 * approval; a pending request becomes active). Someone already an active member uses no use. A ban
 * in force refuses it (moderation decides: `assertNotBanned`). Any signed-in user. NOT_FOUND,
 * EXPIRED, BANNED; FORBIDDEN for an archived group (read-only).
 */
export async function acceptInvite(actor: Actor, code: string, deps: Deps): Promise<{ group: Group }> {
  const groupId = await inTransaction(deps, async (tx, after) => {
    const now = deps.clock.now();
    const first = await loadInviteRow(tx, code);
    assertUsable(first, now);
    // The group lock first, as every membership change takes it (no deadlock with a join or a ban).
    const locked = await lockGroup(tx, first.groupId);
    if (!locked) throw new AppError('NOT_FOUND', 'invites.notFound');
    assertNotArchived(locked);
    await assertNotBanned(tx, first.groupId, actor.userId);
    const [existing] = await rowsOf<{ status: 'active' | 'pending' }>(
      tx,
      sql`select status from memberships where group_id = ${first.groupId}::uuid and user_id = ${actor.userId}::uuid`,
    );
    if (existing?.status === 'active') return first.groupId;
    const spent = await rowsOf<{ uses: number }>(
      tx,
      sql`update invites set uses = uses + 1
          where code = ${code} and revoked_at is null and expires_at > ${now} and (max_uses is null or uses < max_uses)
          returning uses`,
    );
    if (spent.length === 0) {
      // Revoked, expired or used up since it was read: say which.
      assertUsable(await loadInviteRow(tx, code), now);
      throw new AppError('EXPIRED', 'invites.usedUp');
    }
    if (existing) {
      await tx.execute(sql`update memberships set status = 'active', joined_at = now(), request_note = null, last_read_message_id = ${latestMessageId(first.groupId)}
                           where group_id = ${first.groupId}::uuid and user_id = ${actor.userId}::uuid`);
    } else {
      await tx.execute(sql`insert into memberships (group_id, user_id, role, status, joined_at, last_read_message_id)
                           values (${first.groupId}::uuid, ${actor.userId}::uuid, 'member', 'active', now(), ${latestMessageId(first.groupId)})`);
    }
    await changeMemberCount(tx, first.groupId, 1);
    after.followGroup(actor.userId, first.groupId);
    return first.groupId;
  });
  return { group: await loadGroupView(deps.db, actor, { id: groupId }) };
}
