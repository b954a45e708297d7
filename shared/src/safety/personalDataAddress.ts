/**
 * Street addresses for the personal-data guard, in English and French (Canada, US): a civic number with a
 * street ("123 Main Street", "123, rue Saint-Denis", "4500 boul. René-Lévesque Ouest, app. 12"), a post
 * office box, "j'habite au 4520 Saint-Denis", and a full Canadian postal code (H2X 1Y4), which in Canada
 * points to one side of one street or one building. A postal district alone (H2X) and a US ZIP code alone
 * are not flagged: they are shared by thousands of people.
 */
import type { PersonalDataSpan } from './personalData.js';

const NUMBER = String.raw`(?<![\d\p{L}.,/-])\d{1,6}[A-Za-z]?(?:-\d{1,5}[A-Za-z]?)?`;
const UNIT = String.raw`(?:,?\s*(?:apt|apartment|unit|suite|ste|app|appartement|bureau|local|logement|#)\.?\s*#?\s*\d{1,5}[A-Za-z]?)`;
const DIRECTION = String.raw`(?:\s+(?:north|south|east|west|est|ouest|nord|sud|N|S|E|W|O|NE|NW|SE|SW)\b\.?)`;
/** A word of a street's name: a letter-led word, or a number ("5th", "10e"). */
const NAME_WORD = String.raw`(?:[\p{L}][\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th|e|er|re)?)`;
/** Words that never belong to a street's name: they mean the number counted something else. */
const NOT_NAME = new Set(
  `a an the of my your his her our their to in on at for and or with by from times time x mg mcg g kg ml l units unit u iu
  mmol mg/dl percent pills pill tablets days day weeks week months month years year hours hour minutes min mins km miles blocks
  steps carbs grams lbs pounds de du des la le les et ou avec pour dans sur par mes mon ma ses son sa fois jours semaines mois ans
  heures minutes unités comprimés pilules this that these those it its is was be been am are i me you we they he she him them
  so very just only about around over under more less than then when if but not no yes all some any each every other another
  much many few up down out off back again too also still even here there now today tonight tomorrow yesterday morning evening
  night kids people friends doctors nurses patients members ones times other others into onto across along through past`.split(/\s+/),
);

const EN_TYPES =
  'street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|crescent|cres|cr|way|place|pl|terrace|terr|circle|cir|highway|hwy|parkway|pkwy|trail|trl|square|sq|row|line|concession|sideroad|grove|heights|hts|mews|pike|alley|ridge';
/** Any case: "Rue", "rue", "RUE" (JavaScript has no inline case-insensitive group on Node 20). */
const anyCase = (words: string) => words.replace(/\p{L}/gu, (ch) => (ch.toLowerCase() === ch.toUpperCase() ? ch : `[${ch.toLowerCase()}${ch.toUpperCase()}]`));
/** Street types that are only ever street types: the name after them may be written in lower case. */
const FR_TYPES_PLAIN = anyCase('rue|avenue|boulevard|boul|chemin|rang|autoroute|impasse|ruelle');
/** Street types that are also common words ("2 place de parking"): the name after them must be capitalised. */
const FR_TYPES_WORDS = anyCase(
  'av|bd|blvd|ch|route|rte|rg|place|pl|côte|cote|montée|montee|allée|allee|promenade|prom|croissant|crois|terrasse|carré|carre|sentier|voie|quai|cours|square',
);

/** 123 Main Street · 12-345 Oak Ave N, apt 4 · 55 5th Avenue (the name words are checked in code). */
const EN_ADDRESS = new RegExp(
  String.raw`(?:(?:apt|apartment|unit|suite)\.?\s*#?\s*\d{1,5}[A-Za-z]?,?\s+)?${NUMBER},?\s+((?:${NAME_WORD}\s+){1,3})(?:${EN_TYPES})\b\.?${DIRECTION}?${UNIT}?`,
  'giu',
);
/** 123, rue Saint-Denis · 4500 boul. René-Lévesque Ouest, app. 12 · 10 chemin du Lac (a capitalised name after de/du/la). */
const FR_ADDRESS = new RegExp(
  String.raw`${NUMBER},?\s+(?:(?:${FR_TYPES_PLAIN})\b\.?\s+(?:(?:de\s+la|de|du|des|la|le|l'|d')\s*)?${NAME_WORD}|(?:${FR_TYPES_WORDS})\b\.?\s+(?:(?:de\s+la|de|du|des|la|le|l'|d')\s*)?[\p{Lu}\d][\p{L}'’.-]*)(?:[\s-]+(?:(?:de|du|des|la|le|l'|d')\s*)?[\p{Lu}\d][\p{L}'’.-]*){0,3}${DIRECTION}?${UNIT}?`,
  'gu',
);
/**
 * Québec usage without a street type: a hyphenated name whose parts are capitalised or linking words —
 * 4520 St-Denis, 1000 Ste-Catherine O., 3300 Côte-des-Neiges, 150 Chemin-du-Roy.
 */
const HYPHENATED_ADDRESS = new RegExp(
  String.raw`${NUMBER},?\s+(?:St|Ste|Saint|Sainte|[\p{Lu}][\p{L}'’]+)(?:-(?:[\p{Lu}][\p{L}'’]*|de|des|du|la|le|les|sur|en|aux|d'[\p{Lu}][\p{L}]*|l'[\p{Lu}][\p{L}]*)){1,4}${DIRECTION}?${UNIT}?`,
  'gu',
);
/** "I live at 45 Oak", "j'habite au 4520 Saint-Denis". */
const LIVE_AT = new RegExp(
  String.raw`\b(?:live at|living at|lives at|reside at|my address is|address:|habite au|habite à|habite a|demeure au|reste au|mon adresse est|adresse\s*:)\s+(${NUMBER},?\s+[\p{L}][\p{L}'’.-]+(?:[\s-][\p{Lu}][\p{L}'’.-]+){0,3})`,
  'giu',
);
const PO_BOX = /\b(?:p\.?\s?o\.?\s?box|post office box|c\.p\.|case postale|bo[iî]te postale)\s*#?\s*\d{1,6}\b/giu;
/** A full Canadian postal code: letter, digit, letter, digit, letter, digit (never D, F, I, O, Q, U). */
const POSTAL_CODE = /(?<![\p{L}\d])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][\s-]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\p{L}\d])/giu;

/** Street addresses, post office boxes and full postal codes in the text. */
export function findAddresses(text: string): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  const add = (start: number, end: number) => out.push({ kind: 'address', start, end });
  for (const m of text.matchAll(EN_ADDRESS)) {
    const words = m[1]!.trim().split(/\s+/);
    // One-letter words are not a street's name, except a direction before it ("4411 W 10th Ave").
    const oneLetter = (w: string, i: number) => w.length < 2 && !/\d/.test(w) && !(i === 0 && /^[nsewNSEW]$/.test(w));
    if (words.some((w, i) => NOT_NAME.has(w.toLowerCase()) || oneLetter(w, i))) continue;
    add(m.index, m.index + m[0].length);
  }
  for (const re of [FR_ADDRESS, HYPHENATED_ADDRESS]) for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length);
  if (/box|c\.p\.|postale/i.test(text)) for (const m of text.matchAll(PO_BOX)) add(m.index, m.index + m[0].length);
  const liveAt = /live|living|reside|address|adresse|habite|demeure|reste/i.test(text) ? text.matchAll(LIVE_AT) : [];
  for (const m of liveAt) {
    const start = m.index + m[0].length - m[1]!.length;
    add(start, m.index + m[0].length);
  }
  for (const m of text.matchAll(POSTAL_CODE)) add(m.index, m.index + m[0].length);
  return mergeNearby(out, text);
}

/**
 * One address often comes in parts ("123 rue Saint-Denis, Montréal (QC) H2X 1Y4"): parts close together in
 * the same sentence become one span.
 */
function mergeNearby(spans: PersonalDataSpan[], text: string): PersonalDataSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: PersonalDataSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end + 40 && /^[\s,\p{L}().'’-]*$/u.test(text.slice(last.end, span.start))) {
      last.end = Math.max(last.end, span.end);
    } else merged.push({ ...span });
  }
  return merged;
}
