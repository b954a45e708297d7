/**
 * Languages, shared by the server (error messages, emails) and the SPA: which ones exist, how a
 * browser's preference (Accept-Language, navigator.languages) picks one, and how a schema problem
 * becomes a translation key so both sides word validation errors the same way in each language.
 */
import { z } from 'zod';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const localeSchema = z.enum(LOCALES);

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * The best of our languages for what the person's browser asks for: an Accept-Language header
 * ("fr-CA,fr;q=0.9,en;q=0.8") or navigator.languages. Highest q first, order breaks ties; only the
 * primary subtag counts (fr-CA and fr-FR both read French). Nothing we have: English.
 */
export function negotiateLocale(accepted: string | readonly string[] | null | undefined): Locale {
  if (!accepted) return DEFAULT_LOCALE;
  const entries = typeof accepted === 'string' ? accepted.split(',') : accepted;
  const ranked = entries
    .slice(0, 20)
    .map((entry, index) => {
      const [tag = '', ...rest] = entry.trim().split(';');
      const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => e.q > 0 && Number.isFinite(e.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((e) => e.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

/** Translation keys for schema problems; both catalogues (server and SPA) hold each of them. */
export const VALIDATION_KEYS = [
  'validation.tooShort',
  'validation.tooLong',
  'validation.tooSmall',
  'validation.tooBig',
  'validation.tooFewItems',
  'validation.tooManyItems',
  'validation.required',
  'validation.expectText',
  'validation.expectNumber',
  'validation.expectInteger',
  'validation.expectBoolean',
  'validation.expectList',
  'validation.expectObject',
  'validation.email',
  'validation.format',
  'validation.choice',
  'validation.unknownFields',
  'validation.controlChars',
  'validation.clientId',
  'validation.messageId',
  'validation.beforeOrAfter',
  'validation.idsOrAll',
  'validation.invalid',
  'validation.userIdOrEmail',
  'validation.webAddress',
] as const;
export type ValidationKey = (typeof VALIDATION_KEYS)[number];

/**
 * A schema's own wording (`.refine(..., { message })`, `.regex(..., { message })`) → its key. A new
 * custom message in a shared schema gets a line here and an entry in both catalogues.
 */
const CUSTOM_MESSAGES: Record<string, ValidationKey> = {
  'must not contain control characters': 'validation.controlChars',
  'must be letters, digits, - or _': 'validation.clientId',
  'must be a message id': 'validation.messageId',
  'use either before or after, not both': 'validation.beforeOrAfter',
  'give ids or all: true': 'validation.idsOrAll',
  'must be a valid email address': 'validation.email',
  'give userId or email, not both': 'validation.userIdOrEmail',
  'must be a web address starting with http:// or https://': 'validation.webAddress',
};

/** What zod (and fastify-type-provider-zod's `params`) tells about one problem. */
export interface SchemaIssue {
  code?: string;
  message?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  format?: string;
  keys?: string[];
  values?: unknown[];
}

const EXPECTED: Record<string, ValidationKey> = {
  string: 'validation.expectText',
  number: 'validation.expectNumber',
  int: 'validation.expectInteger',
  bigint: 'validation.expectInteger',
  boolean: 'validation.expectBoolean',
  array: 'validation.expectList',
  object: 'validation.expectObject',
};

/** The key and parameters that word one schema problem ("must be at least 10 characters"). */
export function validationMessage(issue: SchemaIssue): { key: ValidationKey; params: Record<string, string | number> } {
  const custom = issue.message ? CUSTOM_MESSAGES[issue.message] : undefined;
  if (custom) return { key: custom, params: {} };
  const min = Number(issue.minimum ?? 0);
  const max = Number(issue.maximum ?? 0);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return { key: 'validation.tooShort', params: { count: min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooFewItems', params: { count: min } };
      return { key: 'validation.tooSmall', params: { min } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { count: max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooManyItems', params: { count: max } };
      return { key: 'validation.tooBig', params: { max } };
    case 'invalid_type':
      if (issue.message?.includes('received undefined')) return { key: 'validation.required', params: {} };
      return { key: EXPECTED[issue.expected ?? ''] ?? 'validation.invalid', params: {} };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'validation.email' : 'validation.format', params: {} };
    case 'invalid_value':
      return { key: 'validation.choice', params: { choices: (issue.values ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'validation.unknownFields', params: { fields: (issue.keys ?? []).join(', ') } };
    default:
      return { key: 'validation.invalid', params: {} };
  }
}
