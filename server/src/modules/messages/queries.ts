/**
 * The SQL behind the message use cases. Raw SQL with explicit casts so both drivers (pg and PGlite)
 * return the same JavaScript values: ids as text (bigints stay exact), timestamps as ISO-8601 UTC.
 */
import { EXCERPT_LENGTH, SUPPORTIVE_EMOJI, type Message, type PublicUser, type ReactionSummary, type ReplyPreview } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { DELETED_USER_NAME, loadPublicUsers } from '../accounts/publicUser.js';
import type { MessageRef } from './policy.js';

/** ISO-8601 in UTC with milliseconds, the same text `Date#toISOString` makes. */
export const isoSql = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function rowsOf<T>(db: Queryable, query: SQL): Promise<T[]> {
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

export async function loadMessageByClientId(db: Queryable, groupId: string, authorId: string, clientId: string) {
  const [row] = await rowsOf<MessageRow>(
    db,
    sql`select ${messageColumns} from messages m
        where m.group_id = ${groupId} and m.author_id = ${authorId} and m.client_id = ${clientId}`,
  );
  return row ?? null;
}

// ─── history ──────────────────────────────────────────────────────────────────────────────

/**
 * One page of a group's history. The page's ids come from an index-only range scan of
 * (group_id, id): backwards from the top (latest page) or from `before`, forwards from `after`;
 * then the rows are fetched by primary key. Picking the ids first keeps the planner off the
 * tempting alternative (walking the primary key backwards and filtering by group), which reads
 * every newer message of other groups when a large group has gone quiet. One extra id tells
 * whether there is more.
 */
export async function loadHistoryPage(
  db: Queryable,
  groupId: string,
  page: { before?: string | undefined; after?: string | undefined; limit: number },
): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
  const take = page.limit + 1;
  const pageIds = page.after
    ? sql`select id from messages where group_id = ${groupId} and id > ${page.after}::bigint order by id asc limit ${take}`
    : page.before
      ? sql`select id from messages where group_id = ${groupId} and id < ${page.before}::bigint order by id desc limit ${take}`
      : sql`select id from messages where group_id = ${groupId} order by id desc limit ${take}`;
  let rows = await rowsOf<MessageRow>(
    db,
    sql`select ${messageColumns} from messages m
        where m.id = any(array(${pageIds})) and m.group_id = ${groupId}
        order by m.id ${page.after ? sql`asc` : sql`desc`}`,
  );
  const hasMore = rows.length > page.limit;
  if (hasMore) rows = rows.slice(0, page.limit);
  if (!page.after) rows.reverse();
  return { rows, hasMore };
}

// ─── shaping: authors, reactions, reply previews, each one query per page ─────────────────

const emojiOrder = new Map<string, number>(SUPPORTIVE_EMOJI.map((e, i) => [e, i]));

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
  for (const list of result.values()) list.sort((a, b) => (emojiOrder.get(a.emoji) ?? 99) - (emojiOrder.get(b.emoji) ?? 99));
  return result;
}

export const excerpt = (body: string) => (body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body);

export async function loadReplyPreviews(db: Queryable, groupId: string, parentIds: string[]): Promise<Map<string, ReplyPreview>> {
  const result = new Map<string, ReplyPreview>();
  if (parentIds.length === 0) return result;
  const rows = await rowsOf<{ id: string; authorId: string; displayName: string; authorDeleted: boolean; body: string | null }>(
    db,
    sql`select m.id::text as "id", m.author_id as "authorId", u.display_name as "displayName",
               u.deleted_at is not null as "authorDeleted", left(m.body, ${EXCERPT_LENGTH}) as "body"
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

export interface SendContext {
  existing: MessageRow | null;
  mutedUntil: string | null;
  secondsSinceLast: number | null;
  parent: { groupId: string; authorId: string; deleted: boolean } | null;
  mentionMatches: Array<{ id: string; displayName: string }>;
}

/**
 * Everything a send must know before it writes, in one round trip: an earlier message with the same
 * clientId (a retry), the author's mute, the time since their last message (slow mode), the parent
 * of a reply, and the members whose names the body may mention.
 */
export async function loadSendContext(
  db: Queryable,
  input: { groupId: string; authorId: string; clientId: string; replyToId: string | null; slowMode: boolean; mentionCandidates: string[] },
): Promise<SendContext> {
  const { groupId, authorId } = input;
  const [row] = await rowsOf<{
    existing: MessageRow | null;
    mutedUntil: string | null;
    secondsSinceLast: number | string | null;
    parent: SendContext['parent'];
    mentionMatches: SendContext['mentionMatches'] | null;
  }>(
    db,
    sql`select
      (select to_jsonb(x) from (select ${messageColumns} from messages m
         where m.group_id = ${groupId} and m.author_id = ${authorId} and m.client_id = ${input.clientId}) x) as "existing",
      (select ${isoSql(sql`gm.until`)} from group_mutes gm
         where gm.group_id = ${groupId} and gm.user_id = ${authorId} and gm.until > now()) as "mutedUntil",
      ${
        input.slowMode
          ? sql`(select extract(epoch from now() - m.created_at)::float8 from messages m
                  where m.group_id = ${groupId} and m.author_id = ${authorId} order by m.id desc limit 1)`
          : sql`null::float8`
      } as "secondsSinceLast",
      ${
        input.replyToId
          ? sql`(select jsonb_build_object('groupId', p.group_id, 'authorId', p.author_id, 'deleted', p.deleted_at is not null)
                  from messages p where p.id = ${input.replyToId}::bigint)`
          : sql`null::jsonb`
      } as "parent",
      ${
        input.mentionCandidates.length > 0
          ? sql`(select jsonb_agg(jsonb_build_object('id', u.id, 'displayName', u.display_name))
                  from memberships mb join users u on u.id = mb.user_id
                  where mb.group_id = ${groupId} and mb.status = 'active' and u.deleted_at is null
                    and lower(u.display_name) = any(${sql.param(input.mentionCandidates)}::text[]))`
          : sql`null::jsonb`
      } as "mentionMatches"`,
  );
  return {
    existing: row?.existing ?? null,
    mutedUntil: row?.mutedUntil ?? null,
    secondsSinceLast: row?.secondsSinceLast == null ? null : Number(row.secondsSinceLast),
    parent: row?.parent ?? null,
    mentionMatches: row?.mentionMatches ?? [],
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
  notifications: NotificationRow[];
}

/**
 * The send itself, one statement: lock the group row (so ids are drawn in commit order within the
 * group), insert unless the same (group, author, clientId) exists, and create the mention and reply
 * notifications for the new row. Returns null when the clientId was already used.
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
    recipients: Array<{ userId: string; type: 'mention' | 'reply' }>;
    notificationData: Record<string, unknown>;
  },
): Promise<InsertedMessage | null> {
  const notify = input.recipients.length > 0;
  const [row] = await rowsOf<{ id: string; createdAt: string; notifications: NotificationRow[] | null }>(
    db,
    sql`with g as (
          update groups set last_message_at = now() where id = ${input.groupId} returning id
        ), ins as (
          insert into messages (group_id, author_id, client_id, body, reply_to_id, mentions)
          select g.id, ${input.authorId}::uuid, ${input.clientId}, ${input.body}, ${input.replyToId}::bigint,
                 ${sql.param(input.mentions)}::uuid[]
          from g
          on conflict (group_id, author_id, client_id) do nothing
          returning id, created_at
        )${
          notify
            ? sql`, notes as (
          insert into notifications (user_id, type, data)
          select r.user_id, r.type, ${JSON.stringify(input.notificationData)}::jsonb || jsonb_build_object('messageId', ins.id::text)
          from ins, jsonb_to_recordset(${JSON.stringify(input.recipients.map((r) => ({ user_id: r.userId, type: r.type })))}::jsonb)
            as r(user_id uuid, type text)
          returning id, user_id, type, data, created_at
        )`
            : sql``
        }
        select ins.id::text as "id", ${isoSql(sql`ins.created_at`)} as "createdAt",
          ${
            notify
              ? sql`(select jsonb_agg(jsonb_build_object('id', n.id, 'userId', n.user_id, 'type', n.type, 'data', n.data,
                       'createdAt', ${isoSql(sql`n.created_at`)})) from notes n)`
              : sql`null::jsonb`
          } as "notifications"
        from ins`,
  );
  if (!row) return null;
  return { id: row.id, createdAt: row.createdAt, notifications: row.notifications ?? [] };
}
