/**
 * How a schema problem becomes a translation key, so the server and the SPA word validation errors
 * the same way in each language (the languages themselves are in locales.ts).
 */
import { z } from 'zod';
import { LOCALES } from './locales.js';

export * from './locales.js';
export const localeSchema = z.enum(LOCALES);

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
  'validation.unicode',
  'validation.bidiControls',
  'validation.invisibleChars',
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
  'must be valid Unicode text': 'validation.unicode',
  'must not contain text-direction controls': 'validation.bidiControls',
  'must not contain invisible characters': 'validation.invisibleChars',
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
