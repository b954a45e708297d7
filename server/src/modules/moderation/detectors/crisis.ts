/**
 * The crisis detector: does a post read as someone in danger — suicide, self-harm, overdose, abuse — in
 * English or French, whether the author speaks of themselves or of someone else ("my dad hits me", "my
 * friend says she wants to end it")? Rule-based: weighted patterns (crisisPatterns.en.ts / .fr.ts) score
 * each category; idioms cancel the matches they cover ("this pump is killing it", "overdosed on coffee",
 * "ce diabète me tue"); a negation just before a match cancels it ("I would never kill myself"); a story
 * set clearly in the past ("ten years ago I tried to end my life") does not count unless it says "again".
 *
 * A missed crisis costs more than a moderator's glance at a false alarm: when in doubt a pattern gets a
 * weight that flags. Figures and limits: docs/safety.md. Pure and fast (well under a millisecond).
 */
import { CRISIS_PATTERNS_EN } from './crisisPatterns.en.js';
import { CRISIS_PATTERNS_FR } from './crisisPatterns.fr.js';

export type CrisisCategory = 'self-harm' | 'suicide' | 'overdose' | 'abuse';
export type CrisisLanguage = 'en' | 'fr';

export interface CrisisResult {
  crisis: boolean;
  category?: CrisisCategory;
  language: CrisisLanguage;
}

/** One weighted sign of a crisis. Patterns are written against normalised text (lower case, no accents). */
export interface CrisisRule {
  id: string;
  category: CrisisCategory;
  /** 1 flags on its own; lower weights need another sign in the same post. */
  weight: number;
  pattern: RegExp;
  /** A negation just before it ("never", "don't", "ne … pas") cancels it. */
  negatable?: boolean;
  /**
   * A sign told clearly in the distant past ("ten years ago I tried to…", "when I was a teen I cut") does
   * not count, unless the same sentence says it is back ("again", "still"). Set false for signs that are
   * urgent whatever the tense.
   */
  event?: boolean;
}

/** A figure of speech: any rule match it overlaps does not count. */
export interface CrisisIdiom {
  id: string;
  pattern: RegExp;
}

export interface CrisisLanguagePack {
  language: CrisisLanguage;
  rules: readonly CrisisRule[];
  idioms: readonly CrisisIdiom[];
  /** Ends with `$`: a negation that closes the text just before a match. */
  negationBefore: RegExp;
  /** A clearly distant past in the same sentence ("years ago", "il y a dix ans"). */
  distantPast: RegExp;
  /** It is happening again or still ("again", "still", "encore"): the distant past does not reassure. */
  stillNow: RegExp;
  /** Common words, to tell the language of the post. */
  commonWords: RegExp;
}

const PACKS: readonly CrisisLanguagePack[] = [CRISIS_PATTERNS_EN, CRISIS_PATTERNS_FR];
const THRESHOLD = 1;
/** Which category to name when two score the same: the more urgent first. */
const URGENCY: readonly CrisisCategory[] = ['suicide', 'overdose', 'self-harm', 'abuse'];

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/**
 * Lower case, no accents, straight apostrophes, no zero-width characters, letters stretched three times or
 * more cut to two ("sooo"), and look-alike digits inside words read as letters ("k1ll", "su1c1de").
 */
export function normalizeForCrisis(text: string): string {
  // Only non-ASCII characters need unfolding (accents, full-width forms): far cheaper than the whole text.
  return text
    .replace(/[\u0080-\uFFFF]+/g, (run) => run.normalize('NFKD').replace(/\p{M}+/gu, ''))
    .replace(/[\u200B-\u200F\u2060\uFEFF\u00AD]/g, '')
    .toLowerCase()
    .replace(/[’‘´`ʼ]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/(\p{L})\1{2,}/gu, '$1$1')
    .replace(/(?<=\p{L})[013457@$](?=\p{L})|(?<=\p{L}{2})[013457@$]\b/gu, (d) => LEET[d] ?? d);
}

interface Hit {
  rule: CrisisRule;
  start: number;
  end: number;
}

/** The sentence around a position: from the last sentence end before it to the next one after it. */
function sentenceAround(text: string, start: number, end: number): string {
  // Look 300 characters either side at most: a long post must not make every hit cost its whole length.
  const offset = Math.max(0, start - 300);
  const before = text.slice(offset, start);
  const from = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n')) + 1;
  const rest = text.slice(end, end + 300).search(/[.!?\n]/);
  return text.slice(offset + from, rest === -1 ? Math.min(text.length, end + 300) : end + rest);
}

/** The clause before a position (back to a comma, sentence end, "but" / "mais"), for negations. */
function clauseBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 60), start);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
  const clause = before.slice(cut + 1);
  const but = clause.search(/\b(?:but|mais|though|however|sauf que)\b(?!.*\b(?:but|mais|though|however|sauf que)\b)/);
  return but === -1 ? clause : clause.slice(but);
}

/** Whether a global pattern occurs in the text (its lastIndex left as found). */
function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

function hitsOf(pack: CrisisLanguagePack, text: string): Hit[] {
  const hits: Hit[] = [];
  let idiomSpans: Array<[number, number]> | undefined;
  for (const rule of pack.rules) {
    // Most rules find nothing in most posts: a bare test() is far cheaper than matchAll's iterator.
    if (!matches(rule.pattern, text)) continue;
    idiomSpans ??= pack.idioms.flatMap((idiom) =>
      matches(idiom.pattern, text) ? [...text.matchAll(idiom.pattern)].map((m): [number, number] => [m.index, m.index + m[0].length]) : [],
    );
    for (const m of text.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (idiomSpans.some(([a, b]) => start < b && a < end)) continue;
      if (rule.negatable && pack.negationBefore.test(clauseBefore(text, start))) continue;
      if (rule.event !== false) {
        const sentence = sentenceAround(text, start, end);
        if (pack.distantPast.test(sentence) && !pack.stillNow.test(sentence)) continue;
      }
      hits.push({ rule, start, end });
    }
  }
  return hits;
}

/** Which of the two languages the post is written in (English when it cannot tell). */
export function detectLanguage(text: string, normalized: string): CrisisLanguage {
  const count = (re: RegExp) => normalized.match(re)?.length ?? 0;
  // French accents tip a tie ("ce diabète me tue").
  const accents = /[éèêàâçùûôîœ]/i.test(text) ? 1 : 0;
  return count(CRISIS_PATTERNS_FR.commonWords) + accents > count(CRISIS_PATTERNS_EN.commonWords) ? 'fr' : 'en';
}

/** Which rules a text sets off, and with what weight: for extending the patterns (`npm run measure:safety -- --explain "…"`). */
export function explainCrisis(text: string): Array<{ id: string; category: CrisisCategory; weight: number; match: string }> {
  const normalized = normalizeForCrisis(text);
  return PACKS.flatMap((pack) =>
    hitsOf(pack, normalized).map((h) => ({ id: h.rule.id, category: h.rule.category, weight: h.rule.weight, match: normalized.slice(h.start, h.end) })),
  );
}

/**
 * Whether the text reads as a crisis, which kind, and its language. Both languages' patterns run on every
 * post (people mix them); the score of a category is the sum of its signs' weights (a rule counts twice at most).
 */
export function detectCrisis(text: string): CrisisResult {
  const normalized = normalizeForCrisis(text);
  const language = detectLanguage(text, normalized);
  const scores = new Map<CrisisCategory, number>();
  const counted = new Map<string, number>();
  for (const pack of PACKS) {
    for (const hit of hitsOf(pack, normalized)) {
      // A rule counts for each thing it finds, twice at most ("I have a plan… tonight is the night").
      const times = counted.get(hit.rule.id) ?? 0;
      if (times >= 2) continue;
      counted.set(hit.rule.id, times + 1);
      scores.set(hit.rule.category, (scores.get(hit.rule.category) ?? 0) + hit.rule.weight);
    }
  }
  let best: CrisisCategory | undefined;
  let bestScore = 0;
  for (const category of URGENCY) {
    const score = scores.get(category) ?? 0;
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  // Signs of different kinds add up too ("I can't go on" + "took all my pills").
  const total = [...scores.values()].reduce((a, b) => a + b, 0);
  if (best && (bestScore >= THRESHOLD || total >= THRESHOLD + 0.5)) return { crisis: true, category: best, language };
  return { crisis: false, language };
}
