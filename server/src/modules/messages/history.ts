/** History pages: one statement per page, the reader's access to the group included. */
import { EXCERPT_LENGTH, type Message, type PublicUser, type ReactionSummary, type ReplyPreview } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { statementVariants } from '../../db/statement.js';
import type { Actor } from '../../deps.js';
import { DELETED_USER_NAME, toPublicUser } from '../accounts/publicUser.js';
import { groupAccessSelect, toGroupAccess, type GroupAccessRow } from '../groups/access.js';
import { affiliationsByUserSql } from '../organizations/affiliations.js';
import type { GroupAccess } from '../groups/policy.js';
import { isoSql, messageColumns, type MessageRow } from './rows.js';
import { excerpt, sortReactions, toMessage, type Shaping } from './shaping.js';


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
  authorAffiliations: unknown;
}

const authorColumns = sql`u.display_name as "authorDisplayName", u.bio as "authorBio", u.is_admin as "authorIsAdmin",
  ${isoSql(sql`u.created_at`)} as "authorCreatedAt", ${isoSql(sql`u.deleted_at`)} as "authorDeletedAt",
  cc.specialty as "clinicianSpecialty", cc.jurisdiction as "clinicianJurisdiction",
  ${isoSql(sql`cc.verified_at`)} as "clinicianVerifiedAt", ${isoSql(sql`cc.expires_at`)} as "clinicianExpiresAt",
  af.list as "authorAffiliations"`;

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
    affiliations: row.authorAffiliations,
  });

/** Which way a page reads: the latest messages, those just before an id, or those just after one. */
export type PageDirection = 'latest' | 'before' | 'after';

type HistoryValues = {
  slug: string;
  viewerId: string;
  /** The `before` or `after` id (unused for the latest page). */
  cursor: string;
};

type HistoryRow = GroupAccessRow &
  Partial<MessageRow & AuthorColumns> & { reactions: ReactionSummary[] | null; replyTo: ReplyPreview | null };

/**
 * One page of a group's history and the viewer's access to the group, in one statement (one round
 * trip; the access row comes back on every row, or alone when the page is empty). The page is one
 * short range scan of the (group_id, id) index (backwards from the top or from `before`, forwards
 * from `after`); authors, quoted parents and the page's reactions are joined to it as sets (one index
 * probe per row, never a query per message), and the authors' affiliations once per distinct author. One extra row tells whether there is more.
 *
 * The page is written so that only that index can serve it, whatever the statistics say: with
 * `group_id = x order by id desc` PostgreSQL may instead walk the primary key backwards and filter
 * out every newer message of other groups (hundreds of thousands of rows when a large group has gone
 * quiet). Ordering by (group_id, id) alone does not help, since the planner drops a constant group_id
 * from the order; `group_id = any(array[x])` keeps it, and the primary key cannot give that order
 * without sorting, so the plan is the composite index's range scan.
 *
 * The page size is written into the text: with `limit $n` PostgreSQL's plan cache costs the generic
 * plan as if a tenth of the table came back, so it re-planned every call, about half of this
 * statement's database time; with the limit known the generic plan is as cheap as a custom one and is
 * kept. Sizes are rounded up to a few buckets (PAGE_BUCKETS) so that a client cycling through every
 * `limit` cannot make each pooled connection hold hundreds of prepared statements. One statement per
 * direction and number of rows to read; exported for plan checks.
 */
export const historyStatement = statementVariants<{ direction: PageDirection; take: number }, HistoryValues, HistoryRow>(
  ({ direction, take }) => `history_page_${direction}_${take}`,
  ({ direction, take }, v) => {
    if (!Number.isSafeInteger(take) || take < 1) throw new Error(`bad page size ${take}`);
    const limit = sql.raw(String(take));
    const inGroup = sql`m.group_id = any(array[(select "accessGroupId" from access)])`;
    const pageQuery =
      direction === 'after'
        ? sql`select m.* from messages m where ${inGroup} and m.id > ${v.cursor}::bigint order by m.group_id, m.id limit ${limit}`
        : direction === 'before'
          ? sql`select m.* from messages m where ${inGroup} and m.id < ${v.cursor}::bigint order by m.group_id desc, m.id desc limit ${limit}`
          : sql`select m.* from messages m where ${inGroup} order by m.group_id desc, m.id desc limit ${limit}`;
    return sql`with access as (${groupAccessSelect(v.viewerId, sql`g.slug = ${v.slug}`)}),
        page as (${pageQuery}),
        reactions as (
          select message_id, jsonb_agg(jsonb_build_object('emoji', emoji, 'count', n, 'mine', mine)) as list
          from (select r.message_id, r.emoji, count(*)::int as n, coalesce(bool_or(r.user_id = ${v.viewerId}::uuid), false) as mine
                from message_reactions r where r.message_id in (select id from page where deleted_at is null)
                group by r.message_id, r.emoji) x
          group by message_id
        ),
        affiliations as materialized (${affiliationsByUserSql(sql`select distinct author_id from page`)})
        select a.*, ${messageColumns}, ${authorColumns}, rx.list as "reactions",
          case when p.id is null then null else jsonb_build_object('id', p.id::text,
            'author', jsonb_build_object('id', pu.id, 'displayName', case when pu.deleted_at is null then pu.display_name else ${DELETED_USER_NAME} end),
            'body', left(p.body, ${EXCERPT_LENGTH + 1})) end as "replyTo"
        from access a
        left join page m on true
        left join users u on u.id = m.author_id
        left join clinician_credentials cc on cc.user_id = u.id and cc.expires_at > now()
        left join reactions rx on rx.message_id = m.id
        left join affiliations af on af.user_id = m.author_id
        left join messages p on p.id = m.reply_to_id and p.group_id = m.group_id
        left join users pu on pu.id = p.author_id
        order by m.id ${direction === 'after' ? sql`asc` : sql`desc`}`;
  },
);

/** Page sizes the statements are written for; a request reads the smallest bucket that holds its page. */
const PAGE_BUCKETS = [10, 25, 50, 100] as const;

/** Rows to read for a page of `limit` messages: its bucket, plus one row that tells whether there is more. */
export const rowsToRead = (limit: number) => (PAGE_BUCKETS.find((size) => size >= limit) ?? limit) + 1;

export interface HistoryPageResult {
  /** The viewer's access to the group, for the caller's policy to judge; null when no group has the slug. */
  access: GroupAccess | null;
  /** The page, ascending by id. Read before access is judged: never hand it out without judging. */
  page: { items: Message[]; hasMore: boolean };
}

export async function loadHistoryPage(
  db: Queryable,
  actor: Actor,
  slug: string,
  page: { before?: string | undefined; after?: string | undefined; limit: number },
): Promise<HistoryPageResult> {
  const direction: PageDirection = page.after ? 'after' : page.before ? 'before' : 'latest';
  const rows = await historyStatement({ direction, take: rowsToRead(page.limit) })(db, {
    slug,
    viewerId: actor.userId,
    cursor: page.after ?? page.before ?? '0',
  });
  const first = rows[0];
  if (!first) return { access: null, page: { items: [], hasMore: false } };
  const messages = (first.id == null ? [] : rows) as Array<HistoryRow & MessageRow & AuthorColumns>;
  const hasMore = messages.length > page.limit;
  const kept = hasMore ? messages.slice(0, page.limit) : messages;
  if (direction !== 'after') kept.reverse();

  const shaping: Shaping = { authors: new Map(), reactions: new Map(), replies: new Map() };
  for (const row of kept) {
    if (!shaping.authors.has(row.authorId)) shaping.authors.set(row.authorId, authorOf(row));
    if (row.reactions) shaping.reactions.set(row.id, sortReactions(row.reactions));
    if (row.replyTo) {
      shaping.replies.set(row.replyTo.id, { ...row.replyTo, body: row.replyTo.body === null ? null : excerpt(row.replyTo.body) });
    }
  }
  return { access: toGroupAccess(actor, first), page: { items: kept.map((row) => toMessage(row, shaping)), hasMore } };
}
