/**
 * The SQL the baselines run: one statement per request, against the same tables and indexes as
 * Circles (the baseline database is a copy of the Circles bench database). Each is the thinnest honest
 * version of what Circles does for the same request: same rows, same authorization facts, no extras.
 */

/**
 * message:send in one round trip: resolve the group from its slug, require active membership,
 * insert idempotently on (group, author, clientId), and return the row with its author's name.
 * $1 slug, $2 author id, $3 clientId, $4 body.
 */
export const SEND_MESSAGE = `
with g as (
  select g.id from groups g
  join memberships ms on ms.group_id = g.id and ms.user_id = $2 and ms.status = 'active'
  where g.slug = $1
), ins as (
  insert into messages (group_id, author_id, client_id, body)
  select g.id, $2, $3, $4 from g
  on conflict (group_id, author_id, client_id) do nothing
  returning id, group_id, client_id, body, created_at
)
select ins.id::text as id, ins.group_id as "groupId", ins.client_id as "clientId", ins.body,
       ins.created_at as "createdAt", u.id as "authorId", u.display_name as "displayName"
from ins join users u on u.id = $2`;

/** The first copy of a retried send (ON CONFLICT returned nothing). $1 slug, $2 author, $3 clientId. */
export const EXISTING_MESSAGE = `
select m.id::text as id, m.group_id as "groupId", m.client_id as "clientId", m.body, m.created_at as "createdAt",
       u.id as "authorId", u.display_name as "displayName"
from messages m join groups g on g.id = m.group_id join users u on u.id = m.author_id
where g.slug = $1 and m.author_id = $2 and m.client_id = $3`;

/** group:join: the group id, if the user may read it (public, or an active member). $1 slug, $2 user. */
export const JOINABLE_GROUP = `
select g.id from groups g
left join memberships ms on ms.group_id = g.id and ms.user_id = $2
where g.slug = $1 and (g.visibility = 'public' or ms.status = 'active')`;

const HISTORY_COLUMNS = `m.id::text as id, m.group_id as "groupId", m.client_id as "clientId", m.body,
  m.reply_to_id::text as "replyToId", m.mentions::text[] as mentions, m.created_at as "createdAt",
  m.edited_at as "editedAt", m.deleted_at as "deletedAt",
  u.id as "authorId", u.display_name as "displayName", u.bio, u.is_admin as "isAdmin", u.created_at as "authorCreatedAt"`;

/** The group a reader may read: public, or they are an active member. $1 slug, $2 user. */
const READABLE_GROUP = `(select g.id from groups g
  left join memberships ms on ms.group_id = g.id and ms.user_id = $2
  where g.slug = $1 and (g.visibility = 'public' or ms.status = 'active'))`;

/**
 * The keyset history page with authors, newest first (the handler reverses it). $1 slug, $2 reader,
 * $3 limit (+1 for hasMore), $4 the id to page back from (the largest bigint for the latest page).
 *
 * Written so that only the (group_id, id) index can serve it, whatever the statistics say. With
 * `group_id = x order by id desc` PostgreSQL may walk the primary key backwards and filter out every
 * newer row of other groups (issue 6's trap: half a million rows for the latest page); ordering by
 * (group_id, id) alone does not help, since the planner drops the constant group_id from the order.
 * `group_id = any(array[x])` keeps (group_id, id) as the required order, which the primary key cannot
 * give without sorting the whole table, so the plan is a short backward range scan of the composite index.
 */
export const HISTORY_PAGE = `
select ${HISTORY_COLUMNS} from messages m join users u on u.id = m.author_id
where m.group_id = any(array[${READABLE_GROUP}]) and m.id < $4::bigint
order by m.group_id desc, m.id desc limit $3`;

export const LATEST = '9223372036854775807';

/**
 * GET /api/me/groups as one query: every active membership with its group, condition, unread count
 * (after the read marker, not the member's own, not deleted, capped at UNREAD_CAP as Circles caps it)
 * and the group's last message time (kept on the group row, as Circles keeps it). $1 user.
 *
 * The count walks the (group_id, id) index from the read marker: `any(array[...])` with the
 * (group_id, id) order is an order the primary key cannot give, so no plan can range-scan every newer
 * message of every group instead.
 */
export const UNREAD_CAP = 1000;
export const MY_GROUPS = `
select g.id, g.slug, g.name, g.description, g.rules, g.visibility, g.member_count as "memberCount",
       g.created_at as "createdAt", g.slow_mode_seconds as "slowModeSeconds",
       c.slug as "conditionSlug", c.name as "conditionName", c.category,
       ms.role, ms.status,
       (select count(*)::int from (
          select 1 from messages m
          where m.group_id = any(array[g.id]) and m.id > coalesce(ms.last_read_message_id, 0)
            and m.author_id <> ms.user_id and m.deleted_at is null
          order by m.group_id, m.id limit ${UNREAD_CAP}) unread) as "unreadCount",
       g.last_message_at as "lastMessageAt"
from memberships ms
join groups g on g.id = ms.group_id
join conditions c on c.slug = g.condition_slug
where ms.user_id = $1 and ms.status = 'active'
order by g.last_message_at desc nulls last, g.name`;

/**
 * Group search as one query, the same match and rank as Circles: every word a prefix, as written
 * ('simple') and stemmed ('english'), best rank first, then newest, with the caller's membership.
 * Parameters: $1 user, $2 limit, then one per word.
 */
export function searchGroupsQuery(wordCount: number): string {
  const perWord = Array.from({ length: wordCount }, (_, i) => {
    const quoted = `quote_literal(circles_unaccent($${i + 3}::text)) || ':*'`;
    return `(to_tsquery('simple', ${quoted}) || to_tsquery('english', ${quoted}))`;
  });
  const query = `(${perWord.join(' && ')})`;
  return `
select g.id, g.slug, g.name, g.description, g.rules, g.visibility, g.member_count as "memberCount",
       g.created_at as "createdAt", g.slow_mode_seconds as "slowModeSeconds",
       c.slug as "conditionSlug", c.name as "conditionName", c.category,
       ms.role, ms.status, (ts_rank(g.search, ${query}) * 1000000)::integer as rank
from groups g
join conditions c on c.slug = g.condition_slug
left join memberships ms on ms.group_id = g.id and ms.user_id = $1
where g.search @@ ${query}
order by rank desc, g.created_at desc, g.id desc
limit $2`;
}
