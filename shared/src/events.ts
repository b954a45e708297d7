import type { AckError } from './errors.js';
import type { GroupSettings } from './schemas/groups.js';
import type { EventQuestionBroadcast, LiveEventBroadcast } from './schemas/liveEvents.js';
import type { SafetyInfo } from './schemas/common.js';
import type { Message, ReactionSummary } from './schemas/messages.js';
import type { Notification } from './schemas/notifications.js';
import type { Report } from './schemas/moderation.js';
import type { Question } from './schemas/questions.js';
import type { PublicUser } from './schemas/users.js';
import type { SocketPayloads } from './schemas/socket.js';

/** Every acknowledgement is either `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type Ack<T extends object = object> = (response: ({ ok: true } & T) | { ok: false; error: AckError }) => void;

export interface ClientToServerEvents {
  'group:join': (payload: SocketPayloads['group:join'], ack: Ack<{ online: PublicUser[] }>) => void;
  'group:leave': (payload: SocketPayloads['group:leave'], ack: Ack) => void;
  'message:send': (payload: SocketPayloads['message:send'], ack: Ack<{ message: Message; safety?: SafetyInfo }>) => void;
  'message:edit': (payload: SocketPayloads['message:edit'], ack: Ack<{ message: Message; safety?: SafetyInfo }>) => void;
  'message:delete': (payload: SocketPayloads['message:delete'], ack: Ack) => void;
  'reaction:add': (payload: SocketPayloads['reaction:add'], ack: Ack<{ reactions: ReactionSummary[] }>) => void;
  'reaction:remove': (payload: SocketPayloads['reaction:remove'], ack: Ack<{ reactions: ReactionSummary[] }>) => void;
  typing: (payload: SocketPayloads['typing'], ack: Ack) => void;
  read: (payload: SocketPayloads['read'], ack: Ack) => void;
}

/** The same shape as the REST list's items: `data` typed by `type`. */
export type NotificationPayload = Notification;

export interface ReactionUpdate {
  messageId: string;
  groupId: string;
  reactions: ReactionSummary[];
  userId: string;
  emoji: string;
  added: boolean;
}

export interface ServerToClientEvents {
  'message:new': (payload: { message: Message }) => void;
  'message:updated': (payload: { message: Message }) => void;
  'message:deleted': (payload: { id: string; groupId: string }) => void;
  /**
   * Extra to the contract: broadcasts between nodes may have been lost (Redis was away). Messages with
   * ids after `afterId` may be missing: fetch them again (`GET …/messages?after=`), keeping messages by id.
   * The node then drops the transport; the client reconnects and rejoins as after any drop.
   */
  'messages:resync': (payload: { afterId: string }) => void;
  /**
   * `reactions` here carry `mine: false` (one broadcast serves everyone); `userId`, `emoji` and `added`
   * name the change, so each client can keep its own `mine` flags right (also across its tabs).
   */
  'reaction:updated': (payload: ReactionUpdate) => void;
  typing: (payload: { slug: string; user: PublicUser; isTyping: boolean }) => void;
  presence: (payload: { slug: string; online: PublicUser[] }) => void;
  'question:new': (payload: { question: Question }) => void;
  'question:pinned': (payload: { question: Question }) => void;
  'event:started': (payload: LiveEventBroadcast) => void;
  'event:ended': (payload: LiveEventBroadcast) => void;
  /** Extra to the contract: an event was rescheduled, edited or cancelled. */
  'event:updated': (payload: LiveEventBroadcast) => void;
  'event:question_new': (payload: EventQuestionBroadcast) => void;
  /** Upvotes changed, or it was answered. */
  'event:question_updated': (payload: EventQuestionBroadcast) => void;
  'event:question_featured': (payload: EventQuestionBroadcast) => void;
  /** Extra to the contract: a moderator removed the question (a resolved report); it leaves every copy. */
  'event:question_removed': (payload: { eventId: string; questionId: string }) => void;
  /** To the room: the group's public settings changed (slow mode); clients apply them at once. */
  'group:settings': (payload: { slug: string; settings: GroupSettings }) => void;
  'notification:new': (payload: { notification: NotificationPayload }) => void;
  /** To the muted person's sockets. */
  'moderation:muted': (payload: { slug: string; until: string; reason: string }) => void;
  /** Extra to the contract: to the person whose mute ended (lifted by a moderator, or ran out). */
  'moderation:unmuted': (payload: { slug: string }) => void;
  /** To someone who lost access to a group; their sockets have already left its room. */
  'group:removed': (payload: { slug: string; reason: GroupRemovedReason }) => void;
  /** To each of the group's moderators (as the audience function decides when it is sent). */
  'report:new': (payload: { report: Report }) => void;
}

export type GroupRemovedReason = 'banned' | 'removed' | 'private' | 'suspended' | 'deleted' | 'denied';
