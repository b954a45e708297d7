/**
 * The personal-data guard: finds phone numbers, email addresses, street addresses, dates of birth and
 * health-card / record / national id numbers in a post, so the composer can warn before sending and the
 * server can answer 422 PERSONAL_DATA. Used by both sides: the client loads this module with the composer
 * (dynamic import), never in the initial chunk, since it carries libphonenumber's metadata.
 *
 * Deliberately NOT personal data: lab values, doses, years, times, dates that are not birth dates
 * (appointments), public helplines and toll-free numbers, device model numbers, a postal district (FSA)
 * or a US ZIP code alone. What each rule catches and why: docs/safety.md.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { findAddresses } from './personalDataAddress.js';
import { findBirthDates } from './personalDataDates.js';
import { findHealthIds, isPublicPhone } from './personalDataIds.js';

export type PersonalDataKind = 'phone' | 'email' | 'address' | 'dob' | 'health-id';

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  /** Offsets in UTF-16 code units of the text given (`text.slice(start, end)`). */
  start: number;
  end: number;
}

/** When two findings overlap, the more specific kind wins. */
const PRIORITY: Readonly<Record<PersonalDataKind, number>> = { email: 5, 'health-id': 4, dob: 3, phone: 2, address: 1 };

// Starts only where a run of address characters starts, so a long run without "@" costs one pass.
const EMAIL = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** `name (at) domain (dot) com`, `name at gmail dot com`, `name [at] gmail.com`. */
const EMAIL_SPELLED =
  /\b[\p{L}\p{N}._%+-]+\s*(?:\(at\)|\[at\]|\{at\}|\s(?:at|arobase)\s)\s*[\p{L}\p{N}-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s(?:dot|point)\s)\s*[\p{L}\p{N}-]+)*?\s*(?:\.|\(dot\)|\[dot\]|\s(?:dot|point)\s)\s*(?:com|ca|net|org|fr|qc|edu|gov|info|io|me|co|us|be|ch)\b/giu;

/** Cheap test for a spelled-out address before the full pattern runs. */
const EMAIL_SPELLED_HINT = /\(at\)|\[at\]|\{at\}|arobase|\bat\s+[^\s@]+\s*(?:\.|\(dot\)|\[dot\]|\sdot\s|\spoint\s)/i;

/** A French domestic number (06 12 34 56 78), read with France as the default country. */
const FRENCH_DOMESTIC = /^0[1-9](?:[\s.-]?\d{2}){4}$/;
/** A 7-digit local number (555-1234) counts only next to a word that says it is a number to call. */
const CALL_CONTEXT =
  /\b(?:call|text|txt|phone|cell|mobile|number|num|tel|reach|dial|ring|whatsapp|signal|appel(?:le|lez|er)?|t[ée]l[ée]phone|t[ée]l|num[ée]ro|cellulaire|joindre|texte)\b[^.!?\n]{0,25}$/iu;

function* regexSpans(text: string, re: RegExp, kind: PersonalDataKind): Generator<PersonalDataSpan> {
  for (const m of text.matchAll(re)) yield { kind, start: m.index, end: m.index + m[0].length };
}

/**
 * Runs of digits with the separators phone numbers use (7 digits at least). Only these are handed to
 * libphonenumber, which is slow on long texts; everything else cannot be a phone number.
 */
const PHONE_CANDIDATE = /(?<!\d[\s.()-]{0,3})(?<![+(])(?:\+\s?)?(?:\(\s?)?\d(?:[\s.()-]{0,3}\d){6,}/g;
/** A longer run of digits is noise, not phone numbers; past that many library calls, a post is noise too. */
const MAX_RUN_CHARS = 120;
const MAX_LIBRARY_CALLS = 25;

/** Phone numbers in North American and international formats, French domestic ones, local 7-digit ones. */
function findPhones(text: string): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  let calls = 0;
  for (const candidate of text.matchAll(PHONE_CANDIDATE)) {
    const raw = candidate[0];
    const at = candidate.index;
    if (raw.length > MAX_RUN_CHARS || calls >= MAX_LIBRARY_CALLS) continue;
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || isPublicPhone('', raw)) continue;
    if (digits.length === 7) {
      const local = /^[2-9]\d{2}[-.\s]\d{4}$/.test(raw) && CALL_CONTEXT.test(text.slice(Math.max(0, at - 40), at));
      if (local) out.push({ kind: 'phone', start: at, end: at + raw.length });
      continue;
    }
    if (FRENCH_DOMESTIC.test(raw)) {
      if (findPhoneNumbersInText(raw, { defaultCountry: 'FR' }).length > 0) out.push({ kind: 'phone', start: at, end: at + raw.length });
      continue;
    }
    // Most candidates are one number: parsing it whole is four times cheaper than searching it.
    calls += 1;
    const whole = digits.length <= 11 ? parsePhoneNumberFromString(raw, 'CA') : undefined;
    if (whole?.isValid()) {
      if (!isPublicPhone(whole.number, raw)) out.push({ kind: 'phone', start: at, end: at + raw.length });
      continue;
    }
    for (const found of findPhoneNumbersInText(raw, { defaultCountry: 'CA' })) {
      if (isPublicPhone(found.number.number, raw.slice(found.startsAt, found.endsAt))) continue;
      out.push({ kind: 'phone', start: at + found.startsAt, end: at + found.endsAt });
    }
  }
  return out;
}

/** Keeps the best of overlapping findings (by kind, then by length) and sorts them by position. */
function resolveOverlaps(found: PersonalDataSpan[]): PersonalDataSpan[] {
  const ranked = [...found].sort(
    (a, b) => PRIORITY[b.kind] - PRIORITY[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PersonalDataSpan[] = [];
  for (const span of ranked) {
    if (kept.some((k) => span.start < k.end && k.start < span.end)) continue;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Every piece of personal data in the text, in order, without overlaps. Pure, no I/O; call it with the
 * trimmed body so that offsets are those of the stored text.
 */
export function findPersonalData(text: string): PersonalDataSpan[] {
  if (text.length === 0) return [];
  const found: PersonalDataSpan[] = [];
  if (text.includes('@')) found.push(...regexSpans(text, EMAIL, 'email'));
  if (EMAIL_SPELLED_HINT.test(text)) found.push(...regexSpans(text, EMAIL_SPELLED, 'email'));
  const hasDigit = /\d/.test(text);
  if (hasDigit) {
    const ids = findHealthIds(text);
    found.push(...ids.found);
    found.push(...findPhones(text).filter((p) => !ids.reserved.some((r) => p.start < r.end && r.start < p.end)));
    found.push(...findAddresses(text));
  }
  found.push(...findBirthDates(text));
  return resolveOverlaps(found);
}
