/**
 * Text helpers for groups: slugs from names and search words from what a person typed.
 * Both fold accents the way the database's `circles_unaccent` does for Latin scripts, so
 * "Café" and "Cafe" make the same slug and find the same groups.
 */

/** Letters that Unicode decomposition does not split into base letter + mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};

export function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþıħ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** Slugs that would clash with SPA routes under /groups/. */
const RESERVED_SLUGS = new Set(['new', 'search', 'mine']);
export const SLUG_MAX_LENGTH = 60;

/**
 * "Crohn's & Colitis — Café Talk" → "crohns-colitis-cafe-talk". Names in scripts without a Latin
 * transliteration keep their letters (URLs carry them percent-encoded); a name with no letters or
 * digits at all becomes "group".
 */
export function slugBase(name: string): string {
  const base = foldAccents(name)
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '');
  if (!base) return 'group';
  return RESERVED_SLUGS.has(base) ? `${base}-group` : base;
}

/** The n-th candidate for a base: base, base-2, base-3, ... (the suffix never pushes past the limit). */
export function slugCandidate(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/g, '')}${suffix}`;
}

const MAX_SEARCH_WORDS = 8;

/**
 * Splits a search into words: accents folded, apostrophes dropped ("Crohn's" → "crohns"), anything
 * that is not a letter or digit treated as a separator. Only letters and digits survive, so a word
 * can never inject tsquery syntax.
 */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  const words = foldAccents(q)
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}
