/**
 * Server texts in the reader's language. Services name a key (`new AppError(code, 'groups.notFound')`);
 * the edges (REST error handler, socket acks, and later emails) call `translate` with the person's
 * locale. Catalogues are plain objects (en.ts is the source of keys, fr.ts must match it); i18next
 * does interpolation, Intl plural rules and number/date formatting — the same library and syntax
 * as the SPA's catalogues, so one way of writing a string serves both sides.
 */
import { DEFAULT_LOCALE, isLocale, LOCALES, negotiateLocale, VALIDATION_KEYS, type Locale } from '@circles/shared';
import i18next, { type TFunction } from 'i18next';
import type { MessageKey } from './catalogue.js';
import { en } from './en.js';
import { fr } from './fr.js';

export type { MessageKey } from './catalogue.js';
export type { Locale } from '@circles/shared';

/** A text still to be translated: a key and its parameters (parameters may themselves be texts). */
export interface Msg {
  key: MessageKey;
  params?: MessageParams;
}
export type MessageParams = Record<string, string | number | Date | Msg>;

export const msg = (key: MessageKey, params?: MessageParams): Msg => (params ? { key, params } : { key });

export const catalogues = { en, fr } as const satisfies Record<Locale, Record<string, string>>;

// Every schema problem the SPA and the server word alike has a server text (typecheck fails if not).
VALIDATION_KEYS satisfies readonly MessageKey[];

// One immutable instance built from static data at import: it holds no per-request state.
const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogues[l] }])),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  keySeparator: false,
  nsSeparator: false,
  // JSON and emails, not HTML: nothing to escape here; the SPA renders text, never HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
});
const fixed = Object.fromEntries(LOCALES.map((l) => [l, instance.getFixedT(l)])) as Record<Locale, TFunction>;

const isMsg = (value: unknown): value is Msg => typeof value === 'object' && value !== null && 'key' in value && !(value instanceof Date);

/** The text of `key` in `locale`, with `params` inserted (a `count` parameter picks the plural form). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    values[name] = isMsg(value) ? translate(locale, value.key, value.params) : value;
  }
  // Called untyped: the SPA's catalogue types (client/src/i18n/resources.ts) augment i18next's TFunction
  // wherever both are compiled together (the tests), and the server's keys are typed by MessageKey already.
  return (fixed[locale] as unknown as (key: string, options: Record<string, unknown>) => string)(key, values);
}

/** Someone who may have chosen a language (an actor), asking through a browser (its header). */
export interface LocaleSource {
  actor?: { locale?: Locale | null } | null;
  headers: Record<string, string | string[] | undefined>;
}

/** The language to answer in: the person's saved choice, else their browser's Accept-Language. */
export function localeOf(source: LocaleSource): Locale {
  const saved = source.actor?.locale;
  if (isLocale(saved)) return saved;
  const header = source.headers['accept-language'];
  return negotiateLocale(Array.isArray(header) ? header.join(',') : header);
}
