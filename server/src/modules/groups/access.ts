/** Loads a group together with the actor's standing in it, in one query, for the policy to judge. */
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { groupBans, groups, memberships } from '../../db/schema.js';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import type { GroupAccess } from './policy.js';

const groupRefColumns = {
  id: groups.id,
  slug: groups.slug,
  name: groups.name,
  visibility: groups.visibility,
  slowModeSeconds: groups.slowModeSeconds,
  blockedTerms: groups.blockedTerms,
  role: memberships.role,
  status: memberships.status,
  banned: sql<boolean>`exists (select 1 from ${groupBans} b where b.group_id = ${groups.id} and b.user_id = ${sql.placeholder('userId')})`,
};

function toAccess(actor: Actor, row: {
  id: string; slug: string; name: string; visibility: 'public' | 'private'; slowModeSeconds: number; blockedTerms: string[];
  role: 'owner' | 'moderator' | 'member' | null; status: 'active' | 'pending' | null; banned: boolean;
}): GroupAccess {
  return {
    actor,
    group: {
      id: row.id,
      slug: row.slug,
      name: row.name,
      visibility: row.visibility,
      slowModeSeconds: row.slowModeSeconds,
      blockedTerms: row.blockedTerms,
    },
    membership: row.role && row.status ? { role: row.role, status: row.status } : null,
    banned: Boolean(row.banned),
  };
}

const selectAccess = (db: Queryable) =>
  db
    .select(groupRefColumns)
    .from(groups)
    .leftJoin(memberships, and(eq(memberships.groupId, groups.id), eq(memberships.userId, sql.placeholder('userId'))));

/**
 * Every group-scoped request starts with this lookup, so it is a named prepared statement: on
 * PostgreSQL each pooled connection plans it once instead of on every call. Cached per database
 * handle (a transaction gets its own, short-lived one).
 */
const preparedBySlug = new WeakMap<Queryable, ReturnType<typeof prepareBySlug>>();
const preparedById = new WeakMap<Queryable, ReturnType<typeof prepareById>>();
const prepareBySlug = (db: Queryable) => selectAccess(db).where(eq(groups.slug, sql.placeholder('key'))).prepare('group_access_by_slug');
const prepareById = (db: Queryable) => selectAccess(db).where(eq(groups.id, sql.placeholder('key'))).prepare('group_access_by_id');

function bySlug(db: Queryable) {
  let prepared = preparedBySlug.get(db);
  if (!prepared) preparedBySlug.set(db, (prepared = prepareBySlug(db)));
  return prepared;
}

function byId(db: Queryable) {
  let prepared = preparedById.get(db);
  if (!prepared) preparedById.set(db, (prepared = prepareById(db)));
  return prepared;
}

/** NOT_FOUND when no group has this slug. */
export async function loadGroupAccessBySlug(db: Queryable, actor: Actor, slug: string): Promise<GroupAccess> {
  const [row] = await bySlug(db).execute({ userId: actor.userId, key: slug });
  if (!row) throw new AppError('NOT_FOUND', 'No such group');
  return toAccess(actor, row);
}

/** For content addressed by its own id (a message, a question): the group it lives in. */
export async function loadGroupAccessById(db: Queryable, actor: Actor, groupId: string): Promise<GroupAccess> {
  const [row] = await byId(db).execute({ userId: actor.userId, key: groupId });
  if (!row) throw new AppError('NOT_FOUND', 'No such group');
  return toAccess(actor, row);
}
