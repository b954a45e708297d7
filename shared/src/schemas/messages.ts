import { z } from 'zod';
import { SUPPORTIVE_EMOJI } from '../limits.js';
import { acknowledgePersonalData, plainText, safetyInfo } from './common.js';
import { publicUser } from './users.js';

export const emoji = z.enum(SUPPORTIVE_EMOJI);
export type Emoji = z.infer<typeof emoji>;

export const reactionSummary = z.object({ emoji: z.string(), count: z.number().int(), mine: z.boolean() });
export type ReactionSummary = z.infer<typeof reactionSummary>;

/**
 * A short preview of the message a reply answers, so a client can quote it even when the parent is
 * outside the pages it has loaded. `body` is null once the parent is deleted.
 */
export const replyPreview = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), displayName: z.string() }),
  body: z.string().nullable(),
});
export type ReplyPreview = z.infer<typeof replyPreview>;

export const message = z.object({
  id: z.string(),
  groupId: z.string(),
  author: publicUser,
  body: z.string().nullable(),
  clientId: z.string(),
  replyToId: z.string().nullable(),
  /** Extra to the contract: the quoted parent of a reply (null when not a reply). */
  replyTo: replyPreview.nullable().optional(),
  mentions: z.array(z.string()),
  reactions: z.array(reactionSummary),
  /** Extra to the contract: sent by a host of the group's live event while it was live. */
  eventHost: z.boolean().optional(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type Message = z.infer<typeof message>;

export const messageBody = plainText(1, 4000);
/** A client-chosen id that makes a send idempotent: retries with it never make a second copy. */
export const clientId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, {
  message: 'must be letters, digits, - or _',
});
export const messageId = z.string().regex(/^\d{1,19}$/, { message: 'must be a message id' });

export const sendMessageBody = z.object({
  body: messageBody,
  clientId,
  replyToId: messageId.nullish(),
  acknowledgePersonalData,
});
export type SendMessageBody = z.infer<typeof sendMessageBody>;

export const sendMessageResponse = message.extend({ safety: safetyInfo.optional() });

export const editMessageBody = z.object({ body: messageBody, acknowledgePersonalData });
export type EditMessageBody = z.infer<typeof editMessageBody>;
/** An edit's answer: the message, with `safety` when the new text reads as a crisis (as a send's). */
export const editMessageResponse = message.extend({ safety: safetyInfo.optional() });

export const historyQuery = z
  .object({
    before: messageId.optional(),
    after: messageId.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !(q.before && q.after), { message: 'use either before or after, not both', path: ['before'] });
export type HistoryQuery = z.infer<typeof historyQuery>;

export const historyResponse = z.object({ items: z.array(message), hasMore: z.boolean() });
export type HistoryResponse = z.infer<typeof historyResponse>;

export const reactionsResponse = z.object({ reactions: z.array(reactionSummary) });
export type ReactionsResponse = z.infer<typeof reactionsResponse>;
export const readBody = z.object({ messageId });
export type ReadBody = z.infer<typeof readBody>;

export const messageIdParams = z.object({ id: messageId });
export const reactionParams = z.object({ id: messageId, emoji });
