/**
 * The audit log: one row per moderator or admin action, written with `recordAudit(tx, …)` inside the
 * transaction of the action itself, so an action that rolls back leaves no row and an action that
 * commits always has one. Rows are never changed.
 *
 * Moderators read their group's log; site admins read everything, including site-wide actions
 * (suspensions, clinician decisions, organization verifications) that belong to no group.
 */
import type { AuditAction, AuditEntry, AuditList, AuditQuery } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { loadGroupAccessBySlug } from '../groups/access.js';
import { assertModerator } from '../groups/policy.js';
import { assertAdmin } from './policy.js';

export interface AuditInput {
  /** Null for site-wide actions. */
  groupId: string | null;
  /** Null: the system. */
  actorId: string | null;
  action: AuditAction;
  targetType?: 'user' | 'message' | 'question' | 'answer' | 'event_question' | 'group' | 'report' | 'application' | 'organization';
  targetId?: string;
  /** The person the action was about (the muted member, the author of a deleted message). */
  targetUserId?: string | null;
  reason?: string;
  until?: Date | string | null;
  /** The action's particulars (a role before and after, the settings changed, the report resolved). */
  data?: Record<string, unknown>;
}

/** Writes one audit row in the caller's transaction; returns its id. For every domain's moderator and admin actions. */
export async function recordAudit(tx: Queryable, entry: AuditInput): Promise<string> {
  const until = entry.until == null ? null : entry.until instanceof Date ? entry.until.toISOString() : entry.until;
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`insert into audit_log (group_id, actor_id, action, target_type, target_id, target_user_id, reason, until, data)
        values (${entry.groupId}::uuid, ${entry.actorId}::uuid, ${entry.action}, ${entry.targetType ?? null}, ${entry.targetId ?? null},
                ${entry.targetUserId ?? null}::uuid, ${entry.reason ?? ''}, ${until}::timestamptz, ${JSON.stringify(entry.data ?? {})}::jsonb)
        returning id`,
  );
  return row!.id;
}

interface AuditRow {
  id: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetUserId: string | null;
  reason: string;
  until: string | null;
  createdAt: string;
  cursorAt: string;
  data: Record<string, unknown> | null;
  groupId: string | null;
  groupSlug: string | null;
  groupName: string | null;
}

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');

function decodeCursor(raw: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/i.test(id)) return { at, id };
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
}

/** Newest first, keyset pages over (created_at, id). */
async function listAudit(db: Queryable, where: SQL, query: AuditQuery): Promise<AuditList> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await rowsOf<AuditRow>(
    db,
    sql`select a.id, a.actor_id as "actorId", a.action, a.target_type as "targetType", a.target_id as "targetId",
               a.target_user_id as "targetUserId", a.reason, ${isoSql(sql`a.until`)} as "until", ${isoSql(sql`a.created_at`)} as "createdAt",
               to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt", a.data,
               g.id as "groupId", g.slug as "groupSlug", g.name as "groupName"
        from audit_log a left join groups g on g.id = a.group_id
        where ${where}
          ${query.action ? sql`and a.action = ${query.action}` : sql``}
          ${after ? sql`and (a.created_at, a.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by a.created_at desc, a.id desc
        limit ${query.limit + 1}`,
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const users = await loadPublicUsers(db, page.flatMap((r) => [r.actorId, r.targetUserId]).filter((id): id is string => id !== null));
  const items: AuditEntry[] = page.map((r) => ({
    id: r.id,
    actor: r.actorId ? (users.get(r.actorId) ?? null) : null,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    reason: r.reason,
    until: r.until,
    createdAt: r.createdAt,
    group: r.groupId && r.groupSlug && r.groupName ? { id: r.groupId, slug: r.groupSlug, name: r.groupName } : null,
    targetUser: r.targetUserId ? (users.get(r.targetUserId) ?? null) : null,
    details: r.data ?? {},
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(last.cursorAt, last.id) : null };
}

/** A group's audit log, newest first. The group's moderators, owners and admins. NOT_FOUND, NOT_A_MEMBER, FORBIDDEN. */
export async function listGroupAuditLog(actor: Actor, slug: string, query: AuditQuery, deps: Deps): Promise<AuditList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  return listAudit(deps.db, sql`a.group_id = ${access.group.id}::uuid`, query);
}

/** Every audit row, site-wide actions included, newest first. Site admins only (FORBIDDEN). */
export async function listAdminAuditLog(actor: Actor, query: AuditQuery, deps: Deps): Promise<AuditList> {
  assertAdmin(actor);
  return listAudit(deps.db, sql`true`, query);
}
