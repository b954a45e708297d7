/**
 * Groups use cases: discover (list, filter, search), create, read, update, my groups, settings.
 * Membership changes (join, leave, requests, roles) live in membership.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type {
  CreateGroupBody,
  Group,
  GroupList,
  ListGroupsQuery,
  MyGroup,
  UpdateGroupBody,
} from '@circles/shared';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { conditions, groups, memberships, organizations } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError, isUniqueViolation, validationError } from '../../lib/appError.js';
import { msg } from '../../i18n/index.js';
import { recordAudit } from '../moderation/audit.js';
import { evictOutsiders } from '../moderation/evictions.js';
import { isoOrNull } from '../../lib/time.js';
import { loadGroupAccessBySlug } from './access.js';
import { decodeCursor, encodeCursor, isUuid } from './cursor.js';
import { loadOrganizationAccess } from '../organizations/access.js';
import { assertCanHostGroups } from '../organizations/policy.js';
import { groupViewColumns, loadGroupView, microsToTimestamp, selectGroupViews, toGroup, viewerMembershipJoin, type GroupViewRow } from './groupView.js';
import { admitPendingRequests } from './membership.js';
import { assertModerator } from './policy.js';
import { groupSearchQuery } from './search.js';
import { searchWords, slugBase, slugCandidate } from './text.js';

// ─── discover ───────────────────────────────────────────────────────────────────────────────

/** Ties a search cursor to its words, so a cursor from another search is refused instead of misread. */
const wordsKey = (words: string[]) => createHash('sha256').update(words.join(' ')).digest('base64url').slice(0, 12);

/**
 * Lists groups, public and private (private groups are discoverable; their content is not).
 * Without `q`: newest first. With `q`: best match first (name matches outrank description matches),
 * then newest. Keyset pages over (rank, createdAt, id), so groups created between pages never make
 * an item repeat or vanish. `organization`: only the groups that organization hosts. Anyone, signed
 * out too (cards only: a card never carries content). VALIDATION_ERROR for a cursor of another list.
 */
export async function listGroups(actor: Actor | null, query: ListGroupsQuery, deps: Deps): Promise<GroupList> {
  const words = searchWords(query.q);
  // Something typed but nothing searchable in it ("%", "!!"): nothing matches, rather than everything.
  if (words.length === 0 && query.q?.trim()) return { items: [], nextCursor: null };
  const filters: SQL[] = [];
  if (query.condition) filters.push(eq(groups.conditionSlug, query.condition));
  if (query.category) filters.push(eq(conditions.category, query.category));
  if (query.organization) {
    filters.push(sql`${groups.organizationId} = (select ${organizations.id} from ${organizations} where ${organizations.slug} = ${query.organization})`);
  }
  const limit = query.limit;

  if (words.length === 0) {
    if (query.cursor) {
      const c = decodeCursor(query.cursor, { t: 'micros', id: 'string' });
      if (!isUuid(c.id)) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
      filters.push(sql`(${groups.createdAt}, ${groups.id}) < (${microsToTimestamp(c.t)}, ${c.id}::uuid)`);
    }
    const rows = await selectGroupViews(deps.db, actor)
      .where(and(...filters))
      .orderBy(desc(groups.createdAt), desc(groups.id))
      .limit(limit + 1);
    return page(rows, limit, (last) => ({ t: last.createdMicros, id: last.id }));
  }

  const tsQuery = groupSearchQuery(words);
  const rank = sql<number>`(ts_rank(${groups.search}, ${tsQuery}) * 1000000)::integer`;
  const key = wordsKey(words);
  filters.push(sql`${groups.search} @@ ${tsQuery}`);
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { r: 'number', t: 'micros', id: 'string', w: 'string' });
    if (!isUuid(c.id) || c.w !== key) throw new AppError('VALIDATION_ERROR', 'lists.cursorOtherSearch');
    filters.push(sql`(${rank}, ${groups.createdAt}, ${groups.id}) < (${Number(c.r)}::integer, ${microsToTimestamp(c.t)}, ${c.id}::uuid)`);
  }
  const rows = await deps.db
    .select({ ...groupViewColumns, rank })
    .from(groups)
    .innerJoin(conditions, eq(conditions.slug, groups.conditionSlug))
    .leftJoin(memberships, viewerMembershipJoin(actor))
    .where(and(...filters))
    .orderBy(desc(rank), desc(groups.createdAt), desc(groups.id))
    .limit(limit + 1);
  return page(rows, limit, (last) => ({ r: Number(last.rank), t: last.createdMicros, id: last.id, w: key }));
}

function page<R extends GroupViewRow>(rows: R[], limit: number, keyOf: (last: R) => Record<string, string | number>): GroupList {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(toGroup), nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}

// ─── create, read, update ───────────────────────────────────────────────────────────────────

const SLUG_CANDIDATES = 20;
/** Advisory lock namespace for slug allocation (two-key form: this number, hash of the slug base). */
const SLUG_LOCK_SPACE = 7301;
const CREATE_ATTEMPTS = 5;

/** The first of base, base-2, ... base-20 no group uses yet (one indexed lookup); then a random suffix. */
async function freeSlug(db: Queryable, base: string): Promise<string> {
  const candidates = Array.from({ length: SLUG_CANDIDATES }, (_, i) => slugCandidate(base, i + 1));
  const taken = new Set(
    (await db.select({ slug: groups.slug }).from(groups).where(inArray(groups.slug, candidates))).map((r) => r.slug),
  );
  return candidates.find((c) => !taken.has(c)) ?? slugCandidate(base, 0) + `-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates a group; the creator becomes its owner (an active member, so memberCount starts at 1).
 * The slug comes from the name with accents folded ("Café" and "Cafe" both give "cafe-…"), with a
 * numeric suffix when taken. Creations of the same base slug take turns (a transaction-scoped
 * advisory lock); should a slug still be taken meanwhile, the unique index refuses it and we retry.
 * With `organizationSlug` the group is hosted by that organization: only its accepted staff may say so.
 * Any signed-in user. VALIDATION_ERROR for an unknown condition or organization; FORBIDDEN (not its staff).
 */
export async function createGroup(actor: Actor, input: CreateGroupBody, deps: Deps): Promise<Group> {
  const [known] = await deps.db.select({ slug: conditions.slug }).from(conditions).where(eq(conditions.slug, input.conditionSlug));
  if (!known) {
    throw validationError([{ field: 'body.conditionSlug', problem: msg('validation.unknownCondition') }]);
  }
  let organizationId: string | null = null;
  if (input.organizationSlug !== undefined) {
    const host = await loadOrganizationAccess(deps.db, actor, input.organizationSlug).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') {
        throw validationError([{ field: 'body.organizationSlug', problem: msg('validation.unknownOrganization') }]);
      }
      throw err;
    });
    assertCanHostGroups(host);
    organizationId = host.organization.id;
  }
  const base = slugBase(input.name);
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    try {
      const id = await deps.db.transaction(async (tx) => {
        // Creations of near-identical names queue here for a moment instead of racing for one slug.
        await tx.execute(sql`select pg_advisory_xact_lock(${SLUG_LOCK_SPACE}, hashtext(${base}))`);
        const slug = await freeSlug(tx, base);
        const [created] = await tx
          .insert(groups)
          .values({
            slug,
            name: input.name,
            description: input.description,
            rules: input.rules ?? '',
            conditionSlug: input.conditionSlug,
            visibility: input.visibility,
            memberCount: 1,
            createdBy: actor.userId,
            organizationId,
          })
          .returning({ id: groups.id });
        await tx.insert(memberships).values({
          groupId: created!.id,
          userId: actor.userId,
          role: 'owner',
          status: 'active',
          joinedAt: sql`now()`,
        });
        return created!.id;
      });
      // The owner's open tabs count the new group's messages from others as unread, like any member's.
      await deps.realtime.followGroup(actor.userId, id);
      return loadGroupView(deps.db, actor, { id });
    } catch (err) {
      if (isUniqueViolation(err)) continue;
      throw err;
    }
  }
  throw new AppError('CONFLICT', 'groups.noFreeSlug');
}

/** One group as the caller sees it. Anyone, signed out too (private groups are discoverable; a card carries no content). NOT_FOUND. */
export function getGroup(actor: Actor | null, slug: string, deps: Deps): Promise<Group> {
  return loadGroupView(deps.db, actor, { slug });
}

/**
 * Edits name, description, rules or visibility. The slug stays, so links keep working after a rename.
 * Making a private group public admits its pending requests (anyone may now join directly); making a
 * public group private evicts everyone but its members from the live room (`group:removed`, reason
 * "private"). Audited. Owners, moderators, admins. NOT_FOUND, NOT_A_MEMBER (private group), FORBIDDEN.
 */
export async function updateGroup(actor: Actor, slug: string, input: UpdateGroupBody, deps: Deps): Promise<Group> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  const changes: Partial<typeof groups.$inferInsert> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description;
  if (input.rules !== undefined) changes.rules = input.rules;
  if (input.visibility !== undefined) changes.visibility = input.visibility;
  if (Object.keys(changes).length > 0) {
    await inTransaction(deps, async (tx, after) => {
      await tx.update(groups).set(changes).where(eq(groups.id, access.group.id));
      if (input.visibility === 'public' && access.group.visibility === 'private') {
        for (const userId of await admitPendingRequests(tx, access.group.id)) after.followGroup(userId, access.group.id);
      }
      await recordAudit(tx, {
        groupId: access.group.id,
        actorId: actor.userId,
        action: 'group_update',
        targetType: 'group',
        targetId: access.group.id,
        data: { changed: Object.keys(changes), ...(changes.visibility ? { visibility: changes.visibility } : {}) },
      });
      if (input.visibility === 'private' && access.group.visibility === 'public') evictOutsiders(after, deps, access.group, 'private');
    });
  }
  return loadGroupView(deps.db, actor, { id: access.group.id });
}

// ─── my groups ──────────────────────────────────────────────────────────────────────────────

/** Unread counts stop at this number (the SPA shows "999+"): beyond it nobody counts, and counting costs. */
export const UNREAD_COUNT_CAP = 1000;

/**
 * The groups the caller is an active member of (pending requests are not membership), each with
 * `unreadCount` (messages after their read marker, not their own, not deleted; capped at
 * UNREAD_COUNT_CAP) and `lastMessageAt`, all in one query, never a query per group.
 * The count walks messages(group_id, id) from the marker. `group_id = any(array[...])` with the
 * (group_id, id) order asks for an order only that index gives (a plain `group_id = x` lets the planner
 * drop group_id from the order and walk the primary key through every newer message of every group
 * when statistics are stale after a burst of inserts).
 * Most recently active first.
 */
export async function listMyGroups(actor: Actor, deps: Deps): Promise<{ items: MyGroup[] }> {
  const rows = await deps.db
    .select({
      ...groupViewColumns,
      unreadCount: sql<number>`(
        select count(*)::int from (
          select 1 from messages m
          where m.group_id = any(array[${groups.id}])
            and m.id > coalesce(${memberships.lastReadMessageId}, 0)
            and m.author_id <> ${actor.userId}
            and m.deleted_at is null
          order by m.group_id, m.id
          limit ${UNREAD_COUNT_CAP}) unread)`,
      lastMessageAt: groups.lastMessageAt,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .innerJoin(conditions, eq(conditions.slug, groups.conditionSlug))
    .where(and(eq(memberships.userId, actor.userId), eq(memberships.status, 'active')));
  const items = rows.map((row) => ({
    ...toGroup(row),
    unreadCount: Number(row.unreadCount),
    lastMessageAt: isoOrNull(row.lastMessageAt),
  }));
  items.sort((a, b) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '') || a.name.localeCompare(b.name));
  return { items };
}
