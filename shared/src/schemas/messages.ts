import { z } from 'zod';
import { acknowledgePersonalData, plainText, safetyInfo } from './common.js';
import { publicUser } from './users.js';

/** The supportive reactions a member can add; anything else is a VALIDATION_ERROR. */
export const SUPPORTIVE_EMOJI = ['❤️', '🙏', '👍', '🤗', '💪', '🌟'] as const;
export const emoji = z.enum(SUPPORTIVE_EMOJI);
export type Emoji = z.infer<typeof emoji>;

export const reactionSummary = z.object({ emoji: z.string(), count: z.number().int(), mine: z.boolean() });
export type ReactionSummary = z.infer<typeof reactionSummary>;

export const message = z.object({
  id: z.string(),
  groupId: z.string(),
  author: publicUser,
  body: z.string().nullable(),
  clientId: z.string(),
  replyToId: z.string().nullable(),
  mentions: z.array(z.string()),
  reactions: z.array(reactionSummary),
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

export const historyQuery = z.object({
  before: messageId.optional(),
  after: messageId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type HistoryQuery = z.infer<typeof historyQuery>;

export const historyResponse = z.object({ items: z.array(message), hasMore: z.boolean() });
export type HistoryResponse = z.infer<typeof historyResponse>;

export const reactionsResponse = z.object({ reactions: z.array(reactionSummary) });
export const readBody = z.object({ messageId });
