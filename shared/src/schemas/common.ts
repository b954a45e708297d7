import { z } from 'zod';

/** Control characters other than newline and tab are refused in every text field. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\u007F]/;

/**
 * Plain text, trimmed, length-checked after trimming. Never coerced: a number where text is
 * expected is a VALIDATION_ERROR. Carriage returns are normalised away by the client.
 */
export const plainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: `must be at least ${min} characters` })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

/** Optional free text that may be empty (bio, rules, notes). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

export const id = z.string().min(1).max(64);
export const isoDate = z.string();

export const limitQuery = z.coerce.number().int().min(1).max(100).default(50);

/** Query-string booleans arrive as text; only the two spellings a client would send count. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const errorResponse = z.object({
  statusCode: z.number(),
  error: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const slugParams = z.object({ slug: z.string().min(1).max(100) });
export const idParams = z.object({ id: id });

/** A place to turn to in a crisis (configuration; names in the reader's language). */
export const crisisResource = z.object({
  name: z.string(),
  phone: z.string().optional(),
  text: z.string().optional(),
  url: z.string().optional(),
  region: z.string(),
});
export type CrisisResource = z.infer<typeof crisisResource>;

/** Shown with every crisis-flagged post, to its author only (REST body and socket ack): where to turn right now. */
export const safetyInfo = z.object({ crisis: z.boolean(), resources: z.array(crisisResource) });
export type SafetyInfo = z.infer<typeof safetyInfo>;

/** Posting flags shared by messages, questions and answers. */
export const acknowledgePersonalData = z.boolean().optional();
