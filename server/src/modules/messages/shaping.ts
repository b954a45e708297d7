/** Turning message rows into the contract's Message: authors, reactions and quoted parents, batched per page. */
import { EXCERPT_LENGTH, SUPPORTIVE_EMOJI, type Message, type PublicUser, type ReactionSummary, type ReplyPreview } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { DELETED_USER_NAME, loadPublicUsers } from '../accounts/publicUser.js';
import { rowsOf, type MessageRow } from './rows.js';

// ─── shaping: authors, reactions, reply previews, each one query per page ─────────────────

const emojiOrder = new Map<string, number>(SUPPORTIVE_EMOJI.map((e, i) => [e, i]));
export const sortReactions = (list: ReactionSummary[]) =>
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
  affiliations: [],
  createdAt: new Date(0).toISOString(),
  deleted: true,
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
    eventHost: Boolean(row.eventHost),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deletedAt: row.deletedAt,
  };
}

export async function shapeMessages(db: Queryable, groupId: string, rows: MessageRow[], viewerId: string | null): Promise<Message[]> {
  const shaping = await loadShaping(db, groupId, rows, viewerId);
  return rows.map((row) => toMessage(row, shaping));
}
