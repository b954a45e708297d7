/**
 * The `moderation` notification: tells one person what a moderator or admin did about them or their
 * content, why, and until when. It is written in the action's transaction and pushed after commit.
 * It does not go through the group's audience — it reaches a banned or removed person precisely
 * because it tells them they lost access — but never a deleted account.
 *
 * `data`: `{ action, groupId, groupSlug, groupName, reason, until, targetType, targetId }` (group fields
 * null for a suspension; `until` null when the action has no end).
 */
import type { AfterCommit } from '../../db/transaction.js';
import type { Queryable } from '../../db/client.js';
import { notify } from '../notifications/notify.js';

export type NoticeAction =
  | 'mute'
  | 'unmute'
  | 'ban'
  | 'unban'
  | 'remove_member'
  | 'delete_message'
  | 'delete_question'
  | 'delete_answer'
  | 'suspend'
  | 'unsuspend'
  | 'appeal_declined'
  | 'appeal_granted';

export interface ModerationNotice {
  userId: string;
  action: NoticeAction;
  group: { id: string; slug: string; name: string } | null;
  reason: string;
  until?: Date | string | null;
  targetType?: string;
  targetId?: string;
}

/** Writes the notice in the caller's transaction and pushes it to the person's sockets after commit. */
export async function sendModerationNotice(tx: Queryable, after: AfterCommit, notice: ModerationNotice): Promise<void> {
  const until = notice.until == null ? null : notice.until instanceof Date ? notice.until.toISOString() : notice.until;
  await notify(tx, after, [
    {
      userId: notice.userId,
      type: 'moderation',
      data: {
        action: notice.action,
        groupId: notice.group?.id ?? null,
        groupSlug: notice.group?.slug ?? null,
        groupName: notice.group?.name ?? null,
        reason: notice.reason,
        until,
        targetType: notice.targetType ?? null,
        targetId: notice.targetId ?? null,
      },
    },
  ]);
}
