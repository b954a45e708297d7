import { z } from 'zod';
import { emoji, messageBody, messageId, clientId } from './messages.js';
import { acknowledgePersonalData } from './common.js';

/** Payloads of client → server socket events, validated with the same rules as REST bodies. */
const slug = z.string().min(1).max(100);

export const socketPayloads = {
  'group:join': z.object({ slug }),
  'group:leave': z.object({ slug }),
  'message:send': z.object({ slug, body: messageBody, clientId, replyToId: messageId.nullish(), acknowledgePersonalData }),
  'message:edit': z.object({ id: messageId, body: messageBody, acknowledgePersonalData }),
  'message:delete': z.object({ id: messageId }),
  'reaction:add': z.object({ messageId, emoji }),
  'reaction:remove': z.object({ messageId, emoji }),
  typing: z.object({ slug, isTyping: z.boolean() }),
  read: z.object({ slug, messageId }),
} as const;

export type SocketPayloads = { [K in keyof typeof socketPayloads]: z.infer<(typeof socketPayloads)[K]> };
