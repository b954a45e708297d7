/** History pages: one statement per page. */
import { EXCERPT_LENGTH, type Message, type PublicUser, type ReactionSummary, type ReplyPreview } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { DELETED_USER_NAME, toPublicUser } from '../accounts/publicUser.js';
import { isoSql, messageColumns, rowsOf, type MessageRow } from './rows.js';
import { excerpt, sortReactions, toMessage } from './shaping.js';


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
