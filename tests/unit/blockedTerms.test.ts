import { describe, expect, it } from 'vitest';
import { findBlockedTerm } from '../../shared/src/safety/blockedTerms.js';
import { medianCpuMs } from './cpuTime.js';

const terms = ['miracle cure', 'scam', 'ass'];

/** The matched text, or null: easier to read in a table than offsets. */
function matched(text: string, list: readonly string[] = terms): string | null {
  const m = findBlockedTerm(text, list);
  return m ? text.slice(m.start, m.end) : null;
}

describe('findBlockedTerm', () => {
  it.each([
    ['Try this MIRACLE CURE today', 'MIRACLE CURE'],
    ['total scam!', 'scam'],
    ['M I R A C L E - C U R E', 'M I R A C L E - C U R E'],
    ['buy the miracle.cure now', 'miracle.cure'],
    ['MIRACLE-CURE', 'MIRACLE-CURE'],
    ['miraclecure', 'miraclecure'],
    ['a miiiracle cuuure', 'miiiracle cuuure'],
    ['m1racle cur3', 'm1racle cur3'],
    ['this is a 5c4m', '5c4m'],
    ['what a $c@m', '$c@m'],
    ['SC0M? no: sc4m', 'sc4m'],
    ['mïrâclé cüre', 'mïrâclé cüre'],
    ['ＭＩＲＡＣＬＥ ＣＵＲＥ', 'ＭＩＲＡＣＬＥ ＣＵＲＥ'],
    ['mir\u200Bacle cu\u200Dre', 'mir\u200Bacle cu\u200Dre'],
    ['s.c.a.m', 's.c.a.m'],
    ['it is a s c a m', 's c a m'],
    ['miracle\ncure', 'miracle\ncure'],
    ['pure ass', 'ass'],
  ])('finds %j', (text, expected) => {
    expect(matched(text)).toBe(expected);
  });

  it.each([
    'I had scampi for dinner',
    'a first class seat',
    'c l a s s',
    'assess the risk',
    'a miracle cured nothing, patience did',
    'scamper off',
    'as soon as possible',
    'miracles cure nothing',
    '',
  ])('leaves %j alone', (text) => {
    expect(matched(text)).toBeNull();
  });

  it('gives the term as written, and offsets in UTF-16 code units of the text', () => {
    const text = '😀 ＳＣＡＭ here';
    const m = findBlockedTerm(text, ['Scam']);
    expect(m).toEqual({ term: 'Scam', start: 3, end: 7 });
    expect(text.slice(m!.start, m!.end)).toBe('ＳＣＡＭ');
  });

  it('reads 1 as i or l as the term needs', () => {
    expect(matched('1i1y', ['lily'])).toBe('1i1y');
    expect(matched('k1ll', ['kill'])).toBe('k1ll');
    expect(matched('111', ['ill'])).toBe('111');
  });

  it('a doubled letter in the term needs at least two (ass is not as)', () => {
    expect(matched('as far as I know')).toBeNull();
    expect(matched('asss')).toBe('asss');
  });

  it('keeps the first term in the order given, and ignores empty terms', () => {
    expect(findBlockedTerm('scam and miracle cure', ['  ', 'miracle cure', 'scam'])?.term).toBe('miracle cure');
    expect(findBlockedTerm('anything', [])).toBeNull();
  });

  it('matches a term made only of symbols literally', () => {
    expect(matched('buy now $$$', ['$$$'])).toBe('$$$');
  });

  it('handles accents in the term itself', () => {
    expect(matched('un remede miracle', ['remède miracle'])).toBe('remede miracle');
    expect(matched('UN REMÈDE MIRACLE', ['remede miracle'])).toBe('REMÈDE MIRACLE');
  });

  it('stays fast on a long text with many terms', () => {
    const text = 'word '.repeat(800);
    const many = Array.from({ length: 200 }, (_, i) => `term${i} phrase`);
    for (let i = 0; i < 20; i++) findBlockedTerm(text, many); // warm up the JIT
    // A 4,000-character post against 200 terms: about 1 ms of CPU; a quadratic slip would take hundreds.
    expect(medianCpuMs(() => findBlockedTerm(text, many))).toBeLessThan(40);
  });
});
