/**
 * The server's catalogues are complete: French has every English key (and no other), each plural
 * key has every form its language's plural rules name, and the same parameters appear in both.
 * (fr.ts is also typed against en.ts, so most gaps fail typecheck first; this test says which key.)
 */
import { LOCALES, VALIDATION_KEYS } from '@circles/shared';
import { describe, expect, it } from 'vitest';
import { catalogues, translate } from '../../server/src/i18n/index.js';
import { catalogueProblems } from '../helpers/catalogues.js';

describe('server catalogues', () => {
  it('French and English hold the same keys, every plural form and the same parameters', () => {
    expect(catalogueProblems(catalogues)).toEqual([]);
  });

  it('hold a text for every schema problem the SPA and the server share', () => {
    for (const locale of LOCALES) {
      const keys = new Set(Object.keys(catalogues[locale]).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
      expect(VALIDATION_KEYS.filter((k) => !keys.has(k)), locale).toEqual([]);
    }
  });

  it('chooses plural forms by each language’s rules and formats numbers and dates in it', () => {
    expect(translate('en', 'messages.slowMode', { count: 1 })).toBe('This group is in slow mode: wait 1 second before your next message');
    expect(translate('fr', 'messages.slowMode', { count: 1 })).toBe('Ce groupe est en mode lent\u00a0: attendez 1 seconde avant votre prochain message');
    expect(translate('fr', 'messages.slowMode', { count: 30 })).toContain('attendez 30 secondes');
    expect(translate('fr', 'messages.slowMode', { count: 1_000_000 })).toContain('de secondes');
    expect(translate('fr', 'messages.muted', { until: new Date('2026-05-03T14:05:00Z') })).toContain('3 mai 2026');
  });

  it('translates texts given as parameters (a field problem inside a validation message)', () => {
    const problem = { key: 'validation.tooShort' as const, params: { count: 10 } };
    expect(translate('fr', 'validation.field', { field: 'body.password', problem })).toBe(
      'body.password\u00a0: doit contenir au moins 10 caractères',
    );
  });
});
