import { describe, expect, it } from 'vitest';
import { loadCrisisSet, loadPersonalDataSet, measureCrisis, measurePersonalData } from '../safety/measure.js';

// The floors the detectors must keep on the labelled sets in tests/fixtures/safety (docs/safety.md):
// a regression in a pattern fails CI. `npm run measure:safety -- --errors` shows what went wrong.
describe('safety detectors on the labelled sets', () => {
  it.each(['en', 'fr'] as const)('crisis (%s): recall ≥ 0.95 at precision ≥ 0.90', (language) => {
    const set = loadCrisisSet(language);
    expect(set.length).toBeGreaterThanOrEqual(150);
    const report = measureCrisis(set);
    expect(report.score.recall, JSON.stringify(report.misses.map((e) => e.text))).toBeGreaterThanOrEqual(0.95);
    expect(report.score.precision, JSON.stringify(report.falseAlarms.map((e) => e.text))).toBeGreaterThanOrEqual(0.9);
  });

  it('crisis sets: a third of each are hard negatives', () => {
    for (const language of ['en', 'fr'] as const) {
      const set = loadCrisisSet(language);
      expect(set.filter((e) => !e.crisis).length / set.length).toBeGreaterThanOrEqual(0.3);
    }
  });

  it('personal data: recall ≥ 0.97 at precision ≥ 0.95, overall and for each kind', () => {
    const set = loadPersonalDataSet();
    expect(set.length).toBeGreaterThanOrEqual(300);
    const report = measurePersonalData(set);
    const errors = JSON.stringify(report.errors);
    expect(report.overall.recall, errors).toBeGreaterThanOrEqual(0.97);
    expect(report.overall.precision, errors).toBeGreaterThanOrEqual(0.95);
    for (const [kind, score] of Object.entries(report.byKind)) {
      expect(score.tp + score.fn, `${kind} has labelled examples`).toBeGreaterThan(10);
      expect(score.recall, `${kind}: ${errors}`).toBeGreaterThanOrEqual(0.9);
      expect(score.precision, `${kind}: ${errors}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
