import type { AckError } from './errors.js';
import type { Message, ReactionSummary } from './schemas/messages.js';
import type { Question } from './schemas/questions.js';
import type { PublicUser } from './schemas/users.js';
import type { SocketPayloads } from './schemas/socket.js';

/** Every acknowledgement is either `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type Ack<T extends object = object> = (response: ({ ok: true } & T) | { ok: false; error: AckError }) => void;

export interface ClientToServerEvents {
  'group:join': (payload: SocketPayloads['group:join'], ack: Ack<{ online: PublicUser[] }>) => void;
  'group:leave': (payload: SocketPayloads['group:leave'], ack: Ack) => void;
  'message:send': (payload: SocketPayloads['message:send'], ack: Ack<{ message: Message }>) => void;
  'message:edit': (payload: SocketPayloads['message:edit'], ack: Ack<{ message: Message }>) => void;
  'message:delete': (payload: SocketPayloads['message:delete'], ack: Ack) => void;
  'reaction:add': (payload: SocketPayloads['reaction:add'], ack: Ack<{ reactions: ReactionSummary[] }>) => void;
  'reaction:remove': (payload: SocketPayloads['reaction:remove'], ack: Ack<{ reactions: ReactionSummary[] }>) => void;
  typing: (payload: SocketPayloads['typing'], ack: Ack) => void;
  read: (payload: SocketPayloads['read'], ack: Ack) => void;
}

export interface LiveEventPayload {
  id: string;
  groupId: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  hosts: PublicUser[];
  status: 'scheduled' | 'live' | 'ended';
}

export interface NotificationPayload {
  id: string;
  type: 'mention' | 'reply' | 'answer' | 'accepted' | 'join_approved' | 'moderation' | 'event';
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

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
   * `reactions` here carry `mine: false` (one broadcast serves everyone); `userId`, `emoji` and `added`
   * name the change, so each client can keep its own `mine` flags right (also across its tabs).
   */
  'reaction:updated': (payload: ReactionUpdate) => void;
  typing: (payload: { slug: string; user: PublicUser; isTyping: boolean }) => void;
  presence: (payload: { slug: string; online: PublicUser[] }) => void;
  'question:new': (payload: { question: Question }) => void;
  'question:pinned': (payload: { question: Question }) => void;
  'event:started': (payload: { event: LiveEventPayload }) => void;
  'event:ended': (payload: { event: LiveEventPayload }) => void;
  'event:question_featured': (payload: { eventId: string; question: unknown }) => void;
  'notification:new': (payload: { notification: NotificationPayload }) => void;
  'moderation:muted': (payload: { slug: string; until: string }) => void;
  'group:removed': (payload: { slug: string; reason: string }) => void;
}
