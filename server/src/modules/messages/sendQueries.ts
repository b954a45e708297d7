/** The SQL of a send: who a body may mention, why a send was refused, and the guarded insert itself. */
import { EXCERPT_LENGTH, type PublicUser, type ReplyPreview } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { statementVariants } from '../../db/statement.js';
import { DELETED_USER_NAME, toPublicUser } from '../accounts/publicUser.js';
import { deliverableSql, emailStateSql } from '../notifications/notify.js';
import { affiliationsSql } from '../organizations/affiliations.js';
import { isoSql, messageColumns, rowsOf, type MessageRow } from './rows.js';
import { excerpt } from './shaping.js';
import type { CreatedRow } from '../notifications/notify.js';


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
  mute: { until: string; reason: string } | null;
  secondsSinceLast: number | null;
  parent: { groupId: string; authorId: string; deleted: boolean } | null;
  /** The author hosts the group's live event (exempt from slow mode). */
  hostingLiveEvent: boolean;
}

/**
 * Why a guarded insert wrote nothing, in one round trip: an earlier message with the same clientId
 * (a retry), the author's mute (begun since their access was read), the time since their last
 * message (slow mode), the parent of a reply.
 */
export async function loadSendContext(
  db: Queryable,
  input: { groupId: string; authorId: string; clientId: string; replyToId: string | null },
): Promise<SendContext> {
  const { groupId, authorId } = input;
  const [row] = await rowsOf<{
    existing: MessageRow | null;
    mute: { until: string; reason: string } | null;
    secondsSinceLast: number | string | null;
    parent: SendContext['parent'];
    hostingLiveEvent: boolean;
  }>(
    db,
    sql`select
      (select to_jsonb(x) from (select ${messageColumns} from messages m
         where m.group_id = ${groupId} and m.author_id = ${authorId} and m.client_id = ${input.clientId}) x) as "existing",
      (select jsonb_build_object('until', ${isoSql(sql`gm.until`)}, 'reason', gm.reason) from group_mutes gm
         where gm.group_id = ${groupId} and gm.user_id = ${authorId} and gm.until > now()) as "mute",
      (select extract(epoch from now() - max(m.created_at))::float8 from messages m
         where m.group_id = ${groupId} and m.author_id = ${authorId}) as "secondsSinceLast",
      exists (select 1 from live_events e join live_event_hosts h on h.event_id = e.id and h.user_id = ${authorId}
              where e.group_id = ${groupId} and e.status = 'live') as "hostingLiveEvent",
      ${
        input.replyToId
          ? sql`(select jsonb_build_object('groupId', p.group_id, 'authorId', p.author_id, 'deleted', p.deleted_at is not null)
                  from messages p where p.id = ${input.replyToId}::bigint)`
          : sql`null::jsonb`
      } as "parent"`,
  );
  return {
    existing: row?.existing ?? null,
    mute: row?.mute ?? null,
    secondsSinceLast: row?.secondsSinceLast == null ? null : Number(row.secondsSinceLast),
    parent: row?.parent ?? null,
    hostingLiveEvent: Boolean(row?.hostingLiveEvent),
  };
}

export type NotificationRow = CreatedRow;

export interface InsertedMessage {
  id: string;
  createdAt: string;
  /** The author hosts the group's live event: the message is marked, and slow mode did not apply. */
  eventHost: boolean;
  author: PublicUser;
  replyTo: ReplyPreview | null;
  notifications: NotificationRow[];
}

/** The author as PublicUser columns (see accounts/publicUser.ts), as JSON for one-statement sends. */
const authorJson = (authorId: unknown) => sql`(select to_jsonb(a) from (
    select u.id, u.display_name as "displayName", u.bio, u.is_admin as "isAdmin", u.created_at as "createdAt",
           u.deleted_at as "deletedAt", cc.specialty as "clinicianSpecialty", cc.jurisdiction as "clinicianJurisdiction",
           cc.verified_at as "clinicianVerifiedAt", cc.expires_at as "clinicianExpiresAt",
           ${affiliationsSql(sql`u.id`)} as "affiliations"
    from users u left join clinician_credentials cc on cc.user_id = u.id and cc.expires_at > now()
    where u.id = ${authorId}::uuid) a)`;

export interface InsertMessageInput {
  groupId: string;
  authorId: string;
  clientId: string;
  body: string;
  replyToId: string | null;
  mentions: string[];
  /** 0 when slow mode is off or the author is exempt (the hosts of a live event are exempt too, decided in the statement). */
  slowModeSeconds: number;
  notificationData: Record<string, unknown>;
}

/**
 * The whole send in one statement and one round trip. The group row is locked first (so ids are drawn
 * in commit order within the group) and only when the send is allowed: the author is not muted, slow
 * mode has passed (unless exempt: moderators, and the hosts of the group's live event), the replied-to
 * message is in this group. Whether the author hosts a live event is part of the same statement (an
 * index probe of the group's live events): it marks the message `eventHost`. Then the row is inserted
 * unless the same (group, author, clientId) exists, the reply and mention notifications are created
 * for those of their recipients the audience function admits (someone who has since left a private
 * group, or was banned, is not notified),
 * and the author and the quoted parent come back for the answer and the broadcast. Returns null when
 * nothing was written (a retried clientId or a failed guard: loadSendContext tells which).
 */
export async function insertMessage(db: Queryable, input: InsertMessageInput): Promise<InsertedMessage | null> {
  const shape: SendShape = {
    slowMode: input.slowModeSeconds > 0,
    reply: input.replyToId !== null,
    notify: input.replyToId !== null || input.mentions.length > 0,
  };
  const [row] = await sendStatement(shape)(db, {
    groupId: input.groupId,
    authorId: input.authorId,
    clientId: input.clientId,
    body: input.body,
    replyToId: input.replyToId,
    mentions: input.mentions,
    slowModeSeconds: input.slowModeSeconds,
    notificationData: JSON.stringify(input.notificationData),
  });
  if (!row) return null;
  const replyTo = row.replyTo ? { ...row.replyTo, body: row.replyTo.body === null ? null : excerpt(row.replyTo.body) } : null;
  return {
    id: row.id,
    createdAt: row.createdAt,
    eventHost: Boolean(row.eventHost),
    author: toPublicUser(row.author),
    replyTo,
    notifications: row.notifications ?? [],
  };
}

/** Which optional parts a send's statement has; each combination is its own named statement (at most 8). */
interface SendShape {
  slowMode: boolean;
  reply: boolean;
  notify: boolean;
}

type SendValues = Omit<InsertMessageInput, 'notificationData'> & { notificationData: string };

interface SendRow {
  id: string;
  createdAt: string;
  eventHost: boolean;
  author: Parameters<typeof toPublicUser>[0];
  replyTo: ReplyPreview | null;
  notifications: NotificationRow[] | null;
}

const sendStatement = statementVariants<SendShape, SendValues, SendRow>(
  ({ slowMode, reply, notify }) => `message_send_${Number(slowMode)}${Number(reply)}${Number(notify)}`,
  ({ slowMode, reply, notify }, v) => {
    const parentAuthor = sql`(select p.author_id from messages p where p.id = ${v.replyToId}::bigint and p.deleted_at is null)`;
    return sql`with host as (
          select exists (select 1 from live_events e join live_event_hosts h on h.event_id = e.id and h.user_id = ${v.authorId}::uuid
                         where e.group_id = ${v.groupId}::uuid and e.status = 'live') as live
        ), g as (
          update groups set last_message_at = now()
          where id = ${v.groupId}::uuid
            and not exists (select 1 from group_mutes gm where gm.group_id = ${v.groupId}::uuid and gm.user_id = ${v.authorId}::uuid and gm.until > now())
            ${
              slowMode
                ? sql`and ((select live from host) or not exists (select 1 from messages s where s.group_id = ${v.groupId}::uuid
                        and s.author_id = ${v.authorId}::uuid and s.created_at > now() - make_interval(secs => ${v.slowModeSeconds}::int)))`
                : sql``
            }
            ${reply ? sql`and exists (select 1 from messages p where p.id = ${v.replyToId}::bigint and p.group_id = ${v.groupId}::uuid)` : sql``}
          returning id
        ), ins as (
          insert into messages (group_id, author_id, client_id, body, reply_to_id, mentions, event_host)
          select g.id, ${v.authorId}::uuid, ${v.clientId}::text, ${v.body}::text, ${v.replyToId}::bigint, ${sql.param(v.mentions)}::uuid[],
                 (select live from host)
          from g
          on conflict (group_id, author_id, client_id) do nothing
          returning id, created_at, event_host
        )${
          notify
            ? sql`, recipients as (
          select ${parentAuthor} as user_id, 'reply' as type
          union all
          select mentioned, 'mention' from unnest(${sql.param(v.mentions)}::uuid[]) as mentioned
          where mentioned is distinct from ${parentAuthor}
        ), notes as (
          -- The notify path's rules (notifications/notify.ts), inlined so the send stays one statement.
          insert into notifications (user_id, type, group_id, data, email_state)
          select r.user_id, r.type, ${v.groupId}::uuid, ${v.notificationData}::jsonb || jsonb_build_object('messageId', ins.id::text,
                 'by', (select jsonb_build_object('id', u.id, 'displayName', u.display_name) from users u where u.id = ${v.authorId}::uuid)),
                 ${emailStateSql(sql`r.user_id`, sql`r.type`)}
          from ins, recipients r
          where r.user_id is not null and r.user_id <> ${v.authorId}::uuid
            and ${deliverableSql(sql`r.user_id`, sql`${v.groupId}::uuid`, sql`r.type`)}
          returning id, user_id, type, data, created_at
        )`
            : sql``
        }
        select ins.id::text as "id", ${isoSql(sql`ins.created_at`)} as "createdAt", ins.event_host as "eventHost", ${authorJson(v.authorId)} as "author",
          ${
            reply
              ? sql`(select jsonb_build_object('id', p.id::text,
                        'author', jsonb_build_object('id', u.id, 'displayName', case when u.deleted_at is null then u.display_name else ${DELETED_USER_NAME}::text end),
                        'body', case when p.deleted_at is null then left(p.body, ${EXCERPT_LENGTH + 1}) end)
                      from messages p join users u on u.id = p.author_id where p.id = ${v.replyToId}::bigint)`
              : sql`null::jsonb`
          } as "replyTo",
          ${
            notify
              ? sql`(select jsonb_agg(jsonb_build_object('id', n.id, 'userId', n.user_id, 'type', n.type, 'data', n.data,
                       'createdAt', ${isoSql(sql`n.created_at`)})) from notes n)`
              : sql`null::jsonb`
          } as "notifications"
        from ins`;
  },
);
