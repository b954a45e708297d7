/**
 * The SQL behind the message use cases. Raw SQL with explicit casts so both drivers (pg and PGlite)
 * return the same JavaScript values: ids as text (bigints stay exact), timestamps as ISO-8601 UTC.
 */
import { EXCERPT_LENGTH, SUPPORTIVE_EMOJI, type Message, type PublicUser, type ReactionSummary, type ReplyPreview } from '@circles/shared';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Queryable } from '../../db/client.js';
import { DELETED_USER_NAME, loadPublicUsers, toPublicUser } from '../accounts/publicUser.js';
import type { MessageRef } from './policy.js';

/** ISO-8601 in UTC with milliseconds, the same text `Date#toISOString` makes. */
export const isoSql = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const dialect = new PgDialect();

/**
 * Runs a query and returns its rows. With `prepared`, on PostgreSQL the statement is prepared once per
 * pooled connection under a name derived from its text, so the hot paths (a send, a history page) are
 * planned once instead of on every call; planning was most of their database time. Inside a
 * transaction, and on the embedded database, it runs as an ordinary query.
 */
export async function rowsOf<T>(db: Queryable, query: SQL, options: { prepared?: boolean } = {}): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (options.prepared && client instanceof pg.Pool) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const name = `circles_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    return (await client.query({ name, text, values: params })).rows as T[];
  }
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface MessageRow {
  id: string;
  groupId: string;
  authorId: string;
  clientId: string;
  body: string | null;
  replyToId: string | null;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

const messageColumns = sql`m.id::text as "id", m.group_id as "groupId", m.author_id as "authorId", m.client_id as "clientId",
  m.body, m.reply_to_id::text as "replyToId", m.mentions::text[] as "mentions",
  ${isoSql(sql`m.created_at`)} as "createdAt", ${isoSql(sql`m.edited_at`)} as "editedAt", ${isoSql(sql`m.deleted_at`)} as "deletedAt"`;

// ─── single messages ──────────────────────────────────────────────────────────────────────

export async function loadMessageRef(db: Queryable, id: string): Promise<MessageRef | null> {
  const [row] = await rowsOf<MessageRef>(
    db,
    sql`select id::text as "id", group_id as "groupId", author_id as "authorId", deleted_at is not null as "deleted"
        from messages where id = ${id}::bigint`,
  );
  return row ?? null;
}

export async function loadMessageRow(db: Queryable, id: string): Promise<MessageRow | null> {
  const [row] = await rowsOf<MessageRow>(db, sql`select ${messageColumns} from messages m where m.id = ${id}::bigint`);
  return row ?? null;
}

// ─── history ──────────────────────────────────────────────────────────────────────────────

/**
 * One page of a group's history, shaped, in one statement: the page is one short range scan of the
 * (group_id, id) index (backwards from the top or from `before`, forwards from `after`); authors,
 * quoted parents and the page's reactions are joined to it as sets (one index probe per row, never a
 * query per message). One extra row tells whether there is more.
 *
 * The page is written so that only that index can serve it, whatever the statistics say: with
 * `group_id = x order by id desc` PostgreSQL may instead walk the primary key backwards and filter
 * out every newer message of other groups (hundreds of thousands of rows when a large group has gone
 * quiet). Ordering by (group_id, id) alone does not help, since the planner drops a constant group_id
 * from the order; `group_id = any(array[x])` keeps it, and the primary key cannot give that order
 * without sorting, so the plan is the composite index's range scan.
 */
export async function loadHistoryPage(
  db: Queryable,
  group: { id: string } | { slug: string },
  page: { before?: string | undefined; after?: string | undefined; limit: number },
  viewerId: string,
): Promise<{ items: Message[]; hasMore: boolean }> {
  const take = page.limit + 1;
  const groupId = 'id' in group ? sql`${group.id}::uuid` : sql`(select id from groups where slug = ${group.slug})`;
  const inGroup = sql`m.group_id = any(array[${groupId}])`;
  const pageQuery = page.after
    ? sql`select m.* from messages m where ${inGroup} and m.id > ${page.after}::bigint order by m.group_id, m.id limit ${take}`
    : page.before
      ? sql`select m.* from messages m where ${inGroup} and m.id < ${page.before}::bigint order by m.group_id desc, m.id desc limit ${take}`
      : sql`select m.* from messages m where ${inGroup} order by m.group_id desc, m.id desc limit ${take}`;
  const rows = await rowsOf<MessageRow & AuthorColumns & { reactions: ReactionSummary[] | null; replyTo: ReplyPreview | null }>(
    db,
    sql`with page as (${pageQuery}),
        reactions as (
          select message_id, jsonb_agg(jsonb_build_object('emoji', emoji, 'count', n, 'mine', mine)) as list
          from (select r.message_id, r.emoji, count(*)::int as n, coalesce(bool_or(r.user_id = ${viewerId}::uuid), false) as mine
                from message_reactions r where r.message_id in (select id from page where deleted_at is null)
                group by r.message_id, r.emoji) x
          group by message_id
        )
        select ${messageColumns}, ${authorColumns}, rx.list as "reactions",
          case when p.id is null then null else jsonb_build_object('id', p.id::text,
            'author', jsonb_build_object('id', pu.id, 'displayName', case when pu.deleted_at is null then pu.display_name else ${DELETED_USER_NAME} end),
            'body', left(p.body, ${EXCERPT_LENGTH + 1})) end as "replyTo"
        from page m
        join users u on u.id = m.author_id
        left join clinician_credentials cc on cc.user_id = u.id and cc.expires_at > now()
        left join reactions rx on rx.message_id = m.id
        left join messages p on p.id = m.reply_to_id and p.group_id = m.group_id
        left join users pu on pu.id = p.author_id
        order by m.id ${page.after ? sql`asc` : sql`desc`}`,
    { prepared: true },
  );
  const hasMore = rows.length > page.limit;
  const kept = hasMore ? rows.slice(0, page.limit) : rows;
  if (!page.after) kept.reverse();
  const authors = new Map<string, PublicUser>();
  const items = kept.map((row) =>
    toMessage(row, {
      authors: authors.has(row.authorId) ? authors : authors.set(row.authorId, authorOf(row)),
      reactions: new Map([[row.id, sortReactions(row.reactions ?? [])]]),
      replies: row.replyTo
        ? new Map([[row.replyTo.id, { ...row.replyTo, body: row.replyTo.body === null ? null : excerpt(row.replyTo.body) }]])
        : new Map(),
    }),
  );
  return { items, hasMore };
}

/** The author's PublicUser fields, flat (see accounts/publicUser.ts), with timestamps as ISO text. */
interface AuthorColumns {
  authorDisplayName: string;
  authorBio: string;
  authorIsAdmin: boolean;
  authorCreatedAt: string;
  authorDeletedAt: string | null;
  clinicianSpecialty: string | null;
  clinicianJurisdiction: string | null;
  clinicianVerifiedAt: string | null;
  clinicianExpiresAt: string | null;
}

const authorColumns = sql`u.display_name as "authorDisplayName", u.bio as "authorBio", u.is_admin as "authorIsAdmin",
  ${isoSql(sql`u.created_at`)} as "authorCreatedAt", ${isoSql(sql`u.deleted_at`)} as "authorDeletedAt",
  cc.specialty as "clinicianSpecialty", cc.jurisdiction as "clinicianJurisdiction",
  ${isoSql(sql`cc.verified_at`)} as "clinicianVerifiedAt", ${isoSql(sql`cc.expires_at`)} as "clinicianExpiresAt"`;

const authorOf = (row: MessageRow & AuthorColumns): PublicUser =>
  toPublicUser({
    id: row.authorId,
    displayName: row.authorDisplayName,
    bio: row.authorBio,
    isAdmin: row.authorIsAdmin,
    // ISO text works wherever toPublicUser reads these (it formats and compares them as dates).
    createdAt: row.authorCreatedAt as unknown as Date,
    deletedAt: row.authorDeletedAt as unknown as Date | null,
    clinicianSpecialty: row.clinicianSpecialty,
    clinicianJurisdiction: row.clinicianJurisdiction,
    clinicianVerifiedAt: row.clinicianVerifiedAt as unknown as Date | null,
    clinicianExpiresAt: row.clinicianExpiresAt as unknown as Date | null,
  });

// ─── shaping: authors, reactions, reply previews, each one query per page ─────────────────

const emojiOrder = new Map<string, number>(SUPPORTIVE_EMOJI.map((e, i) => [e, i]));
const sortReactions = (list: ReactionSummary[]) =>
  list.sort((a, b) => (emojiOrder.get(a.emoji) ?? 99) - (emojiOrder.get(b.emoji) ?? 99));

/** Reaction summaries of many messages in one query, `mine` for the viewer (null: nobody's). */
export async function loadReactions(
  db: Queryable,
  messageIds: string[],
  viewerId: string | null,
): Promise<Map<string, ReactionSummary[]>> {
  const result = new Map<string, ReactionSummary[]>();
  if (messageIds.length === 0) return result;
  const rows = await rowsOf<{ messageId: string; emoji: string; count: number; mine: boolean }>(
    db,
    sql`select message_id::text as "messageId", emoji, count(*)::int as "count",
               coalesce(bool_or(user_id = ${viewerId}::uuid), false) as "mine"
        from message_reactions where message_id = any(${sql.param(messageIds)}::bigint[])
        group by message_id, emoji`,
  );
  for (const row of rows) {
    const list = result.get(row.messageId) ?? [];
    list.push({ emoji: row.emoji, count: Number(row.count), mine: Boolean(row.mine) });
    result.set(row.messageId, list);
  }
  for (const list of result.values()) sortReactions(list);
  return result;
}

export const excerpt = (body: string) => (body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body);

export async function loadReplyPreviews(db: Queryable, groupId: string, parentIds: string[]): Promise<Map<string, ReplyPreview>> {
  const result = new Map<string, ReplyPreview>();
  if (parentIds.length === 0) return result;
  const rows = await rowsOf<{ id: string; authorId: string; displayName: string; authorDeleted: boolean; body: string | null }>(
    db,
    sql`select m.id::text as "id", m.author_id as "authorId", u.display_name as "displayName",
               u.deleted_at is not null as "authorDeleted", left(m.body, ${EXCERPT_LENGTH + 1}) as "body"
        from messages m join users u on u.id = m.author_id
        where m.id = any(${sql.param([...new Set(parentIds)])}::bigint[]) and m.group_id = ${groupId}`,
  );
  for (const row of rows) {
    result.set(row.id, {
      id: row.id,
      author: { id: row.authorId, displayName: row.authorDeleted ? DELETED_USER_NAME : row.displayName },
      body: row.body === null ? null : excerpt(row.body),
    });
  }
  return result;
}

export interface Shaping {
  authors: Map<string, PublicUser>;
  reactions: Map<string, ReactionSummary[]>;
  replies: Map<string, ReplyPreview>;
}

/** Loads what turns rows into Messages: three queries for the whole page, run side by side. */
export async function loadShaping(db: Queryable, groupId: string, rows: MessageRow[], viewerId: string | null): Promise<Shaping> {
  const live = rows.filter((r) => !r.deletedAt);
  const [authors, reactions, replies] = await Promise.all([
    loadPublicUsers(db, rows.map((r) => r.authorId)),
    loadReactions(db, live.map((r) => r.id), viewerId),
    loadReplyPreviews(db, groupId, rows.flatMap((r) => (r.replyToId ? [r.replyToId] : []))),
  ]);
  return { authors, reactions, replies };
}

const missingAuthor = (id: string): PublicUser => ({
  id,
  displayName: DELETED_USER_NAME,
  bio: '',
  isAdmin: false,
  clinician: null,
  createdAt: new Date(0).toISOString(),
});

/** A deleted message keeps its place with `body: null`; its reactions and mentions go with its text. */
export function toMessage(row: MessageRow, shaping: Shaping): Message {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    groupId: row.groupId,
    author: shaping.authors.get(row.authorId) ?? missingAuthor(row.authorId),
    body: deleted ? null : row.body,
    clientId: row.clientId,
    replyToId: row.replyToId,
    replyTo: row.replyToId ? (shaping.replies.get(row.replyToId) ?? null) : null,
    mentions: deleted ? [] : row.mentions,
    reactions: deleted ? [] : (shaping.reactions.get(row.id) ?? []),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deletedAt: row.deletedAt,
  };
}

export async function shapeMessages(db: Queryable, groupId: string, rows: MessageRow[], viewerId: string | null): Promise<Message[]> {
  const shaping = await loadShaping(db, groupId, rows, viewerId);
  return rows.map((row) => toMessage(row, shaping));
}

// ─── sending ──────────────────────────────────────────────────────────────────────────────

/** Active members whose display name is one of `candidates` (lower-cased): who a body may mention. */
export async function loadMentionMatches(db: Queryable, groupId: string, candidates: string[]) {
  if (candidates.length === 0) return [];
  return rowsOf<{ id: string; displayName: string }>(
    db,
    sql`select u.id, u.display_name as "displayName"
        from memberships mb join users u on u.id = mb.user_id
        where mb.group_id = ${groupId} and mb.status = 'active' and u.deleted_at is null
          and lower(u.display_name) = any(${sql.param(candidates)}::text[])`,
  );
}

export interface SendContext {
  existing: MessageRow | null;
  mutedUntil: string | null;
  secondsSinceLast: number | null;
  parent: { groupId: string; authorId: string; deleted: boolean } | null;
}

/**
 * Why a guarded insert wrote nothing, in one round trip: an earlier message with the same clientId
 * (a retry), the author's mute, the time since their last message (slow mode), the parent of a reply.
 */
export async function loadSendContext(
  db: Queryable,
  input: { groupId: string; authorId: string; clientId: string; replyToId: string | null },
): Promise<SendContext> {
  const { groupId, authorId } = input;
  const [row] = await rowsOf<{
    existing: MessageRow | null;
    mutedUntil: string | null;
    secondsSinceLast: number | string | null;
    parent: SendContext['parent'];
  }>(
    db,
    sql`select
      (select to_jsonb(x) from (select ${messageColumns} from messages m
         where m.group_id = ${groupId} and m.author_id = ${authorId} and m.client_id = ${input.clientId}) x) as "existing",
      (select ${isoSql(sql`gm.until`)} from group_mutes gm
         where gm.group_id = ${groupId} and gm.user_id = ${authorId} and gm.until > now()) as "mutedUntil",
      (select extract(epoch from now() - max(m.created_at))::float8 from messages m
         where m.group_id = ${groupId} and m.author_id = ${authorId}) as "secondsSinceLast",
      ${
        input.replyToId
          ? sql`(select jsonb_build_object('groupId', p.group_id, 'authorId', p.author_id, 'deleted', p.deleted_at is not null)
                  from messages p where p.id = ${input.replyToId}::bigint)`
          : sql`null::jsonb`
      } as "parent"`,
  );
  return {
    existing: row?.existing ?? null,
    mutedUntil: row?.mutedUntil ?? null,
    secondsSinceLast: row?.secondsSinceLast == null ? null : Number(row.secondsSinceLast),
    parent: row?.parent ?? null,
  };
}

export interface NotificationRow {
  id: string;
  userId: string;
  type: 'mention' | 'reply';
  data: Record<string, unknown>;
  createdAt: string;
}

export interface InsertedMessage {
  id: string;
  createdAt: string;
  author: PublicUser;
  replyTo: ReplyPreview | null;
  notifications: NotificationRow[];
}

/** The author as PublicUser columns (see accounts/publicUser.ts), as JSON for one-statement sends. */
const authorJson = (authorId: string) => sql`(select to_jsonb(a) from (
    select u.id, u.display_name as "displayName", u.bio, u.is_admin as "isAdmin", u.created_at as "createdAt",
           u.deleted_at as "deletedAt", cc.specialty as "clinicianSpecialty", cc.jurisdiction as "clinicianJurisdiction",
           cc.verified_at as "clinicianVerifiedAt", cc.expires_at as "clinicianExpiresAt"
    from users u left join clinician_credentials cc on cc.user_id = u.id and cc.expires_at > now()
    where u.id = ${authorId}::uuid) a)`;

/**
 * The whole send in one statement and one round trip. The group row is locked first (so ids are drawn
 * in commit order within the group) and only when the send is allowed: the author is not muted, slow
 * mode has passed (unless exempt), the replied-to message is in this group. Then the row is inserted
 * unless the same (group, author, clientId) exists, the reply and mention notifications are created,
 * and the author and the quoted parent come back for the answer and the broadcast. Returns null when
 * nothing was written (a retried clientId or a failed guard: loadSendContext tells which).
 */
export async function insertMessage(
  db: Queryable,
  input: {
    groupId: string;
    authorId: string;
    clientId: string;
    body: string;
    replyToId: string | null;
    mentions: string[];
    /** 0 when slow mode is off or the author is exempt. */
    slowModeSeconds: number;
    notificationData: Record<string, unknown>;
  },
): Promise<InsertedMessage | null> {
  const { groupId, authorId, replyToId } = input;
  const notify = replyToId !== null || input.mentions.length > 0;
  const parentAuthor = sql`(select p.author_id from messages p where p.id = ${replyToId}::bigint and p.deleted_at is null)`;
  const [row] = await rowsOf<{
    id: string;
    createdAt: string;
    author: Parameters<typeof toPublicUser>[0];
    replyTo: ReplyPreview | null;
    notifications: NotificationRow[] | null;
  }>(
    db,
    sql`with g as (
          update groups set last_message_at = now()
          where id = ${groupId}
            and not exists (select 1 from group_mutes gm where gm.group_id = ${groupId} and gm.user_id = ${authorId} and gm.until > now())
            ${
              input.slowModeSeconds > 0
                ? sql`and not exists (select 1 from messages s where s.group_id = ${groupId} and s.author_id = ${authorId}
                        and s.created_at > now() - make_interval(secs => ${input.slowModeSeconds}))`
                : sql``
            }
            ${replyToId ? sql`and exists (select 1 from messages p where p.id = ${replyToId}::bigint and p.group_id = ${groupId})` : sql``}
          returning id
        ), ins as (
          insert into messages (group_id, author_id, client_id, body, reply_to_id, mentions)
          select g.id, ${authorId}::uuid, ${input.clientId}, ${input.body}, ${replyToId}::bigint, ${sql.param(input.mentions)}::uuid[]
          from g
          on conflict (group_id, author_id, client_id) do nothing
          returning id, created_at
        )${
          notify
            ? sql`, recipients as (
          select ${parentAuthor} as user_id, 'reply' as type
          union all
          select mentioned, 'mention' from unnest(${sql.param(input.mentions)}::uuid[]) as mentioned
          where mentioned is distinct from ${parentAuthor}
        ), notes as (
          insert into notifications (user_id, type, data)
          select r.user_id, r.type, ${JSON.stringify(input.notificationData)}::jsonb || jsonb_build_object('messageId', ins.id::text,
                 'by', (select jsonb_build_object('id', u.id, 'displayName', u.display_name) from users u where u.id = ${authorId}::uuid))
          from ins, recipients r
          where r.user_id is not null and r.user_id <> ${authorId}::uuid
          returning id, user_id, type, data, created_at
        )`
            : sql``
        }
        select ins.id::text as "id", ${isoSql(sql`ins.created_at`)} as "createdAt", ${authorJson(authorId)} as "author",
          ${
            replyToId
              ? sql`(select jsonb_build_object('id', p.id::text,
                        'author', jsonb_build_object('id', u.id, 'displayName', case when u.deleted_at is null then u.display_name else ${DELETED_USER_NAME} end),
                        'body', case when p.deleted_at is null then left(p.body, ${EXCERPT_LENGTH + 1}) end)
                      from messages p join users u on u.id = p.author_id where p.id = ${replyToId}::bigint)`
              : sql`null::jsonb`
          } as "replyTo",
          ${
            notify
              ? sql`(select jsonb_agg(jsonb_build_object('id', n.id, 'userId', n.user_id, 'type', n.type, 'data', n.data,
                       'createdAt', ${isoSql(sql`n.created_at`)})) from notes n)`
              : sql`null::jsonb`
          } as "notifications"
        from ins`,
    { prepared: true },
  );
  if (!row) return null;
  const replyTo = row.replyTo ? { ...row.replyTo, body: row.replyTo.body === null ? null : excerpt(row.replyTo.body) } : null;
  return { id: row.id, createdAt: row.createdAt, author: toPublicUser(row.author), replyTo, notifications: row.notifications ?? [] };
}
