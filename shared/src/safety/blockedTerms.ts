/**
 * Blocked terms, matched the way people dodge them: case, accents, full-width forms, zero-width
 * characters, spacing or punctuation inside the word (`M I R A C L E - C U R E`, `miracle.cure`),
 * look-alike swaps (0→o, 1→i/l, 3→e, 4→a, @→a, $→s, 5→s, 7→t) and stretched letters (`miiiracle`) —
 * yet still as whole words, so a blocked "scam" does not refuse "scampi" nor "ass" refuse "class".
 *
 * The text is read once into a skeleton of folded letters, each remembering where it came from in the
 * original text; every term is a list of letter runs matched against that skeleton.
 */

export interface BlockedTermMatch {
  /** The group's term, as the moderator wrote it. */
  term: string;
  /** Offsets of the match in the given text, in UTF-16 code units (`text.slice(start, end)`). */
  start: number;
  end: number;
}

/** One letter of the folded text: the letters it may stand for, and where it came from. */
interface SkeletonChar {
  /** Letters (or digits) this character may stand for: `1` may be `1`, `i` or `l`. */
  readAs: string;
  start: number;
  end: number;
  /** A separator (space, punctuation, line break) or the start of the text comes right before it. */
  afterGap: boolean;
  /** Index of the token (run of letters between separators) it belongs to. */
  token: number;
}

interface Skeleton {
  chars: SkeletonChar[];
  /** Length in letters of each token: one-letter tokens make up letter-spaced words (`s c a m`). */
  tokenLengths: number[];
  /** For each letter, the positions where a word starts with a character that may stand for it. */
  starts: Map<string, number[]>;
}

/** Look-alike swaps: what a digit or symbol may stand for inside a word. */
const SWAPS: Readonly<Record<string, string>> = {
  '0': '0o',
  '1': '1il',
  '3': '3e',
  '4': '4a',
  '5': '5s',
  '7': '7t',
  '@': 'a',
  $: 's',
};

/** Letters that fold to more than one (after accents are removed). */
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ĳ: 'ij', ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl' };

/** Invisible characters (zero-width, joiners, direction marks, variation selectors) that must not split or hide a word. */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];
const isInvisible = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
};
const MARK = /\p{M}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const COMBINING_MARKS = /\p{M}+/gu;

/** Letters one typed character folds to: lower case, no accents, compatibility forms unfolded. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return ch.toLowerCase();
  const folded = ch.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  let out = '';
  for (const c of folded) out += LIGATURES[c] ?? c;
  return out;
}

/** Whether an ASCII code is a letter or a digit. */
const isAsciiWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

/** Reads the text once into its skeleton. */
function skeletonOf(text: string): Skeleton {
  const chars: SkeletonChar[] = [];
  const tokenLengths: number[] = [];
  const starts = new Map<string, number[]>();
  let gap = true;
  const push = (readAs: string, start: number, end: number) => {
    if (gap) {
      tokenLengths.push(0);
      for (const letter of readAs) {
        const list = starts.get(letter);
        if (list) list.push(chars.length);
        else starts.set(letter, [chars.length]);
      }
    }
    const token = tokenLengths.length - 1;
    tokenLengths[token]! += 1;
    chars.push({ readAs, start, end, afterGap: gap, token });
    gap = false;
  };
  let offset = 0;
  for (const ch of text) {
    const start = offset;
    offset += ch.length;
    const code = ch.charCodeAt(0);
    if (code < 128) {
      const lower = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      const swap = SWAPS[lower];
      if (swap !== undefined) push(swap, start, offset);
      else if (isAsciiWordCode(code)) push(lower, start, offset);
      else gap = true;
      continue;
    }
    if (isInvisible(ch) || MARK.test(ch)) {
      // A zero-width joiner or a combining accent belongs to the letter before it.
      const last = chars[chars.length - 1];
      if (last && !gap) last.end = offset;
      continue;
    }
    for (const f of foldChar(ch)) {
      const swap = SWAPS[f];
      if (swap !== undefined) push(swap, start, offset);
      else if (LETTER_OR_DIGIT.test(f)) push(f, start, offset);
      else gap = true;
    }
  }
  return { chars, tokenLengths, starts };
}

/** A term as runs of one letter: "miracle" → m i r a c l e; "class" → c l a s×2. */
interface Run {
  letter: string;
  min: number;
}

function runsOf(term: string): Run[] {
  const runs: Run[] = [];
  for (const ch of term) {
    if (isInvisible(ch) || MARK.test(ch)) continue;
    for (const f of foldChar(ch)) {
      if (!LETTER_OR_DIGIT.test(f)) continue;
      const last = runs[runs.length - 1];
      if (last && last.letter === f) last.min += 1;
      else runs.push({ letter: f, min: 1 });
    }
  }
  return runs;
}

/**
 * Where the runs match from skeleton position `at`: the index just past the match, or -1.
 * Each run takes at least `min` characters that may stand for its letter, and as many more as follow
 * (`miiiracle`); backtracks when a look-alike could belong to the next run (`1` as `i` then `l`).
 */
function matchRuns(chars: readonly SkeletonChar[], runs: readonly Run[], at: number, run: number, accept: (end: number) => boolean): number {
  if (run === runs.length) return accept(at) ? at : -1;
  const { letter, min } = runs[run]!;
  let taken = 0;
  while (at + taken < chars.length && chars[at + taken]!.readAs.includes(letter)) taken += 1;
  for (let n = taken; n >= min; n--) {
    const end = matchRuns(chars, runs, at + n, run + 1, accept);
    if (end !== -1) return end;
  }
  return -1;
}

/** Words of one letter that stand alone (`a scam`, `I`), so they do not make a letter-spaced word. */
const SINGLE_LETTER_WORDS = new Set(['a', 'i', 'y', 'o', 'à', 'e']);

function isLetterSpaced(sk: Skeleton, token: number, text: string): boolean {
  if ((sk.tokenLengths[token] ?? 0) !== 1) return false;
  const c = sk.chars.find((x) => x.token === token);
  return c !== undefined && !SINGLE_LETTER_WORDS.has(text.slice(c.start, c.end).toLowerCase());
}

/**
 * Whether a match from `from` to `to` (skeleton positions) covers whole words: it starts where a word
 * starts and ends where one ends, and does not cut a letter-spaced word (`c l a s s` is not "ass").
 */
function coversWholeWords(sk: Skeleton, from: number, to: number, text: string): boolean {
  const first = sk.chars[from]!;
  const last = sk.chars[to - 1]!;
  const next = sk.chars[to];
  if (!first.afterGap || (next && !next.afterGap)) return false;
  const firstToken = first.token;
  const lastToken = last.token;
  if (sk.tokenLengths[firstToken] === 1 && firstToken > 0 && isLetterSpaced(sk, firstToken - 1, text)) return false;
  if (sk.tokenLengths[lastToken] === 1 && next && isLetterSpaced(sk, lastToken + 1, text)) return false;
  return true;
}

/** The whole-word, case-insensitive match of a term with no letters at all (`!!!`), or null. */
function findLiteral(text: string, term: string): BlockedTermMatch | null {
  const needle = term.trim().toLowerCase();
  if (!needle) return null;
  const at = text.toLowerCase().indexOf(needle);
  return at === -1 ? null : { term, start: at, end: at + needle.length };
}

/**
 * The first of `terms` (in the order given) that the text contains as a whole word or phrase, with where
 * it is, or null. Pure and allocation-light: call it on every post and edit.
 */
export function findBlockedTerm(text: string, terms: readonly string[]): BlockedTermMatch | null {
  if (terms.length === 0 || text.length === 0) return null;
  const sk = skeletonOf(text);
  for (const term of terms) {
    const runs = runsOf(term);
    if (runs.length === 0) {
      const literal = findLiteral(text, term);
      if (literal) return literal;
      continue;
    }
    for (const i of sk.starts.get(runs[0]!.letter) ?? []) {
      const c = sk.chars[i]!;
      const end = matchRuns(sk.chars, runs, i, 0, (to) => coversWholeWords(sk, i, to, text));
      if (end !== -1) return { term, start: c.start, end: sk.chars[end - 1]!.end };
    }
  }
  return null;
}
