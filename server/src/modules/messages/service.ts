/**
 * Chat use cases. REST routes and socket events both call these, so validation, authorization,
 * idempotency and broadcasting are the same whichever way a message arrives. Every broadcast and
 * notification push goes out after the write has committed, through `withEffects` / `inTransaction`
 * (db/transaction.ts).
 */
import type { EditMessageBody, HistoryQuery, HistoryResponse, Message, ReactionSummary } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction, inTransactionIf, withEffects } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadGroupAccessById, loadGroupAccessBySlug } from '../groups/access.js';
import { isModerator, type GroupAccess } from '../groups/policy.js';
import { assertMayReceive } from '../moderation/audience.js';
import { recordAudit } from '../moderation/audit.js';
import { sendModerationNotice } from '../moderation/notices.js';
import { assertNoBlockedTerm, assertNoPersonalData, assertNotMuted, mutedError, openCrisisReport, readsAsCrisis } from '../moderation/posting.js';
import { notify, publishCreated } from '../notifications/notify.js';
import { mentionCandidates, resolveMentions } from './mentions.js';
import {
  assertCanDeleteMessage,
  assertCanEditMessage,
  assertCanPost,
  assertCanRead,
  assertNotDeleted,
  assertSlowModeAllows,
  hasReadMarker,
  type MessageRef,
} from './policy.js';
import { loadHistoryPage } from './history.js';
import { softDeleteMessage } from './removal.js';
import { loadMessageRef, loadMessageRow, rowsOf, type MessageRow } from './rows.js';
import { insertMessage, loadMentionMatches, loadSendContext } from './sendQueries.js';
import { excerpt, loadReactions, shapeMessages } from './shaping.js';

export interface SendMessageInput {
  slug: string;
  body: string;
  clientId: string;
  replyToId?: string | null | undefined;
  /** The author saw the personal-data warning and posts anyway. */
  acknowledgePersonalData?: boolean | undefined;
}

export interface SentMessage {
  message: Message;
  /** False when this clientId was used before: the first message is returned (and announced again to the room). */
  created: boolean;
  /**
   * The body reads as a crisis: the author's answer carries where to turn (`withSafety`). Said again on a
   * retry (its answer may be the first the author sees), but the report is opened by the first send only.
   */
  crisis: boolean;
}

export interface EditedMessage {
  message: Message;
  /** The new text reads as a crisis (see SentMessage.crisis). */
  crisis: boolean;
}

/**
 * A page of a group's history, ascending by id: the latest page, or the page just `before` / `after`
 * an id. Readers of the group only (NOT_A_MEMBER for a private group's outsiders).
 */
export async function listMessages(actor: Actor, input: HistoryQuery & { slug: string }, deps: Deps): Promise<HistoryResponse> {
  // One round trip: the page comes back with the reader's access, and is returned only once the
  // policy has judged that access (a refused reader gets the error and nothing else).
  // The route runs inside the read gate (config.readGate): a crowd never takes the connections sends need.
  const { access, page } = await loadHistoryPage(deps.db, actor, input.slug, input);
  if (!access) throw new AppError('NOT_FOUND', 'groups.notFound');
  assertCanRead(access);
  return page;
}

/**
 * Posts a message. Active members only (NOT_A_MEMBER, BANNED), not while muted (MUTED), not faster than
 * slow mode (SLOW_MODE; moderators and the hosts of a live event exempt) or the per-user rate limit (RATE_LIMITED), never with a
 * blocked term (BLOCKED_TERM), no personal data unless acknowledged (PERSONAL_DATA). `replyToId` must name a message of the same group (NOT_FOUND).
 * Idempotent on (group, author, clientId): a retry returns the first message, created: false, and
 * announces it to the room again (its first announcement may have been lost with its answer); nothing
 * else is repeated (no notification, no report). Notifies mentioned members and the author of the message replied to. A body that
 * reads as a crisis is posted all the same, and a `crisis` report about it opens in the same transaction.
 *
 * The hot path is two round trips: the group access, then one guarded insert statement; the reasons
 * for a refusal are looked up only when the insert wrote nothing. The crisis detector costs no query:
 * only a send that reads as a crisis runs in a transaction, with the report's insert beside the message's.
 */
export async function sendMessage(actor: Actor, input: SendMessageInput, deps: Deps): Promise<SentMessage> {
  const access = await loadGroupAccessBySlug(deps.db, actor, input.slug);
  assertCanPost(access);
  assertNotMuted(access);
  await deps.limits.take('messages', actor.userId);
  assertNoBlockedTerm(access, input.body);
  assertNoPersonalData(input.acknowledgePersonalData, input.body);
  const crisis = readsAsCrisis(input.body);
  const groupId = access.group.id;
  const replyToId = input.replyToId ?? null;
  const candidates = mentionCandidates(input.body);
  const mentions = candidates.length > 0 ? resolveMentions(input.body, await loadMentionMatches(deps.db, groupId, candidates)) : [];
  const slowModeSeconds = isModerator(access) ? 0 : access.group.slowModeSeconds;

  return inTransactionIf(crisis, deps, async (db, after) => {
    for (let attempt = 0; ; attempt++) {
      const inserted = await insertMessage(db, {
        groupId,
        authorId: actor.userId,
        clientId: input.clientId,
        body: input.body,
        replyToId,
        mentions,
        slowModeSeconds,
        notificationData: {
          groupId,
          groupSlug: access.group.slug,
          groupName: access.group.name,
          excerpt: excerpt(input.body),
        },
      });
      if (inserted) {
        const message: Message = {
          id: inserted.id,
          groupId,
          author: inserted.author,
          body: input.body,
          clientId: input.clientId,
          replyToId,
          replyTo: inserted.replyTo,
          mentions,
          reactions: [],
          eventHost: inserted.eventHost,
          createdAt: inserted.createdAt,
          editedAt: null,
          deletedAt: null,
        };
        after.toGroupAndMembers(groupId, 'message:new', { message });
        publishCreated(after, inserted.notifications);
        if (crisis) await openCrisisReport(db, after, deps, { groupId, targetType: 'message', targetId: message.id, authorId: actor.userId });
        return { message, created: true, crisis };
      }

      // Nothing written: a retry of a stored clientId, or a guard refused. Find out which.
      const context = await loadSendContext(db, { groupId, authorId: actor.userId, clientId: input.clientId, replyToId });
      if (context.existing) {
        // A retry. The first attempt may have committed and then lost its answer and its broadcast
        // with it (the database or this node went down between the two): announce the stored copy
        // again. Clients keep messages by id, so a second announcement changes nothing for those
        // who heard the first; those who did not would otherwise never see it, live or on catch-up
        // (which reads after the last id they hold, beyond this one by then).
        const existing = context.existing;
        const [forRoom, forAuthor] = await Promise.all([shapeOne(db, existing, null), shapeOne(db, existing, actor.userId)]);
        if (!existing.deletedAt) after.toGroup(groupId, 'message:new', { message: forRoom });
        return { message: forAuthor, created: false, crisis };
      }
      if (context.mute) throw mutedError(context.mute.until, context.mute.reason);
      if (!context.hostingLiveEvent) assertSlowModeAllows(access, context.secondsSinceLast);
      if (replyToId && (!context.parent || context.parent.groupId !== groupId)) {
        throw new AppError('NOT_FOUND', 'messages.replyNotInGroup');
      }
      // The state changed between the two statements (a mute ended, a racing retry was rolled back): try again.
      if (attempt >= 2) throw new AppError('CONFLICT', 'messages.notSaved');
    }
  });
}

async function shapeOne(db: Queryable, row: MessageRow, viewerId: string | null): Promise<Message> {
  const [message] = await shapeMessages(db, row.groupId, [row], viewerId);
  return message!;
}

/** The message named by id and the actor's standing in its group. NOT_FOUND for an unknown id. */
async function loadMessageAccess(actor: Actor, id: string, deps: Deps): Promise<{ ref: MessageRef; access: GroupAccess }> {
  const ref = await loadMessageRef(deps.db, id);
  if (!ref) throw new AppError('NOT_FOUND', 'messages.notFound');
  const access = await loadGroupAccessById(deps.db, actor, ref.groupId);
  assertCanRead(access);
  return { ref, access };
}

/**
 * Edits a message's text. The author only (FORBIDDEN for anyone else), while still a member who may
 * post (not muted, no blocked term, no unacknowledged personal data); a deleted message is NOT_FOUND.
 * Newly mentioned members are notified. A new text that reads as a crisis opens a `crisis` report about
 * the message (unless one is open already), as a send would.
 */
export async function editMessage(actor: Actor, input: EditMessageBody & { id: string }, deps: Deps): Promise<EditedMessage> {
  const { ref, access } = await loadMessageAccess(actor, input.id, deps);
  assertCanEditMessage(actor, ref);
  assertNotDeleted(ref);
  assertCanPost(access);
  assertNotMuted(access);
  assertNoBlockedTerm(access, input.body);
  assertNoPersonalData(input.acknowledgePersonalData, input.body);
  const crisis = readsAsCrisis(input.body);
  const mentions = resolveMentions(input.body, await loadMentionMatches(deps.db, ref.groupId, mentionCandidates(input.body)));
  return inTransaction(deps, async (tx, after) => {
    const [updated] = await rowsOf<{ previousMentions: string[] }>(
      tx,
      sql`update messages m set body = ${input.body}, edited_at = now(), mentions = ${sql.param(mentions)}::uuid[]
          from messages old
          where m.id = ${ref.id}::bigint and old.id = m.id and m.deleted_at is null
          returning old.mentions::text[] as "previousMentions"`,
    );
    if (!updated) throw new AppError('NOT_FOUND', 'messages.deleted');

    const row = await loadMessageRow(tx, ref.id);
    const [message] = await shapeMessages(tx, ref.groupId, [row!], null);
    after.toGroup(ref.groupId, 'message:updated', { message: message! });

    const previously = new Set(updated.previousMentions ?? []);
    const newlyMentioned = mentions.filter((id) => id !== actor.userId && !previously.has(id));
    if (newlyMentioned.length > 0) {
      await notify(
        tx,
        after,
        newlyMentioned.map((userId) => ({
          userId,
          type: 'mention' as const,
          data: {
            groupId: ref.groupId,
            groupSlug: access.group.slug,
            groupName: access.group.name,
            messageId: ref.id,
            by: { id: message!.author.id, displayName: message!.author.displayName },
            excerpt: excerpt(input.body),
          },
        })),
      );
    }
    if (crisis) await openCrisisReport(tx, after, deps, { groupId: ref.groupId, targetType: 'message', targetId: ref.id, authorId: actor.userId });
    // The broadcast carries nobody's `mine`; the editor's answer carries theirs.
    const reactions = await loadReactions(tx, [ref.id], actor.userId);
    return { message: { ...message!, reactions: reactions.get(ref.id) ?? [] }, crisis };
  });
}

/**
 * Deletes a message: it stays in history as a tombstone (body null, deletedAt set), its reactions
 * hidden, and the mention/reply notifications that quoted it are withdrawn. The author or the group's
 * moderators (FORBIDDEN otherwise). A moderator deleting someone else's message may give a `reason`:
 * the deletion is written to the audit log and its author gets a `moderation` notice. Deleting a
 * deleted message is a no-op.
 */
export async function deleteMessage(actor: Actor, input: { id: string; reason?: string | undefined }, deps: Deps): Promise<void> {
  const { ref, access } = await loadMessageAccess(actor, input.id, deps);
  assertCanDeleteMessage(access, ref);
  if (ref.deleted) return;
  const byModerator = ref.authorId !== actor.userId;
  await inTransaction(deps, async (tx, after) => {
    if (!(await softDeleteMessage(tx, ref.id))) return;
    after.toGroup(ref.groupId, 'message:deleted', { id: ref.id, groupId: ref.groupId });
    if (!byModerator) return;
    const reason = input.reason ?? '';
    const target = { targetType: 'message' as const, targetId: ref.id };
    await recordAudit(tx, { groupId: ref.groupId, actorId: actor.userId, action: 'delete_message', ...target, targetUserId: ref.authorId, reason });
    await sendModerationNotice(tx, after, { userId: ref.authorId, action: 'delete_message', group: access.group, reason, ...target });
  });
}

/**
 * Adds or removes the actor's reaction. Members who may post (NOT_A_MEMBER otherwise), supportive emoji
 * only (checked by the schema), not on deleted messages (NOT_FOUND). Idempotent: an unchanged
 * reaction broadcasts nothing. Returns the message's reactions with the actor's `mine`.
 */
export async function setReaction(
  actor: Actor,
  input: { messageId: string; emoji: string; add: boolean },
  deps: Deps,
): Promise<{ reactions: ReactionSummary[] }> {
  const { ref, access } = await loadMessageAccess(actor, input.messageId, deps);
  assertCanPost(access);
  assertNotMuted(access);
  assertNotDeleted(ref);
  return withEffects(deps, async (after) => {
    const changed = await rowsOf<{ n: number }>(
      deps.db,
      input.add
        ? sql`insert into message_reactions (message_id, user_id, emoji)
              select id, ${actor.userId}::uuid, ${input.emoji} from messages where id = ${ref.id}::bigint and deleted_at is null
              on conflict do nothing returning 1 as "n"`
        : sql`delete from message_reactions where message_id = ${ref.id}::bigint and user_id = ${actor.userId}::uuid
                and emoji = ${input.emoji} returning 1 as "n"`,
    );
    const reactions = (await loadReactions(deps.db, [ref.id], actor.userId)).get(ref.id) ?? [];
    if (changed.length > 0) {
      after.toGroup(ref.groupId, 'reaction:updated', {
        messageId: ref.id,
        groupId: ref.groupId,
        reactions: reactions.map((r) => ({ ...r, mine: false })),
        userId: actor.userId,
        emoji: input.emoji,
        added: input.add,
      });
    }
    return { reactions };
  });
}

/**
 * Moves the actor's read marker in a group forward to `messageId` (never backwards). Active members
 * (NOT_A_MEMBER otherwise); the message must be in the group (NOT_FOUND).
 */
export async function markRead(actor: Actor, input: { slug: string; messageId: string }, deps: Deps): Promise<void> {
  const access = await loadGroupAccessBySlug(deps.db, actor, input.slug);
  if (!hasReadMarker(access)) return;
  const [row] = await rowsOf<{ found: boolean }>(
    deps.db,
    sql`with target as (select id from messages where id = ${input.messageId}::bigint and group_id = ${access.group.id}),
        moved as (
          update memberships set last_read_message_id = greatest(coalesce(last_read_message_id, 0), target.id)
          from target
          where memberships.group_id = ${access.group.id} and memberships.user_id = ${actor.userId}
          returning 1
        )
        select exists (select 1 from target) as "found", (select count(*) from moved) as "moved"`,
  );
  if (!row?.found) throw new AppError('NOT_FOUND', 'messages.notFoundInGroup');
}

/**
 * The room a socket may subscribe to: whom the audience function admits (moderation/audience.ts):
 * readers of the group (NOT_A_MEMBER), never the banned (BANNED).
 */
export async function authorizeRoom(actor: Actor, input: { slug: string }, deps: Deps): Promise<{ groupId: string; slug: string }> {
  const access = await loadGroupAccessBySlug(deps.db, actor, input.slug);
  assertMayReceive(access);
  return { groupId: access.group.id, slug: access.group.slug };
}
