/**
 * `npm run measure:safety`: precision / recall / F1 of the crisis detector per language and of the
 * personal-data guard per kind on tests/fixtures/safety, and the cost of both checks per send.
 * `--errors` also lists every miss and false alarm.
 */
import { explainCrisis } from '../../server/src/modules/moderation/detectors/crisis.js';
import { findPersonalData } from '../../shared/src/safety/personalData.js';
import { loadCrisisSet, loadPersonalDataSet, measureCost, measureCrisis, measurePersonalData, type Score } from './measure.js';

const explain = process.argv.indexOf('--explain');
if (explain !== -1) {
  // `npm run measure:safety -- --explain "some text"`: which crisis rules and personal-data spans it sets off.
  const text = process.argv[explain + 1] ?? '';
  console.log(explainCrisis(text));
  console.log(findPersonalData(text).map((s) => ({ ...s, text: text.slice(s.start, s.end) })));
  process.exit(0);
}
const showErrors = process.argv.includes('--errors');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (label: string, s: Score) =>
  `${label.padEnd(14)} precision ${pct(s.precision).padStart(6)}  recall ${pct(s.recall).padStart(6)}  F1 ${pct(s.f1).padStart(6)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;

console.log('Crisis detector');
const texts: string[] = [];
for (const language of ['en', 'fr'] as const) {
  const set = loadCrisisSet(language);
  texts.push(...set.map((e) => e.text));
  const report = measureCrisis(set);
  const negatives = set.filter((e) => !e.crisis).length;
  console.log(`${line(language, report.score)}  ${set.length} sentences, ${negatives} not crises; category right ${pct(report.categoryAgreement)}`);
  if (showErrors) {
    for (const e of report.misses) console.log(`   missed      ${e.category}: ${e.text}`);
    for (const e of report.falseAlarms) console.log(`   false alarm ${e.text}`);
  }
}

console.log('\nPersonal-data guard');
const pdSet = loadPersonalDataSet();
texts.push(...pdSet.map((e) => e.text));
const pd = measurePersonalData(pdSet);
console.log(`${line('all kinds', pd.overall)}  ${pdSet.length} sentences, ${pdSet.filter((e) => e.spans.length === 0).length} without personal data; exact spans ${pct(pd.exactSpans)}`);
for (const [kind, s] of Object.entries(pd.byKind)) console.log(line(kind, s));
if (showErrors) {
  for (const e of pd.errors) console.log(`   ${JSON.stringify(e.text)}  missed [${e.missed.join(', ')}]  extra [${e.extra.join(', ')}]`);
}

const cost = measureCost(texts);
const ms = (p: { p50: number; p99: number; max: number }) => `p50 ${p.p50.toFixed(3)} ms, p99 ${p.p99.toFixed(3)} ms, max ${p.max.toFixed(3)} ms`;
console.log(`\nCost of both checks per send (crisis + personal data), ${cost.calls} calls over the sets:`);
console.log(`  CPU  ${ms(cost.cpu)}`);
console.log(`  wall ${ms(cost.wall)}`);
console.log('4,000-character worst case, 200 calls:');
console.log(`  CPU  ${ms(cost.worstCase.cpu)}`);
console.log(`  wall ${ms(cost.worstCase.wall)}`);
console.log(`(load average now ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores: wall times grow with it, CPU times do not)`);
