/**
 * Dates of birth for the personal-data guard: a date (day and month at least, in words or digits) that a
 * nearby word says is a birth date — "born on March 3, 1984", "DOB 03/03/1984", "né le 3 mars 1984",
 * "date de naissance : 1984-03-03", "my birthday is March 3". Appointment and diagnosis dates, and a
 * birth year alone ("born in 1984"), are not flagged: a year is shared by too many people to identify one.
 */
import type { PersonalDataSpan } from './personalData.js';

const MONTHS_EN =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const MONTHS_FR =
  'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|janv|f[ée]vr|avr|juil|d[ée]c';
const MONTH = `(?:${MONTHS_EN}|${MONTHS_FR})\\.?`;
const DAY = String.raw`(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|re|e)?`;
const YEAR = String.raw`(?:19|20)?\d{2}`;

/** The shapes of a date with at least a day and a month. */
const DATE = new RegExp(
  [
    // March 3, 1984 · March 3rd · Mar. 3 1984
    String.raw`\b${MONTH}\s+${DAY}(?:,?\s+${YEAR})?\b`,
    // 3 March 1984 · 3rd of March · le 3 mars 1984 · 1er mars
    String.raw`\b${DAY}\s+(?:of\s+)?${MONTH}(?:,?\s+${YEAR})?\b`,
    // 1984-03-03 · 1984/03/03
    String.raw`\b(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b`,
    // 03/03/1984 · 3-3-84 · 03.03.1984 (day and month in either order)
    String.raw`\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}\b`,
    // 03/03 (only with a birth word right before it, checked below)
    String.raw`\b\d{1,2}/\d{1,2}\b`,
  ].join('|'),
  'giu',
);

/** Words that make a date a birth date, before it (same sentence) or right after it. */
const BIRTH_BEFORE =
  /(?:\b(?:born|birth|birthdate|birthday|b-?day|bday|dob|d\.o\.b\.?|naissance|ddn|anniversaire|f[êe]te|nee|nees)\b|\bd\.o\.b\.|(?<!\p{L})né(?:e|es|s)?(?!\p{L})|\bne\s+le\s*$)[^.!?\n]{0,45}$/iu;
const BIRTH_AFTER = /^[^.!?\n]{0,20}\b(?:birthday|date of birth|dob|b-?day|anniversaire|date de naissance|f[êe]te)\b/iu;
/** Words that make it some other date even when a birth word is near ("my son's birthday party is on…" is still a birth date; these are not). */
const OTHER_DATE_RIGHT_BEFORE = /\b(?:birth control|appointment|appt|rendez-vous|rdv|diagnosed|diagnostiqu[ée]e?|surgery|chirurgie|since|depuis|until|jusqu'au)\b[^.!?\n]{0,12}$/iu;

/** Any birth word, to look for dates only around them. */
const BIRTH_WORD =
  /\b(?:born|birth\w*|b-?day|bday|dob|d\.o\.b|naissance|ddn|anniversaire|f[êe]te|nee|nees|ne le)\b|(?<![a-zà-ÿ])n(?:é|ée|ées|és)(?![a-zà-ÿ])/gi;

/** Birth dates in the text: dates within reach of a birth word (most posts have none and cost nothing). */
export function findBirthDates(text: string): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  if (!/\d/.test(text)) return out;
  const seen = new Set<number>();
  for (const word of text.matchAll(BIRTH_WORD)) {
    const from = Math.max(0, word.index - 40);
    const window = text.slice(from, Math.min(text.length, word.index + word[0].length + 60));
    for (const m of window.matchAll(DATE)) {
      const start = from + m.index;
      if (seen.has(start)) continue;
      const end = start + m[0].length;
      const before = text.slice(Math.max(0, start - 60), start);
      const after = text.slice(end, end + 30);
      if (OTHER_DATE_RIGHT_BEFORE.test(before)) continue;
      const bare = /^\d{1,2}\/\d{1,2}$/.test(m[0]);
      const birthBefore = BIRTH_BEFORE.exec(before);
      if (bare ? birthBefore !== null && birthBefore[0].length <= 15 : birthBefore !== null || BIRTH_AFTER.test(after)) {
        seen.add(start);
        out.push({ kind: 'dob', start, end });
      }
    }
  }
  return out;
}
