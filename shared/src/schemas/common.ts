import { z } from 'zod';

/** Control characters other than newline and tab are refused in every text field. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\u007F]/;

/**
 * A UTF-16 surrogate without its pair. It cannot be encoded as UTF-8: PostgreSQL would store U+FFFD
 * while the answer echoed the original, so the text is refused instead of rewritten.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they reorder what
 * follows on screen, so "gpj.exe" reads as "exe.jpg" and a name can pass for another. Right-to-left
 * scripts need none of them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Invisible characters (zero-width space, non-joiner, joiner, word joiner, BOM): in a name they make
 * "Dr Ana" and "Dr\u200BAna" two people who look alike. Refused in names and other short fields only:
 * a message keeps its ZWJ emoji (❤️‍🩹, 🧑‍⚕️).
 */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;

/** The checks every text field shares (REST bodies and socket payloads alike), each with its own message. */
function refuseUnsafeCharacters<T extends z.ZodType<string>>(schema: T, options: { name: boolean }) {
  let checked = schema
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' })
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'must be valid Unicode text' })
    .refine((s) => !BIDI_CONTROLS.test(s), { message: 'must not contain text-direction controls' });
  if (options.name) checked = checked.refine((s) => !ZERO_WIDTH.test(s), { message: 'must not contain invisible characters' });
  return checked;
}

/**
 * Plain text, trimmed, length-checked after trimming. Never coerced: a number where text is
 * expected is a VALIDATION_ERROR. Carriage returns are normalised away by the client.
 */
export const plainText = (min: number, max: number) =>
  refuseUnsafeCharacters(
    z
      .string()
      .trim()
      .min(min, { message: `must be at least ${min} characters` })
      .max(max, { message: `must be at most ${max} characters` }),
    { name: false },
  );

/**
 * A name or another short label people recognise each other by (display name, group, organization,
 * title): plain text that also refuses invisible characters.
 */
export const nameText = (min: number, max: number) =>
  refuseUnsafeCharacters(
    z
      .string()
      .trim()
      .min(min, { message: `must be at least ${min} characters` })
      .max(max, { message: `must be at most ${max} characters` }),
    { name: true },
  );

/** Optional free text that may be empty (bio, rules, notes). */
export const optionalText = (max: number) =>
  refuseUnsafeCharacters(z.string().trim().max(max, { message: `must be at most ${max} characters` }), { name: false });

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
