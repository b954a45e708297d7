/**
 * Notifications the questions domain creates: "an answer to your question" and "your answer was
 * accepted". Rows are written inside the caller's transaction; delivery over the socket happens only
 * after commit (see `deliver`). The data never names an anonymous asker.
 */
import type { NotificationPayload } from '@circles/shared';
import type { Queryable } from '../../db/client.js';
import { notifications } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { iso } from '../../lib/time.js';

export type QuestionNotificationType = 'answer' | 'accepted';

export async function createNotification(
  db: Queryable,
  userId: string,
  type: QuestionNotificationType,
  data: Record<string, unknown>,
): Promise<{ userId: string; notification: NotificationPayload }> {
  const [row] = await db
    .insert(notifications)
    .values({ userId, type, data })
    .returning({ id: notifications.id, createdAt: notifications.createdAt });
  return {
    userId,
    notification: { id: row!.id, type, data, readAt: null, createdAt: iso(row!.createdAt) },
  };
}

/** Sends committed notifications to their recipients' sockets. */
export function deliver(deps: Deps, created: ReadonlyArray<{ userId: string; notification: NotificationPayload }>): void {
  for (const { userId, notification } of created) deps.realtime.toUser(userId, 'notification:new', { notification });
}
