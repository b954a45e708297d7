/**
 * Health-card, medical-record and national identity numbers for the personal-data guard, and the public
 * numbers (helplines, emergency, toll-free) that are never personal data.
 *
 * Kind `health-id` covers every government or clinical identifier of a person: provincial health cards,
 * hospital record numbers, and also the SIN (Canada), SSN (US) and NIR (France) — national ids that clinics
 * and insurers use as patient identifiers, and that identify a person as surely as a health card does.
 */
import type { PersonalDataSpan } from './personalData.js';

/** Public numbers: emergency, health lines and crisis lines people share to help each other. */
const PUBLIC_NUMBERS = new Set([
  '911', '988', '811', '211', '411', '311', '112', '999', '15', '17', '18', '114', '3114', '3919', '119',
  '6868', '686868', '741741', '45645', '2773553',
  '3106789', // BC mental health support line (310-6789)
  '5142780100', // Suicide Action Montréal
  '5142787777', // Tel-Aide Montréal
  '4162704410', // Toronto Distress Centre
  '4164083111', // Distress Centres of Greater Toronto
]);

/** Toll-free NANP area codes: an organisation's line, never a person's own number. */
const TOLL_FREE = /^(?:\+?1)?(?:800|833|844|855|866|877|888)\d{7}$/;

/** Whether a phone number (E.164 when known, else its digits) is a public line rather than a person's. */
export function isPublicPhone(e164: string, raw: string): boolean {
  const digits = (e164 || raw).replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return PUBLIC_NUMBERS.has(national) || PUBLIC_NUMBERS.has(raw.replace(/\D/g, '')) || TOLL_FREE.test(digits);
}

/** Words that announce an identifier: health card, record, insurance or national id, in English and French. */
const ID_CONTEXT = String.raw`(?:health\s*(?:card|number|insurance\s*number|#)|health[- ]card\s*(?:number|#|no\.?)?|care\s*card|carte\s*(?:soleil|d'assurance[- ]maladie|santé|sante|vitale|RAMQ)|assurance[- ]maladie|num[ée]ro\s*d'assurance[- ](?:maladie|sociale)|\bNAM\b|\bRAMQ\b|\bOHIP\b|\bPHN\b|\bAHCIP\b|\bMSP\b|\bMCP\b|\bPHIN\b|\bMRN\b|\bSIN\b|\bSSN\b|\bNAS\b|\bNIR\b|s[ée]cu(?:rit[ée] sociale)?|social\s*(?:insurance|security)\s*(?:number|#|no\.?)?|medical\s*record(?:\s*(?:number|#|no\.?))?|record\s*(?:number|#|no\.?)|chart\s*(?:number|#|no\.?)|patient\s*(?:id|number|#|no\.?)|hospital\s*(?:id|number|card)|member\s*(?:id|number)|policy\s*(?:number|#|no\.?)|medicare\s*(?:number|#|card)?|medicaid|insurance\s*(?:id|number|#)|(?:num[ée]ro|n[o°º]\.?)\s*de\s*dossier|dossier\s*(?:m[ée]dical|patient)?\s*(?:n[o°º]\.?|#|num[ée]ro)?)`;
/** A context word and the filler words after it: "health card: ", "OHIP # ", "mon NAM est ". */
const CONTEXT = new RegExp(
  // "Numéro de dossier à l'hôpital: 8745123": a few words may follow the context word when a colon or # closes them.
  String.raw`${ID_CONTEXT}(?:[^\d\n.,;!?:#]{0,16}[:#])?\s*(?:(?:is|was|est|:|#|n[o°º]\.?|number|num[ée]ro|c'est|le|la|my|mon|ma)\s*){0,3}`,
  'gi',
);
/** Cheap test that some context word may be there before the full pattern runs over the text. */
const CONTEXT_HINT = /health|care|carte|assurance|num|nam|ramq|ohip|phn|ahcip|msp|mcp|phin|mrn|sin|ssn|nas|nir|s[ée]cu|social|record|chart|patient|hospital|member|policy|medica|insurance|dossier/i;

/** Where context words end, found once per text (only when some candidate needs them). */
function contextEnds(text: string): Set<number> {
  const ends = new Set<number>();
  if (!CONTEXT_HINT.test(text)) return ends;
  for (const m of text.matchAll(CONTEXT)) ends.add(m.index + m[0].length);
  return ends;
}
/** Something that may be an identifier: up to four letters, then digits and letters (five digits at least, checked in code). */
const ID_CANDIDATE = /(?<![\p{L}\d])(?:[A-Za-z]{1,4}[\s-]?)?\d(?:[\s-]?[\dA-Za-z]){4,18}(?![\p{L}\d])/gu;

/** Identifiers recognisable by their shape alone. */
const SHAPES: ReadonlyArray<{ name: string; re: RegExp }> = [
  // Québec RAMQ: four capital letters (name) and eight digits (birth date and a sequence).
  { name: 'ramq', re: /(?<![\p{L}\d])[A-Z]{4}[\s-]?\d{4}[\s-]?\d{4}(?![\p{L}\d])/gu },
  // Ontario OHIP (4-3-3, version code), BC PHN, Nova Scotia: ten digits grouped 4-3-3.
  { name: 'ohip', re: /(?<![\d-])\d{4}[\s-]\d{3}[\s-]\d{3}(?:[\s-]?[A-Za-z]{2})?(?![\d\p{L}])/gu },
  { name: 'ohip-version', re: /(?<![\d-])\d{10}[\s-]?[A-Za-z]{2}(?![\d\p{L}])/gu },
  // US SSN 3-2-4.
  { name: 'ssn', re: /(?<![\d-])\d{3}[\s-]\d{2}[\s-]\d{4}(?![\d-])/g },
  // SIN and nine-digit health numbers (NB, MB, SK, Yukon) grouped 3-3-3; Alberta 5-4.
  { name: 'nine', re: /(?<![\d-])(?:\d{3}[\s-]\d{3}[\s-]\d{3}|\d{5}-\d{4})(?![\d-])/g },
  // French NIR (numéro de sécurité sociale): 1 or 2, year, month, department, commune, order, key.
  { name: 'nir', re: /(?<!\d)[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2])[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?!\d)/g },
];

/** Runs of digits (unbroken or grouped by hyphens) long enough to be an identifier rather than a value. */
const LONG_DIGITS = /(?<![\d.,-])\d(?:-?\d){8,18}(?![\d.,-]?\d)/g;

/** Luhn's check, which SINs and most card numbers pass (a random number does one time in ten). */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A number inside a list of numbers ("readings: 120 135 140 160") is a list, not an id: the character
 * before and after (past one space or comma) must not be a digit.
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  return !/\d[\s,]?$/.test(before) && !/^[\s,]?\d/.test(after);
}
/** Phone-looking runs that other rules decide about, and whose digits must not become ids. */
const PHONE_LIKE = /(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g;

export interface HealthIdResult {
  found: PersonalDataSpan[];
  /** Spans the phone rules must leave alone: ids, and public numbers already judged. */
  reserved: Array<{ start: number; end: number }>;
}

/** Health-card, record and national id numbers in the text. */
export function findHealthIds(text: string): HealthIdResult {
  const found: PersonalDataSpan[] = [];
  const add = (start: number, end: number) => found.push({ kind: 'health-id', start, end });
  let contexts: Set<number> | undefined;
  const hasContextAt = (start: number) => {
    contexts ??= contextEnds(text);
    // The context may end with spaces the candidate does not start with.
    for (let at = start; at >= Math.max(0, start - 2); at--) if (contexts.has(at)) return true;
    return false;
  };
  for (const m of text.matchAll(ID_CANDIDATE)) {
    // Only four capitals before the digits are part of the id (RAMQ); other letters are prose or the
    // context word itself ("record number of 12000", "MRN 00123456").
    const prefix = /^[A-Za-z]{1,4}[\s-]?(?=\d)/.exec(m[0]);
    if (prefix && /^[A-Z]{4}/.test(prefix[0]) && hasContextAt(m.index)) {
      add(m.index, m.index + m[0].length);
      continue;
    }
    const id = prefix ? m[0].slice(prefix[0].length) : m[0];
    if ((id.match(/\d/g)?.length ?? 0) < 5) continue;
    const start = m.index + m[0].length - id.length;
    // "Patient ID CHU-2219845": the context may stand before the letters of the id.
    if (hasContextAt(start)) add(start, start + id.length);
    else if (prefix && hasContextAt(m.index)) add(m.index, m.index + m[0].length);
  }
  for (const { name, re } of SHAPES) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!standsAlone(text, m.index, end)) continue;
      // Space-grouped 3-3-3 is also how people list readings: only a Luhn-valid one reads as a SIN.
      if (name === 'nine' && /\s/.test(m[0]) && !luhnValid(m[0].replace(/\D/g, ''))) continue;
      add(m.index, end);
    }
  }

  // Long digit runs that are neither a phone number nor a public line are identifiers (credit card,
  // account, 12-digit Newfoundland MCP…). Phone-shaped runs are left to the phone rules.
  const phoneLike = [...text.matchAll(PHONE_LIKE)].map((m) => ({ start: m.index, end: m.index + m[0].length, raw: m[0] }));
  for (const m of text.matchAll(LONG_DIGITS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (phoneLike.some((p) => p.start <= start && end <= p.end)) continue;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    add(start, end);
  }
  const reserved = [...found];
  for (const p of phoneLike) if (isPublicPhone('', p.raw)) reserved.push({ kind: 'health-id', start: p.start, end: p.end });
  return { found, reserved };
}
