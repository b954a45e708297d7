/**
 * Languages, shared by the server (error messages, emails) and the SPA: which ones exist and how a
 * browser's preference (Accept-Language, navigator.languages) picks one. Free of zod, for the SPA's
 * first script.
 */

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

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
