import { describe, expect, it } from 'vitest';
import { detectCrisis } from '../../server/src/modules/moderation/detectors/crisis.js';
import { medianCpuMs } from './cpuTime.js';

describe('detectCrisis', () => {
  it.each([
    ['I want to kill myself', 'suicide', 'en'],
    ['honestly kms', 'suicide', 'en'],
    ['thinking about how to unalive myself', 'suicide', 'en'],
    ['my dad hits me when he drinks', 'abuse', 'en'],
    ['I took all my insulin at once', 'overdose', 'en'],
    ['I started cutting myself again', 'self-harm', 'en'],
    ['my friend says she wants to kill herself, what do I do?', 'suicide', 'en'],
    ['je veux en finir', 'suicide', 'fr'],
    ['je veux mourir', 'suicide', 'fr'],
    ["j'ai envie de me tuer", 'suicide', 'fr'],
    ['il me frappe quand il boit', 'abuse', 'fr'],
    ["j'ai avalé toute la boîte de pilules", 'overdose', 'fr'],
  ])('flags %j', (text, category, language) => {
    expect(detectCrisis(text)).toEqual({ crisis: true, category, language });
  });

  it.each([
    ['this pump is killing it', 'en'],
    ["I'd die for a nap", 'en'],
    ['overdosed on coffee this morning', 'en'],
    ['these lows are killing me', 'en'],
    ['what is the overdose threshold for acetaminophen?', 'en'],
    ['I would never kill myself', 'en'],
    ['ce diabète me tue', 'fr'],
    ["j'ai hâte d'en finir avec ce traitement", 'fr'],
    ['je suis mort de rire', 'fr'],
  ])('leaves %j alone', (text, language) => {
    expect(detectCrisis(text)).toEqual({ crisis: false, language });
  });

  it('a figure of speech is not a crisis, but a real sign in the same post still is', () => {
    expect(detectCrisis('ce diabète me tue').crisis).toBe(false);
    expect(detectCrisis('ce diabète me tue, je veux en finir')).toEqual({ crisis: true, category: 'suicide', language: 'fr' });
  });

  it('a story clearly in the past does not count, unless it is back', () => {
    expect(detectCrisis("Ten years ago I tried to end my life. Today I'm grateful for every day.").crisis).toBe(false);
    expect(detectCrisis('Ten years ago I tried to end my life and I want to do it again').crisis).toBe(true);
  });

  it('signs that are weak alone add up', () => {
    expect(detectCrisis('I have a plan').crisis).toBe(false);
    expect(detectCrisis('I have a plan and I think tonight is the night').crisis).toBe(true);
  });

  it('reads look-alike digits, stretched letters and missing apostrophes', () => {
    expect(detectCrisis('i wanna diiie').crisis).toBe(true);
    expect(detectCrisis('su1c1dal again').crisis).toBe(true);
    expect(detectCrisis('i dont want to live anymore').crisis).toBe(true);
  });

  it('names the language even when nothing is found', () => {
    expect(detectCrisis('').language).toBe('en');
    expect(detectCrisis('Bonjour à tous, ma glycémie est stable').language).toBe('fr');
  });

  it('stays bounded on 4,000 characters of noise', () => {
    for (const text of ['a'.repeat(4000), 'my dad '.repeat(571), '1'.repeat(4000), 'kill '.repeat(800)]) {
      expect(medianCpuMs(() => detectCrisis(text), 3)).toBeLessThan(50);
    }
  });
});
