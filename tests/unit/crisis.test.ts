import { describe, expect, it } from 'vitest';
import { detectCrisis } from '../../server/src/modules/moderation/detectors/crisis.js';

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
});
