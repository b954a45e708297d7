/**
 * `npx tsx bench/profile.ts <file.cpuprofile> [top]` — where a profiled Circles process spent its time.
 * `npm run bench -- --profile` writes one profile per scenario to bench/results/profiles/.
 */
import { formatProfile, summarizeProfile } from './lib/profile.js';

const [file, top] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile.ts <file.cpuprofile> [top]');
  process.exit(2);
}
console.log(formatProfile(summarizeProfile(file, Number(top ?? 25))));
